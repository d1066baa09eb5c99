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
				mine := make(map[string]bool) // stored by this batch: a repeat in it is not foreign
				for i, n := range isNew {
					switch {
					case n:
						stats.New++
						added = append(added, batch[i])
						mine[articles[i].ID] = true
					case !mine[articles[i].ID] && !sg.dedup.ix.Has(articles[i].ID):
						stats.Existing++
						stats.Foreign++
					default:
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
				if err == nil {
					err = index(ctx, st, cfg)
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
	// A batch is committed when full, when the input has stalled for
	// FlushEvery, or MaxWait after its first result. Cutting on a stall
	// rather than on a clock keeps the cuts of a steady input (files)
	// where the batch size puts them, so the same input gives the same
	// batches — which the serial stages' results depend on — whatever
	// the machine's load; a stall still commits what arrived.
	idle := time.NewTimer(cfg.FlushEvery)
	defer idle.Stop()
	var first time.Time
	for {
		select {
		case r, ok := <-results:
			if !ok {
				flush()
				return stats, firstErr
			}
			stats.Read++
			if len(articles)+len(failures) == 0 {
				first = cfg.Now()
			}
			if r.analysis != nil {
				batch = append(batch, *r.analysis)
				articles = append(articles, r.analysis.article)
			} else {
				failures = append(failures, *r.failure)
			}
			if len(articles)+len(failures) >= cfg.BatchSize || cfg.Now().Sub(first) >= cfg.MaxWait {
				flush()
			}
			if !idle.Stop() {
				select {
				case <-idle.C:
				default:
				}
			}
			idle.Reset(cfg.FlushEvery)
		case <-idle.C:
			if len(articles)+len(failures) > 0 {
				flush()
			}
			idle.Reset(cfg.FlushEvery)
		}
	}
}

// index builds the search index of what the batch stored, for a store
// that defers it (store.Indexer), unless cfg leaves that to others:
// a run's articles are searchable when its batch is committed.
func index(ctx context.Context, st store.Store, cfg Config) error {
	ix, ok := st.(store.Indexer)
	if !ok || cfg.DeferIndex {
		return nil
	}
	t0 := time.Now()
	defer func() { cfg.observe("index", time.Since(t0)) }()
	const chunk = 1000
	for {
		n, err := ix.IndexPending(ctx, chunk)
		if err != nil {
			return err
		}
		if n < chunk {
			return nil
		}
	}
}
