package httpapi

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store/sqlite"
	"github.com/dossier-news/dossier/internal/store/storetest"
)

func newServer(t *testing.T, n int) (*httptest.Server, []news.Article) {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "api.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var as []news.Article
	for i := 1; i <= n; i++ {
		as = append(as, storetest.Article(i))
	}
	if _, err := st.PutArticles(context.Background(), as); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(New(st, nil))
	t.Cleanup(srv.Close)
	return srv, as
}

func get(t *testing.T, url string, wantStatus int, v any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != wantStatus {
		t.Fatalf("GET %s: status %d, want %d", url, resp.StatusCode, wantStatus)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("GET %s: Content-Type %q", url, ct)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: decode: %v", url, err)
	}
}

func TestListPaginates(t *testing.T) {
	srv, as := newServer(t, 5)
	var ids []string
	url := srv.URL + "/api/v1/articles?limit=2"
	for pages := 0; ; pages++ {
		var l ArticleList
		get(t, url, http.StatusOK, &l)
		for _, a := range l.Articles {
			ids = append(ids, a.ID)
			if a.Words == 0 || a.Published == nil {
				t.Errorf("summary %s lacks words or date: %+v", a.ID, a)
			}
		}
		if l.NextCursor == "" {
			break
		}
		if pages > 5 {
			t.Fatal("pagination does not end")
		}
		url = srv.URL + "/api/v1/articles?limit=2&cursor=" + l.NextCursor
	}
	if len(ids) != 5 || ids[0] != as[4].ID || ids[4] != as[0].ID {
		t.Errorf("listed %v, want the 5 articles newest first", ids)
	}
}

func TestGetArticleAndErrors(t *testing.T) {
	srv, as := newServer(t, 2)
	var a news.Article
	get(t, srv.URL+"/api/v1/articles/"+as[1].ID, http.StatusOK, &a)
	if a.Text != as[1].Text || a.Title != as[1].Title {
		t.Errorf("got article %+v, want %s", a, as[1].ID)
	}
	tests := []struct {
		path   string
		status int
		code   string
	}{
		{"/api/v1/articles/ffffffffffffffff", http.StatusNotFound, "not_found"},
		{"/api/v1/articles?limit=0", http.StatusBadRequest, "invalid_request"},
		{"/api/v1/articles?limit=x", http.StatusBadRequest, "invalid_request"},
		{"/api/v1/articles?from=yesterday", http.StatusBadRequest, "invalid_request"},
		{"/api/v1/articles?cursor=zzz", http.StatusBadRequest, "invalid_request"},
		{"/api/v1/search", http.StatusBadRequest, "invalid_request"},
		{"/api/v1/nothing", http.StatusNotFound, "not_found"},
	}
	for _, tt := range tests {
		var e ErrorBody
		get(t, srv.URL+tt.path, tt.status, &e)
		if e.Error.Code != tt.code || e.Error.Message == "" {
			t.Errorf("GET %s: error %+v, want code %q with a message", tt.path, e.Error, tt.code)
		}
	}
}

func TestSearch(t *testing.T) {
	srv, as := newServer(t, 3)
	var r SearchResults
	get(t, srv.URL+"/api/v1/search?q=berth+2", http.StatusOK, &r)
	if len(r.Results) != 1 || r.Results[0].Article.ID != as[1].ID {
		t.Fatalf("search berth 2 = %+v, want only %s", r.Results, as[1].ID)
	}
	if len(r.Results[0].Highlights) == 0 || r.Results[0].Snippet == "" {
		t.Errorf("result lacks snippet highlights: %+v", r.Results[0])
	}
	get(t, srv.URL+"/api/v1/search?q=estuary&from=2026-03-02T11:00:00Z", http.StatusOK, &r)
	if len(r.Results) != 2 {
		t.Errorf("filtered search returned %d results, want 2", len(r.Results))
	}
}
