package quote

import (
	"sort"
	"strings"
)

// Span is a half-open range of byte offsets into the text.
type Span struct{ Start, End int }

// Empty reports whether the span covers nothing.
func (s Span) Empty() bool { return s.End <= s.Start }

// Kind says how much of an attribution's content is quoted verbatim.
type Kind string

// The kinds of attribution.
const (
	Direct   Kind = "direct"   // all of the content is inside quotation marks
	Indirect Kind = "indirect" // none of it is: a paraphrase or report
	Mixed    Kind = "mixed"    // a paraphrase with quoted words in it
)

// Attribution is one "who said what": a source, a cue and a content.
type Attribution struct {
	// Source is who is credited; empty (Start == End) when the text names
	// no one ("…, according to a report" may still have one).
	Source Span
	// Cue is the reporting verb or phrase: "said", "told reporters",
	// "according to", "believes".
	Cue Span
	// Content is the first part of what was said. A quotation interrupted
	// by its source and cue ("…," she said, "…") or running over several
	// paragraphs has its further parts in More, in text order.
	Content Span
	More    []Span
	Kind    Kind
	// The texts of the spans; ContentText joins the parts of the content
	// with single spaces, so that one quotation gives the same text
	// however its source breaks it.
	SourceText, CueText, ContentText string
}

// Extract finds the attributions in one clean article text with the
// embedded model.
func Extract(text string) []Attribution { return Default().Extract(text) }

// run is a maximal sequence of tokens tagged with one role.
type run struct {
	role, from, to int // tokens [from, to)
	owner          int // index of the cue run it is grouped with, -1 if none
}

// Extract finds the attributions in text.
func (m *Model) Extract(text string) []Attribution {
	toks, tags := m.tag(text)
	if len(toks) == 0 {
		return nil
	}
	fillQuotations(toks, tags)
	var runs []run
	for i, t := range tags {
		if t == tagO {
			continue
		}
		if t%2 == 0 && len(runs) > 0 && runs[len(runs)-1].to == i && runs[len(runs)-1].role == tagRole(int(t)) {
			runs[len(runs)-1].to = i + 1
			continue
		}
		runs = append(runs, run{role: tagRole(int(t)), from: i, to: i + 1, owner: -1})
	}
	return group(text, toks, bridge(toks, runs, maxContentGap))
}

// bridge joins two runs of the same role parted by a short gap of
// untagged tokens within one sentence: the tagger now and then drops a
// word that looks like a cue ("know", "announced") in the middle of a
// content, and annotators never split a span without another role
// standing in the gap.
func bridge(toks []token, runs []run, maxGap int) []run {
	out := runs[:0]
	for _, r := range runs {
		if n := len(out); n > 0 {
			p := &out[n-1]
			gap := r.from - p.to
			limit := 0
			switch r.role {
			case roleContent:
				limit = maxGap
			case roleSource:
				limit = 1
			}
			if p.role == r.role && gap <= limit && toks[r.from].sent == toks[p.to-1].sent {
				p.to = r.to
				continue
			}
		}
		out = append(out, r)
	}
	return out
}

// maxContentGap is the longest gap bridged inside a content: 0 to 8
// scored within half a point of each other on held-out documents.
const maxContentGap = 3

