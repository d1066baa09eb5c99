package httpapi

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/dossier-news/dossier/internal/entity"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// Entities is the answer of GET /api/v1/entities.
type Entities struct {
	Entities []news.Entity `json:"entities"`
	// NextCursor asks for the next page (?cursor=); empty on the last.
	NextCursor string `json:"next_cursor,omitempty"`
}

// EntityDetail is the answer of GET /api/v1/entities/{id}: the entity,
// its latest mentions and the entities it appears with most.
type EntityDetail struct {
	news.Entity
	Mentions []news.EntityMention `json:"recent_mentions"`
	Related  []news.Entity        `json:"related"`
}

func (s *Server) listEntities(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	eq := store.EntityQuery{Type: strings.ToUpper(q.Get("type")), Name: q.Get("name"), Article: q.Get("article"), Cursor: q.Get("cursor")}
	if m := q.Get("match"); m != "" {
		if eq.Match = entity.NameKey(m); eq.Match == "" {
			s.fail(w, badParam("match", "a fragment of a name, with letters or digits"))
			return
		}
	}
	switch eq.Type {
	case "", "PER", "ORG", "LOC", "MISC":
	default:
		s.fail(w, badParam("type", "PER, ORG, LOC or MISC"))
		return
	}
	limit, err := limitParam(r)
	if err != nil {
		s.fail(w, err)
		return
	}
	eq.Limit = limit
	es, err := s.st.Entities(r.Context(), eq)
	if err != nil {
		s.fail(w, err)
		return
	}
	if es == nil {
		es = []news.Entity{}
	}
	out := Entities{Entities: es}
	if len(es) == store.ClampLimit(limit) {
		out.NextCursor = store.EntityCursor(es[len(es)-1])
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) getEntity(w http.ResponseWriter, r *http.Request) {
	limit, err := limitParam(r)
	if err != nil {
		s.fail(w, err)
		return
	}
	ctx, id := r.Context(), r.PathValue("id")
	e, err := s.st.Entity(ctx, id)
	if err != nil {
		s.fail(w, err)
		return
	}
	d := EntityDetail{Entity: e}
	if d.Mentions, err = s.st.EntityMentions(ctx, id, store.ClampLimit(limit)); err != nil {
		s.fail(w, err)
		return
	}
	if d.Related, err = s.st.CoEntities(ctx, id, limit); err != nil {
		s.fail(w, err)
		return
	}
	if d.Mentions == nil {
		d.Mentions = []news.EntityMention{}
	}
	if d.Related == nil {
		d.Related = []news.Entity{}
	}
	writeJSON(w, http.StatusOK, d)
}

// limitParam reads ?limit=; 0 when absent.
func limitParam(r *http.Request) (int, error) {
	l := r.URL.Query().Get("limit")
	if l == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(l)
	if err != nil || n < 1 || n > store.MaxLimit {
		return 0, badParam("limit", "an integer from 1 to "+strconv.Itoa(store.MaxLimit))
	}
	return n, nil
}
