package httpapi

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"time"

	"github.com/dossier-news/dossier/internal/ingest"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/pipeline"
)

// PostedArticle is the answer of POST /api/v1/articles: what became of
// the document — its article id, whether it was new, the origin of its
// syndication group and its story — or why it failed.
type PostedArticle = pipeline.Outcome

// postArticles serves POST /api/v1/articles. The body is one article as
// JSON (the fields of a JSONL input line: url, title, text or html,
// published, source, author) or a raw HTML page (Content-Type
// text/html, with ?url= naming where it came from). The document runs
// through every stage before the answer, so its id, duplicate group and
// story are known. 201 when new, 200 when already stored, 422 when the
// document was unusable (it is recorded as a failure, as in a batch).
func (s *Server) postArticles(w http.ResponseWriter, r *http.Request) {
	if s.opt.Ingester == nil {
		writeError(w, http.StatusServiceUnavailable, "writes_disabled", "this server does not accept articles (serve with --writes)")
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.opt.MaxBodyBytes))
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		writeError(w, http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf("a posted document may hold at most %d bytes", s.opt.MaxBodyBytes))
		return
	case err != nil:
		writeError(w, http.StatusBadRequest, "invalid_request", "reading the body: "+err.Error())
		return
	}
	// Each post is its own input: a failure is recorded under its origin,
	// and a later success from the same client must not clear it.
	origin := fmt.Sprintf("POST /api/v1/articles from %s at %s", r.RemoteAddr, time.Now().UTC().Format(time.RFC3339Nano))
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	var doc ingest.Document
	switch ct {
	case "application/json", "":
		doc = ingest.JSONDocument(origin, body)
	case "text/html", "application/xhtml+xml":
		doc = ingest.HTMLDocument(origin, r.URL.Query().Get("url"), body)
	default:
		writeError(w, http.StatusUnsupportedMediaType, "unsupported_media_type", "post application/json or text/html, not "+ct)
		return
	}
	out, err := s.opt.Ingester.Add(r.Context(), []ingest.Document{doc})
	if err != nil {
		s.fail(w, err)
		return
	}
	o := out[0]
	switch {
	case o.Failure != nil:
		s.m.posted.Add(1, "failed")
		var b ErrorBody
		b.Error.Code, b.Error.Message = "unprocessable", o.Failure.Reason
		writeJSON(w, http.StatusUnprocessableEntity, struct {
			ErrorBody
			Failure *news.Failure `json:"failure"`
		}{b, o.Failure})
	case o.New:
		s.m.posted.Add(1, "new")
		w.Header().Set("Location", "/api/v1/articles/"+o.Article)
		writeJSON(w, http.StatusCreated, o)
	default:
		s.m.posted.Add(1, "existing")
		writeJSON(w, http.StatusOK, o)
	}
}
