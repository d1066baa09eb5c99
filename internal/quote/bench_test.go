package quote

import (
	"bytes"
	"runtime"
	"strings"
	"testing"
)

// benchArticle is invented news prose of about 680 words: quotations
// with the speaker before, after and inside, reported speech, "according
// to", and paragraphs with nothing attributed.
func benchArticle() string {
	paras := []string{
		"The regional council voted on Thursday to close the old ferry crossing at Nordvik once the new bridge opens, ending a service that has run for more than ninety years.",
		"“This is the day the valley has been waiting for,” said Ana Lindqvist, the mayor of Nordvik, after the vote. “Nobody will miss standing in the rain for the last boat.”",
		"The bridge, which cost about 40 million euros, was due to open last spring, but the builders found cracks in two of its piers and the work was halted for four months.",
		"Tomas Berg, who leads the construction company, told reporters that the repairs were nearly finished and that the first cars would cross in May.",
		"According to the council's own figures, about 2,300 vehicles a day use the ferry in summer, and fewer than half that number in winter, when storms often stop the crossings.",
		"Not everyone is pleased. Fishermen in the harbour say the bridge is too low for the larger boats and fear they will have to sail around the headland to reach the open sea.",
		"“We were promised a bridge that would not change our lives, and now we will lose an hour each way,” said Per Olsen, who has fished from Nordvik for thirty years.",
		"A spokeswoman for the regional transport office said the height of the bridge had been agreed with the harbour board in 2019 and could not be changed now.",
		"The ferry company, which employs 42 people, has said it will try to find work for its crews on other routes along the coast, but it warned that some jobs would go.",
		"“It is a sad day for us, but we understood it would come,” the company's chief executive, Marit Dahl, said in a statement. “Our captains have carried the valley for generations.”",
		"Opposition members of the council argued that the ferry should keep running for at least a year after the bridge opens, in case of further problems with the piers.",
		"Lindqvist rejected that idea. She said keeping two crossings open would cost the council money it did not have, and that engineers had checked the piers three times.",
		"Engineers from the national roads agency believe the repairs will hold, according to a report published last week, although they recommended new checks every six months.",
		"Residents who spoke to the local newspaper were divided. Some welcomed the shorter journey to the hospital in the town across the fjord; others worried about traffic.",
		"“My children will be able to cycle to school,” said Ingrid Holm, a teacher. “That alone makes it worth it.”",
		"The last ferry is expected to sail on the evening before the bridge opens, and the council plans a small ceremony at the harbour, with music and a speech by the mayor.",
		"Berg said his workers would stay until the final inspection. “We want to hand over a bridge that nobody has to worry about,” he said.",
		"The old ferry itself may not go far: a museum in the county town has asked to keep it as an exhibit, a council official said, speaking on condition of anonymity.",
		"Shopkeepers on the harbour front expect fewer visitors once drivers no longer wait for the boat. Several of them have asked the council for help with new signs on the main road.",
		"“People stopped here because they had to,” said Jonas Ek, who runs a bakery by the slipway. “Now they will drive straight past, and I cannot blame them.”",
		"The council's finance committee said it would consider a small grant for the harbour businesses in its autumn budget, but gave no figure.",
		"Lindqvist said she hoped the bridge would bring new families to the valley, where the school has lost a third of its pupils in a decade.",
		"Work on a cycle path along the bridge is due to start next year. Its designers say it will be lit at night and wide enough for two bicycles to pass.",
	}
	return strings.Join(paras, "\n\n")
}

// BenchmarkExtract measures Extract on one news-length article; the
// articles/s figure is held to 2,000 per core.
func BenchmarkExtract(b *testing.B) {
	text := benchArticle()
	Default()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Extract(text)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(len(strings.Fields(text))), "words")
}

// BenchmarkLoad decodes the embedded model; heap-MB is what one loaded
// model keeps live.
func BenchmarkLoad(b *testing.B) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	m, err := Load(bytes.NewReader(embedded))
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(m)
	for b.Loop() {
		if _, err := Load(bytes.NewReader(embedded)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/1e6, "heap-MB")
}
