package postgres

import (
	"context"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
	"github.com/dossier-news/dossier/internal/store/storetest"
)

// TestIndexPending: stored articles are found by search before they are
// indexed and rank the same after; two indexers working at once index
// every pending article exactly once between them.
func TestIndexPending(t *testing.T) {
	s := openFresh(t)
	ctx := context.Background()
	const n = 300
	as := make([]news.Article, 0, n)
	for i := 1; i <= n; i++ {
		as = append(as, storetest.Article(i))
	}
	if _, err := s.PutArticles(ctx, as); err != nil {
		t.Fatal(err)
	}
	search := func() []string {
		page, err := s.Search(ctx, store.SearchQuery{Text: "berth 17", Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, h := range page.Hits {
			ids = append(ids, h.Article.ID)
		}
		return ids
	}
	before := search()
	if len(before) == 0 {
		t.Fatal("search found nothing among articles not yet indexed")
	}
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
	if counts[0]+counts[1] != n {
		t.Errorf("indexers did %v, together %d; want %d", counts, counts[0]+counts[1], n)
	}
	if k, err := s.IndexPending(ctx, 10); k != 0 || err != nil {
		t.Errorf("IndexPending after all = %d, %v; want 0", k, err)
	}
	if diff := cmp.Diff(before, search()); diff != "" {
		t.Errorf("search before and after indexing (-pending +indexed):\n%s", diff)
	}
}
