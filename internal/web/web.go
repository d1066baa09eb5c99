// Package web serves Dossier's server-rendered HTML pages: for now an
// article list with search and an article page. Templates are embedded,
// escaping is html/template's, and no page runs inline script.
package web

import (
	"embed"
	"errors"
	"html/template"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

//go:embed templates/*.html static/*
var assets embed.FS

// Handler serves the web pages.
type Handler struct {
	st   store.Store
	tmpl *template.Template
	log  *slog.Logger
	mux  *http.ServeMux
}

// New returns the web handler over st. log may be nil.
func New(st store.Store, log *slog.Logger) *Handler {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	funcs := template.FuncMap{
		"day": func(t time.Time) string {
			if t.IsZero() {
				return "undated"
			}
			return t.UTC().Format("2 Jan 2006")
		},
		"highlight": highlight,
	}
	h := &Handler{
		st:   st,
		log:  log,
		tmpl: template.Must(template.New("").Funcs(funcs).ParseFS(assets, "templates/*.html")),
		mux:  http.NewServeMux(),
	}
	h.mux.HandleFunc("GET /{$}", h.index)
	h.mux.HandleFunc("GET /articles/{id}", h.article)
	h.mux.Handle("GET /static/", http.FileServerFS(assets))
	return h
}

// ServeHTTP implements http.Handler, adding the security headers every
// page needs.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Referrer-Policy", "no-referrer")
	h.mux.ServeHTTP(w, r)
}

type listItem struct {
	Article    news.Article
	Snippet    string
	Highlights []news.Span
}

type indexData struct {
	Query  string
	Outlet string
	All    bool
	Items  []listItem
	Next   string
	Stats  store.Stats
	Error  string
}

func (h *Handler) index(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	d := indexData{Query: strings.TrimSpace(q.Get("q")), Outlet: q.Get("outlet"), All: q.Get("all") == "1"}
	f := store.Filter{Outlet: d.Outlet, AllCopies: d.All}
	var err error
	if d.Query != "" {
		var page store.SearchPage
		page, err = h.st.Search(r.Context(), store.SearchQuery{Filter: f, Text: d.Query, Limit: 50, Cursor: q.Get("cursor")})
		for _, hit := range page.Hits {
			d.Items = append(d.Items, listItem{Article: hit.Article, Snippet: hit.Snippet, Highlights: hit.Highlights})
		}
		d.Next = page.Next
	} else {
		var page store.ArticlePage
		page, err = h.st.Articles(r.Context(), store.ArticleQuery{Filter: f, Limit: 50, Cursor: q.Get("cursor")})
		for _, a := range page.Articles {
			d.Items = append(d.Items, listItem{Article: a, Snippet: lead(a)})
		}
		d.Next = page.Next
	}
	status := http.StatusOK
	if err != nil {
		if !errors.Is(err, news.ErrInvalid) {
			h.serverError(w, err)
			return
		}
		d.Error = err.Error()
		status = http.StatusBadRequest
	}
	d.Stats, _ = h.st.Stats(r.Context())
	h.render(w, status, "index.html", d)
}

// relatedArticle is an article sharing text with the one shown.
type relatedArticle struct {
	Article news.Article
	Link    news.Reuse
}

func (h *Handler) article(w http.ResponseWriter, r *http.Request) {
	a, err := h.st.Article(r.Context(), r.PathValue("id"))
	if errors.Is(err, news.ErrNotFound) {
		h.render(w, http.StatusNotFound, "notfound.html", nil)
		return
	}
	if err != nil {
		h.serverError(w, err)
		return
	}
	var paras []string
	for _, p := range a.Paragraphs {
		paras = append(paras, a.Text[p.Span.Start:p.Span.End])
	}
	links, err := h.st.Links(r.Context(), store.LinkQuery{Article: a.ID})
	if err != nil {
		h.serverError(w, err)
		return
	}
	var related []relatedArticle
	for _, l := range links {
		other, err := h.st.Article(r.Context(), l.Other)
		if err != nil {
			h.serverError(w, err)
			return
		}
		related = append(related, relatedArticle{Article: other, Link: l})
	}
	h.render(w, http.StatusOK, "article.html", struct {
		Article    news.Article
		Paragraphs []string
		Related    []relatedArticle
	}{a, paras, related})
}

func (h *Handler) render(w http.ResponseWriter, status int, name string, data any) {
	var b strings.Builder
	if err := h.tmpl.ExecuteTemplate(&b, name, data); err != nil {
		h.serverError(w, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(b.String()))
}

func (h *Handler) serverError(w http.ResponseWriter, err error) {
	h.log.Error("page failed", "err", err)
	http.Error(w, "internal error", http.StatusInternalServerError)
}

// lead is the first paragraph, cut to a listing-sized excerpt.
func lead(a news.Article) string {
	if len(a.Paragraphs) == 0 {
		return ""
	}
	p := a.Paragraphs[0].Span
	s := a.Text[p.Start:p.End]
	if r := []rune(s); len(r) > 240 {
		s = string(r[:239]) + "…"
	}
	return s
}

// highlight wraps matched spans in <mark>, escaping everything else.
func highlight(s string, spans []news.Span) template.HTML {
	var b strings.Builder
	last := 0
	for _, sp := range spans {
		if sp.Start < last || sp.End > len(s) || sp.Start > sp.End {
			continue
		}
		b.WriteString(template.HTMLEscapeString(s[last:sp.Start]))
		b.WriteString("<mark>" + template.HTMLEscapeString(s[sp.Start:sp.End]) + "</mark>")
		last = sp.End
	}
	b.WriteString(template.HTMLEscapeString(s[last:]))
	return template.HTML(b.String())
}
