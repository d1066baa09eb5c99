package main

import (
	"bytes"
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/bus/bustest"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
	"github.com/dossier-news/dossier/internal/store/postgres"
	"github.com/dossier-news/dossier/internal/store/postgres/pgtest"
	"github.com/dossier-news/dossier/internal/store/sqlite"
)

// syncBuffer is a bytes.Buffer a child process writes while the test
// reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type workerProc struct {
	cmd  *exec.Cmd
	log  *syncBuffer
	done chan error
}

func startWorker(t *testing.T, bin string, args ...string) *workerProc {
	t.Helper()
	w := &workerProc{cmd: exec.Command(bin, append([]string{"worker"}, args...)...), log: &syncBuffer{}, done: make(chan error, 1)}
	w.cmd.Stdout, w.cmd.Stderr = w.log, w.log
	if err := w.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { w.done <- w.cmd.Wait() }()
	t.Cleanup(func() { w.cmd.Process.Kill() })
	return w
}

// storedIDs lists every article of st, counting how often each appears
// among the story members — once, if every article went through every
// stage exactly once.
func storedIDs(t *testing.T, st store.Store) map[string]int {
	t.Helper()
	ids := map[string]int{}
	if err := st.StoryMembers(context.Background(), func(m news.StoryMember, _ news.Article) error {
		ids[m.Article]++
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return ids
}

// TestWorkersSurviveKills: a corpus published to a three-node JetStream
// cluster (stream and bucket replicated three ways) is consumed by three
// worker processes into PostgreSQL while the test SIGKILLs the worker
// holding the lease in the middle of its work and shuts one cluster
// node down. A replacement worker joins. The final store must hold
// every article exactly once, each through every stage — the same
// articles the embedded pipeline stores from the same corpus.
func TestWorkersSurviveKills(t *testing.T) {
	dsn := pgtest.DSN(t)
	bin := buildBinary(t)
	dir := t.TempDir()
	corpus := filepath.Join(dir, "synth.jsonl")
	if out, stderr, code := run(t, bin, "synth", "--articles", "1200", "-o", corpus); code != 0 {
		t.Fatalf("synth (exit %d): %s %s", code, out, stderr)
	}
	lite := filepath.Join(dir, "lite.db")
	if out, stderr, code := run(t, bin, "ingest", "-q", "--db", lite, corpus); code != 0 {
		t.Fatalf("embedded ingest (exit %d): %s %s", code, out, stderr)
	}

	cl := bustest.NewCluster(t, 3)
	if out, stderr, code := run(t, bin, "ingest", "--bus", cl.URL(), "--replicas", "3", corpus); code != 0 || !strings.Contains(out, "publish: 1200 documents") {
		t.Fatalf("publish (exit %d): %s %s", code, out, stderr)
	}
	args := []string{"--bus", cl.URL(), "--replicas", "3", "--db", dsn, "--drain", "--workers", "1"}
	workers := []*workerProc{startWorker(t, bin, args...), startWorker(t, bin, args...), startWorker(t, bin, args...)}

	// Kill the lease holder a moment after it has applied its first
	// batch: a batch takes it about two seconds here, so it dies in the
	// middle of the next one.
	var leader *workerProc
	deadline := time.Now().Add(2 * time.Minute)
	for leader == nil && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
		for _, w := range workers {
			if strings.Contains(w.log.String(), "applied ") {
				leader = w
			}
		}
	}
	if leader == nil {
		t.Fatalf("no worker applied a batch in 2 minutes:\n%s\n%s\n%s", workers[0].log, workers[1].log, workers[2].log)
	}
	time.Sleep(1200 * time.Millisecond)
	if err := leader.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-leader.done
	cl.Stop(1)
	workers = append(workers, startWorker(t, bin, args...))

	for i, w := range workers {
		if w == leader {
			continue
		}
		select {
		case err := <-w.done:
			if err != nil {
				t.Errorf("worker %d: %v\n%s", i, err, w.log)
			}
		case <-time.After(4 * time.Minute):
			t.Fatalf("worker %d did not drain in 4 minutes:\n%s", i, w.log)
		}
	}
	took := 0
	for i, w := range workers {
		took += strings.Count(w.log.String(), "leading from position")
		t.Logf("worker %d:\n%s", i, w.log)
	}
	if took < 2 {
		t.Errorf("the lease was taken %d times; the killed leader's work was not taken over", took)
	}

	ctx := context.Background()
	want, err := sqlite.Open(ctx, lite)
	if err != nil {
		t.Fatal(err)
	}
	defer want.Close()
	got, err := postgres.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer got.Close()
	wantIDs, gotIDs := storedIDs(t, want), storedIDs(t, got)
	if len(wantIDs) < 1000 {
		t.Fatalf("the embedded run stored %d articles; expected about 1200", len(wantIDs))
	}
	if diff := cmp.Diff(wantIDs, gotIDs); diff != "" {
		t.Errorf("articles in stories, embedded vs workers (-embedded +workers):\n%s", diff)
	}
	ws, err := want.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	gs, err := got.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if gs.Articles != ws.Articles || gs.Failures != ws.Failures {
		t.Errorf("stored %d articles and %d failures, want %d and %d", gs.Articles, gs.Failures, ws.Articles, ws.Failures)
	}
	for name, left := range map[string]func(context.Context, int) ([]news.Article, error){
		"fingerprints": got.Undeduplicated, "entities": got.Unrecognized, "times": got.Untimed,
		"quotes": got.Unquoted, "stories": got.Unstoried,
	} {
		if as, err := left(ctx, 10); err != nil || len(as) != 0 {
			t.Errorf("%d articles left without %s (%v)", len(as), name, err)
		}
	}
}
