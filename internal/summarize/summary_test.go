package summarize

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/news"
)

// ferryDocs is an invented story: a ferry grounding reported by a wire
// service, reprinted by two outlets (one with its dateline and curly
// quotes), and followed up by a local paper.
func ferryDocs() []Doc {
	day := time.Date(2026, 5, 4, 9, 0, 0, 0, time.UTC)
	wire := "KELLMOOR HARBOUR, May 4 (Valdren Wire) — The passenger ferry Amber Gannet ran aground on a sandbank outside Kellmoor Harbour early on Monday with 212 people aboard, the coastguard said.\n\n" +
		"Nobody was hurt, and tugs pulled the ferry free on the rising tide by mid-morning, according to the harbour authority.\n\n" +
		"\"We are grateful to the crew and the coastguard,\" the operator Brightwater Lines said in a statement."
	reprint := strings.NewReplacer("\"", "“", "KELLMOOR HARBOUR, May 4 (Valdren Wire) — ", "").Replace(wire)
	local := "Inspectors from the maritime safety board began examining the hull of the Amber Gannet on Tuesday after the grounding.\n\n" +
		"The board said the ferry would stay out of service until its inspection of the hull and steering gear was complete.\n\n" +
		"Kellmoor's harbour master said the sandbank had shifted during winter storms and that new buoys would be laid next week."
	return []Doc{
		{ID: "local", Source: "Kellmoor Gazette", Text: local, Published: day.Add(26 * time.Hour)},
		{ID: "reprint", Source: "Coastline Daily", Text: reprint, Published: day.Add(2 * time.Hour)},
		{ID: "wire", Source: "Valdren Wire", Text: wire, Published: day},
	}
}

func TestSummarizeCitesEveryCarrier(t *testing.T) {
	docs := ferryDocs()
	s := Summarize(docs, Options{Words: 1000})
	texts := map[string]string{}
	for _, d := range docs {
		texts[d.ID] = d.Text
	}
	seen := map[string]bool{}
	for _, x := range s.Sentences {
		if seen[x.Text] {
			t.Errorf("sentence given twice: %q", x.Text)
		}
		seen[x.Text] = true
		var ids []string
		for _, c := range x.Citations {
			ids = append(ids, c.Article)
			if got := texts[c.Article][c.Span.Start:c.Span.End]; !slices.Equal(lowerWords(got), lowerWords(x.Text)) {
				t.Errorf("citation %s reads %q, want the words of %q", c.Article, got, x.Text)
			}
		}
		if strings.HasPrefix(x.Text, "The passenger ferry") {
			// The wire published first; its dateline is not part of
			// the sentence.
			if want := []string{"wire", "reprint"}; !cmp.Equal(ids, want) {
				t.Errorf("wire sentence cites %v, want %v (earliest first)", ids, want)
			}
		}
		if strings.Contains(x.Text, "KELLMOOR HARBOUR") {
			t.Errorf("dateline kept: %q", x.Text)
		}
	}
	if want := 6; len(s.Sentences) != want {
		t.Errorf("%d sentences with an unbounded budget, want %d (three wire, three local)", len(s.Sentences), want)
	}
	if s.Articles != 3 {
		t.Errorf("Articles = %d, want 3", s.Articles)
	}
}

func lowerWords(s string) []string {
	var out []string
	words(s, func(w []byte) { out = append(out, string(w)) })
	return out
}

func TestSummarizeBudget(t *testing.T) {
	for _, budget := range []int{1, 20, 40, 60} {
		t.Run(fmt.Sprint(budget), func(t *testing.T) {
			s := Summarize(ferryDocs(), Options{Words: budget})
			if len(s.Sentences) == 0 {
				t.Fatal("empty summary")
			}
			last := s.Sentences[len(s.Sentences)-1]
			// Which sentence comes last in publication order is not the
			// one added last, so bound by the longest sentence.
			longest := 0
			for _, x := range s.Sentences {
				longest = max(longest, len(strings.Fields(x.Text)))
			}
			if s.Words < min(budget, 6) || s.Words >= budget+longest {
				t.Errorf("budget %d: %d words (last %q)", budget, s.Words, last.Text)
			}
		})
	}
}

// TestSummarizeDeterministic: the same articles in any order give the
// same summary.
func TestSummarizeDeterministic(t *testing.T) {
	docs := ferryDocs()
	want := Summarize(docs, Options{Words: 40})
	slices.Reverse(docs)
	if got := Summarize(docs, Options{Words: 40}); !cmp.Equal(got, want) {
		t.Errorf("order changed the summary:\n%s", cmp.Diff(want, got))
	}
}

func TestDatelineLen(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // what remains
	}{
		{"PORT ALDMERE, March 2 (Valdren Wire) — A tank ruptured.", "A tank ruptured."},
		{"GENEVA (Reuters) - Talks resumed.", "Talks resumed."},
		{"LONDON -- Prices rose.", "Prices rose."},
		{"The mayor — who was away — returned.", "The mayor — who was away — returned."},
		{"A storage tank ruptured.", "A storage tank ruptured."},
		{"UN envoy says talks — at last — begin.", "UN envoy says talks — at last — begin."},
		{"US ARMY says talks - at last - begin.", "US ARMY says talks - at last - begin."},
	} {
		if got := tc.in[datelineLen(tc.in):]; got != tc.want {
			t.Errorf("datelineLen(%q) leaves %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestLead(t *testing.T) {
	s := Lead(ferryDocs(), 1)
	var got []string
	for _, x := range s.Sentences {
		got = append(got, x.Text[:20])
	}
	// The wire and its reprint open with the same sentence: given once.
	want := []string{"The passenger ferry ", "Inspectors from the "}
	if !cmp.Equal(got, want) {
		t.Errorf("Lead(1) = %q, want %q", got, want)
	}
}

// FuzzSummarize: whatever the text, citations lie inside their article
// and carry the sentence's words.
func FuzzSummarize(f *testing.F) {
	for _, d := range ferryDocs() {
		f.Add(d.Text, "")
	}
	f.Add("A. B. C. D. E. F.", "“quoted” — PORT, X — y z w v u t s r q p.")
	f.Fuzz(func(t *testing.T, a, b string) {
		docs := []Doc{{ID: "a", Text: a, Times: []news.TimeExpression{}}, {ID: "b", Text: b}}
		s := Summarize(docs, Options{Words: 30})
		for _, x := range s.Sentences {
			for _, c := range x.Citations {
				text := a
				if c.Article == "b" {
					text = b
				}
				if c.Span.Start < 0 || c.Span.End > len(text) || c.Span.Start > c.Span.End {
					t.Fatalf("span %+v outside %d bytes", c.Span, len(text))
				}
				if !slices.Equal(lowerWords(text[c.Span.Start:c.Span.End]), lowerWords(x.Text)) {
					t.Fatalf("citation reads %q, sentence %q", text[c.Span.Start:c.Span.End], x.Text)
				}
			}
		}
	})
}
