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
	// NextCursor asks for the next page (?cursor=); empty on the last.
	NextCursor string `json:"next_cursor,omitempty"`
}

// listQuotes serves GET /api/v1/quotes?speaker=ENTITY_ID&article=ID
// &story=ID&limit=N.
func (s *Server) listQuotes(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, err := limitParam(r)
	if err != nil {
		s.fail(w, err)
		return
	}
	qq := store.QuoteQuery{Speaker: q.Get("speaker"), Limit: limit, Cursor: q.Get("cursor")}
	if a := q.Get("article"); a != "" {
		qq.Articles = []string{a}
	}
	if id := q.Get("story"); id != "" {
		st, err := s.st.Story(r.Context(), id)
		if err != nil {
			s.fail(w, err)
			return
		}
		for _, m := range st.Members {
			qq.Articles = append(qq.Articles, m.Article)
		}
	}
	qs, err := s.st.Quotes(r.Context(), qq)
	if err != nil {
		s.fail(w, err)
		return
	}
	if qs == nil {
		qs = []news.Quote{}
	}
	out := Quotes{Quotes: qs}
	if len(qs) == quotePage(limit) {
		out.NextCursor = store.QuoteCursor(qs[len(qs)-1])
	}
	writeJSON(w, http.StatusOK, out)
}

// quotePage is the page size the store uses for limit (0 means 50).
func quotePage(limit int) int {
	if limit <= 0 {
		return 50
	}
	return limit
}
