package httpapi

import (
	"net/http"

	"github.com/dossier-news/dossier/internal/news"
)

// Times is the answer of GET /api/v1/articles/{id}/times: the article's
// time expressions resolved against its publication date, in text order.
type Times struct {
	Article string                `json:"article"`
	Times   []news.TimeExpression `json:"times"`
}

func (s *Server) articleTimes(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if _, err := s.st.Article(r.Context(), id); err != nil {
		s.fail(w, err)
		return
	}
	xs, err := s.st.TimeExpressions(r.Context(), id)
	if err != nil {
		s.fail(w, err)
		return
	}
	if xs == nil {
		xs = []news.TimeExpression{}
	}
	writeJSON(w, http.StatusOK, Times{Article: id, Times: xs})
}
