// Package eval measures Dossier's extraction quality against public
// benchmark sets kept outside the repository (../shared/eval/...).
//
// Each set is scored with the metric its authors publish, ported from
// their scripts, so that our figures can be read next to theirs.
package eval

import (
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dossier-news/dossier/internal/extract"
)

// Targets the extraction must meet; the integration test fails below them.
const (
	TargetScrapinghubF1 = 0.960
	TargetTrafilaturaF1 = 0.915
	TargetDateAccuracy  = 0.90
)

// workers is how many pages are extracted at once: the reference machine
// has two cores, and extraction is CPU-bound.
const workers = 2

// ExtractionReport holds the figures of one evaluation run. A set whose
// data is missing has a nil entry and a line in Notes.
type ExtractionReport struct {
	// Scrapinghub is the article-extraction-benchmark score (shingles).
	Scrapinghub *ShingleReport
	// Trafilatura is the score on trafilatura's snippet-annotated pages.
	Trafilatura *SnippetReport
	// Dates is the publication-date accuracy on htmldate's corpus.
	Dates *DateReport
	// Notes explains skipped sets.
	Notes []string
}

// ShingleReport is the scrapinghub benchmark result: precision and recall
// of 4-word shingles averaged over pages, and the F1 of the averages.
type ShingleReport struct {
	Pages, MissingFiles, EmptyOutputs int
	Precision, Recall, F1             float64
	Elapsed                           time.Duration
	// ErrorKinds counts failed pages by news.Kind; they score as empty.
	ErrorKinds map[string]int
}

// SnippetReport is the trafilatura benchmark result: must-contain and
// must-not-contain snippets counted over the corpus.
type SnippetReport struct {
	// Failed pages count as finding no snippet at all.
	Pages, MissingFiles, Failed     int
	Counts                          Confusion
	Precision, Recall, Accuracy, F1 float64
	Elapsed                         time.Duration
}

// DateReport is the htmldate benchmark result: the share of pages whose
// Published date falls on the annotated day.
type DateReport struct {
	Pages, Correct, Found, MissingFiles int
	Accuracy                            float64
	Elapsed                             time.Duration
}

// extractor is what the sets evaluate: our HTML extractor in production,
// another library in comparisons.
type extractor func(raw []byte, url string) (text string, published time.Time, err error)

// ours runs Dossier's extractor as the pipeline does, with the URL hint.
func ours(raw []byte, url string) (string, time.Time, error) {
	res, err := extract.HTML(raw, extract.Hints{URL: url}, extract.Options{})
	return res.Text, res.Published, err
}

// Extraction runs every extraction benchmark found under
// sharedDir/eval/extraction and reports their scores. Progress lines go
// to progress. A missing set is skipped with a note; only cancellation
// and unreadable annotation files are errors.
func Extraction(ctx context.Context, sharedDir string, progress io.Writer) (ExtractionReport, error) {
	return runAll(ctx, filepath.Join(sharedDir, "eval", "extraction"), progress, ours)
}

func runAll(ctx context.Context, dir string, progress io.Writer, ex extractor) (ExtractionReport, error) {
	var rep ExtractionReport
	sets := []struct {
		name, marker string
		run          func() error
	}{
		{"scrapinghub", "scrapinghub/ground-truth.json", func() (err error) {
			rep.Scrapinghub, err = runScrapinghub(ctx, filepath.Join(dir, "scrapinghub"), progress, ex)
			return err
		}},
		{"trafilatura", "trafilatura/tests/evaldata.json", func() (err error) {
			rep.Trafilatura, err = runTrafilatura(ctx, filepath.Join(dir, "trafilatura", "tests"), progress, ex)
			return err
		}},
		{"htmldate", "htmldate/ground-truth.json", func() (err error) {
			rep.Dates, err = runDates(ctx, filepath.Join(dir, "htmldate"), progress, ex)
			return err
		}},
	}
	for _, s := range sets {
		if _, err := os.Stat(filepath.Join(dir, s.marker)); err != nil {
			rep.Notes = append(rep.Notes, fmt.Sprintf("%s: skipped, %s not found", s.name, filepath.Join(dir, s.marker)))
			continue
		}
		if err := s.run(); err != nil {
			return rep, fmt.Errorf("eval %s: %w", s.name, err)
		}
	}
	return rep, nil
}

// forEach calls fn(i) for i in [0, n) on a few goroutines, printing a
// progress line every tenth of the way. It stops early when ctx ends.
func forEach(ctx context.Context, name string, n int, progress io.Writer, fn func(i int)) error {
	if progress == nil {
		progress = io.Discard
	}
	var next, done atomic.Int64
	var mu sync.Mutex
	var wg sync.WaitGroup
	step := int64(max(1, n/10))
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				fn(i)
				if d := done.Add(1); d%step == 0 || d == int64(n) {
					mu.Lock()
					fmt.Fprintf(progress, "%s: %d/%d pages\n", name, d, n)
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	return ctx.Err()
}

// readGz returns the decompressed content of a .gz file.
func readGz(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}
