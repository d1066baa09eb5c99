package timex

import (
	"testing"
	"time"
)

// benchArticle is an invented wire story of about 600 words, denser in
// dates than real news, so the benchmark errs on the slow side.
const benchArticle = `GENEVA (Wire) - Diplomats from the two rival blocs said on Wednesday they would return to the negotiating table on Friday, after talks collapsed last week over the timing of a ceasefire that was first proposed in March 2011.

The envoy, who arrived in Geneva late Tuesday, told reporters that a draft agreement could be signed by the end of the month, and that a planned Jan. 1 truce remained the goal. "We have been working on this for years, and the past two months have been the hardest," he said at a news conference at 10:30 a.m. local time.

Fighting has intensified in recent weeks. Monitors counted more than 40 attacks over the weekend, up from about a dozen a week earlier this month. On Monday, rebels shelled the northern city for nearly six hours, and government forces responded overnight with air strikes, officials said yesterday.

The conflict, now in its fifth year, has killed tens of thousands of people since the uprising began on March 15, 2011. About three million people have fled the country, most of them in the first half of 2013, according to figures published on Dec. 4. Aid agencies say they need $2 billion a year to feed the displaced, and warn that the winter will be the worst since the 1990s.

The third round of talks, originally scheduled for Nov. 24, was postponed twice. A meeting in Vienna last month set a six-month deadline for a transitional government and called for elections within 18 months. Ministers will meet again next Monday, and a follow-up session is penciled in for mid-January.

Economic damage is mounting. The central bank said the economy shrank 4 percent in the third quarter, after contracting in each of the two previous quarters, and it expects a further decline in the fourth quarter. Inflation reached 30 percent in October, the highest since fiscal 1998. Exports fell by half in the nine months to September, and the currency has lost a third of its value this year.

"Every day that passes costs lives," a United Nations spokeswoman said on Thursday. She said convoys had reached two besieged towns earlier this week for the first time since last spring, and that further deliveries were planned for the coming days. The agency delivers food weekly to about 400,000 people and hopes to double that by early next year.

Opposition leaders, who met in Riyadh on Dec. 9 and 10, agreed to form a single negotiating team two days later. They said the team would travel to Geneva on Thursday evening and stay until Sunday, Dec. 20. A spokesman added that the group had held more than 30 meetings since the summer of 2014.

Analysts were skeptical. "We have seen this before, in 2012, in 2014, and again a year ago," said a researcher who has followed the talks for a decade. "Each time the parties agreed to meet within weeks, and each time the talks broke down within days." She noted that a similar deal signed on 30 June 2012 lasted less than a month.

The last ceasefire, agreed on Feb. 12 last year, held for three weeks before it collapsed in early March. Since then, both sides have rearmed, and the front lines have barely moved in the past 12 months.

Still, some diplomats see reasons for hope. The envoy said the two sides had exchanged prisoners on Saturday for the first time in 2015, and that a joint committee would begin work tomorrow morning. "The next 48 hours will be decisive," he said. "By Christmas, we will know whether this process is real."

Talks are expected to last at least a week. A final statement is due on Dec. 23, and the envoy plans to brief the Security Council in New York the following day.`

// BenchmarkTag tags the invented article; articles/s is the figure the
// package is held to (at least 5,000 per core).
func BenchmarkTag(b *testing.B) {
	anchor := time.Date(2015, 12, 16, 0, 0, 0, 0, time.UTC)
	b.SetBytes(int64(len(benchArticle)))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n += len(Tag(benchArticle, anchor))
	}
	if n == 0 {
		b.Fatal("no expressions found")
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkSentences measures the sentence split with the dates.
func BenchmarkSentences(b *testing.B) {
	anchor := time.Date(2015, 12, 16, 0, 0, 0, 0, time.UTC)
	exprs := Tag(benchArticle, anchor)
	b.ReportAllocs()
	for b.Loop() {
		Sentences(benchArticle, exprs)
	}
}
