package bus

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/bus/bustest"
	"github.com/dossier-news/dossier/internal/pipeline"
	"github.com/dossier-news/dossier/internal/store/postgres/pgtest"
	"github.com/dossier-news/dossier/internal/synth"
)

// BenchmarkWorkers measures distributed ingest end to end: a synthetic
// corpus is published once, then 1, 2 or 4 workers (each with one
// analysis goroutine and its own connections, as separate processes
// would have) drain it into a fresh PostgreSQL schema. It reports
// documents per second and each stage's cost per document, from which
// docs/SCALING.md projects N machines. Run it with -benchtime 1x: each
// iteration is a whole run.
//
//	DOSSIER_TEST_POSTGRES=... go test ./internal/bus -run XXX -bench Workers -benchtime 1x
func BenchmarkWorkers(b *testing.B) {
	articles := 2000
	if s := os.Getenv("DOSSIER_BENCH_ARTICLES"); s != "" {
		fmt.Sscan(s, &articles)
	}
	corpus := filepath.Join(b.TempDir(), "synth.jsonl")
	f, err := os.Create(corpus)
	if err != nil {
		b.Fatal(err)
	}
	cfg := synth.DefaultConfig()
	cfg.Articles = articles
	if err := synth.Generate(f, cfg); err != nil {
		b.Fatal(err)
	}
	f.Close()
	url := bustest.Server(b)
	for _, n := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("workers=%d", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				benchRun(b, url, fmt.Sprintf("bench-%d-%d", n, i), corpus, n)
			}
		})
	}
}

func benchRun(b *testing.B, url, name, corpus string, n int) {
	b.StopTimer()
	dsn := pgtest.DSN(b)
	cfg := Config{URL: url, Name: name}
	bus, err := Connect(context.Background(), cfg)
	if err != nil {
		b.Fatal(err)
	}
	defer bus.Close()
	stats, err := bus.Publish(context.Background(), readTB(b, corpus))
	if err != nil {
		b.Fatal(err)
	}
	var mu sync.Mutex
	costs := map[string]time.Duration{}
	observe := func(stage string, d time.Duration) {
		mu.Lock()
		costs[stage] += d
		mu.Unlock()
	}
	var ws []*Worker
	for range n {
		w := newWorker(b, cfg, dsn)
		w.Logf = nil
		w.Pipeline = pipeline.Config{Workers: 1, Observe: observe}
		ws = append(ws, w)
	}
	b.StartTimer()
	start := time.Now()
	var wg sync.WaitGroup
	for _, w := range ws {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := w.Run(context.Background()); err != nil {
				b.Error(err)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	docs := float64(stats.Published)
	b.ReportMetric(docs/elapsed.Seconds(), "docs/s")
	var stages []string
	for s := range costs {
		stages = append(stages, s)
	}
	sort.Strings(stages)
	for _, s := range stages {
		b.ReportMetric(float64(costs[s].Microseconds())/docs/1000, s+"-ms/doc")
	}
}
