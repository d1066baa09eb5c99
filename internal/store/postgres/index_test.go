package postgres

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
	"github.com/dossier-news/dossier/internal/store/storetest"
)

// TestIndexPending: stored articles are found by search before they are
// indexed, half-indexed and fully indexed, with the same hits, scores and
// snippets each time; one indexer reports what it did; two indexers
// working at once index every pending article exactly once between them.
func TestIndexPending(t *testing.T) {
	s := openFresh(t)
	ctx := context.Background()
	const n = 300
	as := make([]news.Article, 0, n)
	for i := 1; i <= n; i++ {
		a := storetest.Article(i)
		if i%3 == 0 {
			// "berth" only in the text: these rank below the others, so
			// the comparison covers the title's weight, not only ties.
			a.Title = fmt.Sprintf("Survey %d", i)
		}
		as = append(as, a)
	}
	if _, err := s.PutArticles(ctx, as); err != nil {
		t.Fatal(err)
	}
	pending := func() int {
		var k int
		if err := s.db.QueryRow(ctx, `SELECT count(*) FROM article_texts WHERE fts IS NULL`).Scan(&k); err != nil {
			t.Fatal(err)
		}
		return k
	}
	if k := pending(); k != n {
		t.Fatalf("%d articles pending after storing %d; want all", k, n)
	}
	queries := []store.SearchQuery{
		{Text: "berth", Limit: 50},
		{Text: "berth 17", Limit: 10},
		{Text: `"survey of pier" -inspected`, Limit: 10},
		{Text: "survey OR inspected", Limit: 20, Cursor: store.OffsetCursor(20)},
	}
	search := func() [][]store.SearchHit {
		var out [][]store.SearchHit
		for _, q := range queries {
			page, err := s.Search(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, page.Hits)
		}
		return out
	}
	same := func(state string, want, got [][]store.SearchHit) {
		t.Helper()
		for i := range queries {
			if diff := cmp.Diff(want[i], got[i]); diff != "" {
				t.Errorf("search %q, pending and %s (-pending +%s):\n%s", queries[i].Text, state, state, diff)
			}
		}
	}
	before := search()
	for i, hits := range before[:3] {
		if len(hits) == 0 {
			t.Fatalf("search %q found nothing among articles not yet indexed", queries[i].Text)
		}
	}

	const first = 100
	if k, err := s.IndexPending(ctx, first); k != first || err != nil {
		t.Fatalf("IndexPending(%d) = %d, %v; want %d", first, k, err, first)
	}
	same("half indexed", before, search())

	var wg sync.WaitGroup
	counts := make([]int, 2)
	for w := range counts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				k, err := s.IndexPending(ctx, 7)
				if err != nil {
					t.Error(err)
					return
				}
				if k == 0 {
					return
				}
				counts[w] += k
			}
		}()
	}
	wg.Wait()
	// Together they did what was pending and nothing is left, so no
	// article was indexed twice and none was missed.
	if counts[0]+counts[1] != n-first {
		t.Errorf("indexers did %v, together %d; want %d", counts, counts[0]+counts[1], n-first)
	}
	if k := pending(); k != 0 {
		t.Errorf("%d articles still pending after the indexers", k)
	}
	if k, err := s.IndexPending(ctx, 10); k != 0 || err != nil {
		t.Errorf("IndexPending after all = %d, %v; want 0", k, err)
	}
	same("indexed", before, search())
}
