package dedup

import (
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// The test articles below are original writing about invented places and
// events. Each is a list of paragraphs; the first is the headline.

var ferry = []string{
	"Storm damage halts Velmora island ferry for at least three weeks",
	"The ferry linking Velmora harbour with the island of Teskholm will not sail for at least three weeks after Saturday's storm tore a forty-metre section from the main pier. Harbour master Ilse Varrow said engineers found cracked pilings beneath the loading ramp on Sunday morning.",
	"About eleven hundred residents of Teskholm depend on the crossing for work, school and medical appointments. The regional council has chartered two small passenger boats from a fishing cooperative to run a reduced timetable from Tuesday.",
	"Vehicles cannot be carried on the replacement boats, and freight for the island's two shops will be landed by a barge twice a week. Shop owner Mattis Gruen said he had already ordered extra tinned food and flour in case the barge is delayed by bad weather.",
	"The pier was built in 1962 and last renovated eighteen years ago, when the council replaced its timber deck with concrete slabs. A survey commissioned two years ago warned that several pilings showed signs of corrosion and recommended a full inspection within five years.",
	"Council leader Petra Olsund said the repair would be paid from the emergency reserve and that no islander would be charged for the replacement service. She promised weekly updates on the council website and a public meeting in the Teskholm village hall next Thursday.",
	"The ferry operator, Nordvik Lines, said its vessel was undamaged and its crew would be redeployed to help with the temporary boats. Passengers holding season tickets will receive a refund for every day the regular service is suspended.",
	"Forecasters expect calmer weather later this week, which should allow divers to inspect the remaining pilings more closely. Engineers will then decide whether the damaged section can be patched or must be rebuilt from the seabed.",
}

// ferryOther covers the same event as ferry, written independently: same
// places and facts, different words. It must not be linked to ferry.
var ferryOther = []string{
	"Islanders face weeks without car ferry after pier collapse",
	"Residents of Teskholm are preparing for a long spell without their car ferry, after high winds on Saturday wrecked part of the pier in Velmora that the boat uses. Officials expect the service to resume in about three weeks, though they warned that the date could slip.",
	"Two chartered fishing boats will carry foot passengers from Tuesday, running four return trips a day instead of the usual ten. Anyone needing to move a car or a van off the island has been told to wait.",
	"Many commuters said the cut in sailings would make it hard to keep their jobs on the mainland. A nurse who works night shifts in Velmora said she would stay with relatives in town until the regular timetable returns.",
	"Critics on the council pointed to an engineering report from two years ago that had flagged rust in the supports of the old structure. They asked why the recommended inspection had been postponed twice.",
	"The council says it will cover the repair bill from reserves and publish progress reports every week. A meeting for residents is planned on the island next Thursday evening.",
}

var concert = []string{
	"Kestrelford concert hall reopens after four-year restoration",
	"The Marlowe Hall in Kestrelford reopened on Friday evening with a sold-out performance by the city's youth orchestra, four years after a fire closed the building. Conductors from three neighbouring towns joined the audience to hear the restored organ played in public for the first time.",
	"Restoration cost nineteen million crowns, most of it raised through a public appeal that drew donations from more than forty thousand households. Architects kept the original oak balconies but replaced the roof with a lighter steel frame.",
	"The hall's director, Annika Brandt, said the new acoustic panels had been tuned using recordings made before the fire. Musicians who rehearsed there this week described the sound as warmer and clearer than they remembered.",
	"Tickets for the autumn season go on sale next month, with a quarter of seats reserved at reduced prices for students and pensioners. The programme includes two new works commissioned from local composers.",
}

var apples = []string{
	"Warm spring brings early apple harvest in Dunmarsh valley",
	"Growers in the Dunmarsh valley began picking apples almost three weeks earlier than usual this year, after the warmest spring recorded at the local weather station. The cooperative that buys most of the crop said the fruit was smaller but unusually sweet.",
	"Seasonal workers who normally arrive in late August were asked to come at the start of the month, and several farms struggled to find enough pickers. One grower said she had recruited students from the agricultural college to fill the gaps.",
	"Cider makers welcomed the high sugar content, which they said would produce a stronger and fuller drink. Supermarkets have agreed to take the smaller fruit at the usual price after the cooperative promised larger volumes.",
	"Scientists at the valley's research orchard warned that early blossoming leaves trees exposed to late frosts. They are testing later-flowering varieties that could protect future harvests against sudden cold nights.",
}

var bikes = []string{
	"Orlaine lends electric bikes like library books",
	"Residents of Orlaine can now borrow an electric bicycle for up to two weeks with nothing more than a library card, under a scheme launched by the city on Monday. Two hundred bikes are available from six branch libraries across the city.",
	"The city transport office hopes the loans will persuade commuters to leave their cars at home for short trips. Officials said a similar trial last summer cut car journeys among participants by almost a third.",
	"Borrowers must complete a short safety course before their first loan, and helmets are provided free of charge. Librarians have been trained to carry out basic checks on brakes, lights and batteries when the bikes are returned.",
	"The scheme is funded for three years from a regional climate grant, after which the council will decide whether to extend it. Local bike shops said they expected more customers to buy their own electric bikes after trying one for free.",
}

// harbours is a different story that runs paragraphs 2 and 4 of ferry
// verbatim and paragraph 5 lightly edited, as outlets do with wire copy.
var harbours = []string{
	"Regional council debates spending on ageing harbours",
	"Members of the regional council spent most of Wednesday arguing over how much to spend on the province's ageing harbours, after a week of storms damaged several of them. The finance committee proposed doubling the maintenance budget over the next four years.",
	ferry[2],
	"Opposition members said the proposal came too late and accused the governing coalition of ignoring warnings for years. They called for an independent review of every pier and breakwater owned by the province.",
	ferry[4],
	"Council leader Petra Olsund told members the repair in Velmora would be paid from the emergency reserve and that no islander would be charged for the replacement service. She also promised weekly updates on the council website and a public meeting in the Teskholm village hall next Thursday.",
	"A final vote on the budget is expected before the end of the month. Harbour towns along the northern coast have asked to be heard before the decision is taken.",
}

// spin replaces words with synonyms the way article spinners do.
var spin = strings.NewReplacer(
	"ferry", "boat service", "storm", "gale", "damage", "harm", "residents", "inhabitants",
	"council", "authority", "engineers", "technicians", "found", "discovered", "cracked", "broken",
	"small", "little", "reduced", "shortened", "Vehicles", "Cars", "freight", "cargo",
	"ordered", "bought", "extra", "additional", "built", "constructed", "warned", "cautioned",
	"several", "numerous", "repair", "fix", "promised", "pledged", "weekly", "regular",
	"vessel", "ship", "undamaged", "unharmed", "receive", "get", "expect", "anticipate",
	"calmer", "quieter", "inspect", "examine", "decide", "determine", "rebuilt", "reconstructed",
	"island", "isle", "meeting", "gathering", "boats", "craft", "passenger", "commuter",
	"main", "principal", "section", "portion", "remaining", "other", "closely", "carefully",
	"appointments", "visits", "shops", "stores", "food", "groceries", "weather", "conditions",
	"signs", "evidence", "paid", "funded", "charged", "billed", "crew", "staff",
	"tickets", "passes", "refund", "repayment", "sail", "run", "tore", "ripped",
)

// article joins paragraphs with blank lines and returns the paragraph spans.
func article(id string, paras []string) Doc {
	var b strings.Builder
	var ps []news.Paragraph
	for i, p := range paras {
		if i > 0 {
			b.WriteString("\n\n")
		}
		ps = append(ps, news.Paragraph{Span: news.Span{Start: b.Len(), End: b.Len() + len(p)}})
		b.WriteString(p)
	}
	return Doc{ID: id, Text: b.String(), Paragraphs: ps}
}

var sentenceEnd = regexp.MustCompile(`[.!?]\s+`)

// sentencesOf splits a paragraph written for these tests, whose sentences
// all end in a full stop followed by a space.
func sentencesOf(p string) []string {
	var out []string
	last := 0
	for _, m := range sentenceEnd.FindAllStringIndex(p, -1) {
		out = append(out, p[last:m[0]+1])
		last = m[1]
	}
	if last < len(p) {
		out = append(out, p[last:])
	}
	return out
}

// synthetic generates an article of about n words from a fixed pseudo-word
// vocabulary with a Zipf-like distribution, deterministic for a seed.
func synthetic(id string, seed uint64, n int) Doc {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	var paras []string
	words := 0
	for words < n {
		var p []string
		for range 2 + r.IntN(3) {
			k := 12 + r.IntN(18)
			ws := make([]string, k)
			for i := range ws {
				ws[i] = vocab[zipf(r)]
			}
			ws[0] = strings.ToUpper(ws[0][:1]) + ws[0][1:]
			p = append(p, strings.Join(ws, " ")+".")
			words += k
		}
		paras = append(paras, strings.Join(p, " "))
	}
	d := article(id, paras)
	d.Published = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(seed) * time.Minute)
	return d
}

// vocab is 20,000 pseudo-words built from syllables, led by real function
// words so that, as in prose, the most frequent words are stop words:
// synthetic text has news-like word frequencies without copying anyone's
// text.
var vocab = func() []string {
	syl := []string{"ka", "lo", "mi", "te", "va", "su", "de", "ro", "ne", "pa", "is", "or", "tu", "be", "gra", "en", "sho", "ly", "mar", "qu"}
	out := strings.Fields(`the of and to a in that is was for on with as by at from he it his said be have
		are were which this but not they who has had an or been their its will would after about`)
	out = slices.Grow(out, 20000)
	for i := 0; len(out) < 20000; i++ {
		w := ""
		for x := i + 1; x > 0; x /= len(syl) {
			w += syl[x%len(syl)]
		}
		out = append(out, w)
	}
	return out
}()

// zipf draws a vocabulary index skewed towards the first (shortest)
// words, as word frequencies in prose are; the fourth power gives about
// 4.7 letters a word, the English average.
func zipf(r *rand.Rand) int {
	return min(int(float64(len(vocab))*pow(r.Float64(), 4)), len(vocab)-1)
}

func pow(x float64, k int) float64 {
	v := 1.0
	for range k {
		v *= x
	}
	return v
}
