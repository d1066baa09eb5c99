package cli

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/httpapi"
)

// TestPprofRefusedBeyondLoopback: profiles have no authentication, so
// --pprof-addr on a reachable address is refused — before the store is
// opened — unless --pprof-public says it is meant.
func TestPprofRefusedBeyondLoopback(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	var stderr bytes.Buffer
	env := Env{Stdout: io.Discard, Stderr: &stderr}
	if code := Main(context.Background(), []string{"serve", "--db", db, "--pprof-addr", "0.0.0.0:0"}, env); code != exitUsage {
		t.Fatalf("exit %d, want %d (usage); stderr: %s", code, exitUsage, stderr.String())
	}
	if !strings.Contains(stderr.String(), "--pprof-public") {
		t.Errorf("the refusal does not say how to allow it: %s", stderr.String())
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("the store was opened before the refusal: %v", err)
	}
	for _, addr := range []string{"127.0.0.1:6060", "localhost:6060", "[::1]:6060"} {
		if !loopback(addr) {
			t.Errorf("%s not taken for loopback", addr)
		}
	}
}

// TestPprofOwnListener: the profiles answer on their own listener, and
// the public handler — API and pages — does not serve them.
func TestPprofOwnListener(t *testing.T) {
	var stdout bytes.Buffer
	stop, err := startPprof(Env{Stdout: &stdout, Stderr: io.Discard}, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	m := regexp.MustCompile(`http://(\S+)/debug/pprof/`).FindStringSubmatch(stdout.String())
	if m == nil {
		t.Fatalf("no address in %q", stdout.String())
	}
	for _, path := range []string{"/debug/pprof/", "/debug/pprof/heap?gc=1", "/debug/pprof/goroutine?debug=1"} {
		resp, err := http.Get("http://" + m[1] + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %s", path, resp.Status)
		}
	}

	st, ok := openStore(context.Background(), Env{Stdout: io.Discard, Stderr: io.Discard}, filepath.Join(t.TempDir(), "s.db"))
	if !ok {
		t.Fatal("opening a store")
	}
	defer st.Close()
	h := handler(st, slog.New(slog.NewTextHandler(io.Discard, nil)), httpapi.Options{})
	for _, path := range []string{"/debug/pprof/", "/debug/pprof/heap", "/api/debug/pprof/heap"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code == http.StatusOK || strings.Contains(rec.Body.String(), "profile") {
			t.Errorf("the public handler answers %s: %d %.80q", path, rec.Code, rec.Body.String())
		}
	}
}
