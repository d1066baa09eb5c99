package pipeline

import (
	"context"
	"errors"
	"fmt"

	"github.com/dossier-news/dossier/internal/ingest"
	"github.com/dossier-news/dossier/internal/news"
)

// Outcome is what became of one added document.
type Outcome struct {
	// Article is the stored article's id; empty when the document failed.
	Article string `json:"article,omitempty"`
	// New is false when the article was already stored (the same URL or
	// text), which is not an error: adding is idempotent.
	New bool `json:"new"`
	// Origin is the earliest publisher of the article's syndication
	// group, when it is a copy; Story the story it was placed in.
	Origin string `json:"origin,omitempty"`
	Story  string `json:"story,omitempty"`
	// Failure says why the document could not be stored.
	Failure *news.Failure `json:"failure,omitempty"`
}

// Add runs docs through every stage now, as one batch, and reports
// what became of each. Storylines are not relinked (see Link): they
// span the whole store and need not move on every document.
func (in *Ingester) Add(ctx context.Context, docs []ingest.Document) ([]Outcome, error) {
	in.mu.Lock()
	defer in.mu.Unlock()
	cfg := in.cfg
	cfg.BatchSize = max(cfg.BatchSize, len(docs))
	feed := make(chan ingest.Document, len(docs))
	for _, d := range docs {
		feed <- d
	}
	close(feed)
	var rs []result
	for r := range extractInOrder(feed, min(cfg.Workers, len(docs)), len(docs), func(d ingest.Document) result {
		return process(d, cfg)
	}) {
		rs = append(rs, r)
	}
	out := make([]Outcome, len(rs))
	for i, r := range rs {
		if r.failure != nil {
			out[i].Failure = r.failure
			continue
		}
		id := r.analysis.article.ID
		out[i].Article = id
		_, err := in.st.Article(ctx, id)
		switch {
		case errors.Is(err, news.ErrNotFound):
			out[i].New = true
		case err != nil:
			return nil, fmt.Errorf("looking up %s: %w", id, err)
		}
	}
	if _, err := in.writeAll(ctx, rs, cfg); err != nil {
		return nil, err
	}
	for i := range out {
		if id := out[i].Article; id != "" {
			if o, ok := in.sg.dedup.ix.Origin(id); ok && o != id {
				out[i].Origin = o
			}
			out[i].Story, _ = in.sg.stories.c.StoryOf(id)
		}
	}
	return out, nil
}

// Link relinks storylines over every story stored so far; a long-lived
// Ingester calls it now and then, as a run does at its end.
func (in *Ingester) Link(ctx context.Context) error {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.sg.stories.finish(ctx)
}
