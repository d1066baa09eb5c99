package entity

import (
	"testing"
	"unicode/utf8"
)

// FuzzRecognize checks that mentions, whatever the input, lie inside the
// text, start and end on rune boundaries, match their spans, and come
// sorted without overlapping.
func FuzzRecognize(f *testing.F) {
	for _, s := range []string{
		"", "Maria Olsen met the U.S. envoy in Nairobi.", "“Quoted” — Olsen’s (aide) said: …",
		"ÉCOLE NORMALE — Zürich, 3:30 p.m.", "\xff\xfeBroken \xc3 bytes Oslo", "a.b.c.d. '' ' \" ( ) ...",
	} {
		f.Add(s)
	}
	m := Default()
	f.Fuzz(func(t *testing.T, text string) {
		end := 0
		valid := utf8.ValidString(text)
		for _, mn := range m.Recognize(text) {
			s := mn.Span
			if s.Start < end || s.End <= s.Start || s.End > len(text) {
				t.Fatalf("mention %+v out of order or range (previous end %d, text %d bytes)", mn, end, len(text))
			}
			if text[s.Start:s.End] != mn.Text {
				t.Fatalf("mention %+v does not match its span", mn)
			}
			if valid && (!utf8.RuneStart(text[s.Start]) || s.End < len(text) && !utf8.RuneStart(text[s.End])) {
				t.Fatalf("mention %+v splits a rune", mn)
			}
			end = s.End
		}
	})
}
