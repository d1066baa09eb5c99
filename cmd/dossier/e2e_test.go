package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
	"github.com/dossier-news/dossier/internal/store/sqlite"
)

// buildBinary compiles dossier once per test run.
func buildBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary; skipped in -short mode")
	}
	bin := filepath.Join(t.TempDir(), "dossier")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func run(t *testing.T, bin string, args ...string) (string, string, int) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("%s %v: %v", bin, args, err)
	}
	return stdout.String(), stderr.String(), code
}

// writeCorpus writes n distinct plain-text articles under dir.
func writeCorpus(t *testing.T, dir string, n int) {
	t.Helper()
	for i := 0; i < n; i++ {
		sub := filepath.Join(dir, fmt.Sprintf("d%02d", i%20))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		body := fmt.Sprintf("Ferry timetable change number %d announced\n\n"+
			"The harbour authority said on Tuesday that sailing %d would leave the north pier twenty minutes earlier from next month, after complaints from commuters about missed connections.\n\n"+
			"Officials said the change, the %dth this year, would be reviewed in the autumn once passenger counts for route %d were known.\n", i, i, i, i*7)
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("a%05d.txt", i)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestCrashResume kills an ingest with SIGKILL mid-run, runs it again, and
// checks that every document is stored exactly once.
func TestCrashResume(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	const n = 4000
	writeCorpus(t, filepath.Join(dir, "in"), n)
	db := filepath.Join(dir, "crash.db")

	killed := false
	for attempt := 0; attempt < 5 && !killed; attempt++ {
		cmd := exec.Command(bin, "ingest", "-q", "--db", db, filepath.Join(dir, "in"))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill once some, but not all, documents are committed.
		deadline := time.Now().Add(60 * time.Second)
		for time.Now().Before(deadline) {
			time.Sleep(15 * time.Millisecond)
			c := countArticles(t, db)
			if c > 0 && c < n {
				_ = cmd.Process.Signal(syscall.SIGKILL)
				killed = true
				break
			}
			if c >= n {
				break
			}
		}
		_ = cmd.Wait()
	}
	if !killed {
		t.Fatal("could not kill the ingest mid-run")
	}
	before := countArticles(t, db)
	out, stderr, code := run(t, bin, "ingest", "-q", "--db", db, filepath.Join(dir, "in"))
	if code != 0 {
		t.Fatalf("resume exit %d\n%s\n%s", code, out, stderr)
	}
	wantLine := fmt.Sprintf("ingest: %d new, %d already stored, 0 failed", n-before, before)
	if !strings.Contains(out, wantLine) {
		t.Errorf("resume summary = %q, want it to contain %q", out, wantLine)
	}

	st, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	seen := map[string]int{}
	q := store.ArticleQuery{Filter: store.Filter{AllCopies: true}, Limit: store.MaxLimit}
	for {
		page, err := st.Articles(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range page.Articles {
			seen[a.Origin]++
		}
		if page.Next == "" {
			break
		}
		q.Cursor = page.Next
	}
	if len(seen) != n {
		t.Errorf("stored %d distinct documents, want %d", len(seen), n)
	}
	// The duplicate stage caught up too: the documents are one templated
	// notice, so they form a single syndication group.
	if left, err := st.Undeduplicated(context.Background(), 10); err != nil || len(left) != 0 {
		t.Errorf("%d articles left without fingerprints (%v)", len(left), err)
	}
	if gs, err := st.DupGroups(context.Background(), 0); err != nil || len(gs) != 1 || len(gs[0].Members) != n {
		t.Errorf("after resume: %d groups (%v), want one of %d", len(gs), err, n)
	}
	for origin, c := range seen {
		if c != 1 {
			t.Errorf("%s stored %d times", origin, c)
		}
	}
}

func countArticles(t *testing.T, db string) int {
	t.Helper()
	if _, err := os.Stat(db); err != nil {
		return 0
	}
	// Read-only and without waiting: the writer holds the lock often, and
	// a poll that misses one instant is simply retried.
	conn, err := sql.Open("sqlite", "file:"+db+"?mode=ro&_pragma=busy_timeout(50)")
	if err != nil {
		return 0
	}
	defer conn.Close()
	var n int
	if err := conn.QueryRow("SELECT COUNT(*) FROM articles").Scan(&n); err != nil {
		return 0 // the schema may not exist yet
	}
	return n
}

// TestIngestTwice drives the CLI end to end: ingest, re-ingest reports
// nothing new, bad inputs are recorded and make the exit status non-zero.
func TestIngestTwice(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	writeCorpus(t, in, 5)
	if err := os.WriteFile(filepath.Join(in, "empty.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "x.db")
	out, _, code := run(t, bin, "ingest", "-q", "--db", db, in)
	if code != 1 {
		t.Errorf("first ingest exit = %d, want 1 (one input failed)", code)
	}
	if !strings.Contains(out, "5 new, 0 already stored, 1 failed") || !strings.Contains(out, "4 of the new copy earlier articles") {
		t.Errorf("first ingest summary = %q", out)
	}
	out, _, _ = run(t, bin, "ingest", "-q", "--db", db, in)
	if !strings.Contains(out, "0 new, 5 already stored, 1 failed") {
		t.Errorf("second ingest summary = %q", out)
	}
	out, _, code = run(t, bin, "errors", "--db", db)
	if code != 0 || !strings.Contains(out, "empty.txt") || !strings.Contains(out, news.Kind(news.ErrEmpty)) {
		t.Errorf("errors output (exit %d) = %q, want empty.txt with kind empty", code, out)
	}
	out, _, code = run(t, bin, "search", "--db", db, "sailing 3")
	if code != 0 || !strings.Contains(out, "[sailing]") {
		t.Errorf("search output (exit %d) = %q", code, out)
	}
	// The five notices differ only in their numbers: one syndication
	// group, listed once unless --all.
	out, _, code = run(t, bin, "articles", "--db", db)
	if code != 0 || strings.Count(out, "\n") != 1 || !strings.Contains(out, "[+4 copies]") {
		t.Errorf("articles printed %q (exit %d), want one line with +4 copies", out, code)
	}
	out, _, code = run(t, bin, "articles", "--db", db, "-n", "3", "--all")
	if code != 0 || strings.Count(out, "\n") != 3 {
		t.Errorf("articles -n 3 --all printed %q (exit %d)", out, code)
	}
	id := strings.Fields(out)[0]
	out, _, code = run(t, bin, "show", "--db", db, id)
	if code != 0 || !strings.Contains(out, "Ferry timetable change") {
		t.Errorf("show %s = %q (exit %d)", id, out, code)
	}
	_, stderr, code := run(t, bin, "show", "--db", db, "nope")
	if code == 0 || !strings.Contains(stderr, "not found") {
		t.Errorf("show nope: exit %d, stderr %q", code, stderr)
	}
}

// TestDemoAndServe runs the README's main job without serving, then
// serves the resulting store and reads it through the API.
func TestDemoAndServe(t *testing.T) {
	bin := buildBinary(t)
	db := filepath.Join(t.TempDir(), "demo.db")
	out, stderr, code := run(t, bin, "demo", "--no-serve", "--db", db)
	if code != 0 {
		t.Fatalf("demo exit %d\n%s\n%s", code, out, stderr)
	}
	var n, existing, failed int
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "ingest: ") {
			fmt.Sscanf(line, "ingest: %d new, %d already stored, %d failed", &n, &existing, &failed)
		}
	}
	if n < 44 || failed != 0 {
		t.Errorf("demo stored %d new, %d failed; want ≥ 44 and 0\n%s", n, failed, out)
	}

	// The corpus holds two wire stories, each reprinted by four outlets.
	out, stderr, code = run(t, bin, "dups", "--db", db)
	if code != 0 || strings.Count(out, "group of 5") != 2 || !strings.Contains(out, "2 syndication groups") {
		t.Errorf("dups (exit %d) = %s\n%s", code, out, stderr)
	}
	// A copy's page names its group's first publisher and the shared text.
	if _, after, ok := strings.Cut(out, "    copy "); ok {
		id := strings.Fields(after)[0]
		origin := strings.Fields(strings.SplitN(out, "\n", 3)[1])[0]
		show, _, code := run(t, bin, "show", "--db", db, id)
		if code != 0 || !strings.Contains(show, "Copy of:   "+origin) || !strings.Contains(show, "Shared text") {
			t.Errorf("show %s (exit %d) does not name its origin %s and shared text:\n%s", id, code, origin, show)
		}
		// Its dates are resolved and shown with their spans.
		if !strings.Contains(show, "Time expressions (") || !strings.Contains(show, " DATE ") {
			t.Errorf("show %s lists no resolved dates:\n%s", id, show)
		}
	}

	// Entities: the company at the heart of the sample's spill story
	// leads the list, and its page gathers its spellings.
	out, stderr, code = run(t, bin, "entities", "--db", db, "-n", "3")
	if code != 0 || !strings.Contains(out, "Brannock Chemical Works") {
		t.Errorf("entities (exit %d) = %s\n%s", code, out, stderr)
	}
	out, stderr, code = run(t, bin, "entity", "--db", db, "Holloway")
	if code != 0 || !strings.Contains(out, "Dace Holloway (person)") || !strings.Contains(out, "Mentioned with") {
		t.Errorf("entity Holloway (exit %d) = %s\n%s", code, out, stderr)
	}
	if _, _, code := run(t, bin, "entity", "--db", db, "Nobody Atall"); code == 0 {
		t.Error("entity of an unknown name exited 0")
	}
	// Part of a name: listed by --match, offered when no entity has it
	// as its whole name.
	out, stderr, code = run(t, bin, "entities", "--db", db, "--match", "BRANOCK chem")
	if code != 0 || !strings.Contains(out, "Brannock Chemical Works") {
		t.Errorf("entities --match (exit %d) = %s\n%s", code, out, stderr)
	}
	if _, stderr, code := run(t, bin, "entity", "--db", db, "Hollo"); code == 0 || !strings.Contains(stderr, "names containing it") ||
		!strings.Contains(stderr, "Dace Holloway") {
		t.Errorf("entity Hollo (exit %d): %s; want an error offering Dace Holloway", code, stderr)
	}

	// Quotes: the prosecutor's statement, carried by the five copies of
	// one wire story, is listed once under her name and shown on an
	// article carrying it.
	out, stderr, code = run(t, bin, "quotes", "--db", db, "--speaker", "Celestine Maro")
	if code != 0 || !strings.Contains(out, "Celestine Maro (direct)") || !strings.Contains(out, "carried by 5: ") {
		t.Errorf("quotes --speaker (exit %d) = %s\n%s", code, out, stderr)
	} else {
		carrier := strings.Fields(strings.SplitN(out[strings.Index(out, "carried by 5: "):], ": ", 2)[1])[0]
		show, _, code := run(t, bin, "show", "--db", db, carrier)
		if code != 0 || !strings.Contains(show, "Who said what (") || !strings.Contains(show, "Celestine Maro (direct)") ||
			!strings.Contains(show, "also carried by 4 other articles") {
			t.Errorf("show %s (exit %d) lacks the prosecutor's quote:\n%s", carrier, code, show)
		}
	}

	// Stories: the sample's four labelled stories, the spill the largest;
	// its page explains each placement.
	out, stderr, code = run(t, bin, "stories", "--db", db, "--sort", "size")
	if lines := strings.Split(strings.TrimSpace(out), "\n"); code != 0 || len(lines) != 4 || !strings.Contains(lines[0], "Tansy Wharf") {
		t.Errorf("stories --sort size (exit %d) = %s\n%s", code, out, stderr)
	} else {
		id := strings.Fields(lines[0])[0]
		page, _, code := run(t, bin, "story", "--db", db, "--why", id)
		if code != 0 || !strings.Contains(page, "Articles (in the order they joined)") || !strings.Contains(page, "joined: score") ||
			!strings.Contains(page, "a syndicated copy") {
			t.Errorf("story --why %s (exit %d) = %s", id, code, page)
		}
		// The cited summary and the timeline, citations numbering
		// the articles listed below them.
		sum := page[strings.Index(page, "\nSummary\n")+1:]
		if !strings.HasPrefix(sum, "Summary\n") || !strings.Contains(sum, "\nTimeline\n  2026-03-02  ") ||
			!regexp.MustCompile(`(?m)^  [A-Z].*\.["”]? (\[\d+\]){3,}$`).MatchString(sum) {
			t.Errorf("story %s lacks a cited summary and a dated timeline:\n%s", id, page)
		}
	}

	cmd := exec.Command(bin, "serve", "--db", db, "--addr", "127.0.0.1:0")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
	}()
	buf := make([]byte, 512)
	k, _ := stdout.Read(buf)
	line := string(buf[:k])
	start := strings.Index(line, "http://")
	if start < 0 {
		t.Fatalf("serve printed %q, want its URL", line)
	}
	base := strings.Fields(line[start:])[0]
	resp, err := httpGet(base + "api/v1/articles?limit=5")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(resp, `"next_cursor"`) || strings.Count(resp, `"id"`) != 5 {
		t.Errorf("API listing = %s", resp)
	}
	resp, err = httpGet(base + "api/v1/stories?sort=size&limit=1")
	if err != nil || !strings.Contains(resp, `"stories"`) || !strings.Contains(resp, "Tansy Wharf") {
		t.Errorf("API stories = %s, %v", resp, err)
	}
	if m := regexp.MustCompile(`"id":"(s[0-9a-f]+)"`).FindStringSubmatch(resp); m != nil {
		resp, err = httpGet(base + "api/v1/stories/" + m[1] + "/summary")
		if err != nil || !strings.Contains(resp, `"citations":[{"article":"`) || !strings.Contains(resp, `"story":"`+m[1]) {
			t.Errorf("API summary = %s, %v", resp, err)
		}
		resp, err = httpGet(base + "api/v1/stories/" + m[1] + "/timeline")
		if err != nil || !strings.Contains(resp, `"date":"2026-03-02T00:00:00Z"`) {
			t.Errorf("API timeline = %s, %v", resp, err)
		}
	}
}
