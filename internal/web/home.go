package web

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
	"github.com/dossier-news/dossier/internal/summarize"
)

// storyItem is a story in a listing, with the first sentence of its
// summary when the listing shows one.
type storyItem struct {
	Story news.Story
	Lead  string
	// Recent counts its articles published in the growth window (the
	// home page's growing list only).
	Recent int
}

// homePage is the front page: the latest stories and the ones growing
// fastest.
type homePage struct {
	Latest  []storyItem
	Growing []storyItem
	// From and To bound the growth window, To exclusive.
	From, To time.Time
	Stats    store.Stats
}

// Home page sizes. growthDays is the window "growing" is measured over,
// ending on the day of the store's newest article rather than today, so
// an archive or the demo corpus (invented dates) has a front page too.
const (
	homeLatest       = 8
	homeGrowing      = 5
	growthDays       = 3
	growthCandidates = 12
)

// home serves GET /.
func (h *Handler) home(w http.ResponseWriter, r *http.Request) {
	if legacyRedirect(w, r) {
		return
	}
	ctx := r.Context()
	latest, err := h.st.Stories(ctx, store.StoryQuery{Sort: store.StoriesLatest, Limit: homeLatest})
	if err != nil {
		h.serverError(w, err)
		return
	}
	var d homePage
	for _, s := range latest {
		d.Latest = append(d.Latest, storyItem{Story: s})
	}
	if len(latest) > 0 {
		d.To = latest[0].Last.UTC().Truncate(24*time.Hour).AddDate(0, 0, 1)
		d.From = d.To.AddDate(0, 0, -growthDays)
		if d.Growing, err = h.growing(ctx, d.From); err != nil {
			h.serverError(w, err)
			return
		}
	}
	h.fillLeads(ctx, d.Latest)
	h.fillLeads(ctx, d.Growing)
	d.Stats, _ = h.st.Stats(ctx)
	h.render(w, http.StatusOK, "home.html", d)
}

// growing ranks the stories with the most articles published since
// from. The store lists stories with an article in a window but counts
// all their articles, so the candidates are the largest and the latest
// stories active in the window (two listings); one that started inside
// the window has all its articles in it, and only the others are read
// in full to count their recent members. A small story that is neither
// among the largest nor the latest is missed, which a front page can
// afford.
func (h *Handler) growing(ctx context.Context, from time.Time) ([]storyItem, error) {
	var cands []news.Story
	seen := map[string]bool{}
	for _, sort := range []string{store.StoriesSize, store.StoriesLatest} {
		ss, err := h.st.Stories(ctx, store.StoryQuery{Sort: sort, From: from, MinArticles: 2, Limit: growthCandidates})
		if err != nil {
			return nil, err
		}
		for _, s := range ss {
			if !seen[s.ID] {
				seen[s.ID] = true
				cands = append(cands, s)
			}
		}
	}
	var out []storyItem
	for _, c := range cands {
		n := c.Articles
		if c.First.Before(from) {
			s, err := h.st.Story(ctx, c.ID)
			if err != nil {
				return nil, err
			}
			n = 0
			for _, m := range s.Members {
				if !m.Published.Before(from) { // undated members (zero) do not count
					n++
				}
			}
		}
		if n >= 2 {
			out = append(out, storyItem{Story: c, Recent: n})
		}
	}
	slices.SortStableFunc(out, func(a, b storyItem) int {
		return cmp.Or(cmp.Compare(b.Recent, a.Recent), cmp.Compare(b.Story.Articles, a.Story.Articles), b.Story.Last.Compare(a.Story.Last))
	})
	return out[:min(len(out), homeGrowing)], nil
}

// leadWorkers bounds how many stories are summarised at once for a
// listing: enough to hide latency on a cold cache, few enough not to
// crowd out other readers.
const leadWorkers = 4

// fillLeads fills each item's Lead with the first sentence of its story's
// summary. Asking summarize costs a full story read even when its cache
// has the summary, so a listing keeps leads by what the listing itself
// says of a story (id, size, first and last dates): a story that gained
// or lost an article changes one of them. A story that cannot be
// summarised keeps an empty lead: one failure should not take the
// front page down.
func (h *Handler) fillLeads(ctx context.Context, items []storyItem) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, leadWorkers)
	for i := range items {
		s := items[i].Story
		key := fmt.Sprintf("%s|%d|%d|%d", s.ID, s.Articles, s.First.UnixNano(), s.Last.UnixNano())
		if lead, ok := h.leadCache.get(key); ok {
			items[i].Lead = lead
			continue
		}
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			sum, _, err := h.summary(ctx, s.ID)
			if err != nil {
				h.log.Warn("summary failed", "story", s.ID, "err", err)
				return
			}
			if len(sum.Sentences) > 0 {
				items[i].Lead = sum.Sentences[0].Text
			}
			h.leadCache.put(key, items[i].Lead)
		})
	}
	wg.Wait()
}

// summary is the story's summary and timeline with the options every
// page uses, so that they share cache entries.
func (h *Handler) summary(ctx context.Context, id string) (news.Summary, news.Timeline, error) {
	return summarize.Story(ctx, h.st, id, summarize.Options{}, summarize.TimelineOptions{}, h.sums)
}

// storiesPage lists stories, latest or largest first.
type storiesPage struct {
	Sort  string
	Min   int
	Items []storyItem
	Error string
}

// stories serves GET /stories?sort=latest|size&min=N. Listings this
// long show no summaries: computing fifty on a cold cache is not worth
// a slow page.
func (h *Handler) stories(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	d := storiesPage{Sort: cmp.Or(q.Get("sort"), store.StoriesLatest)}
	status := http.StatusOK
	if v := q.Get("min"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			d.Error, status = "min: want a whole number of articles, 1 or more", http.StatusBadRequest
		}
		d.Min = n
	}
	if d.Error == "" {
		ss, err := h.st.Stories(r.Context(), store.StoryQuery{Sort: d.Sort, MinArticles: d.Min, Limit: 50})
		switch {
		case errors.Is(err, news.ErrInvalid):
			d.Error, status = "sort: want latest or size", http.StatusBadRequest
		case err != nil:
			h.serverError(w, err)
			return
		}
		for _, s := range ss {
			d.Items = append(d.Items, storyItem{Story: s})
		}
	}
	h.render(w, status, "stories.html", d)
}
