// Package timex finds and normalises temporal expressions in English
// news text: dates, times, durations and sets, with TimeML (TIMEX3)
// values anchored on the article's publication date.
//
// It follows the HeidelTime recipe of hand-written patterns plus
// normalisation rules, but as a token-based matcher rather than a list
// of regular expressions: the text is tokenised once, each token is
// looked up in a small lexicon, and only tokens that can start a time
// expression run the grammars. That keeps tagging a news-length article
// well under the 200 µs a budget of 5,000 articles per second per core
// allows.
package timex

import (
	"math"
	"math/bits"
	"sync"
	"time"
)

// Type is the TIMEX3 type of an expression.
type Type string

// The four TIMEX3 types.
const (
	Date     Type = "DATE"
	Time     Type = "TIME"
	Duration Type = "DURATION"
	Set      Type = "SET"
)

// Expression is one temporal expression found in a text.
type Expression struct {
	Start, End int // byte offsets: text[Start:End] is the expression
	Text       string
	Type       Type
	// Value is the TimeML value, e.g. "2015-12-15", "2015-W50", "P4Y",
	// "PRESENT_REF", "XXXX-WXX-1".
	Value string
	// Mod is the TimeML mod when the expression has one: "START", "END",
	// "MID", "APPROX", "BEFORE", "AFTER", "LESS_THAN", "MORE_THAN",
	// "EQUAL_OR_LESS", "EQUAL_OR_MORE", "ON_OR_AFTER"...
	Mod string
}

// tagger holds the state of one Tag call.
type tagger struct {
	text      string
	toks      []token
	anchor    time.Time // publication day at midnight UTC
	hasAnchor bool
	sent      []int32 // sentence index of each token
	bounds    [][2]int
	cues      []cue // tense cues in token order
	ref       point // the calendar unit mentioned last, for anaphora
	refTok    int   // token where ref was mentioned
	out       []Expression
	// inPosition is set while a position prefix ("late", "the end of")
	// looks for its date, so prefixes do not nest: "late late late ..."
	// would otherwise take quadratic time.
	inPosition bool
}

// taggers recycles the per-call buffers: tokens, sentence indexes and
// cues are rebuilt for every text, and allocating them each time costs
// more than the matching.
var taggers = sync.Pool{New: func() any {
	return &tagger{toks: make([]token, 0, 1024), sent: make([]int32, 0, 1024)}
}}

// Tag finds and normalises the time expressions of text. anchor is the
// publication date; only its calendar day matters. With a zero anchor,
// values that need one stay underspecified ("XXXX-12-15", "XXXX-WXX-3")
// and purely relative ones ("last week") keep what can be said without
// it.
func Tag(text string, anchor time.Time) []Expression {
	if len(text) > math.MaxInt32 {
		return nil // token offsets are 32-bit; no article is 2 GiB
	}
	tg := taggers.Get().(*tagger)
	defer taggers.Put(tg)
	*tg = tagger{text: text, toks: tg.toks[:0], sent: tg.sent[:0], bounds: tg.bounds[:0], cues: tg.cues[:0]}
	tg.toks = tokenize(text, tg.toks)
	if !anchor.IsZero() {
		tg.hasAnchor = true
		tg.anchor = date(anchor.Year(), int(anchor.Month()), anchor.Day())
	}
	tg.bounds = sentenceBounds(tg.toks, tg.bounds)
	for si, b := range tg.bounds {
		for k := b[0]; k < b[1]; k++ {
			tg.sent = append(tg.sent, int32(si))
		}
	}
	tg.cues = findCues(tg.toks, tg.cues)
	tg.run()
	out := tg.out
	tg.out, tg.text = nil, ""
	return out
}

// run scans the tokens, taking the longest match at each position.
func (tg *tagger) run() {
	toks := tg.toks
	for i := 0; i < len(toks); {
		if startMask(toks, i) == 0 {
			i++
			continue
		}
		m, ok := tg.matchAt(i)
		if !ok || m.end <= i {
			i++
			continue
		}
		tg.emit(m.start, m)
		i = m.end
	}
}

// match is what a grammar found: tokens [start, end) and the value.
type match struct {
	start, end int
	typ        Type
	value      string
	mod        string
	ref        point // calendar unit to remember for anaphora, g == gNone for none
}

// matchAt tries the grammars that can start at token i and keeps the
// longest match; on equal length the earlier grammar wins.
func (tg *tagger) matchAt(i int) (match, bool) {
	var best match
	found := false
	mask := startMask(tg.toks, i)
	if tg.inPosition {
		mask &^= bPosition
	}
	for ; mask != 0; mask &= mask - 1 {
		m, ok := grammars[bits.TrailingZeros32(mask)](tg, i)
		if ok && m.end > i && (!found || m.end > best.end) {
			best, found = m, true
		}
	}
	if found && best.start < i {
		best.start = i // grammars set start only to drop leading words ("the", "its")
	}
	return best, found
}

// emit records a match and remembers its calendar unit for anaphora.
func (tg *tagger) emit(i int, m match) {
	s, e := int(tg.toks[i].s), int(tg.toks[m.end-1].e)
	if m.value == "" {
		return
	}
	tg.out = append(tg.out, Expression{Start: s, End: e, Text: tg.text[s:e], Type: m.typ, Value: m.value, Mod: m.mod})
	if m.ref.g != gNone {
		tg.ref, tg.refTok = m.ref, i
	}
}

// rel returns the anchor's unit of granularity g shifted by k, with its
// value, or the underspecified value when there is no anchor.
func (tg *tagger) rel(g gran, k int) (point, string) {
	if !tg.hasAnchor {
		return point{}, unknownOf(g)
	}
	p := at(tg.anchor, g).shift(k)
	return p, p.String()
}

// unknownOf is the underspecified value for a unit relative to an
// unknown anchor.
func unknownOf(g gran) string {
	switch g {
	case gCentury:
		return "XX"
	case gDecade:
		return "XXX"
	case gYear:
		return "XXXX"
	case gHalf:
		return "XXXX-HX"
	case gQuarter:
		return "XXXX-QX"
	case gSeason:
		return "XXXX-XX"
	case gMonth:
		return "XXXX-XX"
	case gWeek:
		return "XXXX-WXX"
	}
	return "XXXX-XX-XX"
}
