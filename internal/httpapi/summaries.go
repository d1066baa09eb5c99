package httpapi

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
	"github.com/dossier-news/dossier/internal/summarize"
)

// maxSummaryWords bounds ?words=: a summary longer than this is no
// longer a summary, and the cost grows with it.
const maxSummaryWords = 1000

// intParam reads an optional integer parameter in [lo, hi]; 0 when
// absent.
func intParam(r *http.Request, name string, lo, hi int) (int, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, badParam(name, fmt.Sprintf("an integer from %d to %d", lo, hi))
	}
	return n, nil
}

// timelineOptions reads ?dates=N&per_date=K.
func timelineOptions(r *http.Request) (summarize.TimelineOptions, error) {
	var o summarize.TimelineOptions
	var err error
	if o.Dates, err = intParam(r, "dates", 1, 200); err != nil {
		return o, err
	}
	if o.PerDate, err = intParam(r, "per_date", 1, 3); err != nil {
		return o, err
	}
	return o, nil
}

// story summarises the story named in the path, with the request's
// options.
func (s *Server) story(r *http.Request) (news.Summary, news.Timeline, error) {
	words, err := intParam(r, "words", 10, maxSummaryWords)
	if err != nil {
		return news.Summary{}, news.Timeline{}, err
	}
	to, err := timelineOptions(r)
	if err != nil {
		return news.Summary{}, news.Timeline{}, err
	}
	return summarize.Story(r.Context(), s.st, r.PathValue("id"), summarize.Options{Words: words}, to, s.sums)
}

// storySummary serves GET /api/v1/stories/{id}/summary?words=N: the
// story's extractive summary, every sentence with its citations.
func (s *Server) storySummary(w http.ResponseWriter, r *http.Request) {
	sum, _, err := s.story(r)
	if err != nil {
		s.fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, sum)
}

// storyTimeline serves GET /api/v1/stories/{id}/timeline?dates=N
// &per_date=K: the dates that matter in the story, each with cited
// sentences.
func (s *Server) storyTimeline(w http.ResponseWriter, r *http.Request) {
	_, tl, err := s.story(r)
	if err != nil {
		s.fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, tl)
}

// storylineTimeline serves GET /api/v1/storylines/{id}/timeline: the
// timeline over every story of a storyline.
func (s *Server) storylineTimeline(w http.ResponseWriter, r *http.Request) {
	to, err := timelineOptions(r)
	if err != nil {
		s.fail(w, err)
		return
	}
	ctx, id := r.Context(), r.PathValue("id")
	ls, err := s.st.Storylines(ctx, store.StorylineQuery{Limit: store.MaxLimit})
	if err != nil {
		s.fail(w, err)
		return
	}
	for _, l := range ls {
		if l.ID == id {
			tl, err := summarize.Storyline(ctx, s.st, l, to)
			if err != nil {
				s.fail(w, err)
				return
			}
			writeJSON(w, http.StatusOK, tl)
			return
		}
	}
	s.fail(w, fmt.Errorf("storyline %q: %w", id, news.ErrNotFound))
}
