package timex

import (
	"math"
	"sort"
	"time"
)

// Sentence is one sentence of a text with the dates it mentions.
type Sentence struct {
	Start, End int // byte offsets of the sentence in the text
	// Dates are the DATE and TIME expressions inside the sentence whose
	// value resolves to calendar days (see Calendar), in text order.
	Dates []Expression
}

// abbrevs end with a full stop that does not end a sentence.
var abbrevs = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "jr": true, "sr": true, "gen": true,
	"gov": true, "sen": true, "rep": true, "lt": true, "col": true, "sgt": true, "capt": true,
	"cmdr": true, "adm": true, "prof": true, "rev": true, "ft": true, "mt": true, "no": true,
	"vs": true, "co": true, "corp": true, "ltd": true, "inc": true, "bros": true, "messrs": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "m": true, "e": true,
	"tues": true, "wed": true, "thurs": true, "fri": true, "est": false,
}

// sentenceBounds splits tokens into sentences, as token ranges. A
// sentence ends at . ! or ? (plus closing quotes) before a capital, a
// digit or a new line, unless the full stop closes an abbreviation; a
// blank line, or a line break after anything but a lowercase word or a
// comma (wrapped text), ends one too.
func sentenceBounds(toks []token, out [][2]int) [][2]int {
	out = out[:0]
	start := 0
	cut := func(k int) {
		if k > start {
			out = append(out, [2]int{start, k})
		}
		start = k
	}
	for k := 1; k < len(toks); k++ {
		t, prev := &toks[k], &toks[k-1]
		if t.nl >= 2 || (t.nl == 1 && !(prev.kind == kWord && !prev.cap) && prev.low != "," && prev.low != "-") {
			cut(k)
			continue
		}
		if prev.kind != kPunct || !t.sp {
			continue // "$5.2", "U.S.-led": no space, no boundary
		}
		// find the sentence-final mark behind any closing quotes
		j := k - 1
		for j > start && (toks[j].low == "\"" || toks[j].low == "'" || toks[j].low == ")") {
			j--
		}
		switch toks[j].low {
		case "!", "?":
		case ".":
			if j > 0 && toks[j-1].kind == kWord && !toks[j].sp && (abbrevs[toks[j-1].low] || toks[j-1].e-toks[j-1].s == 1) {
				continue
			}
		default:
			continue
		}
		if t.cap || t.kind == kNum || t.low == "\"" || (t.kind == kPunct && t.low == "(") {
			cut(k)
		}
	}
	cut(len(toks))
	return out
}

// Sentences splits text into sentences and gives each the calendar
// dates among exprs (as returned by Tag on the same text) that fall
// inside it. Sentences without one have no Dates.
func Sentences(text string, exprs []Expression) []Sentence {
	if len(text) > math.MaxInt32 {
		return nil
	}
	tg := taggers.Get().(*tagger)
	defer taggers.Put(tg)
	tg.toks = tokenize(text, tg.toks[:0])
	tg.bounds = sentenceBounds(tg.toks, tg.bounds[:0])
	out := make([]Sentence, 0, len(tg.bounds))
	for _, b := range tg.bounds {
		out = append(out, Sentence{Start: int(tg.toks[b[0]].s), End: int(tg.toks[b[1]-1].e)})
	}
	for _, x := range exprs {
		if x.Type != Date && x.Type != Time {
			continue
		}
		if _, _, ok := Calendar(x.Value); !ok {
			continue
		}
		k := sort.Search(len(out), func(n int) bool { return out[n].End > x.Start })
		if k < len(out) && out[k].Start <= x.Start {
			out[k].Dates = append(out[k].Dates, x)
		}
	}
	return out
}

// InferPublished guesses a publication date for a text that has none:
// the latest calendar day that an absolute date in it mentions (month-day
// dates without a year are not enough, nor relative ones like "Friday",
// which would need the very anchor being sought). ok is false when the
// text names no full date. The result is inferred, not known: callers
// should mark it so.
func InferPublished(text string) (time.Time, bool) {
	var best time.Time
	for _, x := range Tag(text, time.Time{}) {
		if x.Type != Date && x.Type != Time {
			continue
		}
		first, last, ok := Calendar(x.Value)
		if !ok || !first.Equal(last) {
			continue
		}
		if last.After(best) {
			best = last
		}
	}
	return best, !best.IsZero()
}
