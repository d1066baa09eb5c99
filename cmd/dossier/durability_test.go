package main

import (
	"context"
	"math/rand/v2"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/store/sqlite"
)

var storedLine = regexp.MustCompile(`progress: \d+ done, \d+ docs/s, (\d+) stored`)

// TestKillLoop SIGKILLs an ingest twenty times at random moments — while
// it loads and catches up the stages (enrichment, story replay and
// repair), while it extracts, while it commits — and after each kill
// requires that the store file is intact and holds at least what the
// killed run had reported as stored. A last run completes; the store must
// then hold exactly the articles a clean run stores, each once and
// through every stage, with nothing for 'dossier check' to repair.
func TestKillLoop(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	corpus := filepath.Join(dir, "synth.jsonl")
	if out, stderr, code := run(t, bin, "synth", "--articles", "3000", "-o", corpus); code != 0 {
		t.Fatalf("synth (exit %d): %s %s", code, out, stderr)
	}
	db := filepath.Join(dir, "killed.db")
	rng := rand.New(rand.NewPCG(7, 11))
	kills, ackedKills := 0, 0
	for attempt := 0; kills < 20; attempt++ {
		if attempt == 40 {
			t.Fatalf("only %d of 40 runs could be killed before they finished", kills)
		}
		before := countArticles(t, db)
		log := &syncBuffer{}
		cmd := exec.Command(bin, "ingest", "--batch", "25", "--log-every", "0", "--db", db, corpus)
		cmd.Stdout, cmd.Stderr = log, log
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		// Every other kill comes at a random moment (start-up and
		// catch-up included); the rest come a random moment after the
		// run has reported a commit, so that the acknowledgement check
		// is exercised however slow the machine is.
		var when <-chan time.Time
		if kills%2 == 0 {
			when = time.After(time.Duration(50+rng.IntN(2500)) * time.Millisecond)
		} else {
			when = afterCommit(log, time.Duration(rng.IntN(300))*time.Millisecond)
		}
		select {
		case <-done:
			t.Logf("run %d finished before its kill", attempt)
			continue
		case <-when:
		}
		cmd.Process.Signal(syscall.SIGKILL)
		<-done
		kills++
		acked := 0
		if m := storedLine.FindAllStringSubmatch(log.String(), -1); len(m) > 0 {
			acked, _ = strconv.Atoi(m[len(m)-1][1])
		}
		if acked > 0 {
			ackedKills++
		}
		after := countArticles(t, db)
		t.Logf("kill %d: %d stored before, %d reported by the killed run, %d after", kills, before, acked, after)
		if after < before+acked {
			t.Fatalf("kill %d: %d articles stored, but the run had reported %d stored on top of %d", kills, after, acked, before)
		}
		out, _, _ := run(t, bin, "check", "--db", db)
		if !strings.Contains(out, "integrity: ok") {
			t.Fatalf("kill %d: the store is damaged:\n%s", kills, out)
		}
	}
	if ackedKills < 5 {
		t.Errorf("only %d of the kills came after the run had reported a commit: the acknowledgement check was barely exercised", ackedKills)
	}
	if out, stderr, code := run(t, bin, "ingest", "-q", "--db", db, corpus); code != 0 {
		t.Fatalf("last run (exit %d): %s %s", code, out, stderr)
	}
	if out, _, code := run(t, bin, "check", "--db", db); code != 0 || !strings.HasSuffix(strings.TrimSpace(out), "check: ok") {
		t.Errorf("check after the kills (exit %d):\n%s", code, out)
	}

	ref := filepath.Join(dir, "clean.db")
	if out, stderr, code := run(t, bin, "ingest", "-q", "--db", ref, corpus); code != 0 {
		t.Fatalf("clean run (exit %d): %s %s", code, out, stderr)
	}
	ctx := context.Background()
	want, err := sqlite.Open(ctx, ref)
	if err != nil {
		t.Fatal(err)
	}
	defer want.Close()
	got, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer got.Close()
	wantIDs, gotIDs := storedIDs(t, want), storedIDs(t, got)
	if len(wantIDs) < 2500 {
		t.Fatalf("the clean run placed %d articles in stories; expected about 3000", len(wantIDs))
	}
	if diff := cmp.Diff(wantIDs, gotIDs); diff != "" {
		t.Errorf("articles in stories, clean run vs killed twenty times (-clean +killed):\n%s", diff)
	}
}

// afterCommit fires delay after the log first reports a committed
// article (or after a minute, if it never does).
func afterCommit(log *syncBuffer, delay time.Duration) <-chan time.Time {
	ch := make(chan time.Time, 1)
	go func() {
		deadline := time.Now().Add(time.Minute)
		for time.Now().Before(deadline) {
			m := storedLine.FindAllStringSubmatch(log.String(), -1)
			if len(m) > 0 && m[len(m)-1][1] != "0" {
				break
			}
			time.Sleep(5 * time.Millisecond)
		}
		time.Sleep(delay)
		ch <- time.Now()
	}()
	return ch
}
