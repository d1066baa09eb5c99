package timex

// Grammar bits: which grammars can start at a token. Indexes follow
// the grammars slice.
const (
	bNumeric = 1 << iota
	bMonthDate
	bDayMonth
	bYear
	bWeekday
	bQuarter
	bSeason
	bHoliday
	bDeictic
	bRelative
	bQuantity
	bSet
	bClock
	bPosition
)

// grammars are tried in this order; the bit of each is 1 << its index.
var grammars []func(*tagger, int) (match, bool)

func init() {
	grammars = []func(*tagger, int) (match, bool){
		(*tagger).matchNumericDate,
		(*tagger).matchMonthDate,
		(*tagger).matchDayMonth,
		(*tagger).matchYear,
		(*tagger).matchWeekday,
		(*tagger).matchQuarter,
		(*tagger).matchSeason,
		(*tagger).matchHoliday,
		(*tagger).matchDeictic,
		(*tagger).matchRelative,
		(*tagger).matchQuantity,
		(*tagger).matchSet,
		(*tagger).matchClock,
		(*tagger).matchPosition,
	}
}

// numMask is what a number token can start.
const numMask = bNumeric | bDayMonth | bYear | bQuantity | bClock

// startMask returns the grammars worth trying at token i: most tokens
// start none, and the common ones ("the", "a") only before a word the
// lexicon knows.
func startMask(toks []token, i int) uint32 {
	t := &toks[i]
	switch t.kind {
	case kNum:
		// a count before an unknown word ("40 attacks") starts nothing; a
		// four-digit number may be a year on its own ("1990 and beyond")
		if t.e-t.s != 4 && i+1 < len(toks) && toks[i+1].sp && toks[i+1].kind == kWord && toks[i+1].w == nil {
			return 0
		}
		return numMask
	case kWord:
		if t.w == nil {
			return 0
		}
		if t.w.lead && i+1 < len(toks) && toks[i+1].kind == kWord && toks[i+1].w == nil {
			return 0
		}
		return t.w.mask
	case kPunct:
		if t.low == "'" {
			return bYear
		}
	}
	return 0
}

// startWords lists the grammars each opening word can start, besides
// what its lexical class implies (see setMasks).
var startWords = map[string]uint32{
	"the":      bDayMonth | bYear | bQuarter | bSeason | bDeictic | bRelative | bQuantity | bPosition,
	"this":     bWeekday | bQuarter | bSeason | bDeictic | bRelative,
	"last":     bWeekday | bQuarter | bSeason | bDeictic | bRelative | bQuantity,
	"next":     bWeekday | bQuarter | bSeason | bRelative | bQuantity,
	"past":     bWeekday | bSeason | bRelative | bQuantity,
	"coming":   bWeekday | bSeason | bRelative | bQuantity,
	"current":  bDeictic | bRelative,
	"previous": bRelative | bQuantity, "prior": bRelative, "preceding": bRelative | bQuantity,
	"following": bRelative | bQuantity, "latest": bRelative | bQuantity, "most": bRelative,
	"same": bRelative, "that": bRelative, "comparable": bRelative, "year": bYear | bPosition | bRelative,
	"fiscal": bYear | bQuarter, "q": bQuarter, "final": bQuarter | bQuantity,
	"today": bDeictic, "yesterday": bDeictic, "tomorrow": bDeictic, "tonight": bDeictic, "now": bDeictic,
	"currently": bDeictic, "nowadays": bDeictic, "presently": bDeictic, "recently": bDeictic,
	"lately": bDeictic, "soon": bDeictic, "recent": bDeictic | bQuantity, "these": bDeictic,
	"end": bPosition, "beginning": bPosition, "start": bPosition, "middle": bPosition,
	"earlier": bPosition, "later": bPosition, "early": bPosition, "late": bPosition, "mid": bPosition,
	"more": bQuantity, "less": bQuantity, "fewer": bQuantity, "at": bQuantity, "up": bQuantity,
	"no": bQuantity, "just": bQuantity, "well": bQuantity, "upwards": bQuantity, "close": bQuantity,
	"about": bQuantity | bPosition, "around": bQuantity | bPosition, "roughly": bQuantity | bPosition,
	"approximately": bQuantity | bPosition,
	"nearly":        bQuantity, "almost": bQuantity, "over": bQuantity, "under": bQuantity, "some": bQuantity,
	"first": bQuantity, "its": bQuantity, "their": bQuantity, "his": bQuantity, "her": bQuantity, "ensuing": bQuantity, "initial": bQuantity, "remaining": bQuantity,
	"a": bQuantity | bSet, "an": bQuantity | bSet, "few": bQuantity, "several": bQuantity,
	"many": bQuantity, "couple": bQuantity, "dozens": bQuantity, "hundreds": bQuantity,
	"thousands": bQuantity, "half": bQuantity, "every": bSet, "each": bSet, "per": bSet,
	"noon": bClock, "midday": bClock, "midnight": bClock,
	"christmas": bHoliday, "easter": bHoliday, "thanksgiving": bHoliday, "halloween": bHoliday,
	"new": bHoliday, "independence": bHoliday, "labor": bHoliday, "memorial": bHoliday, "valentine": bHoliday,
}

// leadWords open expressions only as their first word ("the third
// quarter", "a year ago", "more than two years"), so they need the next
// word in the lexicon, or a number or mark; secondWords are the words
// that may follow them and are in the lexicon for that reason alone.
var (
	leadWords = []string{"the", "a", "an", "this", "last", "next", "that", "these", "its", "their", "his",
		"her", "about", "around", "over", "under", "some", "at", "up", "no", "more", "less", "fewer", "just",
		"well", "upwards", "close", "early", "late", "mid", "end", "start", "beginning", "middle", "each",
		"every", "per", "roughly", "approximately", "nearly", "almost"}
	secondWords = []string{"least", "most", "than", "to", "of", "near", "moment", "present", "full",
		"same", "comparable", "other", "past", "coming", "future", "and", "am", "pm", "p", "o"}
)

// setMasks gives every lexicon word its grammar bits, and adds the
// opening words to the lexicon.
func setMasks() {
	for w, m := range startWords {
		entry(w).mask |= m
	}
	for w := range setWords {
		entry(w).mask |= bSet
	}
	for w := range futureWords {
		entry(w).cue = tFuture
	}
	for w := range pastWords {
		entry(w).cue = tPast
	}
	for w := range notPastEd {
		entry(w).notEd = true
	}
	for _, m := range mods {
		entry(m.words[0]).modp = true
	}
	for _, p := range positions {
		entry(p.words[0]).posp = true
	}
	for _, w := range secondWords {
		entry(w)
	}
	for _, w := range leadWords {
		entry(w).lead = true
	}
	for _, e := range lex {
		if e.month > 0 {
			e.mask |= bMonthDate
		}
		if e.wday > 0 {
			e.mask |= bWeekday | bSet
		}
		if e.card > 0 {
			e.mask |= bYear | bQuantity | bClock
		}
		if e.ord > 0 {
			e.mask |= bDayMonth | bYear | bQuarter
		}
		if e.unit != uNone && e.plural {
			e.mask |= bQuantity
		}
		if e.season != "" {
			e.mask |= bSeason
		}
	}
}
