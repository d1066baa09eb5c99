package eval

import (
	"math/rand/v2"
	"regexp"
	"strings"
)

// Edit names how a generated document was derived from its source.
type Edit string

// The edit types of the duplicate evaluation. The first five make copies
// (the pair belongs in one syndication group); EditPartial makes a
// different article that reuses some of the source's paragraphs.
const (
	EditWire    Edit = "wire-copy"     // new headline, boilerplate lines added, last paragraph sometimes dropped
	EditTrim    Edit = "trimmed"       // the first k of n paragraphs, k ≥ n/2
	EditInsert  Edit = "inserts"       // one or two foreign paragraphs inserted
	EditSpin    Edit = "synonym-spin"  // about a quarter of replaceable words swapped for synonyms
	EditShuffle Edit = "shuffled"      // sentence order shuffled across the article
	EditPartial Edit = "partial-reuse" // k of n paragraphs placed inside another real article
)

// Edits lists the edit types in report order.
var Edits = []Edit{EditWire, EditTrim, EditInsert, EditSpin, EditShuffle, EditPartial}

// Copy reports whether the edit leaves a copy of the source.
func (e Edit) Copy() bool { return e != EditPartial }

var boilerplate = []string{
	"Share this article", "Advertisement", "Read more: latest headlines from our newsroom",
	"Sign up for our morning briefing", "Follow us on social media for updates",
	"Copyright 2026. All rights reserved.", "Reporting by staff; editing by the news desk",
}

// synonyms is the spinner's table: what machine rewriters typically swap.
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
	"Russia": {"the Russian Federation"}, "US": {"United States of America"}, "UK": {"United Kingdom"},
	"America": {"the United States"}, "Britain": {"the United Kingdom"},
}

// spinWord keeps the punctuation around a word while swapping it.
var spinWord = regexp.MustCompile(`[A-Za-z]+`)

// spin replaces about rate of the words the table knows.
func spin(p string, rate float64, r *rand.Rand) string {
	return spinWord.ReplaceAllStringFunc(p, func(w string) string {
		alts, ok := synonyms[w]
		if !ok {
			alts, ok = synonyms[strings.ToLower(w)]
		}
		if !ok || r.Float64() >= rate {
			return w
		}
		return alts[r.IntN(len(alts))]
	})
}

// sentenceEnd finds sentence boundaries well enough for shuffling.
var sentenceEnd = regexp.MustCompile(`[.!?]["”’)]?\s+`)

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

// derive makes one edited document from src; other is a second real
// article used for inserts and as the host of partial reuse.
func derive(e Edit, src, other sourceDoc, r *rand.Rand) []string {
	n := len(src.Paras)
	paras := append([]string(nil), src.Paras...)
	switch e {
	case EditWire:
		words := strings.Fields(paras[0])
		head := "UPDATE: " + strings.Join(words[:min(9, len(words))], " ")
		if r.IntN(2) == 0 && n > 5 {
			paras = paras[:n-1]
		}
		out := []string{head}
		out = append(out, paras...)
		for _, i := range r.Perm(len(boilerplate))[:3] {
			out = append(out, boilerplate[i])
		}
		return out
	case EditTrim:
		k := (n+1)/2 + r.IntN(max(1, n-(n+1)/2))
		return paras[:min(k, n-1)]
	case EditInsert:
		for i := 0; i < 1+r.IntN(2); i++ {
			at := 1 + r.IntN(len(paras)-1)
			ins := other.Paras[r.IntN(len(other.Paras))]
			paras = append(paras[:at], append([]string{ins}, paras[at:]...)...)
		}
		return paras
	case EditSpin:
		for i := range paras {
			paras[i] = spin(paras[i], 0.25, r)
		}
		return paras
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
		return out
	case EditPartial:
		k := max(2, n/3)
		start := r.IntN(n - k + 1)
		host := append([]string(nil), other.Paras...)
		at := 1 + r.IntN(len(host)-1)
		return append(host[:at], append(append([]string(nil), src.Paras[start:start+k]...), host[at:]...)...)
	}
	return paras
}
