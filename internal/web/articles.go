package web

import (
	"context"
	"errors"
	"html/template"
	"net/http"
	"strings"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// listItem is an article in a listing or among search results.
type listItem struct {
	Article    news.Article
	Snippet    string
	Highlights []news.Span
}

// articlesPage is the article listing: every article, newest first, one
// per syndication group unless All.
type articlesPage struct {
	Outlet string
	All    bool
	Items  []listItem
	Next   string
	Stats  store.Stats
	Error  string
}

// legacyRedirect sends the query-string forms of / that used to list
// and search articles to the pages that do so now, so old links and
// bookmarks keep working. It reports whether it answered.
func legacyRedirect(w http.ResponseWriter, r *http.Request) bool {
	q := r.URL.Query()
	switch {
	case q.Has("q"):
		http.Redirect(w, r, "/search?"+r.URL.RawQuery, http.StatusMovedPermanently)
	case q.Has("outlet") || q.Has("all") || q.Has("cursor"):
		http.Redirect(w, r, "/articles?"+r.URL.RawQuery, http.StatusMovedPermanently)
	default:
		return false
	}
	return true
}

// articles serves GET /articles?outlet=&all=1&cursor=.
func (h *Handler) articles(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	d := articlesPage{Outlet: q.Get("outlet"), All: q.Get("all") == "1"}
	page, err := h.st.Articles(r.Context(), store.ArticleQuery{Filter: store.Filter{Outlet: d.Outlet, AllCopies: d.All}, Limit: 50, Cursor: q.Get("cursor")})
	status := http.StatusOK
	if err != nil {
		if !errors.Is(err, news.ErrInvalid) {
			h.serverError(w, err)
			return
		}
		d.Error, status = err.Error(), http.StatusBadRequest
	}
	for _, a := range page.Articles {
		d.Items = append(d.Items, listItem{Article: a, Snippet: lead(a)})
	}
	d.Next = page.Next
	d.Stats, _ = h.st.Stats(r.Context())
	h.render(w, status, "articles.html", d)
}

// share is another article this one shares text with.
type share struct {
	Article news.Article
	Link    news.Reuse
}

// articlePage is one article's clean text with its quotes, entity
// mentions and dates marked, and the articles it shares text with.
type articlePage struct {
	Article    news.Article
	Paragraphs []template.HTML
	Quotes     int
	Entities   []news.Entity
	Times      int
	Shares     []share
	// SharedParagraphs counts the paragraphs shared with SharedWith
	// other articles.
	SharedParagraphs, SharedWith int
}

// maxShares bounds the shared-text list: each needs the other article's
// title, and a wire story can have hundreds of copies.
const maxShares = 50

// article serves GET /articles/{id}.
func (h *Handler) article(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	a, err := h.st.Article(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, err, "No article with that id.")
		return
	}
	d := articlePage{Article: a}
	marks, err := h.articleMarks(ctx, a, &d)
	if err != nil {
		h.serverError(w, err)
		return
	}
	for _, p := range a.Paragraphs {
		d.Paragraphs = append(d.Paragraphs, annotate(a.Text, p.Span, marks))
	}
	links, err := h.st.Links(ctx, store.LinkQuery{Article: a.ID, Limit: maxShares})
	if err != nil {
		h.serverError(w, err)
		return
	}
	for _, l := range links {
		other, err := h.st.Article(ctx, l.Other)
		if err != nil {
			h.serverError(w, err)
			return
		}
		d.Shares = append(d.Shares, share{Article: other, Link: l})
		if len(l.Paragraphs) > 0 {
			d.SharedParagraphs += len(l.Paragraphs)
			d.SharedWith++
		}
	}
	h.render(w, http.StatusOK, "article.html", d)
}

// mentionScan bounds how many of an entity's mentions are read to find
// one article's: the store lists an entity's mentions newest article
// first and has no query for one article's mentions, so an old article
// naming a very frequent entity may go unmarked for it.
const mentionScan = 2000

// articleMarks gathers what to highlight in a: its quotes' contents, its
// entity mentions and its time expressions. It fills d's counts.
func (h *Handler) articleMarks(ctx context.Context, a news.Article, d *articlePage) ([]mark, error) {
	var marks []mark
	quotes, err := h.st.Quotes(ctx, store.QuoteQuery{Articles: []string{a.ID}, Limit: store.MaxLimit})
	if err != nil {
		return nil, err
	}
	for _, q := range quotes {
		for _, c := range q.Carriers {
			if c.Article != a.ID {
				continue
			}
			who := c.Speaker.Name
			if who == "" {
				who = c.SourceText
			}
			label := "Quote"
			if who != "" {
				label += ": " + who
			}
			marks = append(marks, mark{Span: c.Content, Kind: markQuote, Label: label})
			d.Quotes++
		}
	}
	ents, err := h.st.Entities(ctx, store.EntityQuery{Article: a.ID, Limit: store.MaxLimit})
	if err != nil {
		return nil, err
	}
	d.Entities = ents
	// One query per entity: the store has no "mentions in this article"
	// query (see mentionScan).
	for _, e := range ents {
		ms, err := h.st.EntityMentions(ctx, e.ID, mentionScan)
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			if m.Article == a.ID {
				marks = append(marks, mark{Span: m.Span, Kind: markEntity, Entity: e.ID, Label: e.Name + " (" + entityClass(e.Type) + ")"})
			}
		}
	}
	times, err := h.st.TimeExpressions(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	for _, t := range times {
		m := mark{Span: t.Span, Kind: markTime, Label: t.Value}
		if !t.First.IsZero() {
			m.Date = t.First.UTC().Format("2006-01-02")
			if !t.Last.Equal(t.First) && !t.Last.IsZero() {
				m.Label += " (" + daySpan(t.First, t.Last) + ")"
			}
		}
		marks = append(marks, m)
		d.Times++
	}
	return marks, nil
}

// entityClass names a CoNLL class for readers.
func entityClass(t string) string {
	switch t {
	case "PER":
		return "person"
	case "ORG":
		return "organisation"
	case "LOC":
		return "place"
	}
	return "other"
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
	return strings.TrimSpace(s)
}
