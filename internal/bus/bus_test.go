package bus

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/bus/bustest"
	"github.com/dossier-news/dossier/internal/ingest"
	"github.com/dossier-news/dossier/internal/pipeline"
	"github.com/dossier-news/dossier/internal/pipeline/pipelinetest"
	"github.com/dossier-news/dossier/internal/sample"
	"github.com/dossier-news/dossier/internal/store/postgres"
	"github.com/dossier-news/dossier/internal/store/postgres/pgtest"
	"github.com/dossier-news/dossier/internal/store/sqlite"
)

// read feeds the documents of inputs to a channel.
func read(t *testing.T, inputs ...string) <-chan ingest.Document { return readTB(t, inputs...) }

func readTB(t testing.TB, inputs ...string) <-chan ingest.Document {
	docs := make(chan ingest.Document)
	go func() {
		defer close(docs)
		if err := ingest.NewReader(ingest.Config{}.WithDefaults()).Read(context.Background(), inputs, docs); err != nil {
			t.Error(err)
		}
	}()
	return docs
}

func connect(t testing.TB, cfg Config) *Bus {
	t.Helper()
	b, err := Connect(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

func openPostgres(t testing.TB, dsn string) *postgres.Store {
	t.Helper()
	st, err := postgres.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// newWorker makes a draining worker on its own connections, as a
// separate process would have.
func newWorker(t testing.TB, cfg Config, dsn string) *Worker {
	pg := openPostgres(t, dsn)
	return &Worker{
		Bus:   connect(t, cfg),
		Store: pg,
		Lead: func(ctx context.Context, name string) (Lease, error) {
			l, err := pg.Lead(ctx, name)
			if err != nil {
				return nil, err
			}
			return l, nil
		},
		Applied: pg.Position,
		Drain:   true,
		Logf:    t.Logf,
	}
}

// TestSampleWorkersMatchEmbedded: the bundled corpus published once (and
// again: the replay must change nothing) and consumed by three workers
// into PostgreSQL gives the same duplicate groups, stories and quotes
// as the embedded pipeline on SQLite, and the analysis is shared out.
func TestSampleWorkersMatchEmbedded(t *testing.T) {
	dsn := pgtest.DSN(t)
	cfg := Config{URL: bustest.Server(t)}
	dir := t.TempDir()
	n, err := sample.WriteTo(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	lite, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "lite.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	// Batches cut by size alone, as the leader cuts a stream published
	// beforehand: a stall on a loaded machine must not cut the embedded
	// run differently.
	embedded := pipeline.Config{FlushEvery: time.Hour, MaxWait: time.Hour}
	if _, err := pipeline.Run(ctx, lite, []string{dir}, embedded, nil); err != nil {
		t.Fatal(err)
	}
	want := pipelinetest.Of(t, lite)
	if want.Empty() {
		t.Fatalf("the embedded run found nothing to compare: %+v", want)
	}

	b := connect(t, cfg)
	first, err := b.Publish(ctx, read(t, dir))
	if err != nil {
		t.Fatal(err)
	}
	if first.Published < n || first.Duplicates != 0 {
		t.Fatalf("first publish: %+v, want at least %d published and no duplicates", first, n)
	}
	again, err := b.Publish(ctx, read(t, dir))
	if err != nil {
		t.Fatal(err)
	}
	if again.Published != 0 || again.Duplicates != first.Published {
		t.Fatalf("replay: %+v, want all %d duplicates", again, first.Published)
	}

	workers := []*Worker{newWorker(t, cfg, dsn), newWorker(t, cfg, dsn), newWorker(t, cfg, dsn)}
	for _, w := range workers {
		// The stream is published before the workers start, so it only
		// stalls at its end; a generous FlushEvery keeps a slow delivery
		// on a loaded machine from cutting a batch early.
		w.Pipeline.FlushEvery = 2 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Minute)
	defer cancel()
	var wg sync.WaitGroup
	for _, w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := w.Run(ctx); err != nil {
				t.Errorf("worker: %v", err)
			}
		}()
	}
	wg.Wait()
	got := pipelinetest.Of(t, workers[0].Store)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("three workers on PostgreSQL differ from the embedded pipeline (-embedded +workers):\n%s", diff)
	}
	busy := 0
	for _, w := range workers {
		if w.Analysed() > 0 {
			busy++
		}
	}
	if busy < 2 {
		t.Errorf("%d of 3 workers analysed documents; the work was not shared", busy)
	}
}