// group joins runs into attributions around their cues. A source goes to
// the nearest cue of its sentence; a content to the nearest cue, counting
// a sentence boundary as far, except that a quotation its paragraph
// leaves open belongs to the first cue after it (the speaker is named
// where the quotation ends).
func group(text string, toks []token, runs []run) []Attribution {
	var cues []int
	for k, r := range runs {
		if r.role == roleCue {
			cues = append(cues, k)
		}
	}
	if len(cues) == 0 {
		return nil
	}
	dist := func(r run, c run) int {
		d := 0
		switch {
		case c.from >= r.to:
			d = c.from - r.to
		case r.from >= c.to:
			d = r.from - c.to
		}
		s := toks[c.from].sent - toks[r.to-1].sent
		if s < 0 {
			s = toks[r.from].sent - toks[c.to-1].sent
		}
		return d + 1000*max(s, 0)
	}
	for k := range runs {
		r := &runs[k]
		if r.role == roleCue {
			continue
		}
		best, bestD := -1, 1<<30
		if r.role == roleContent && toks[r.to-1].contQ && toks[r.from].inQ {
			for _, c := range cues {
				if runs[c].from >= r.to && toks[runs[c].from].para-toks[r.to-1].para <= 3 {
					best = c
					break
				}
			}
		}
		if best < 0 {
			for _, c := range cues {
				d := dist(*r, runs[c])
				// A source speaks in its own sentence; a content lies at
				// most two sentences and one paragraph from its cue.
				if r.role == roleSource && d >= 1000 || d >= 3000 || absInt(toks[r.from].para-toks[runs[c].from].para) > 1 {
					continue
				}
				if d < bestD {
					best, bestD = c, d
				}
			}
		}
		r.owner = best
	}
	var out []Attribution
	for _, c := range cues {
		var a Attribution
		a.Cue = spanOf(toks, runs[c])
		srcD := 1 << 30
		var parts []Span
		inQ, outQ := 0, 0
		owned := ownedContent(text, toks, runs, c)
		for _, r := range owned {
			parts = append(parts, spanOf(toks, r))
			for i := r.from; i < r.to; i++ {
				if toks[i].kind != kWord {
					continue
				}
				if toks[i].inQ {
					inQ++
				} else {
					outQ++
				}
			}
		}
		for _, r := range runs {
			// A source may serve several cues ("she said …, and added …"),
			// so each cue takes the nearest source of its sentence.
			if r.role == roleSource && toks[r.from].sent == toks[runs[c].from].sent {
				if d := absDist(r, runs[c]); d < srcD {
					a.Source, srcD = spanOf(toks, r), d
				}
			}
		}
		if len(parts) == 0 {
			continue
		}
		sort.Slice(parts, func(i, j int) bool { return parts[i].Start < parts[j].Start })
		a.Content, a.More = parts[0], parts[1:]
		if len(a.More) == 0 {
			a.More = nil
		}
		switch {
		case outQ == 0:
			a.Kind = Direct
		case inQ == 0:
			a.Kind = Indirect
		default:
			a.Kind = Mixed
		}
		a.SourceText = text[a.Source.Start:a.Source.End]
		a.CueText = text[a.Cue.Start:a.Cue.End]
		texts := make([]string, len(parts))
		for i, p := range parts {
			texts[i] = text[p.Start:p.End]
		}
		a.ContentText = strings.Join(texts, " ")
		out = append(out, a)
	}
	return out
}

func absDist(r, c run) int {
	if c.from >= r.to {
		return c.from - r.to
	}
	return r.from - c.to
}

func spanOf(toks []token, r run) Span {
	return Span{toks[r.from].start, toks[r.to-1].end}
}

