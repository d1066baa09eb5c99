package httpapi

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/pipeline"
	"github.com/dossier-news/dossier/internal/store/sqlite"
)

// writeServer serves a fresh store that accepts writes, with one token.
func writeServer(t *testing.T, o Options) (*httptest.Server, string) {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "w.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	tok, secret, err := news.NewToken("test", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := st.PutToken(ctx, tok); err != nil {
		t.Fatal(err)
	}
	if o.Ingester == nil {
		if o.Ingester, err = pipeline.Open(ctx, st, pipeline.Config{}); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(NewServer(st, nil, o))
	t.Cleanup(srv.Close)
	return srv, secret
}

// do sends a request and returns the status, headers and body.
func do(t *testing.T, method, url, token, ctype, body string, header ...string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

const postedArticle = `{"url":"https://wire.example/ferry","title":"Ferry runs aground off Kellmoor","source":"Valdren Wire","published":"2026-05-04T09:00:00Z",` +
	`"text":"The passenger ferry Amber Gannet ran aground on a sandbank outside Kellmoor Harbour early on Monday with 212 people aboard, the coastguard said.\n\n` +
	`Nobody was hurt, and tugs pulled the ferry free on the rising tide by mid-morning, according to the harbour authority."}`

func TestPostArticles(t *testing.T) {
	srv, token := writeServer(t, Options{MaxBodyBytes: 4096})
	url := srv.URL + "/api/v1/articles"
	for _, tc := range []struct {
		name, token, ctype, body string
		want                     int
	}{
		{"no token", "", "application/json", postedArticle, http.StatusUnauthorized},
		{"wrong token", "dsk_0000", "application/json", postedArticle, http.StatusUnauthorized},
		{"new", token, "application/json", postedArticle, http.StatusCreated},
		{"again", token, "application/json; charset=utf-8", postedArticle, http.StatusOK},
		{"no content", token, "application/json", `{"title":"only a title"}`, http.StatusUnprocessableEntity},
		{"not json", token, "application/json", `{"title":`, http.StatusUnprocessableEntity},
		{"too large", token, "application/json", `{"text":"` + strings.Repeat("word ", 1000) + `"}`, http.StatusRequestEntityTooLarge},
		{"wrong type", token, "application/pdf", "%PDF", http.StatusUnsupportedMediaType},
		{"html", token, "text/html", "<html><head><title>Buoys laid at Kellmoor</title></head><body><article><h1>Buoys laid at Kellmoor</h1>" +
			"<p>New buoys were laid at the mouth of Kellmoor Harbour on Friday to mark the sandbank on which the ferry Amber Gannet ran aground this week, the harbour authority said.</p>" +
			"<p>The sandbank had shifted during the winter storms, the harbour master said, and surveys of the channel would now be made every spring.</p></article></body></html>", http.StatusCreated},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, h, body := do(t, http.MethodPost, url+"?url=https://kellmoor.example/buoys", tc.token, tc.ctype, tc.body)
			if code != tc.want {
				t.Fatalf("status %d, want %d: %s", code, tc.want, body)
			}
			if code == http.StatusUnauthorized && h.Get("WWW-Authenticate") == "" {
				t.Error("401 without WWW-Authenticate")
			}
			if code == http.StatusCreated || code == http.StatusOK {
				var o PostedArticle
				if err := json.Unmarshal([]byte(body), &o); err != nil || o.Article == "" || o.Story == "" || o.New != (code == http.StatusCreated) {
					t.Errorf("answer %s (%v): want the article, its story and new=%v", body, err, code == http.StatusCreated)
				}
				if code == http.StatusCreated && h.Get("Location") != "/api/v1/articles/"+o.Article {
					t.Errorf("Location = %q", h.Get("Location"))
				}
			}
		})
	}
	// The posted article is readable, and counted in the metrics.
	if code, _, body := do(t, http.MethodGet, url, "", "", ""); code != http.StatusOK || !strings.Contains(body, "Ferry runs aground") {
		t.Errorf("GET articles after posting: %d %s", code, body)
	}
	_, _, m := do(t, http.MethodGet, srv.URL+"/metrics", "", "", "")
	for _, want := range []string{`dossier_api_documents_total{outcome="new"} 2`, `dossier_api_documents_total{outcome="existing"} 1`,
		`dossier_http_requests_total{route="POST /api/v1/articles",code="401"} 2`, "dossier_store_articles 2",
		"dossier_store_failures 2"} {
		if !strings.Contains(m, want) {
			t.Errorf("metrics lack %q:\n%s", want, m)
		}
	}
}

