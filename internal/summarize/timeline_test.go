package summarize

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/news"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// harbourStory is an invented story: a warehouse fire at a harbour on
// Monday 4 March 2024, the days after it, an inquiry opened on 12 March
// and a report on 28 March that looks back at the fire. One wire
// sentence is carried by two outlets.
func harbourStory() []Doc {
	wire := "Firefighters fought the blaze at the Eastport harbour warehouse for nine hours before bringing it under control."
	return []Doc{
		{ID: "a1", Source: "Coast Herald", Published: day("2024-03-04"), Text: "A fire broke out at a warehouse in Eastport harbour on Monday morning, sending thick smoke over the town. " +
			wire + " Residents near the docks were told to keep their windows closed."},
		{ID: "a2", Source: "Daily Wire", Published: day("2024-03-04"), Text: "Eastport harbour was closed to shipping on Monday after a large warehouse fire. " +
			wire + " The cause of the fire is not yet known, the harbour authority said."},
		{ID: "a3", Source: "Coast Herald", Published: day("2024-03-05"), Text: "Investigators began examining the burnt-out Eastport warehouse on Tuesday, a day after the fire. " +
			"The harbour reopened to smaller vessels while cranes cleared the debris from the quay."},
		{ID: "a4", Source: "Town Post", Published: day("2024-03-06"), Text: "Shipping firms counted the cost of Monday's harbour fire, which destroyed stored grain worth millions. " +
			"Insurers said claims from the Eastport warehouse fire could take months to settle."},
		{ID: "a5", Source: "Daily Wire", Published: day("2024-03-12"), Text: "The regional government opened an inquiry on Tuesday into the Eastport harbour warehouse fire. " +
			"The inquiry will examine fire safety rules for warehouses storing grain at the harbour."},
		{ID: "a6", Source: "Town Post", Published: day("2024-03-13"), Text: "The inquiry into the harbour fire, opened on Tuesday, asked warehouse owners to hand over their safety records. " +
			"Harbour workers welcomed the inquiry into the fire at the Eastport warehouse."},
		{ID: "a7", Source: "Coast Herald", Published: day("2024-03-28"), Text: "The fire that destroyed the Eastport harbour warehouse on March 4 was caused by faulty wiring, a report found. " +
			"The report into the March 4 fire said alarms at the warehouse had not been tested for two years. " +
			"The inquiry opened on March 12 will now consider whether the owners broke safety rules."},
	}
}

func dates(tl news.Timeline) []string {
	var out []string
	for _, e := range tl.Entries {
		out = append(out, e.Date.Format(time.DateOnly))
	}
	return out
}

func TestBuildTimelineStory(t *testing.T) {
	docs := harbourStory()
	// the fire and the inquiry are the days the later articles name
	tl := BuildTimeline(docs, TimelineOptions{Dates: 2, PerDate: 2})
	if got, want := dates(tl), []string{"2024-03-04", "2024-03-12"}; !cmp.Equal(got, want) {
		t.Errorf("dates = %v, want %v", got, want)
	}
	for _, e := range tl.Entries {
		if len(e.Sentences) == 0 || len(e.Sentences) > 2 {
			t.Errorf("%s: %d sentences, want 1 or 2", e.Date.Format(time.DateOnly), len(e.Sentences))
		}
		if e.Support < 1 {
			t.Errorf("%s: support %d, want >= 1", e.Date.Format(time.DateOnly), e.Support)
		}
		for _, s := range e.Sentences {
			for _, c := range s.Citations {
				text := docText(docs, c.Article)
				if got := strings.Join(strings.Fields(text[c.Span.Start:c.Span.End]), " "); got != s.Text {
					t.Errorf("citation %s span reads %q, want %q", c.Article, got, s.Text)
				}
			}
		}
	}
	// a sentence is never given twice, and the syndicated one, when
	// chosen, cites both its carriers
	seen := map[string]bool{}
	for _, e := range tl.Entries {
		for _, s := range e.Sentences {
			if seen[s.Text] {
				t.Errorf("sentence repeated: %q", s.Text)
			}
			seen[s.Text] = true
			if strings.HasPrefix(s.Text, "Firefighters fought") && len(s.Citations) != 2 {
				t.Errorf("wire sentence cites %d articles, want 2", len(s.Citations))
			}
		}
	}
	// the input order does not matter
	shuffled := slices.Clone(docs)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	if diff := cmp.Diff(tl, BuildTimeline(shuffled, TimelineOptions{Dates: 2, PerDate: 2})); diff != "" {
		t.Errorf("timeline depends on input order (-first +shuffled):\n%s", diff)
	}
}

