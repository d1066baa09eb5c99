package httpapi

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// feedEntries caps a feed: readers poll for what is new, not the
// archive.
const feedEntries = 50

// atomFeed is an Atom 1.0 document (RFC 4287).
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomPerson  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Href string `xml:"href,attr"`
	Type string `xml:"type,attr,omitempty"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	ID        string       `xml:"id"`
	Title     string       `xml:"title"`
	Updated   string       `xml:"updated"`
	Published string       `xml:"published,omitempty"`
	Links     []atomLink   `xml:"link"`
	Authors   []atomPerson `xml:"author"`
	Summary   string       `xml:"summary,omitempty"`
}

// base is the absolute URL of the server as the client reached it, for
// the feed's links; feeds need absolute links to be read elsewhere.
func base(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// writeFeed answers with articles as an Atom feed, newest first.
func writeFeed(w http.ResponseWriter, r *http.Request, id, title string, as []news.Article) {
	slices.SortStableFunc(as, func(a, b news.Article) int { return b.Published.Compare(a.Published) })
	as = as[:min(len(as), feedEntries)]
	root := base(r)
	f := atomFeed{ID: root + r.URL.RequestURI(), Title: title, Author: atomPerson{Name: "Dossier"},
		Links: []atomLink{{Rel: "self", Href: root + r.URL.RequestURI(), Type: "application/atom+xml"}}}
	var updated time.Time
	for _, a := range as {
		t := a.Published
		if t.IsZero() {
			t = a.IngestedAt
		}
		if t.After(updated) {
			updated = t
		}
		e := atomEntry{ID: "urn:dossier:article:" + a.ID, Title: a.Title, Updated: t.UTC().Format(time.RFC3339),
			Links:   []atomLink{{Rel: "alternate", Href: root + "/articles/" + a.ID, Type: "text/html"}},
			Summary: lead(a.Text, 300)}
		if !a.Published.IsZero() {
			e.Published = a.Published.UTC().Format(time.RFC3339)
		}
		if a.URL != "" {
			e.Links = append(e.Links, atomLink{Rel: "via", Href: a.URL})
		}
		if name := a.Source.Label(); name != "" {
			e.Authors = []atomPerson{{Name: name}}
		}
		f.Entries = append(f.Entries, e)
	}
	if updated.IsZero() {
		updated = time.Unix(0, 0)
	}
	f.Updated = updated.UTC().Format(time.RFC3339)
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	_, _ = w.Write([]byte(xml.Header))
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	_ = enc.Encode(f)
}

// lead is the start of text, cut at a word boundary.
func lead(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	if len(text) <= n {
		return text
	}
	cut := strings.LastIndexByte(text[:n], ' ')
	if cut <= 0 {
		cut = n
	}
	return text[:cut] + " …"
}

// articles loads articles by id, skipping none: a missing one is an
// error, since every id here comes from the store.
func (s *Server) articles(r *http.Request, ids []string) ([]news.Article, error) {
	out := make([]news.Article, 0, len(ids))
	for _, id := range ids {
		a, err := s.st.Article(r.Context(), id)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// storyFeed serves GET /api/v1/stories/{id}/feed: the story's articles,
// newest first — subscribe to hear when a story moves.
func (s *Server) storyFeed(w http.ResponseWriter, r *http.Request) {
	st, err := s.st.Story(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, err)
		return
	}
	// Members come in arrival order; the newest are last.
	ms := st.Members[max(0, len(st.Members)-4*feedEntries):]
	ids := make([]string, 0, len(ms))
	for _, m := range ms {
		ids = append(ids, m.Article)
	}
	as, err := s.articles(r, ids)
	if err != nil {
		s.fail(w, err)
		return
	}
	writeFeed(w, r, st.ID, "Dossier story: "+st.Title, as)
}

// entityFeed serves GET /api/v1/entities/{id}/feed: the latest articles
// naming the entity.
func (s *Server) entityFeed(w http.ResponseWriter, r *http.Request) {
	ctx, id := r.Context(), r.PathValue("id")
	e, err := s.st.Entity(ctx, id)
	if err != nil {
		s.fail(w, err)
		return
	}
	ms, err := s.st.EntityMentions(ctx, e.ID, 4*feedEntries)
	if err != nil {
		s.fail(w, err)
		return
	}
	var ids []string
	for _, m := range ms {
		if !slices.Contains(ids, m.Article) {
			ids = append(ids, m.Article)
		}
	}
	as, err := s.articles(r, ids)
	if err != nil {
		s.fail(w, err)
		return
	}
	writeFeed(w, r, e.ID, "Dossier: "+e.Name, as)
}

// searchFeed serves GET /api/v1/search/feed?q=…: the best matches of a
// saved search, newest first, with the search's filters.
func (s *Server) searchFeed(w http.ResponseWriter, r *http.Request) {
	f, _, err := parseFilter(r)
	if err != nil {
		s.fail(w, err)
		return
	}
	q := r.URL.Query().Get("q")
	if strings.TrimSpace(q) == "" {
		s.fail(w, badParam("q", "a search query"))
		return
	}
	page, err := s.st.Search(r.Context(), store.SearchQuery{Filter: f, Text: q, Limit: 4 * feedEntries})
	if err != nil {
		s.fail(w, err)
		return
	}
	as := make([]news.Article, 0, len(page.Hits))
	for _, h := range page.Hits {
		as = append(as, h.Article)
	}
	writeFeed(w, r, "search:"+url.QueryEscape(q), fmt.Sprintf("Dossier search: %s", q), as)
}