func TestWritesDisabled(t *testing.T) {
	srv, as, st := newServerStore(t, 1)
	_ = as
	tok, secret, _ := news.NewToken("t", time.Now())
	if err := st.PutToken(context.Background(), tok); err != nil {
		t.Fatal(err)
	}
	if code, _, body := do(t, http.MethodPost, srv.URL+"/api/v1/articles", secret, "application/json", postedArticle); code != http.StatusServiceUnavailable {
		t.Errorf("POST to a read-only server: %d %s, want 503", code, body)
	}
}

func TestReadAuthAndProbes(t *testing.T) {
	srv, token := writeServer(t, Options{ReadAuth: true})
	for _, tc := range []struct {
		path, token string
		want        int
	}{
		{"/api/v1/stories", "", http.StatusUnauthorized},
		{"/api/v1/stories", token, http.StatusOK},
		{"/healthz", "", http.StatusOK},
		{"/readyz", "", http.StatusOK},
	} {
		if code, _, body := do(t, http.MethodGet, srv.URL+tc.path, tc.token, "", ""); code != tc.want {
			t.Errorf("GET %s (token %v): %d, want %d: %s", tc.path, tc.token != "", code, tc.want, body)
		}
	}
}

func TestETag(t *testing.T) {
	srv, token := writeServer(t, Options{})
	url := srv.URL + "/api/v1/articles"
	code, h, _ := do(t, http.MethodGet, url, "", "", "")
	tag := h.Get("ETag")
	if code != http.StatusOK || tag == "" {
		t.Fatalf("GET: %d, ETag %q", code, tag)
	}
	if code, _, body := do(t, http.MethodGet, url, "", "", "", "If-None-Match", tag); code != http.StatusNotModified || body != "" {
		t.Errorf("GET with its ETag: %d %q, want 304 and no body", code, body)
	}
	if code, _, _ := do(t, http.MethodGet, url, "", "", "", "If-None-Match", `"other", W/`+tag); code != http.StatusNotModified {
		t.Errorf("GET with a list holding its weak ETag: %d, want 304", code)
	}
	// A change answers with the new body and a new tag.
	if code, _, body := do(t, http.MethodPost, url, token, "application/json", postedArticle); code != http.StatusCreated {
		t.Fatalf("POST: %d %s", code, body)
	}
	code, h, _ = do(t, http.MethodGet, url, "", "", "", "If-None-Match", tag)
	if code != http.StatusOK || h.Get("ETag") == tag {
		t.Errorf("GET after a change: %d, ETag %q (was %q); want 200 and a new tag", code, h.Get("ETag"), tag)
	}
}

// TestProtect: with ReadAuth another handler (the web pages) is closed
// to requests without a token too; without it, open.
func TestProtect(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	tok, secret, _ := news.NewToken("reader", time.Now())
	if err := st.PutToken(ctx, tok); err != nil {
		t.Fatal(err)
	}
	pages := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "page") })
	for _, tc := range []struct {
		readAuth bool
		token    string
		want     int
	}{
		{true, "", http.StatusUnauthorized},
		{true, "dsk_wrong", http.StatusUnauthorized},
		{true, secret, http.StatusOK},
		{false, "", http.StatusOK},
	} {
		srv := httptest.NewServer(NewServer(st, nil, Options{ReadAuth: tc.readAuth}).Protect(pages))
		code, _, body := do(t, http.MethodGet, srv.URL+"/stories/x", tc.token, "", "")
		srv.Close()
		if code != tc.want {
			t.Errorf("read auth %v, token %q: %d %q, want %d", tc.readAuth, tc.token, code, body, tc.want)
		}
	}
}
