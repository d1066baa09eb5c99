package httpapi

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
	"github.com/dossier-news/dossier/internal/store/sqlite"
	"github.com/dossier-news/dossier/internal/store/storetest"
)

func newServer(t *testing.T, n int) (*httptest.Server, []news.Article) {
	t.Helper()
	srv, as, _ := newServerStore(t, n)
	return srv, as
}

func newServerStore(t *testing.T, n int) (*httptest.Server, []news.Article, *sqlite.Store) {
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
	return srv, as, st
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

func TestDuplicates(t *testing.T) {
	srv, as, st := newServerStore(t, 4)
	link := news.Reuse{Article: as[1].ID, Other: as[0].ID, Kind: "near", Jaccard: 0.9, Containment: 0.95, OtherContainment: 0.9, Sentences: 2}
	err := st.PutDedup(context.Background(), store.DedupBatch{Links: []news.Reuse{link},
		Groups: []news.DupGroup{{Origin: as[0].ID, Members: []string{as[0].ID, as[1].ID}}}})
	if err != nil {
		t.Fatal(err)
	}
	var l ArticleList
	get(t, srv.URL+"/api/v1/articles", http.StatusOK, &l)
	if len(l.Articles) != 3 {
		t.Errorf("collapsed list has %d articles, want 3", len(l.Articles))
	}
	for _, a := range l.Articles {
		if a.ID == as[0].ID && (a.Copies != 1 || a.DupGroup != as[0].ID) {
			t.Errorf("origin listed with copies %d, group %q; want 1, itself", a.Copies, a.DupGroup)
		}
	}
	get(t, srv.URL+"/api/v1/articles?all=true", http.StatusOK, &l)
	if len(l.Articles) != 4 {
		t.Errorf("?all=true lists %d articles, want 4", len(l.Articles))
	}
	var links Links
	get(t, srv.URL+"/api/v1/articles/"+as[0].ID+"/links", http.StatusOK, &links)
	if want := []news.Reuse{link.Reversed()}; !cmp.Equal(links.Links, want) {
		t.Errorf("links of the origin = %+v, want %+v", links.Links, want)
	}
	get(t, srv.URL+"/api/v1/articles/"+as[2].ID+"/links", http.StatusOK, &links)
	if links.Links == nil || len(links.Links) != 0 {
		t.Errorf("links of an unrelated article = %#v, want an empty list", links.Links)
	}
	var groups DupGroups
	get(t, srv.URL+"/api/v1/dups", http.StatusOK, &groups)
	if want := []news.DupGroup{{Origin: as[0].ID, Members: []string{as[0].ID, as[1].ID}}}; !cmp.Equal(groups.Groups, want) {
		t.Errorf("dups = %+v, want %+v", groups.Groups, want)
	}
	var e ErrorBody
	get(t, srv.URL+"/api/v1/articles?all=maybe", http.StatusBadRequest, &e)
	get(t, srv.URL+"/api/v1/articles/ffffffffffffffff/links", http.StatusNotFound, &e)
	if e.Error.Code != "not_found" {
		t.Errorf("links of a missing article: code %q, want not_found", e.Error.Code)
	}
}
