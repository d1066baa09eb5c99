// Package httpapi serves Dossier's versioned JSON API under /api/v1.
// Handlers are thin: they parse parameters, ask the store and encode
// the answer; errors are JSON objects with a stable code and a message.
package httpapi

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/dossier-news/dossier/internal/httpcache"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
	"github.com/dossier-news/dossier/internal/summarize"
)

// Server is the API handler.
type Server struct {
	st  store.Store
	log *slog.Logger
	mux *http.ServeMux
	// sums keeps story summaries and timelines until a story changes.
	sums *summarize.Cache
	opt  Options
	m    serverMetrics
	// handler is mux behind the middleware (auth, ETags, metrics).
	handler http.Handler
}

// New returns the read-only API handler over st. log may be nil.
func New(st store.Store, log *slog.Logger) *Server { return NewServer(st, log, Options{}) }

// NewServer returns the API handler over st with o. log may be nil.
func NewServer(st store.Store, log *slog.Logger, o Options) *Server {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	o = o.withDefaults()
	s := &Server{st: st, log: log, mux: http.NewServeMux(), sums: summarize.NewCache(512), opt: o}
	s.m = newServerMetrics(o.Metrics, st)
	for _, rt := range routes() {
		s.mux.HandleFunc(rt.method+" "+rt.path, rt.handler(s))
	}
	s.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "not_found", "no such API route: "+r.Method+" "+r.URL.Path)
	})
	var h http.Handler = etag(s.mux)
	if o.StoryCache > 0 {
		// Inside authorize and instrument: cached answers are still
		// authorised and counted.
		h = httpcache.New(h, st, o.StoryCache, o.StoryTTL)
	}
	if o.ListingTTL > 0 {
		h = httpcache.NewMicro(h, []string{"/api/v1/articles", "/api/v1/stories", "/api/v1/storylines",
			"/api/v1/dups", "/api/v1/entities", "/api/v1/quotes", "/api/v1/stats"}, 4096, o.ListingTTL)
	}
	if o.SearchTTL > 0 {
		h = httpcache.NewMicro(h, []string{"/api/v1/search"}, 1024, o.SearchTTL)
	}
	s.handler = s.instrument(s.authorize(h))
	return s
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// ArticleSummary is an article in listings: everything but the text.
type ArticleSummary struct {
	ID           string        `json:"id"`
	URL          string        `json:"url,omitempty"`
	Title        string        `json:"title"`
	TitleDerived bool          `json:"title_derived,omitempty"`
	Source       news.Source   `json:"source"`
	Authors      []string      `json:"authors,omitempty"`
	Credits      []news.Credit `json:"credits,omitempty"`
	Published    *time.Time    `json:"published,omitempty"`
	Language     string        `json:"language,omitempty"`
	Words        int           `json:"words"`
	// DupGroup is the id of the first publisher of the article's
	// syndication group, Copies the number of other members.
	DupGroup string `json:"dup_group,omitempty"`
	Copies   int    `json:"copies,omitempty"`
}

func articleSummary(a news.Article) ArticleSummary {
	s := ArticleSummary{ID: a.ID, URL: a.URL, Title: a.Title, TitleDerived: a.TitleDerived, Source: a.Source,
		Authors: a.Authors, Credits: a.Credits, Language: a.Language, Words: countWords(a.Text),
		DupGroup: a.DupGroup, Copies: a.Copies}
	if !a.Published.IsZero() {
		p := a.Published
		s.Published = &p
	}
	return s
}

func countWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		sp := r == ' ' || r == '\n' || r == '\t'
		if !sp && !in {
			n++
		}
		in = !sp
	}
	return n
}

// ArticleList is the body of GET /api/v1/articles.
type ArticleList struct {
	Articles   []ArticleSummary `json:"articles"`
	NextCursor string           `json:"next_cursor,omitempty"`
}

// SearchResult is one hit of GET /api/v1/search.
type SearchResult struct {
	Article    ArticleSummary `json:"article"`
	Score      float64        `json:"score"`
	Snippet    string         `json:"snippet"`
	Highlights []news.Span    `json:"highlights,omitempty"`
}

// SearchResults is the body of GET /api/v1/search.
type SearchResults struct {
	Query      string         `json:"query"`
	Results    []SearchResult `json:"results"`
	NextCursor string         `json:"next_cursor,omitempty"`
	// RankedWindow is set when more articles matched than are ranked:
	// the results are the best of this many most recently stored
	// matches (a date range reaches older ones).
	RankedWindow int `json:"ranked_window,omitempty"`
}

