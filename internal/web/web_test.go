package web

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
	"github.com/dossier-news/dossier/internal/store/sqlite"
	"github.com/dossier-news/dossier/internal/store/storetest"
)

func TestPagesEscapeAndLink(t *testing.T) {
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "web.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	evil := storetest.Article(1)
	evil.Title = `<script>alert(1)</script> Berth`
	evil.Text = "An <img src=x onerror=alert(2)> estuary report.\n\nSecond paragraph."
	evil.Paragraphs = news.SplitParagraphs(evil.Text)
	if _, err := st.PutArticles(context.Background(), []news.Article{evil, storetest.Article(2)}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(New(st, nil))
	defer srv.Close()

	tests := []struct {
		path     string
		status   int
		contains []string
	}{
		{"/articles", 200, []string{"Latest articles", "/articles/" + evil.ID, "&lt;script&gt;alert(1)&lt;/script&gt; Berth", "2 articles from 1 outlets"}},
		{"/search?q=estuary", 200, []string{"Results for", "<mark>estuary</mark>", "&lt;img src=x onerror=alert(2)&gt;"}},
		{"/search?q=-", 400, []string{"no words"}},
		// The old query forms of / redirect (followed by the client).
		{"/?q=estuary", 200, []string{"Results for", "<mark>estuary</mark>"}},
		{"/?q=-", 400, []string{"no words"}},
		{"/", 200, []string{"Latest stories", "No stories yet"}},
		{"/articles/" + evil.ID, 200, []string{"<p>Second paragraph.</p>", "credits: Valdren Wire", "&lt;script&gt;"}},
		{"/articles/nope", 404, []string{"Not found"}},
		{"/static/dossier.css", 200, []string{"--accent"}},
	}
	for _, tt := range tests {
		resp, err := http.Get(srv.URL + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.status {
			t.Errorf("GET %s: status %d, want %d", tt.path, resp.StatusCode, tt.status)
		}
		for _, s := range tt.contains {
			if !strings.Contains(string(body), s) {
				t.Errorf("GET %s: body lacks %q", tt.path, s)
			}
		}
		if strings.Contains(string(body), "<script>") || strings.Contains(string(body), "<img src=x") {
			t.Errorf("GET %s: unescaped payload in page", tt.path)
		}
		if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") {
			t.Errorf("GET %s: CSP %q", tt.path, csp)
		}
	}
}

func TestPagesShowDuplicates(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "web.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	as := []news.Article{storetest.Article(1), storetest.Article(2), storetest.Article(3)}
	if _, err := st.PutArticles(ctx, as); err != nil {
		t.Fatal(err)
	}
	err = st.PutDedup(ctx, store.DedupBatch{
		Links: []news.Reuse{
			{Article: as[1].ID, Other: as[0].ID, Kind: "near", Jaccard: 0.9},
			{Article: as[2].ID, Other: as[0].ID, Kind: "shares-paragraphs", Jaccard: 0.2,
				Paragraphs: []news.SharedParagraph{{Span: news.Span{Start: 0, End: 10}, OtherSpan: news.Span{Start: 0, End: 10}, Overlap: 1}}},
		},
		Groups: []news.DupGroup{{Origin: as[0].ID, Members: []string{as[0].ID, as[1].ID}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(New(st, nil))
	defer srv.Close()
	tests := []struct {
		path              string
		contains, missing []string
	}{
		{"/articles", []string{"1 syndicated copies folded", "show all", "+1 copy", "/articles/" + as[0].ID},
			[]string{"/articles/" + as[1].ID + `"`}},
		{"/articles?all=1", []string{"all copies shown", "/articles/" + as[1].ID, "copy of"}, nil},
		{"/?all=1", []string{"all copies shown", "/articles/" + as[1].ID, "copy of"}, nil}, // the old form, redirected
		{"/articles/" + as[1].ID, []string{"A copy of", "/articles/" + as[0].ID, "Shared text", "Same report as", "near"}, nil},
		{"/articles/" + as[0].ID, []string{"First published here; 1 other outlet carries a copy.", "shares-paragraphs",
			"Shares 1 paragraph with", "This article shares 1 paragraph with 1 other article"}, nil},
	}
	for _, tt := range tests {
		resp, err := http.Get(srv.URL + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		for _, s := range tt.contains {
			if !strings.Contains(string(body), s) {
				t.Errorf("GET %s: body lacks %q", tt.path, s)
			}
		}
		for _, s := range tt.missing {
			if strings.Contains(string(body), s) {
				t.Errorf("GET %s: body has %q", tt.path, s)
			}
		}
	}
}
