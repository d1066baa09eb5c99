package pipeline

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
	"github.com/dossier-news/dossier/internal/summarize"
)

// wordList is s's lowercased words, without punctuation or typography.
func wordList(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	})
}

// wordSet is the set of lowercased words of s.
func wordSet(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range wordList(s) {
		out[w] = true
	}
	return out
}

func jaccard(a, b map[string]bool) float64 {
	inter := 0
	for w := range a {
		if b[w] {
			inter++
		}
	}
	if u := len(a) + len(b) - inter; u > 0 {
		return float64(inter) / float64(u)
	}
	return 0
}

// TestSampleSummary: the bundled corpus's main story (the wire-heavy
// spill, reprinted by several outlets) gets a summary that cites at
// least three outlets and says nothing twice, and a timeline whose
// every sentence is cited; citations point at the sentence's words in
// every carrier.
func TestSampleSummary(t *testing.T) {
	ctx := context.Background()
	st, _, _ := sampleRun(t)
	ss, err := st.Stories(ctx, store.StoryQuery{Sort: store.StoriesSize, Limit: 1})
	if err != nil || len(ss) == 0 {
		t.Fatalf("largest story: %v %v", ss, err)
	}
	sum, tl, err := summarize.Story(ctx, st, ss[0].ID, summarize.Options{}, summarize.TimelineOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{}
	check := func(what string, x news.SummarySentence) map[string]bool {
		outlets := map[string]bool{}
		if len(x.Citations) == 0 {
			t.Errorf("%s: %q cites nothing", what, x.Text)
		}
		for _, c := range x.Citations {
			body, ok := texts[c.Article]
			if !ok {
				a, err := st.Article(ctx, c.Article)
				if err != nil {
					t.Fatal(err)
				}
				body, texts[c.Article] = a.Text, a.Text
			}
			// Carriers may differ in typography (curly or straight
			// quotes), not in words.
			if got := body[c.Span.Start:c.Span.End]; !slices.Equal(wordList(got), wordList(x.Text)) {
				t.Errorf("%s: citation of %s reads %q, want %q", what, c.Article, got, x.Text)
			}
			if c.Source != "" {
				outlets[c.Source] = true
			}
		}
		return outlets
	}
	outlets := map[string]bool{}
	for i, x := range sum.Sentences {
		for o := range check("summary", x) {
			outlets[o] = true
		}
		for _, y := range sum.Sentences[:i] {
			if j := jaccard(wordSet(x.Text), wordSet(y.Text)); j > 0.6 {
				t.Errorf("summary repeats itself (word overlap %.2f):\n  %s\n  %s", j, y.Text, x.Text)
			}
		}
	}
	if len(outlets) < 3 {
		t.Errorf("summary cites %d outlets %v, want at least 3", len(outlets), outlets)
	}
	if sum.Words < summarize.DefaultOptions().Words {
		t.Errorf("summary of %d words, want at least %d", sum.Words, summarize.DefaultOptions().Words)
	}
	if len(tl.Entries) < 2 {
		t.Errorf("timeline has %d dates, want several for a five-week story", len(tl.Entries))
	}
	for i, e := range tl.Entries {
		if i > 0 && !e.Date.After(tl.Entries[i-1].Date) {
			t.Errorf("timeline dates out of order: %s after %s", e.Date, tl.Entries[i-1].Date)
		}
		if n := len(e.Sentences); n < 1 || n > 3 {
			t.Errorf("timeline %s has %d sentences, want 1 to 3", e.Date.Format("2006-01-02"), n)
		}
		for _, x := range e.Sentences {
			check("timeline", x)
		}
	}
	t.Logf("summary cites %d outlets; timeline has %d dates", len(outlets), len(tl.Entries))
}