// ErrorBody is the body of every error response.
type ErrorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func (s *Server) listArticles(w http.ResponseWriter, r *http.Request) {
	f, limit, err := parseFilter(r)
	if err != nil {
		s.fail(w, err)
		return
	}
	page, err := s.st.Articles(r.Context(), store.ArticleQuery{Filter: f, Limit: limit, Cursor: r.URL.Query().Get("cursor")})
	if err != nil {
		s.fail(w, err)
		return
	}
	out := ArticleList{Articles: []ArticleSummary{}, NextCursor: page.Next}
	for _, a := range page.Articles {
		out.Articles = append(out.Articles, articleSummary(a))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) getArticle(w http.ResponseWriter, r *http.Request) {
	a, err := s.st.Article(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, a)
}

// Links is the body of GET /api/v1/articles/{id}/links.
type Links struct {
	Article string       `json:"article"`
	Links   []news.Reuse `json:"links"`
}

func (s *Server) articleLinks(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if _, err := s.st.Article(r.Context(), id); err != nil {
		s.fail(w, err)
		return
	}
	ls, err := s.st.Links(r.Context(), store.LinkQuery{Article: id})
	if err != nil {
		s.fail(w, err)
		return
	}
	if ls == nil {
		ls = []news.Reuse{}
	}
	writeJSON(w, http.StatusOK, Links{Article: id, Links: ls})
}

// DupGroups is the body of GET /api/v1/dups.
type DupGroups struct {
	Groups []news.DupGroup `json:"groups"`
}

func (s *Server) dupGroups(w http.ResponseWriter, r *http.Request) {
	_, limit, err := parseFilter(r)
	if err != nil {
		s.fail(w, err)
		return
	}
	gs, err := s.st.DupGroups(r.Context(), store.ClampLimit(limit))
	if err != nil {
		s.fail(w, err)
		return
	}
	if gs == nil {
		gs = []news.DupGroup{}
	}
	writeJSON(w, http.StatusOK, DupGroups{Groups: gs})
}

func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	f, limit, err := parseFilter(r)
	if err != nil {
		s.fail(w, err)
		return
	}
	q := r.URL.Query().Get("q")
	page, err := s.st.Search(r.Context(), store.SearchQuery{Filter: f, Text: q, Limit: limit, Cursor: r.URL.Query().Get("cursor")})
	if err != nil {
		s.fail(w, err)
		return
	}
	out := SearchResults{Query: q, Results: []SearchResult{}, NextCursor: page.Next, RankedWindow: page.Window}
	for _, h := range page.Hits {
		out.Results = append(out.Results, SearchResult{Article: articleSummary(h.Article), Score: h.Score, Snippet: h.Snippet, Highlights: h.Highlights})
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) stats(w http.ResponseWriter, r *http.Request) {
	st, err := s.st.Stats(r.Context())
	if err != nil {
		s.fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, StatsBody{Articles: st.Articles, Outlets: st.Outlets, Failures: st.Failures,
		DupGroups: st.DupGroups, Copies: st.Copies, Entities: st.Entities, Quotes: st.Quotes,
		Stories: st.Stories, Storylines: st.Storylines})
}

// parseFilter reads the shared query parameters: outlet, lang, from, to
// (RFC 3339 or YYYY-MM-DD), all (list every copy), limit.
func parseFilter(r *http.Request) (store.Filter, int, error) {
	q := r.URL.Query()
	f := store.Filter{Outlet: q.Get("outlet"), Language: q.Get("lang")}
	var err error
	if a := q.Get("all"); a != "" {
		if f.AllCopies, err = strconv.ParseBool(a); err != nil {
			return f, 0, badParam("all", "true or false")
		}
	}
	if f.From, err = parseTime(q.Get("from"), false); err != nil {
		return f, 0, err
	}
	if f.To, err = parseTime(q.Get("to"), true); err != nil {
		return f, 0, err
	}
	limit, err := limitParam(r)
	return f, limit, err
}

// parseTime accepts RFC 3339 or a day; a day as an upper bound means the
// end of that day.
func parseTime(s string, upper bool) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return t, badParam("date", "RFC 3339 or YYYY-MM-DD, got "+strconv.Quote(s))
	}
	if upper {
		t = t.AddDate(0, 0, 1)
	}
	return t, nil
}

type paramError struct{ name, want string }

func (e paramError) Error() string { return "bad " + e.name + ": want " + e.want }
func (e paramError) Unwrap() error { return news.ErrInvalid }

func badParam(name, want string) error { return paramError{name, want} }

func (s *Server) fail(w http.ResponseWriter, err error) {
	switch {
	case errors.Is(err, news.ErrNotFound):
		writeError(w, http.StatusNotFound, "not_found", err.Error())
	case errors.Is(err, news.ErrInvalid):
		writeError(w, http.StatusBadRequest, "invalid_request", err.Error())
	default:
		s.log.Error("request failed", "err", err)
		writeError(w, http.StatusInternalServerError, "internal", "internal error")
	}
}

func writeError(w http.ResponseWriter, status int, code, msg string) {
	var b ErrorBody
	b.Error.Code, b.Error.Message = code, msg
	writeJSON(w, status, b)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}
