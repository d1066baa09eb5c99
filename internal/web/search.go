package web

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// searchPage is a full-text search with its facets and active filters.
type searchPage struct {
	Query                    string
	Outlet, Entity, From, To string
	All                      bool
	// EntityName names the Entity filter.
	EntityName string
	Items      []listItem
	Next       string
	// Window is set when only the most recently stored matches were
	// ranked (store.SearchPage.Window).
	Window int
	Facets []facetGroup
	Active []facet
	Error  string
	// Sampled says how many leading results the entity facet was
	// counted over, when fewer than all shown.
	Sampled int
}

// facetGroup is one facet: its values with their counts among the
// results shown.
type facetGroup struct {
	Name   string
	Values []facet
}

// facet is one value of a facet, or an active filter; URL applies it
// (or, for an active filter, removes it).
type facet struct {
	Label  string
	Count  int
	URL    string
	Active bool
}

// Search limits. Facets count the page of results (searchPage hits);
// the entity facet needs one entity query per result, so it is counted
// over the first entitySample only. An entity filter is applied to a
// larger page (entityHits), since the store cannot filter a search by
// entity and the page is filtered afterwards against the entity's
// latest entityScan mentions.
const (
	searchHits   = 50
	entitySample = 20
	entityHits   = 200
	entityScan   = 5000
	facetValues  = 10
)

// search serves GET /search?q=&outlet=&entity=&from=&to=&all=1&cursor=.
// from and to are days (YYYY-MM-DD), both included.
func (h *Handler) search(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	d := searchPage{Query: strings.TrimSpace(q.Get("q")), Outlet: q.Get("outlet"), Entity: q.Get("entity"),
		From: q.Get("from"), To: q.Get("to"), All: q.Get("all") == "1"}
	if d.Query == "" {
		h.render(w, http.StatusOK, "search.html", d)
		return
	}
	f := store.Filter{Outlet: d.Outlet, AllCopies: d.All}
	var err error
	if f.From, err = parseDay("from", d.From); err == nil {
		f.To, err = parseDay("to", d.To)
		if !f.To.IsZero() {
			f.To = f.To.AddDate(0, 0, 1)
		}
	}
	var mentions map[string]bool
	if err == nil && d.Entity != "" {
		mentions, err = h.mentioning(ctx, &d)
	}
	if err != nil {
		if !errors.Is(err, news.ErrInvalid) {
			h.serverError(w, err)
			return
		}
		d.Error = err.Error()
		h.render(w, http.StatusBadRequest, "search.html", d)
		return
	}
	limit := searchHits
	if mentions != nil {
		limit = entityHits
	}
	page, err := h.st.Search(ctx, store.SearchQuery{Filter: f, Text: d.Query, Limit: limit, Cursor: q.Get("cursor")})
	if err != nil {
		if !errors.Is(err, news.ErrInvalid) {
			h.serverError(w, err)
			return
		}
		d.Error = err.Error()
		h.render(w, http.StatusBadRequest, "search.html", d)
		return
	}
	for _, hit := range page.Hits {
		if mentions != nil && !mentions[hit.Article.ID] {
			continue
		}
		d.Items = append(d.Items, listItem{Article: hit.Article, Snippet: hit.Snippet, Highlights: hit.Highlights})
	}
	d.Next, d.Window = page.Next, page.Window
	if err := h.facets(ctx, &d, q); err != nil {
		h.serverError(w, err)
		return
	}
	h.render(w, http.StatusOK, "search.html", d)
}

// parseDay reads an optional YYYY-MM-DD parameter.
func parseDay(name, v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.DateOnly, v)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s: want a date as YYYY-MM-DD: %w", name, news.ErrInvalid)
	}
	return t, nil
}

// mentioning names the entity filter and returns the articles that
// mention it, among its latest entityScan mentions.
func (h *Handler) mentioning(ctx context.Context, d *searchPage) (map[string]bool, error) {
	e, err := h.st.Entity(ctx, d.Entity)
	if errors.Is(err, news.ErrNotFound) {
		return nil, fmt.Errorf("entity: no entity %q: %w", d.Entity, news.ErrInvalid)
	}
	if err != nil {
		return nil, err
	}
	d.EntityName = e.Name
	ms, err := h.st.EntityMentions(ctx, e.ID, entityScan)
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, m := range ms {
		out[m.Article] = true
	}
	return out, nil
}

