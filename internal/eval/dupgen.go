package eval

import (
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Edit names how a generated document was derived from its source.
type Edit string

// The edit types of the duplicate evaluation. The first five make copies
// (the pair belongs in one syndication group); EditPartial makes a
// different article that reuses some of the source's paragraphs.
const (
	EditWire    Edit = "wire-copy"     // headline changed, page furniture dropped and added, sign-off sometimes cut
	EditTrim    Edit = "trimmed"       // the first k of n paragraphs, k ≥ n/2 and at least half the words
	EditInsert  Edit = "inserts"       // one to three paragraphs of another article on the story inserted
	EditSpin    Edit = "synonym-spin"  // 15-30% of the words the synonym table knows swapped, sentences reordered
	EditShuffle Edit = "shuffled"      // sentence order shuffled across the article
	EditPartial Edit = "partial-reuse" // a minority of the source's paragraphs placed inside another real article
)

// Edits lists the edit types in report order.
var Edits = []Edit{EditWire, EditTrim, EditInsert, EditSpin, EditShuffle, EditPartial}

// Copy reports whether the edit leaves a copy of the source.
func (e Edit) Copy() bool { return e != EditPartial }

// derivation is one generated text. Changed and Eligible count, for the
// spin, the words swapped and the words the table could have swapped;
// Words counts all words.
type derivation struct {
	Paras                    []string
	Changed, Eligible, Words int
}

// Page furniture an outlet adds around wire copy (our own wording).
var (
	bylines     = []string{"By staff and wire reports", "From our wire services", "Compiled by the news desk"}
	kickers     = []string{"UPDATE 2-", "Breaking: ", "Latest: ", "WATCH: ", ""}
	boilerplate = []string{
		"Share this article", "Advertisement", "Read more: latest headlines from our newsroom",
		"Sign up for our morning briefing", "Follow us on social media for updates",
		"Copyright 2026. All rights reserved.", "Reporting by staff; editing by the news desk",
		"Click here to get the app and never miss a story",
	}
)

// synonyms is the spinner's table: what machine rewriters typically swap,
// country names for their long forms included. Keys in lower case match
// any capitalisation; capitalised keys are names and match only as such.
var synonyms = map[string][]string{
	"said": {"stated", "declared", "remarked"}, "says": {"states", "declares"}, "told": {"informed", "advised"},
	"people": {"individuals", "persons"}, "government": {"administration", "authorities"},
	"country": {"nation"}, "countries": {"nations"}, "big": {"large", "huge"}, "large": {"big", "sizeable"},
	"small": {"little", "minor"}, "new": {"fresh", "novel"}, "old": {"aged", "former"}, "first": {"initial"},
	"last": {"final", "previous"}, "help": {"assist", "aid"}, "helped": {"assisted", "aided"},
	"start": {"begin", "commence"}, "started": {"began", "commenced"}, "end": {"finish", "conclude"},
	"ended": {"finished", "concluded"}, "show": {"demonstrate", "display"}, "showed": {"demonstrated", "displayed"},
	"important": {"significant", "crucial"}, "many": {"numerous", "plenty of"}, "about": {"approximately", "around"},
	"also": {"additionally", "furthermore"}, "but": {"however", "yet"}, "because": {"since", "as"},
	"buy": {"purchase"}, "bought": {"purchased"}, "get": {"obtain", "receive"}, "got": {"obtained", "received"},
	"make": {"create", "produce"}, "made": {"created", "produced"}, "use": {"utilise", "employ"},
	"used": {"utilised", "employed"}, "need": {"require"}, "needs": {"requires"}, "want": {"desire", "wish"},
	"wanted": {"desired", "wished"}, "try": {"attempt"}, "tried": {"attempted"}, "think": {"believe"},
	"job": {"position", "role"}, "jobs": {"positions", "roles"}, "money": {"funds", "cash"},
	"city": {"town", "municipality"}, "leader": {"chief", "head"}, "leaders": {"chiefs", "heads"},
	"meeting": {"gathering", "session"}, "talks": {"discussions", "negotiations"}, "war": {"conflict"},
	"killed": {"slain"}, "attack": {"assault", "strike"}, "attacks": {"assaults", "strikes"},
	"report": {"account"}, "reports": {"accounts"}, "week": {"seven days"}, "month": {"four weeks"},
	"year": {"twelve months"}, "children": {"kids", "youngsters"}, "home": {"house", "residence"},
	"officials": {"authorities", "functionaries"}, "police": {"law enforcement", "officers"},
	"president": {"head of state"}, "company": {"firm", "business"}, "companies": {"firms", "businesses"},
	"increase": {"rise", "boost"}, "decrease": {"decline", "drop"}, "quickly": {"rapidly", "swiftly"},
	"before": {"prior to", "ahead of"}, "after": {"following", "subsequent to"}, "during": {"throughout", "amid"},
	"near": {"close to"}, "however": {"nevertheless", "nonetheless"}, "according": {"as per"},
	"announced": {"revealed", "unveiled"}, "expected": {"anticipated", "predicted"}, "plan": {"scheme", "proposal"},
	"several": {"various", "a number of"}, "while": {"whilst", "whereas"},
	"added": {"continued", "went on"}, "asked": {"questioned", "enquired"}, "began": {"started", "commenced"},
	"called": {"urged", "demanded"}, "came": {"arrived", "followed"}, "continue": {"carry on", "persist"},
	"could": {"might", "may"}, "despite": {"in spite of", "notwithstanding"}, "early": {"initial", "first"},
	"forces": {"troops", "units"}, "found": {"discovered", "located"}, "gave": {"provided", "handed"},
	"give": {"provide", "hand"}, "group": {"organisation", "body"}, "held": {"hosted", "conducted"},
	"high": {"elevated", "lofty"}, "including": {"among them", "such as"}, "known": {"recognised", "famed"},
	"left": {"departed", "exited"}, "likely": {"probable", "set"}, "long": {"lengthy", "extended"},
	"major": {"key", "main"}, "might": {"may", "could"}, "most": {"the majority of"}, "move": {"step", "measure"},
	"now": {"currently", "at present"}, "number": {"quantity", "figure"}, "only": {"merely", "just"},
	"part": {"portion", "share"}, "percent": {"per cent"}, "place": {"location", "site"},
	"recent": {"latest", "current"}, "region": {"area", "zone"}, "saying": {"stating", "noting"},
	"see": {"witness", "observe"}, "seen": {"witnessed", "observed"}, "should": {"ought to"},
	"still": {"nonetheless", "even now"}, "support": {"backing", "assistance"}, "take": {"seize", "grab"},
	"taken": {"seized", "grabbed"}, "took": {"seized", "grabbed"}, "until": {"till", "up to"},
	"went": {"headed", "travelled"}, "whether": {"if"}, "workers": {"employees", "staff"}, "world": {"globe", "planet"},
	"area": {"region", "zone"}, "way": {"manner", "method"}, "state": {"nation"}, "oil": {"petroleum", "crude"},
	"spill": {"leak", "discharge"}, "rebels": {"insurgents", "fighters"}, "protesters": {"demonstrators"},
	"troops": {"soldiers", "forces"}, "election": {"vote", "poll"}, "campaign": {"drive", "race"},
	"candidate": {"contender", "nominee"}, "voters": {"electors", "the electorate"}, "party": {"faction"},
	"economy": {"economic system"}, "banks": {"lenders", "financial institutions"}, "market": {"marketplace"},
	"prices": {"costs", "rates"}, "virus": {"bug", "pathogen"}, "hospital": {"medical centre", "clinic"},
	"statement": {"declaration", "communique"}, "spokesman": {"representative", "spokesperson"},
	"time": {"occasion", "period"}, "deal": {"agreement", "accord"}, "crisis": {"emergency", "turmoil"},
	"Russia": {"the Russian Federation"}, "US": {"United States of America"}, "UK": {"United Kingdom"},
	"America": {"the United States"}, "Britain": {"the United Kingdom", "Great Britain"},
	"Egypt": {"the Arab Republic of Egypt"}, "Libya": {"the Libyan state"}, "Iraq": {"the Republic of Iraq"},
	"Haiti": {"the Republic of Haiti"}, "China": {"the People's Republic of China"},
}

// spinWord finds words; the punctuation around them is kept.
var spinWord = regexp.MustCompile(`[A-Za-z]+`)

// spin replaces about rate of the words the table knows and says how
// many it swapped, how many it could have, and how many words there are.
func spin(p string, rate float64, r *rand.Rand) (out string, changed, eligible, words int) {
	out = spinWord.ReplaceAllStringFunc(p, func(w string) string {
		words++
		alts, ok := synonyms[w]
		lower := false
		if !ok {
			alts, ok = synonyms[strings.ToLower(w)]
			lower = ok
		}
		if !ok {
			return w
		}
		eligible++
		if r.Float64() >= rate {
			return w
		}
		changed++
		alt := alts[r.IntN(len(alts))]
		if first, _ := utf8.DecodeRuneInString(w); lower && unicode.IsUpper(first) {
			alt = strings.ToUpper(alt[:1]) + alt[1:] // "Officials said" → "Authorities said"
		}
		return alt
	})
	return out, changed, eligible, words
}

// sentenceEnd finds sentence boundaries well enough for shuffling.
var sentenceEnd = regexp.MustCompile(`[.!?]["”’)']?\s+`)

func sentences(p string) []string {
	var out []string
	last := 0
	for _, m := range sentenceEnd.FindAllStringIndex(p, -1) {
		out = append(out, strings.TrimSpace(p[last:m[1]]))
		last = m[1]
	}
	if rest := strings.TrimSpace(p[last:]); rest != "" {
		out = append(out, rest)
	}
	return out
}

func countWords(paras []string) int {
	n := 0
	for _, p := range paras {
		n += len(strings.Fields(p))
	}
	return n
}

// insertAt returns paras with each of add placed before the paragraph
// at the matching index of at (indices into paras, ascending).
func insertAt(paras, add []string, at []int) []string {
	out := make([]string, 0, len(paras)+len(add))
	j := 0
	for i, p := range paras {
		for j < len(add) && at[j] == i {
			out = append(out, add[j])
			j++
		}
		out = append(out, p)
	}
	return append(out, add[j:]...)
}

// randomSlots draws k ascending insertion points in 1..n (never before
// the lead paragraph).
func randomSlots(k, n int, r *rand.Rand) []int {
	at := make([]int, k)
	for i := range at {
		at[i] = 1 + r.IntN(max(1, n))
	}
	slices.Sort(at)
	return at
}

// derive makes one edited document from src. foreign is another real
// article, preferably on the same story and never indexed itself: the
// source of inserted paragraphs, and the host of partial reuse.
// spinRate is the mean share of eligible words the spin swaps; each
// document draws its rate from ±1/3 around it (0.15-0.30 at 0.225).
func derive(e Edit, src, foreign sourceDoc, spinRate float64, r *rand.Rand) derivation {
	n := len(src.Paras)
	paras := slices.Clone(src.Paras)
	var d derivation
	switch e {
	case EditWire:
		// The headline is replaced (PolNeAR) or added: a kicker and the
		// first words of the lead, as a wire client's web desk writes it.
		body := paras
		if src.Titled {
			body = paras[1:]
		}
		words := strings.Fields(body[0])
		head := kickers[r.IntN(len(kickers))] + strings.Join(words[:min(8, len(words))], " ")
		out := []string{head, bylines[r.IntN(len(bylines))]}
		for i, p := range body {
			// The source's own furniture (short lines) is dropped half the time.
			if i > 0 && len(strings.Fields(p)) < 6 && r.IntN(2) == 0 {
				continue
			}
			out = append(out, p)
		}
		if r.IntN(2) == 0 && len(out) > 6 {
			out = out[:len(out)-1] // the sign-off or last paragraph cut
		}
		extra := r.Perm(len(boilerplate))[:2+r.IntN(2)]
		mid := 2 + r.IntN(max(1, len(out)-2))
		out = slices.Insert(out, mid, boilerplate[extra[0]])
		for _, i := range extra[1:] {
			out = append(out, boilerplate[i])
		}
		d.Paras = out
	case EditTrim:
		// k ≥ n/2 paragraphs that also keep at least half the words, and at
		// least one paragraph cut: a trimmed copy, not an excerpt.
		k := (n+1)/2 + r.IntN(max(1, n-(n+1)/2))
		half := (countWords(paras) + 1) / 2
		for k < n-1 && countWords(paras[:k]) < half {
			k++
		}
		d.Paras = paras[:min(k, n-1)]
	case EditInsert:
		// One to three foreign paragraphs of 8 words or more, adding at
		// most a third of the source's length: the outlet's own context.
		budget := countWords(paras) / 3
		var add []string
		for _, i := range r.Perm(len(foreign.Paras)) {
			w := len(strings.Fields(foreign.Paras[i]))
			if w >= 8 && w <= budget && len(add) < 1+r.IntN(3) {
				add = append(add, foreign.Paras[i])
				budget -= w
			}
		}
		if len(add) == 0 {
			add = append(add, shortestParagraph(foreign.Paras))
		}
		d.Paras = insertAt(paras, add, randomSlots(len(add), n, r))
	case EditSpin:
		rate := spinRate * (2 + 2*r.Float64()) / 3
		for i := range paras {
			var c, el, w int
			paras[i], c, el, w = spin(paras[i], rate, r)
			d.Changed, d.Eligible, d.Words = d.Changed+c, d.Eligible+el, d.Words+w
			ss := sentences(paras[i])
			r.Shuffle(len(ss), func(a, b int) { ss[a], ss[b] = ss[b], ss[a] })
			paras[i] = strings.Join(ss, " ")
		}
		d.Paras = paras
	case EditShuffle:
		var all []string
		sizes := make([]int, n)
		for i, p := range paras {
			ss := sentences(p)
			sizes[i] = len(ss)
			all = append(all, ss...)
		}
		r.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
		out := make([]string, 0, n)
		for _, sz := range sizes {
			out = append(out, strings.Join(all[:sz], " "))
			all = all[sz:]
		}
		d.Paras = out
	case EditPartial:
		d.Paras = partial(src, foreign, r)
	}
	if d.Words == 0 {
		d.Words = countWords(d.Paras)
	}
	return d
}

// partial reuses k of the source's paragraphs (k up to n/3, each of at
// least 8 words) inside host, scattered between its paragraphs. The reused
// words stay below 40% of the source and half of the host, so that the
// result is neither a copy of the source nor mostly made of it: what an
// article quoting a few wire paragraphs looks like.
func partial(src, host sourceDoc, r *rand.Rand) []string {
	budget := min(countWords(src.Paras)*2/5, countWords(host.Paras)/2)
	want := 1 + r.IntN(max(1, len(src.Paras)/3))
	var pick []int
	for _, i := range r.Perm(len(src.Paras)) {
		w := len(strings.Fields(src.Paras[i]))
		if len(pick) < want && w >= 8 && w <= budget {
			pick = append(pick, i)
			budget -= w
		}
	}
	var reused []string
	if len(pick) == 0 {
		reused = []string{shortestParagraph(src.Paras)}
	} else {
		slices.Sort(pick)
		for _, i := range pick {
			reused = append(reused, src.Paras[i])
		}
	}
	return insertAt(slices.Clone(host.Paras), reused, randomSlots(len(reused), len(host.Paras), r))
}

// shortestParagraph is the fallback when every paragraph is over budget:
// the shortest one of at least 8 words (or the first).
func shortestParagraph(paras []string) string {
	best, bw := paras[0], -1
	for _, p := range paras {
		if w := len(strings.Fields(p)); w >= 8 && (bw < 0 || w < bw) {
			best, bw = p, w
		}
	}
	return best
}
