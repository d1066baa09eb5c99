package eval

import (
	"bytes"
	"net/url"
	"path/filepath"
	"sync/atomic"
	"testing"

	"codeberg.org/readeck/go-readability/v2"

	"github.com/dossier-news/dossier/internal/extract"
)

// benchPage is one scrapinghub page held in memory, so that benchmarks
// time extraction and not gzip or disk.
type benchPage struct {
	raw []byte
	url string
}

func loadBenchPages(b *testing.B) []benchPage {
	b.Helper()
	dir := filepath.Join(sharedDir(), "eval", "extraction", "scrapinghub")
	var truth map[string]struct {
		URL string `json:"url"`
	}
	if err := readJSON(filepath.Join(dir, "ground-truth.json"), &truth); err != nil {
		b.Skipf("scrapinghub pages not available: %v", err)
	}
	var pages []benchPage
	for _, k := range sortedKeys(truth) {
		raw, err := readGz(filepath.Join(dir, "html", k+".html.gz"))
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, benchPage{raw, truth[k].URL})
	}
	return pages
}

// runPages runs fn over the pages round-robin on GOMAXPROCS goroutines
// (set it with -cpu) and reports throughput as pages/s, which on -cpu 2
// is the two-core figure the pipeline's worker pool sees.
func runPages(b *testing.B, fn func(benchPage)) {
	pages := loadBenchPages(b)
	var next atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			fn(pages[int(next.Add(1)-1)%len(pages)])
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkExtractHTML times Dossier's HTML extractor (decoding, parsing,
// trafilatura, htmldate) on the scrapinghub benchmark pages.
func BenchmarkExtractHTML(b *testing.B) {
	runPages(b, func(p benchPage) {
		_, _ = extract.HTML(p.raw, extract.Hints{URL: p.url}, extract.Options{})
	})
}

// BenchmarkReadability times go-readability, parsing included, on the
// same pages, as the yardstick for a lighter extractor.
func BenchmarkReadability(b *testing.B) {
	runPages(b, func(p benchPage) {
		u, _ := url.Parse(p.url)
		art, err := readability.FromReader(bytes.NewReader(p.raw), u)
		if err == nil && art.Node != nil {
			var buf bytes.Buffer
			_ = art.RenderText(&buf)
		}
	})
}
