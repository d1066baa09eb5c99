package httpapi

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store/sqlite"
	"github.com/dossier-news/dossier/internal/store/storetest"
)

// TestSearchTTL: with SearchTTL a repeated search is answered from
// memory, so an article stored meanwhile appears only after the TTL;
// without it, at once.
func TestSearchTTL(t *testing.T) {
	for _, ttl := range []time.Duration{0, time.Hour} {
		st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "api.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if _, err := st.PutArticles(context.Background(), []news.Article{storetest.Article(1)}); err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(NewServer(st, nil, Options{SearchTTL: ttl}))
		defer srv.Close()
		var first, second SearchResults
		get(t, srv.URL+"/api/v1/search?q=estuary", http.StatusOK, &first)
		if _, err := st.PutArticles(context.Background(), []news.Article{storetest.Article(2)}); err != nil {
			t.Fatal(err)
		}
		get(t, srv.URL+"/api/v1/search?q=estuary", http.StatusOK, &second)
		want := 2
		if ttl > 0 {
			want = 1 // the first answer, kept
		}
		if len(first.Results) != 1 || len(second.Results) != want {
			t.Errorf("SearchTTL %v: %d then %d results; want 1 then %d", ttl, len(first.Results), len(second.Results), want)
		}
	}
}
