package httpapi

import (
	"net/http"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// Quotes is the answer of GET /api/v1/quotes: quotes earliest first,
// each with every article that carries it.
type Quotes struct {
	Quotes []news.Quote `json:"quotes"`
}

// listQuotes serves GET /api/v1/quotes?speaker=ENTITY_ID&article=ID&limit=N.
func (s *Server) listQuotes(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, err := limitParam(r)
	if err != nil {
		s.fail(w, err)
		return
	}
	qq := store.QuoteQuery{Speaker: q.Get("speaker"), Limit: limit}
	if a := q.Get("article"); a != "" {
		qq.Articles = []string{a}
	}
	qs, err := s.st.Quotes(r.Context(), qq)
	if err != nil {
		s.fail(w, err)
		return
	}
	if qs == nil {
		qs = []news.Quote{}
	}
	writeJSON(w, http.StatusOK, Quotes{Quotes: qs})
}
