package entity

import (
	"slices"
	"testing"
)

func TestTokenize(t *testing.T) {
	for _, c := range []struct {
		text string
		want [][]string
	}{
		{"Anna Petrova's visit to the U.S. ended.",
			[][]string{{"Anna", "Petrova", "'s", "visit", "to", "the", "U.S.", "ended", "."}}},
		{`He said: "We won't stop," on Monday.`,
			[][]string{{"He", "said", ":", `"`, "We", "wo", "n't", "stop", ",", `"`, "on", "Monday", "."}}},
		{"It cost $1,200.50 (about 1,000 euros).",
			[][]string{{"It", "cost", "$1,200.50", "(", "about", "1,000", "euros", ")", "."}}},
		{"Mr. Lund arrived. He left at 3:30 p.m. on Friday.",
			[][]string{{"Mr.", "Lund", "arrived", "."}, {"He", "left", "at", "3:30", "p.m.", "on", "Friday", "."}}},
		{"Harbour Talks\n\nThe ministers’ plan — “a start” — stood.",
			[][]string{{"Harbour", "Talks"}, {"The", "ministers", "'", "plan", "--", `"`, "a", "start", `"`, "--", "stood", "."}}},
		{"A pro-government rally in al-Rami...", [][]string{{"A", "pro-government", "rally", "in", "al-Rami", "..."}}},
	} {
		var got [][]string
		for _, s := range Tokenize(c.text) {
			var words []string
			for _, tk := range s {
				words = append(words, tk.Text)
			}
			got = append(got, words)
		}
		if !slices.EqualFunc(got, c.want, slices.Equal) {
			t.Errorf("Tokenize(%q)\n got %q\nwant %q", c.text, got, c.want)
		}
	}
}

func TestTokenSpans(t *testing.T) {
	text := "Petrova’s “plan”."
	var got []string
	for _, s := range Tokenize(text) {
		for _, tk := range s {
			got = append(got, text[tk.Span.Start:tk.Span.End])
		}
	}
	want := []string{"Petrova", "’s", "“", "plan", "”", "."}
	if !slices.Equal(got, want) {
		t.Errorf("spans cover %q, want %q", got, want)
	}
}
