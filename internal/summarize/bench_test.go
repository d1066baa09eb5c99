package summarize

import (
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/timex"
)

// storyDocs loads up to n real articles of one long story — Timeline17's
// BP oil spill coverage, 2010, from five outlets — in date order, with
// their time expressions tagged beforehand as the pipeline stores them.
// It skips when ../shared is absent.
func storyDocs(b *testing.B, n int) []Doc {
	b.Helper()
	paths, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "eval", "timelines", "t17", "Data", "bpoil_*", "InputDocs", "*", "*.txt"))
	if len(paths) < n {
		b.Skip("Timeline17 not under ../shared")
	}
	sort.Slice(paths, func(i, j int) bool {
		return filepath.Base(filepath.Dir(paths[i])) < filepath.Base(filepath.Dir(paths[j]))
	})
	var docs []Doc
	for _, p := range paths[:n] {
		body, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		day, err := time.Parse(time.DateOnly, filepath.Base(filepath.Dir(p)))
		if err != nil {
			b.Fatal(err)
		}
		text := string(body)
		times := []news.TimeExpression{}
		for _, x := range timex.Tag(text, day) {
			te := news.TimeExpression{Span: news.Span{Start: x.Start, End: x.End}, Value: x.Value, Type: string(x.Type)}
			if first, last, ok := timex.Calendar(x.Value); ok {
				te.First, te.Last = first, last
			}
			times = append(times, te)
		}
		docs = append(docs, Doc{ID: p, Source: filepath.Base(filepath.Dir(filepath.Dir(filepath.Dir(p)))), Text: text, Published: day, Times: times})
	}
	return docs
}

// BenchmarkStory500 is what a reader of a 500-article story waits for
// (issue 8 asks < 300 ms): preparing the articles, the summary and the
// timeline, from texts and time expressions already stored.
func BenchmarkStory500(b *testing.B) {
	docs := storyDocs(b, 500)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c := prepare(docs)
		s := c.summary(DefaultOptions())
		tl := buildTimeline(c, TimelineOptions{})
		if len(s.Sentences) == 0 || len(tl.Entries) == 0 {
			b.Fatalf("empty summary (%d) or timeline (%d)", len(s.Sentences), len(tl.Entries))
		}
	}
}
