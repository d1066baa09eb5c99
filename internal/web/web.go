// Package web serves Dossier's server-rendered HTML pages: the home page
// of latest and growing stories, story, entity, article, list and search
// pages. Templates and assets are embedded, escaping is html/template's,
// and no page runs inline script: the one small script is a static file
// that only adds conveniences (hover to open a citation, j/k to move
// through lists), so every page reads the same without it.
package web

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
	"github.com/dossier-news/dossier/internal/summarize"
)

//go:embed templates/*.html static/*
var assets embed.FS

// csp allows only this server's own stylesheet, script and images: no
// inline script or style, no plugins, no framing, forms post here only.
const csp = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// Handler serves the web pages.
type Handler struct {
	st   store.Store
	tmpl *template.Template
	log  *slog.Logger
	mux  *http.ServeMux
	// sums keeps summaries and timelines until a story's membership
	// changes; the home page and story pages ask for the same options,
	// so a story summarised for one is free for the other.
	sums *summarize.Cache
	// views keeps what the story page derives from its members
	// (syndication groups, cited sentences, quotes, the rendered
	// sections), keyed the same way; leadCache keeps listings' first
	// summary sentences (see fillLeads).
	views     *cache[*storyView]
	leadCache *cache[string]
}

// New returns the web handler over st. log may be nil.
func New(st store.Store, log *slog.Logger) *Handler {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	h := &Handler{
		st:        st,
		log:       log,
		tmpl:      template.Must(template.New("").Funcs(funcs).ParseFS(assets, "templates/*.html")),
		mux:       http.NewServeMux(),
		sums:      summarize.NewCache(256),
		views:     newCache[*storyView](128),
		leadCache: newCache[string](1024),
	}
	h.mux.HandleFunc("GET /{$}", h.home)
	h.mux.HandleFunc("GET /articles", h.articles)
	h.mux.HandleFunc("GET /articles/{id}", h.article)
	h.mux.HandleFunc("GET /search", h.search)
	h.mux.HandleFunc("GET /stories", h.stories)
	h.mux.HandleFunc("GET /stories/{id}", h.story)
	h.mux.HandleFunc("GET /entities", h.entities)
	h.mux.HandleFunc("GET /entities/{id}", h.entity)
	h.mux.Handle("GET /static/", http.FileServerFS(assets))
	h.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { h.notFound(w, "No page here.") })
	return h
}

// ServeHTTP implements http.Handler, adding the security headers every
// page needs.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Security-Policy", csp)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Referrer-Policy", "no-referrer")
	h.mux.ServeHTTP(w, r)
}

// funcs are the template helpers. They only format; every value still
// goes through html/template's contextual escaping.
var funcs = template.FuncMap{
	"day": func(t time.Time) string {
		if t.IsZero() {
			return "undated"
		}
		return t.UTC().Format("2 Jan 2006")
	},
	"iso": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format(time.DateOnly)
	},
	"span":      daySpan,
	"plural":    plural,
	"highlight": highlight,
	"title": func(s string) string {
		if strings.TrimSpace(s) == "" {
			return "(untitled)"
		}
		return s
	},
	"add": func(a, b int) int { return a + b },
}

// daySpan prints a time span in days, sharing what both ends share:
// "3 Mar 2026", "3–5 Mar 2026", "28 Feb – 5 Mar 2026".
func daySpan(first, last time.Time) string {
	if first.IsZero() {
		return "undated"
	}
	first, last = first.UTC(), last.UTC()
	switch {
	case last.IsZero() || first.Format(time.DateOnly) == last.Format(time.DateOnly):
		return first.Format("2 Jan 2006")
	case first.Year() != last.Year():
		return first.Format("2 Jan 2006") + " – " + last.Format("2 Jan 2006")
	case first.Month() != last.Month():
		return first.Format("2 Jan") + " – " + last.Format("2 Jan 2006")
	}
	return first.Format("2") + "–" + last.Format("2 Jan 2006")
}

// plural writes a count with its noun, made plural when the count is
// not one by the two rules the nouns on these pages need.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if strings.HasSuffix(noun, "y") && !strings.HasSuffix(noun, "ey") {
		return fmt.Sprintf("%d %sies", n, noun[:len(noun)-1])
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// render executes a page into a buffer first, so that a template error
// becomes a clean 500 rather than half a page.
func (h *Handler) render(w http.ResponseWriter, status int, name string, data any) {
	var b bytes.Buffer
	if err := h.tmpl.ExecuteTemplate(&b, name, data); err != nil {
		h.serverError(w, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(b.Bytes())
}

func (h *Handler) serverError(w http.ResponseWriter, err error) {
	h.log.Error("page failed", "err", err)
	http.Error(w, "internal error", http.StatusInternalServerError)
}

func (h *Handler) notFound(w http.ResponseWriter, what string) {
	h.render(w, http.StatusNotFound, "notfound.html", what)
}

// fail answers a store error: not found is a 404 page saying what was
// missing, anything else a logged 500.
func (h *Handler) fail(w http.ResponseWriter, err error, what string) {
	if errors.Is(err, news.ErrNotFound) {
		h.notFound(w, what)
		return
	}
	h.serverError(w, err)
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
