package entity

import "strings"

// Type is an entity class of the CoNLL-2003 scheme.
type Type string

// The four CoNLL-2003 classes.
const (
	Person       Type = "PER"
	Organisation Type = "ORG"
	Location     Type = "LOC"
	Misc         Type = "MISC"
)

// types lists the classes in the order of their tag indices.
var types = [...]Type{Person, Organisation, Location, Misc}

// Internally tokens carry BILOU tags (Begin, Inside, Last, Unit, Outside):
// Ratinov & Roth (2009) found them clearly better than BIO for a greedy
// tagger, because the last token and single-token names get weights of
// their own. Tag 0 is O; type t has tags 1+4t (B), 2+4t (I), 3+4t (L)
// and 4+4t (U).
const (
	tagO  = 0
	nTags = 1 + 4*len(types)
	posB  = 0
	posI  = 1
	posL  = 2
	posU  = 3
	noTag = -1 // history before the start of a sentence
)

func tagOf(t, pos int) int { return 1 + 4*t + pos }
func tagType(tag int) int  { return (tag - 1) / 4 }
func tagPos(tag int) int   { return (tag - 1) % 4 }

// typeIndex returns the index of a class name, or -1.
func typeIndex(s string) int {
	for i, t := range types {
		if string(t) == s {
			return i
		}
	}
	return -1
}

// span is a typed token range [start, end) within a sentence.
type span struct{ start, end, typ int }

// spansFromIOB reads names from IOB2 or IOB1 labels ("B-PER", "I-PER",
// "O") with conlleval's rules: an I- label after O or after another type
// starts a new name.
func spansFromIOB(labels []string) []span {
	var out []span
	open := -1
	for i, l := range labels {
		prefix, typ := "O", -1
		if len(l) > 2 && l[1] == '-' {
			prefix, typ = l[:1], typeIndex(l[2:])
		}
		if typ < 0 {
			prefix = "O"
		}
		continues := prefix == "I" && open >= 0 && out[open].typ == typ
		if open >= 0 && !continues {
			out[open].end = i
			open = -1
		}
		if prefix != "O" && !continues {
			out = append(out, span{start: i, end: -1, typ: typ})
			open = len(out) - 1
		}
	}
	if open >= 0 {
		out[open].end = len(labels)
	}
	return out
}

// bilouFromSpans encodes names as BILOU tags over n tokens.
func bilouFromSpans(n int, spans []span) []int {
	tags := make([]int, n)
	for _, s := range spans {
		if s.end-s.start == 1 {
			tags[s.start] = tagOf(s.typ, posU)
			continue
		}
		tags[s.start] = tagOf(s.typ, posB)
		for i := s.start + 1; i < s.end-1; i++ {
			tags[i] = tagOf(s.typ, posI)
		}
		tags[s.end-1] = tagOf(s.typ, posL)
	}
	return tags
}

// spansFromBILOU decodes tags into names, leniently: a name left open
// (B or I not closed by L) ends where the next tag does not continue
// it, and an I or L with no B opens a name, as conlleval reads I-.
func spansFromBILOU(tags []int) []span {
	var out []span
	start := -1
	closeOpen := func(end int) {
		if start >= 0 {
			out = append(out, span{start, end, tagType(tags[start])})
			start = -1
		}
	}
	for i, t := range tags {
		if t == tagO {
			closeOpen(i)
			continue
		}
		typ, pos := tagType(t), tagPos(t)
		if start >= 0 && (tagType(tags[start]) != typ || pos == posB || pos == posU) {
			closeOpen(i)
		}
		switch pos {
		case posU:
			out = append(out, span{i, i + 1, typ})
		case posB, posI:
			if start < 0 {
				start = i
			}
		case posL:
			if start < 0 {
				start = i
			}
			closeOpen(i + 1)
		}
	}
	closeOpen(len(tags))
	return out
}

// iobLabels renders names as IOB2 labels, the format CoNLL tools read.
func iobLabels(n int, spans []span) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "O"
	}
	for _, s := range spans {
		name := string(types[s.typ])
		out[s.start] = "B-" + name
		for i := s.start + 1; i < s.end; i++ {
			out[i] = "I-" + name
		}
	}
	return out
}

// isDocStart reports whether a CoNLL token line opens a document.
func isDocStart(line string) bool { return strings.HasPrefix(line, "-DOCSTART-") }
