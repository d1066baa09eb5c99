package web

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/dossier-news/dossier/internal/entity"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// entityPage is one person, organisation or place: what they said over
// time and in which stories, the stories naming them, their spellings
// and the entities named with them.
type entityPage struct {
	Entity  news.Entity
	Class   string
	Quotes  []entityQuote
	Stories []storyItem
	Related []news.Entity
	// Unplaced counts quotes whose story was not found among the
	// stories read (see maxStoryReads).
	Unplaced int
}

// entityQuote is a quote by the entity with the story of its earliest
// carrier found in a story.
type entityQuote struct {
	Quote   news.Quote
	Article string
	Source  string
	Cue     string
	Story   *news.Story
}

// Entity page limits. maxStoryReads bounds the story reads that find
// the stories of the entity's quotes (below).
const (
	maxEntityQuotes  = 200
	maxEntityStories = 50
	maxStoryReads    = 30
	maxRelated       = 12
)

// entity serves GET /entities/{id}.
func (h *Handler) entity(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	e, err := h.st.Entity(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, err, "No entity with that id.")
		return
	}
	d := entityPage{Entity: e, Class: entityClass(e.Type)}
	ss, err := h.st.Stories(ctx, store.StoryQuery{Entity: e.ID, Sort: store.StoriesLatest, Limit: maxEntityStories})
	if err != nil {
		h.serverError(w, err)
		return
	}
	for _, s := range ss {
		d.Stories = append(d.Stories, storyItem{Story: s})
	}
	qs, err := h.st.Quotes(ctx, store.QuoteQuery{Speaker: e.ID, Limit: maxEntityQuotes})
	if err != nil {
		h.serverError(w, err)
		return
	}
	if d.Quotes, d.Unplaced, err = h.placeQuotes(ctx, qs, ss); err != nil {
		h.serverError(w, err)
		return
	}
	if d.Related, err = h.st.CoEntities(ctx, e.ID, maxRelated); err != nil {
		h.serverError(w, err)
		return
	}
	h.render(w, http.StatusOK, "entity.html", d)
}

// placeQuotes finds each quote's story. The store has no query from an
// article to its story, so this reads the members of the stories that
// name the speaker (a quote attributed to an entity comes from an
// article naming it), latest first, until every quote is placed or
// maxStoryReads stories have been read: one query per story, bounded.
func (h *Handler) placeQuotes(ctx context.Context, qs []news.Quote, stories []news.Story) ([]entityQuote, int, error) {
	type place struct {
		story  *news.Story
		source string
	}
	need := map[string]bool{}
	for _, q := range qs {
		for _, c := range q.Carriers {
			need[c.Article] = true
		}
	}
	found := map[string]place{}
	placed := func() bool {
		for _, q := range qs {
			if !slices.ContainsFunc(q.Carriers, func(c news.QuoteCarrier) bool { _, ok := found[c.Article]; return ok }) {
				return false
			}
		}
		return true
	}
	for i := 0; i < len(stories) && i < maxStoryReads && len(qs) > 0 && !placed(); i++ {
		s, err := h.st.Story(ctx, stories[i].ID)
		if err != nil {
			return nil, 0, err
		}
		brief := stories[i]
		for _, m := range s.Members {
			if need[m.Article] {
				found[m.Article] = place{story: &brief, source: m.Source}
			}
		}
	}
	out := make([]entityQuote, 0, len(qs))
	unplaced := 0
	for _, q := range qs {
		eq := entityQuote{Quote: q}
		if len(q.Carriers) > 0 {
			eq.Article, eq.Cue = q.Carriers[0].Article, q.Carriers[0].CueText
		}
		for _, c := range q.Carriers { // earliest first: the first placed carrier
			if p, ok := found[c.Article]; ok {
				eq.Article, eq.Cue, eq.Story, eq.Source = c.Article, c.CueText, p.story, p.source
				break
			}
		}
		if eq.Story == nil {
			unplaced++
		}
		out = append(out, eq)
	}
	return out, unplaced, nil
}

// entitiesPage lists the most mentioned entities, optionally of one
// class or with a name containing what the reader typed.
type entitiesPage struct {
	Type     string
	Query    string
	Entities []news.Entity
}

// entityTypes are the classes the entity list can be narrowed to.
var entityTypes = map[string]bool{"PER": true, "ORG": true, "LOC": true, "MISC": true}

// entities serves GET /entities?type=PER|ORG|LOC|MISC&q=fragment.
func (h *Handler) entities(w http.ResponseWriter, r *http.Request) {
	d := entitiesPage{Type: strings.ToUpper(r.URL.Query().Get("type")), Query: strings.TrimSpace(r.URL.Query().Get("q"))}
	if d.Type != "" && !entityTypes[d.Type] {
		d.Type = ""
	}
	es, err := h.st.Entities(r.Context(), store.EntityQuery{Type: d.Type, Match: entity.NameKey(d.Query), Limit: 100})
	if err != nil {
		h.serverError(w, err)
		return
	}
	d.Entities = es
	h.render(w, http.StatusOK, "entities.html", d)
}