// facets counts outlets, dates and entities among the results shown and
// lists the active filters, each with the URL that toggles it.
func (h *Handler) facets(ctx context.Context, d *searchPage, q url.Values) error {
	link := func(set map[string]string) string {
		v := url.Values{}
		for _, k := range []string{"q", "outlet", "entity", "from", "to", "all"} {
			if x := q.Get(k); x != "" {
				v.Set(k, x)
			}
		}
		for k, x := range set {
			if x == "" {
				v.Del(k)
			} else {
				v.Set(k, x)
			}
		}
		return "/search?" + v.Encode()
	}
	outlets := map[string]int{}
	days := map[string]int{}
	for _, it := range d.Items {
		outlets[it.Article.Source.Label()]++
		if !it.Article.Published.IsZero() {
			days[it.Article.Published.UTC().Format(time.DateOnly)]++
		}
	}
	var og facetGroup
	og.Name = "Outlet"
	for _, c := range counted(outlets) {
		if c.Label == "" {
			continue
		}
		og.Values = append(og.Values, facet{Label: c.Label, Count: c.Count, URL: link(map[string]string{"outlet": c.Label}), Active: strings.EqualFold(c.Label, d.Outlet)})
	}
	dg := dateFacet(days, link, d)
	eg := facetGroup{Name: "Entity"}
	ents := map[string]int{}
	names := map[string]string{}
	n := min(len(d.Items), entitySample)
	for _, it := range d.Items[:n] {
		es, err := h.st.Entities(ctx, store.EntityQuery{Article: it.Article.ID, Limit: 8})
		if err != nil {
			return err
		}
		for _, e := range es {
			ents[e.ID]++
			names[e.ID] = e.Name
		}
	}
	if n < len(d.Items) {
		d.Sampled = n
	}
	for _, c := range counted(ents) {
		eg.Values = append(eg.Values, facet{Label: names[c.Label], Count: c.Count, URL: link(map[string]string{"entity": c.Label}), Active: c.Label == d.Entity})
	}
	for _, g := range []facetGroup{og, dg, eg} {
		if len(g.Values) > 0 {
			g.Values = g.Values[:min(len(g.Values), facetValues)]
			d.Facets = append(d.Facets, g)
		}
	}
	if d.Outlet != "" {
		d.Active = append(d.Active, facet{Label: "outlet: " + d.Outlet, URL: link(map[string]string{"outlet": ""})})
	}
	if d.Entity != "" {
		d.Active = append(d.Active, facet{Label: "entity: " + cmp.Or(d.EntityName, d.Entity), URL: link(map[string]string{"entity": ""})})
	}
	if d.From != "" || d.To != "" {
		d.Active = append(d.Active, facet{Label: "dates: " + cmp.Or(d.From, "…") + " to " + cmp.Or(d.To, "…"), URL: link(map[string]string{"from": "", "to": ""})})
	}
	return nil
}

// dateFacet buckets the results' days by month, or by day when they all
// fall in one month.
func dateFacet(days map[string]int, link func(map[string]string) string, d *searchPage) facetGroup {
	g := facetGroup{Name: "Date"}
	months := map[string]int{}
	for day, n := range days {
		months[day[:7]] += n
	}
	if len(months) > 1 {
		for _, m := range slices.Sorted(maps.Keys(months)) {
			t, _ := time.Parse("2006-01", m)
			from, to := t.Format(time.DateOnly), t.AddDate(0, 1, -1).Format(time.DateOnly)
			g.Values = append(g.Values, facet{Label: t.Format("January 2006"), Count: months[m],
				URL: link(map[string]string{"from": from, "to": to}), Active: d.From == from && d.To == to})
		}
		return g
	}
	for _, day := range slices.Sorted(maps.Keys(days)) {
		t, _ := time.Parse(time.DateOnly, day)
		g.Values = append(g.Values, facet{Label: t.Format("2 Jan 2006"), Count: days[day],
			URL: link(map[string]string{"from": day, "to": day}), Active: d.From == day && d.To == day})
	}
	return g
}

// counted orders a count map most first, then by key, as facets list
// their values.
func counted(m map[string]int) []facet {
	out := make([]facet, 0, len(m))
	for k, n := range m {
		out = append(out, facet{Label: k, Count: n})
	}
	slices.SortFunc(out, func(a, b facet) int { return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Label, b.Label)) })
	return out
}
