package pipeline

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/ingest"
)

// TestSlowDocumentFails: a document that takes longer than DocTimeout is
// recorded as failed, with its reason, and the documents beside it are
// stored; the run does not wait for it.
func TestSlowDocumentFails(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.txt"), []byte(textArticle))
	writeFile(t, filepath.Join(dir, "slow.html"), []byte(htmlArticle))
	release := make(chan struct{})
	defer close(release)
	cfg := Config{Workers: 2, DocTimeout: 100 * time.Millisecond}
	cfg.beforeExtract = func(d ingest.Document) {
		if strings.HasSuffix(d.Origin, "slow.html") {
			<-release // held until the test ends: far past the limit
		}
	}
	st := openStore(t)
	got, err := Run(context.Background(), st, []string{dir}, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.New != 1 || got.Failed != 1 {
		t.Fatalf("stats = %+v, want 1 new and 1 failed", got)
	}
	fs, err := st.Failures(context.Background(), 10)
	if err != nil || len(fs) != 1 {
		t.Fatalf("failures = %v, %v; want one", fs, err)
	}
	if f := fs[0]; !strings.HasSuffix(f.Origin, "slow.html") || f.Kind != "timeout" || !strings.Contains(f.Reason, "longer than 100ms") {
		t.Errorf("failure = %+v, want slow.html, kind timeout, the limit in the reason", f)
	}
}
