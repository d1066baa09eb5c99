package cli

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/dossier-news/dossier/internal/bus"
	"github.com/dossier-news/dossier/internal/ingest"
	"github.com/dossier-news/dossier/internal/pipeline"
	"github.com/dossier-news/dossier/internal/store/postgres"
)

// publish is 'dossier ingest --bus': read inputs and put them on the
// stream for workers.
func publish(ctx context.Context, env Env, cfg bus.Config, rcfg ingest.Config, inputs []string, outlet, published string) int {
	var pub time.Time
	if published != "" {
		var err error
		if pub, err = parseDayOrTime(published); err != nil {
			return fail(env, err)
		}
	}
	b, err := bus.Connect(ctx, cfg)
	if err != nil {
		return fail(env, err)
	}
	defer b.Close()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	raw := make(chan ingest.Document, 64)
	readErr := make(chan error, 1)
	go func() {
		defer close(raw)
		readErr <- ingest.NewReader(rcfg.WithDefaults()).Read(ctx, inputs, raw)
	}()
	// What the user says of inputs that say nothing themselves travels
	// with each document, as the embedded pipeline applies it.
	docs := make(chan ingest.Document, 64)
	go func() {
		defer close(docs)
		for d := range raw {
			if d.Published.IsZero() {
				d.Published = pub
			}
			if d.Source == "" {
				d.Source = outlet
			}
			docs <- d
		}
	}()
	start := time.Now()
	stats, err := b.Publish(ctx, docs)
	cancel()
	for range docs { // let the reader finish after an error
	}
	if rerr := <-readErr; err == nil && rerr != nil && !errors.Is(rerr, context.Canceled) {
		err = rerr
	}
	fmt.Fprintf(env.Stdout, "publish: %d documents on the bus, %d were already there, %d unreadable (recorded as failures) in %s\n",
		stats.Published, stats.Duplicates, stats.Unreadable, time.Since(start).Round(time.Millisecond))
	if err != nil {
		return fail(env, err)
	}
	return exitOK
}

func runWorker(ctx context.Context, env Env, args []string) int {
	fs, db := newFlags(env, "worker")
	busURL := fs.String("bus", env.Getenv("DOSSIER_BUS"), "NATS JetStream `servers` (nats://host:4222, comma-separated; default $DOSSIER_BUS)")
	busName := fs.String("bus-name", "dossier", "the bus stream's `name`: one per store")
	replicas := fs.Int("replicas", 1, "replicas of the bus stream when this worker creates it (3 in a cluster)")
	workers := fs.Int("workers", 0, "analysis goroutines (default: one per CPU)")
	drain := fs.Bool("drain", false, "exit once everything published so far is applied, instead of waiting for more")
	quiet := fs.Bool("q", false, "quiet: do not log batches and lead changes")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: dossier worker --bus nats://HOST:4222 --db postgres://... [--drain]\n\nConsume documents that 'dossier ingest --bus' published: every worker analyses\nits share; one at a time (the holder of a PostgreSQL lease) stores them in order.")
		fs.PrintDefaults()
	}
	rest, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(rest) > 0 || *busURL == "" {
		fs.Usage()
		return exitUsage
	}
	if !isPostgres(*db) {
		return fail(env, fmt.Errorf("worker: --db must be a postgres:// URL: workers on several machines share one PostgreSQL store (got %q)", *db))
	}
	pg, err := postgres.Open(ctx, *db)
	if err != nil {
		return fail(env, err)
	}
	defer pg.Close()
	b, err := bus.Connect(ctx, bus.Config{URL: *busURL, Name: *busName, Replicas: *replicas})
	if err != nil {
		return fail(env, err)
	}
	defer b.Close()
	w := &bus.Worker{
		Bus:   b,
		Store: pg,
		Lead: func(ctx context.Context, name string) (bus.Lease, error) {
			l, err := pg.Lead(ctx, name)
			if err != nil {
				return nil, err
			}
			return l, nil
		},
		Applied:  pg.Position,
		Pipeline: pipeline.Config{Workers: *workers},
		Drain:    *drain,
	}
	if !*quiet {
		w.Logf = func(format string, args ...any) {
			fmt.Fprintf(env.Stderr, "%s worker: %s\n", time.Now().Format("15:04:05.000"), fmt.Sprintf(format, args...))
		}
	}
	if err := w.Run(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return fail(env, err)
	}
	fmt.Fprintf(env.Stdout, "worker: analysed %d documents\n", w.Analysed())
	return exitOK
}