func docText(docs []Doc, id string) string {
	for _, d := range docs {
		if d.ID == id {
			return d.Text
		}
	}
	return ""
}

func TestBuildTimelineOptions(t *testing.T) {
	docs := harbourStory()
	tests := []struct {
		name       string
		o          TimelineOptions
		maxDates   int
		first      string // earliest date allowed
		last       string // latest date allowed
		perDateMax int
	}{
		{"defaults", TimelineOptions{}, maxAutoDates, "2024-03-04", "2024-03-28", 2},
		{"one date", TimelineOptions{Dates: 1}, 1, "2024-03-04", "2024-03-28", 2},
		{"one sentence", TimelineOptions{Dates: 4, PerDate: 1}, 4, "2024-03-04", "2024-03-28", 1},
		{"capped", TimelineOptions{Dates: 2, PerDate: 50}, 2, "2024-03-04", "2024-03-28", maxPer},
		{"from", TimelineOptions{Dates: 5, From: day("2024-03-10")}, 5, "2024-03-10", "2024-03-28", 2},
		{"to", TimelineOptions{Dates: 5, To: day("2024-03-06")}, 5, "2024-03-04", "2024-03-06", 2},
		{"empty range", TimelineOptions{Dates: 5, From: day("2025-01-01")}, 0, "2025-01-01", "2025-01-01", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tl := BuildTimeline(docs, tc.o)
			got := dates(tl)
			if len(got) > tc.maxDates {
				t.Errorf("%d dates %v, want at most %d", len(got), got, tc.maxDates)
			}
			if tc.maxDates > 0 && len(got) == 0 {
				t.Errorf("no dates, want some")
			}
			if !slices.IsSorted(got) {
				t.Errorf("dates %v not in order", got)
			}
			for _, d := range got {
				if d < tc.first || d > tc.last {
					t.Errorf("date %s outside [%s, %s]", d, tc.first, tc.last)
				}
			}
			for _, e := range tl.Entries {
				if n := len(e.Sentences); n < 1 || n > tc.perDateMax {
					t.Errorf("%s: %d sentences, want 1 to %d", e.Date.Format(time.DateOnly), n, tc.perDateMax)
				}
			}
		})
	}
}

func TestBuildTimelineEmpty(t *testing.T) {
	if got := BuildTimeline(nil, TimelineOptions{}); len(got.Entries) != 0 {
		t.Errorf("timeline of nothing has %d entries, want 0", len(got.Entries))
	}
	undated := []Doc{{ID: "u", Text: "Nobody knows when this happened, but it was a very long time ago indeed."}}
	if got := BuildTimeline(undated, TimelineOptions{Dates: 3}); len(got.Entries) != 0 {
		t.Errorf("undated article gave entries %v, want none", dates(got))
	}
}

func TestAutoDates(t *testing.T) {
	tests := []struct {
		name   string
		scores []float64 // best first
		want   int
	}{
		{"none", nil, 0},
		{"one", []float64{1}, 1},
		{"flat", []float64{1, 1, 1, 1}, 4},
		{"one stands out", []float64{10, 1, 1, 1, 1, 1}, 1},
		{"two stand out", []float64{10, 9, 1, 1, 1, 1, 1, 1}, 2},
	}
	for _, tc := range tests {
		var ranked []dayScore
		for i, s := range tc.scores {
			ranked = append(ranked, dayScore{day: int32(i), score: s, support: 2})
		}
		if got := autoDates(ranked); got != tc.want {
			t.Errorf("%s: autoDates = %d, want %d", tc.name, got, tc.want)
		}
	}
}

// BenchmarkTimeline builds the timeline of a 500-article invented story
// from a prepared corpus, the part a combined summary and timeline adds
// to preparation.
func BenchmarkTimeline(b *testing.B) {
	var docs []Doc
	base := harbourStory()
	for i := range 500 / len(base) {
		for _, d := range base {
			d.ID = fmt.Sprintf("%s-%d", d.ID, i)
			d.Published = d.Published.AddDate(0, 0, i%20)
			d.Text = strings.ReplaceAll(d.Text, "Eastport", fmt.Sprintf("Eastport %d", i))
			docs = append(docs, d)
		}
	}
	c := prepare(docs)
	b.ResetTimer()
	for range b.N {
		buildTimeline(c, TimelineOptions{})
	}
}

// BenchmarkTimelineReal500 is the timeline's own share of
// BenchmarkStory500: 500 real articles, prepared once.
func BenchmarkTimelineReal500(b *testing.B) {
	c := prepare(storyDocs(b, 500))
	b.ResetTimer()
	for range b.N {
		buildTimeline(c, TimelineOptions{})
	}
}
