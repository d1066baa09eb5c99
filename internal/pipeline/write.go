package pipeline

import (
	"context"
	"fmt"
	"time"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// stages are the serial stages that follow the store, in order.
type stages struct {
	dedup    *deduper
	entities *recognizer
	times    *timer
	quotes   *quoter
	stories  *storier
}

// write is the single writer: it batches results into transactions so
// that SQLite commits a few times a second rather than once per article.
// It drains results even after a store error, so upstream goroutines
// never block, and reports the first error.
func write(st store.Store, sg stages, results <-chan result, cfg Config, start time.Time, progress func(Stats)) (Stats, error) {
	// Commits use a context of their own: an interrupted run still
	// commits what it has already extracted.
	ctx := context.Background()
	var stats Stats
	var batch []analysis
	var articles []news.Article
	var failures []news.Failure
	var firstErr error
	flush := func() {
		if firstErr == nil && len(articles) > 0 {
			t0 := time.Now()
			isNew, err := st.PutArticles(ctx, articles)
			cfg.observe("store", time.Since(t0))
			if err != nil {
				firstErr = fmt.Errorf("storing %d articles: %w", len(articles), err)
			} else {
				var added []analysis
				for i, n := range isNew {
					if n {
						stats.New++
						added = append(added, batch[i])
					} else {
						stats.Existing++
					}
				}
				// The serial stages, in order, each timed for Observe.
				for _, stage := range []struct {
					name string
					run  func() error
				}{
					{"dedup", func() error {
						copies, err := sg.dedup.add(ctx, added)
						stats.Copies += copies
						return err
					}},
					{"entities", func() error { return sg.entities.add(ctx, added) }},
					{"time", func() error { return sg.times.add(ctx, added) }},
					{"quotes", func() error { return sg.quotes.add(ctx, added) }},
					{"stories", func() error { return sg.stories.add(ctx, added) }},
				} {
					t0 := time.Now()
					err = stage.run()
					cfg.observe(stage.name, time.Since(t0))
					if err != nil {
						break
					}
				}
				if err != nil {
					firstErr = err
				}
			}
		}
		if firstErr == nil && len(failures) > 0 {
			if err := st.PutFailures(ctx, failures); err != nil {
				firstErr = fmt.Errorf("recording %d failures: %w", len(failures), err)
			} else {
				stats.Failed += len(failures)
			}
		}
		batch, articles, failures = batch[:0], articles[:0], failures[:0]
		stats.Elapsed = cfg.Now().Sub(start)
		if progress != nil {
			progress(stats)
		}
	}
	tick := time.NewTicker(cfg.FlushEvery)
	defer tick.Stop()
	for {
		select {
		case r, ok := <-results:
			if !ok {
				flush()
				return stats, firstErr
			}
			stats.Read++
			if r.analysis != nil {
				batch = append(batch, *r.analysis)
				articles = append(articles, r.analysis.article)
			} else {
				failures = append(failures, *r.failure)
			}
			if len(articles)+len(failures) >= cfg.BatchSize {
				flush()
			}
		case <-tick.C:
			if len(articles)+len(failures) > 0 {
				flush()
			}
		}
	}
}