func absInt(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// fillQuotations makes a quotation the tagger mostly took for content
// wholly content: a quoted passage is said by one speaker, and words
// inside it that look like cues ("waited", "know") are the speaker's
// own. A quotation holding a cue of its own is left alone (a source
// inside it with no cue there is a stray word, "We").
func fillQuotations(toks []token, tags []uint8) {
	for i := 0; i < len(toks); {
		if !toks[i].inQ || toks[i].kind != kOpenQ && toks[i].kind != kOpenS {
			i++
			continue
		}
		j := i + 1
		for j < len(toks) && toks[j].inQ && toks[j].kind != kOpenQ && toks[j].kind != kOpenS && !toks[j].paraStart {
			j++
		}
		// tokens [i, j) are the quotation, its marks included.
		content, other := 0, false
		for k := i; k < j; k++ {
			switch tagRole(int(tags[k])) {
			case roleContent:
				content++
			case roleCue:
				other = true
			}
		}
		if content > 0 && !other || 2*content > j-i {
			for k := i; k < j; k++ {
				tags[k] = tagIQ
			}
			if i == 0 || tagRole(int(tags[i-1])) != roleContent || toks[i].paraStart {
				tags[i] = tagBQ
			}
		}
		i = j
	}
}

// postOptions switch the boundary rules; tests vary them.
var post = struct {
	dropShort int  // drop unquoted parts of at most this many words when there are several
	trimTail  bool // trim trailing function words and commas
	dropSolo  int  // drop an attribution whose only content is an unquoted run of at most this many words
	timeTail  bool // take a sentence-final time phrase into a content that speaks of the future
}{dropShort: 3, trimTail: true, timeTail: true}

// ownedContent returns the content runs grouped with cue c, trimmed by
// the boundary rules.
func ownedContent(text string, toks []token, runs []run, c int) []run {
	var out []run
	for _, r := range runs {
		if r.owner == c && r.role == roleContent {
			out = append(out, r)
		}
	}
	if post.trimTail {
		for k := range out {
			r := &out[k]
			for r.to-r.from > 1 && !toks[r.to-1].inQ && trailingJunk(text, toks[r.to-1]) {
				r.to--
			}
		}
	}
	if post.timeTail {
		for k := range out {
			extendTimeTail(text, toks, &out[k])
		}
	}
	if post.dropShort > 0 && len(out) > 1 {
		keep := out[:0]
		longest := 0
		for _, r := range out {
			longest = max(longest, words(toks, r))
		}
		for _, r := range out {
			if n := words(toks, r); n <= post.dropShort && n < longest && !quoted(toks, r) {
				continue
			}
			keep = append(keep, r)
		}
		out = keep
	}
	if len(out) == 1 && words(toks, out[0]) <= post.dropSolo && !quoted(toks, out[0]) {
		return nil
	}
	return out
}

func words(toks []token, r run) int {
	n := 0
	for i := r.from; i < r.to; i++ {
		if toks[i].kind == kWord {
			n++
		}
	}
	return n
}

func quoted(toks []token, r run) bool {
	for i := r.from; i < r.to; i++ {
		if toks[i].inQ {
			return true
		}
	}
	return false
}

// trailingJunk reports whether a content may not end with the token:
// a comma, colon, semicolon or dash, or a word that needs a
// continuation (an article, preposition, conjunction or relative).
func trailingJunk(text string, t token) bool {
	w := text[t.start:t.end]
	if t.kind == kPunct {
		switch w {
		case ",", ":", ";", "-", "–", "—", "(":
			return true
		}
		return false
	}
	if t.kind != kWord {
		return false
	}
	switch strings.ToLower(w) {
	case "a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "with", "by", "from", "as", "which", "who", "that", "whose", "than", "into", "about":
		return true
	}
	return false
}

// extendTimeTail takes into an unquoted content r a time phrase ("on
// Tuesday", "in May", "by Friday") that is all that stands between it and
// the end of its sentence, when the content speaks of what is to come
// (a modal: "would", "will", "could", "might", "should", "shall"): then
// the phrase dates the event reported, not the speaking. The tagger often
// stops before such a phrase, since annotators leave it out when it
// dates the speaking ("said on Tuesday that ...", "..., he said on
// Tuesday"). It runs before the rule that drops short parts, so a part
// of three words that it lengthens is kept.
func extendTimeTail(text string, toks []token, r *run) {
	i := r.to
	if i+1 >= len(toks) || toks[r.to-1].inQ {
		return
	}
	// The preposition and the time word both in the content's sentence.
	if toks[i].sent != toks[r.to-1].sent || toks[i+1].sent != toks[i].sent || toks[i+1].paraStart {
		return
	}
	if !timePrep[strings.ToLower(text[toks[i].start:toks[i].end])] || !timeWord(text[toks[i+1].start:toks[i+1].end]) {
		return
	}
	if i+2 < len(toks) && toks[i+2].sent == toks[i].sent && !sentenceEnd[text[toks[i+2].start:toks[i+2].end]] {
		return
	}
	future := false
	for k := r.from; k < r.to; k++ {
		if futureWord[strings.ToLower(text[toks[k].start:toks[k].end])] {
			future = true
			break
		}
	}
	if future {
		r.to = i + 2
	}
}

var (
	timePrep    = map[string]bool{"on": true, "in": true, "by": true, "until": true, "next": true, "this": true, "before": true}
	sentenceEnd = map[string]bool{".": true, "!": true, "?": true}
	futureWord  = map[string]bool{"would": true, "will": true, "could": true, "might": true, "should": true, "shall": true}
	timeWords   = map[string]bool{"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
		"saturday": true, "sunday": true, "january": true, "february": true, "march": true, "april": true, "may": true,
		"june": true, "july": true, "august": true, "september": true, "october": true, "november": true,
		"december": true, "week": true, "month": true, "year": true, "weekend": true, "spring": true, "summer": true,
		"autumn": true, "fall": true, "winter": true, "today": true, "tomorrow": true}
)

// timeWord reports whether w names a day, a month, a season, a unit of
// the calendar, today or tomorrow, or a year (any four digits from 1000
// to 2999: "rise by 2000" passes too, harmlessly, since the phrase must
// still end the sentence of a content about the future).
func timeWord(w string) bool {
	if len(w) == 4 && w[0] >= '1' && w[0] <= '2' && strings.Trim(w, "0123456789") == "" {
		return true
	}
	return timeWords[strings.ToLower(w)]
}
