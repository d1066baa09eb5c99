package httpapi

import (
	"net/http"
	"strconv"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// Stories is the answer of GET /api/v1/stories.
type Stories struct {
	Stories []news.Story `json:"stories"`
	// NextCursor asks for the next page (?cursor=); empty on the last.
	NextCursor string `json:"next_cursor,omitempty"`
}

// Storylines is the answer of GET /api/v1/storylines.
type Storylines struct {
	Storylines []news.Storyline `json:"storylines"`
	// NextCursor asks for the next page (?cursor=); empty on the last.
	NextCursor string `json:"next_cursor,omitempty"`
}

// StoryDetail is the answer of GET /api/v1/stories/{id}: the story with
// its members, top entities and storyline. Requested is the id asked
// for when it was merged into this story.
type StoryDetail struct {
	news.Story
	Requested string          `json:"requested,omitempty"`
	Line      *news.Storyline `json:"storyline_detail,omitempty"`
}

// listStories serves GET /api/v1/stories?sort=latest|size&from=&to=
// &entity=ENTITY_ID&min=N&limit=N.
func (s *Server) listStories(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, err := limitParam(r)
	if err != nil {
		s.fail(w, err)
		return
	}
	sq := store.StoryQuery{Sort: q.Get("sort"), Entity: q.Get("entity"), Limit: limit, Cursor: q.Get("cursor")}
	switch sq.Sort {
	case "", store.StoriesLatest, store.StoriesSize:
	default:
		s.fail(w, badParam("sort", "latest or size"))
		return
	}
	if m := q.Get("min"); m != "" {
		if sq.MinArticles, err = strconv.Atoi(m); err != nil || sq.MinArticles < 0 {
			s.fail(w, badParam("min", "a non-negative integer"))
			return
		}
	}
	if sq.From, err = parseTime(q.Get("from"), false); err != nil {
		s.fail(w, err)
		return
	}
	if sq.To, err = parseTime(q.Get("to"), true); err != nil {
		s.fail(w, err)
		return
	}
	ss, err := s.st.Stories(r.Context(), sq)
	if err != nil {
		s.fail(w, err)
		return
	}
	out := Stories{Stories: ss}
	if ss == nil {
		out.Stories = []news.Story{}
	}
	if len(ss) == store.ClampLimit(limit) {
		out.NextCursor = store.StoryCursor(sq.Sort, ss[len(ss)-1])
	}
	writeJSON(w, http.StatusOK, out)
}

// getStory serves GET /api/v1/stories/{id}; a merged story's id answers
// with the story it was merged into.
func (s *Server) getStory(w http.ResponseWriter, r *http.Request) {
	ctx, id := r.Context(), r.PathValue("id")
	st, err := s.st.Story(ctx, id)
	if err != nil {
		s.fail(w, err)
		return
	}
	d := StoryDetail{Story: st}
	if st.ID != id {
		d.Requested = id
	}
	if st.Storyline != "" {
		ls, err := s.st.Storylines(ctx, store.StorylineQuery{Story: st.ID, Limit: 1})
		if err != nil {
			s.fail(w, err)
			return
		}
		if len(ls) == 1 {
			d.Line = &ls[0]
		}
	}
	writeJSON(w, http.StatusOK, d)
}

// listStorylines serves GET /api/v1/storylines?story=ID&limit=N.
func (s *Server) listStorylines(w http.ResponseWriter, r *http.Request) {
	limit, err := limitParam(r)
	if err != nil {
		s.fail(w, err)
		return
	}
	q := r.URL.Query()
	ls, err := s.st.Storylines(r.Context(), store.StorylineQuery{Story: q.Get("story"), Limit: limit, Cursor: q.Get("cursor")})
	if err != nil {
		s.fail(w, err)
		return
	}
	if ls == nil {
		ls = []news.Storyline{}
	}
	out := Storylines{Storylines: ls}
	if len(ls) == store.ClampLimit(limit) {
		out.NextCursor = store.StorylineCursor(ls[len(ls)-1])
	}
	writeJSON(w, http.StatusOK, out)
}
