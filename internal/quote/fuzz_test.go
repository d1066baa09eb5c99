package quote

import "testing"

// FuzzExtract checks that any input gives well-formed attributions:
// spans in bounds and on rune boundaries, roles not overlapping, kinds
// valid.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"", "\"", "“", "’", "a\n\n“b", `"x," he said, "y."`, "“Open\n“Still open,” she said.",
		"U.S. officials said. U.S.", "\xff\xfe said “", "according to",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		// Rune boundaries as Go decodes the text: an invalid byte is a
		// rune of its own.
		boundary := map[int]bool{len(text): true}
		for i := range text {
			boundary[i] = true
		}
		ok := func(s Span) bool {
			return 0 <= s.Start && s.Start <= s.End && s.End <= len(text) && boundary[s.Start] && boundary[s.End]
		}
		for _, a := range Extract(text) {
			spans := append([]Span{a.Source, a.Cue, a.Content}, a.More...)
			for _, s := range spans {
				if !ok(s) {
					t.Fatalf("span %v out of bounds or inside a rune in %q", s, text)
				}
			}
			if a.Cue.Empty() || a.Content.Empty() {
				t.Fatalf("empty cue or content: %+v", a)
			}
			for i := range spans {
				for j := i + 1; j < len(spans); j++ {
					if !spans[i].Empty() && !spans[j].Empty() && spans[i].Start < spans[j].End && spans[j].Start < spans[i].End {
						t.Fatalf("spans %v and %v overlap in %q", spans[i], spans[j], text)
					}
				}
			}
			if a.Kind != Direct && a.Kind != Indirect && a.Kind != Mixed {
				t.Fatalf("kind %q", a.Kind)
			}
		}
	})
}
