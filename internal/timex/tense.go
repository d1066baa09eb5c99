package timex

import "sort"

// Tense directions: which way an underspecified date leans.
const (
	tNone   int8 = 0
	tPast   int8 = -1
	tFuture int8 = 1
)

// cue is a token that marks the tense of the clause around it.
type cue struct {
	tok int
	dir int8
}

// futureWords mark a clause about what is still to come. "would" is
// here because news mostly uses it for reported futures ("said he would
// meet on Friday").
var futureWords = map[string]bool{
	"will": true, "shall": true, "would": true, "gonna": true, "upcoming": true, "tomorrow": true,
	"scheduled": true, "planned": true, "plans": true, "plan": true, "planning": true, "expected": true,
	"expects": true, "expect": true, "slated": true, "intends": true, "intend": true, "aims": true,
	"may": true, "might": true, "next": true, "forthcoming": true,
}

// pastWords are irregular past forms and other words that put a clause
// in the past; regular "-ed" forms are caught by their ending.
var pastWords = map[string]bool{
	"said": true, "told": true, "was": true, "were": true, "had": true, "did": true, "went": true,
	"came": true, "took": true, "gave": true, "made": true, "met": true, "held": true, "began": true,
	"left": true, "became": true, "saw": true, "found": true, "fell": true, "rose": true, "won": true,
	"lost": true, "sold": true, "bought": true, "paid": true, "got": true, "led": true, "ran": true,
	"spoke": true, "wrote": true, "chose": true, "knew": true, "thought": true, "brought": true,
	"kept": true, "felt": true, "sent": true, "spent": true, "built": true, "struck": true,
	"stood": true, "drew": true, "grew": true, "threw": true, "flew": true, "broke": true,
	"caught": true, "fought": true, "taught": true, "sought": true, "meant": true, "heard": true,
	"shot": true, "stole": true, "swore": true, "tore": true, "wore": true, "woke": true, "arose": true,
	"forgot": true, "hid": true, "dealt": true, "fled": true, "rode": true, "rang": true, "sank": true,
	"shook": true, "spun": true, "stuck": true, "swept": true, "understood": true, "withdrew": true,
	"ago": true, "yesterday": true, "slid": true, "overtook": true, "undertook": true, "wound": true,
}

// notPastEd are words ending in "-ed" that are not past forms.
var notPastEd = map[string]bool{
	"need": true, "speed": true, "indeed": true, "hundred": true, "proceed": true, "exceed": true,
	"succeed": true, "feed": true, "seed": true, "breed": true, "bleed": true, "creed": true,
	"greed": true, "embed": true, "shred": true, "naked": true, "sacred": true, "wicked": true,
	"kindred": true, "united": true, "limited": true, "related": true, "based": true, "armed": true,
}

// findCues lists the tense cues of the text in token order.
func findCues(toks []token, out []cue) []cue {
	out = out[:0]
	for i := range toks {
		t := &toks[i]
		if t.kind != kWord {
			continue
		}
		w := t.low
		switch {
		case t.w != nil && t.w.cue == tFuture:
			if (w == "may" && t.cap) || (w == "next" && i+1 < len(toks) && lookup(toks, i+1) != nil) {
				continue // the month, or "next week" which carries its own direction
			}
			if (w == "plan" || w == "plans" || w == "planning") && !isWord(toks, i+1, "to") {
				continue // "announced the plan": the noun
			}
			out = append(out, cue{i, tFuture})
		case w == "ll" && isPunct(toks, i-1, "'") && !t.sp:
			out = append(out, cue{i, tFuture})
		case w == "won" && isPunct(toks, i+1, "'") && isWord(toks, i+2, "t"):
			out = append(out, cue{i, tFuture})
		case (w == "is" || w == "are" || w == "am" || w == "due" || w == "set") && isWord(toks, i+1, "to"):
			out = append(out, cue{i, tFuture})
		case w == "going" && isWord(toks, i+1, "to"):
			out = append(out, cue{i, tFuture})
		case passive(toks, i):
			// "would be paid": the auxiliary carries the tense
		case t.w != nil && t.w.cue == tPast:
			out = append(out, cue{i, tPast})
		case len(w) >= 5 && w[len(w)-2:] == "ed" && (t.w == nil || !t.w.notEd):
			out = append(out, cue{i, tPast})
		}
	}
	return out
}

// passive reports whether the word at i follows a present or bare form
// of "be", so that a participle there says nothing about the tense.
func passive(toks []token, i int) bool {
	if i == 0 || toks[i-1].kind != kWord {
		return false
	}
	switch toks[i-1].low {
	case "be", "been", "being", "is", "are", "am":
		return true
	}
	return false
}

// tenseAt returns the direction of the cue nearest to tokens [i, j)
// within their sentence, tNone when the sentence has none. A cue to the
// left wins a tie, as the governing verb usually comes first.
func (tg *tagger) tenseAt(i, j int) int8 {
	cues := tg.cues
	s := tg.sent[i]
	k := sort.Search(len(cues), func(n int) bool { return cues[n].tok >= i })
	best, bestDist := tNone, 1<<30
	if k > 0 && tg.sent[cues[k-1].tok] == s {
		best, bestDist = cues[k-1].dir, i-cues[k-1].tok
	}
	for ; k < len(cues) && cues[k].tok < j; k++ {
	}
	if k < len(cues) && tg.sent[cues[k].tok] == s && cues[k].tok-j+1 < bestDist &&
		(best == tNone || !clauseBreak(tg.toks, j, cues[k].tok)) {
		best = cues[k].dir
	}
	return best
}

// clauseBreak reports whether a comma, semicolon or dash lies in tokens
// [j, k): a verb after one belongs to another clause ("cast doubt on
// talks on Friday, saying he would not negotiate"), unless nothing
// before the date carries a tense ("In January, the firm hired...").
func clauseBreak(toks []token, j, k int) bool {
	for ; j < k; j++ {
		switch toks[j].low {
		case ",", ";", "-", "(", ")":
			if toks[j].low != "-" || toks[j].sp {
				return true
			}
		}
	}
	return false
}

// verbNextTo reports whether a tense cue other than a reporting verb
// stands right before tokens [i, j), at most a preposition away
// ("collapsed in February", "will meet on Friday"): then the verb
// governs the date, and its tense should decide, not just lean.
func (tg *tagger) verbNextTo(i int) bool {
	cues := tg.cues
	k := sort.Search(len(cues), func(n int) bool { return cues[n].tok >= i }) - 1
	if k < 0 || i-cues[k].tok > 2 || tg.sent[cues[k].tok] != tg.sent[i] {
		return false
	}
	switch tg.toks[cues[k].tok].low {
	case "said", "told", "says":
		return false
	}
	return true
}

// leaning is tenseAt refined by the preposition before the expression:
// "for Friday" and "by Friday" look ahead, "since Friday" back.
func (tg *tagger) leaning(i, j int) int8 {
	toks := tg.toks
	switch {
	case isWord(toks, i-1, "for"):
		return tFuture
	case isWord(toks, i-1, "since"):
		return tPast
	}
	t := tg.tenseAt(i, j)
	if t != tPast && (isWord(toks, i-1, "until") || isWord(toks, i-1, "by") || isWord(toks, i-1, "till") || isWord(toks, i-1, "before")) {
		return tFuture
	}
	return t
}
