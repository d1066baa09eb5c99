package eval

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// sharedDir locates the shared evaluation data: $DOSSIER_SHARED, else
// ../shared next to the module root, where the CLI looks by default.
func sharedDir() string {
	if d := os.Getenv("DOSSIER_SHARED"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "shared")
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	data := []byte(content)
	if strings.HasSuffix(path, ".gz") {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(data)
		zw.Close()
		data = buf.Bytes()
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestRunAllFake runs the three sets on a tiny fake corpus with a fake
// extractor, so that the plumbing (file layout, JSON fields, counting)
// is checked without the real data.
func TestRunAllFake(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "scrapinghub", "ground-truth.json"),
		`{"p1": {"articleBody": "a b c d e", "url": "https://x.example/1"},
		  "p2": {"articleBody": "a b c d", "url": "https://x.example/2"}}`)
	writeFile(t, filepath.Join(dir, "scrapinghub", "html", "p1.html.gz"), "a b c d x")
	writeFile(t, filepath.Join(dir, "scrapinghub", "html", "p2.html.gz"), "")
	writeFile(t, filepath.Join(dir, "trafilatura", "tests", "evaldata.json"),
		`{"https://y.example/1": {"file": "one.html", "with": ["alpha"], "without": ["beta"]},
		  "https://y.example/2": {"file": "two.html", "with": ["gamma"], "without": ["delta"]},
		  "https://y.example/3": {"file": "absent.html", "with": ["x"], "without": ["y"]}}`)
	writeFile(t, filepath.Join(dir, "trafilatura", "tests", "cache", "one.html.gz"), "alpha beta")
	writeFile(t, filepath.Join(dir, "trafilatura", "tests", "eval", "two.html.gz"), "gamma")
	writeFile(t, filepath.Join(dir, "htmldate", "ground-truth.json"),
		`{"k1": {"url": "u", "file": "mock/1.html.gz", "date": "2020-05-06"},
		  "k2": {"url": "u", "file": "mock/2.html.gz", "date": "2021-01-01"},
		  "k3": {"url": "u", "file": "mock/3.html.gz", "date": ""}}`)
	writeFile(t, filepath.Join(dir, "htmldate", "mock", "1.html.gz"), "2020-05-06")
	writeFile(t, filepath.Join(dir, "htmldate", "mock", "2.html.gz"), "2021-01-02")
	writeFile(t, filepath.Join(dir, "htmldate", "mock", "3.html.gz"), "")

	// The fake extractor echoes the page as text and parses it as a date.
	fake := func(raw []byte, url string) (string, time.Time, error) {
		d, _ := time.Parse(time.DateOnly, string(raw))
		return string(raw), d, nil
	}
	rep, err := runAll(context.Background(), dir, nil, fake)
	if err != nil {
		t.Fatal(err)
	}
	if s := rep.Scrapinghub; s == nil || s.Pages != 2 || s.EmptyOutputs != 1 || !near(s.Precision, 0.5) || !near(s.Recall, 0.25) {
		t.Errorf("scrapinghub = %+v; want 2 pages, 1 empty, precision 0.5, recall 0.25", s)
	}
	if s := rep.Trafilatura; s == nil || s.Pages != 2 || s.MissingFiles != 1 || s.Counts != (Confusion{TP: 2, FP: 1, TN: 1}) {
		t.Errorf("trafilatura = %+v; want 2 pages, 1 missing, TP 2 FP 1 TN 1", s)
	}
	if s := rep.Dates; s == nil || s.Pages != 3 || s.Correct != 2 || s.Found != 2 {
		t.Errorf("dates = %+v; want 3 pages, 2 correct, 2 found", s)
	}
	if len(rep.Notes) != 0 {
		t.Errorf("notes = %q; want none", rep.Notes)
	}
}

func TestExtractionMissingSets(t *testing.T) {
	rep, err := Extraction(context.Background(), t.TempDir(), nil)
	if err != nil {
		t.Fatalf("Extraction on an empty dir: %v; want skipped sets, no error", err)
	}
	if rep.Scrapinghub != nil || rep.Trafilatura != nil || rep.Dates != nil || len(rep.Notes) != 3 {
		t.Errorf("report = %+v; want three notes and no scores", rep)
	}
	var buf bytes.Buffer
	rep.WriteText(&buf)
	if got := strings.Count(buf.String(), "skipped"); got != 3 {
		t.Errorf("WriteText printed %d skip notes; want 3:\n%s", got, buf.String())
	}
}

func TestExtractionCancelled(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "eval", "extraction", "scrapinghub", "ground-truth.json"), `{"p": {"articleBody": "x"}}`)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Extraction(ctx, dir, nil); err == nil {
		t.Error("Extraction with a cancelled context succeeded; want an error")
	}
}

// TestExtractionTargets runs the full evaluation on ../shared and holds
// the extractor to its targets. It takes about a minute on two cores.
func TestExtractionTargets(t *testing.T) {
	if testing.Short() {
		t.Skip("full extraction evaluation skipped in -short mode")
	}
	shared := sharedDir()
	if _, err := os.Stat(filepath.Join(shared, "eval", "extraction")); err != nil {
		t.Skipf("evaluation data not found under %s", shared)
	}
	rep, err := Extraction(context.Background(), shared, nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	rep.WriteText(&buf)
	t.Logf("\n%s", buf.String())
	if s := rep.Scrapinghub; s != nil && s.F1 < TargetScrapinghubF1 {
		t.Errorf("scrapinghub F1 = %.4f; want >= %.3f", s.F1, TargetScrapinghubF1)
	}
	if s := rep.Trafilatura; s != nil && s.F1 < TargetTrafilaturaF1 {
		t.Errorf("trafilatura F1 = %.4f; want >= %.3f", s.F1, TargetTrafilaturaF1)
	}
	if s := rep.Dates; s != nil && s.Accuracy < TargetDateAccuracy {
		t.Errorf("date accuracy = %.4f; want >= %.2f", s.Accuracy, TargetDateAccuracy)
	}
}
