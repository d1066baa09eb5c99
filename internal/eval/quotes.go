package eval

import (
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/dossier-news/dossier/internal/quote"
)

// Targets on the PolNeAR dev split (exact fragments unless said).
const (
	TargetQuoteSourceExactF1    = 0.65
	TargetQuoteContentExactF1   = 0.55
	TargetQuoteContentOverlapF1 = 0.80
)

// QuoteReport is the evaluation of quote.Extract on PolNeAR: dev is the
// reported set, train is shown for reference (the model learned from it).
type QuoteReport struct {
	Dev, Train QuoteScores
	// Elapsed is extraction time on dev alone; Bytes its text size.
	Elapsed time.Duration
	Bytes   int
}

// Quotes scores the embedded model on PolNeAR under sharedDir.
func Quotes(sharedDir string, progress io.Writer) (QuoteReport, error) {
	return QuotesWith(sharedDir, quote.Extract, progress)
}

// QuotesWith scores any extractor (say a model just trained) the same way.
func QuotesWith(sharedDir string, extract func(string) []quote.Attribution, progress io.Writer) (QuoteReport, error) {
	var rep QuoteReport
	dir := quote.PolNeARDir(sharedDir)
	dev, err := quote.ReadPolNeAR(filepath.Join(dir, "dev"))
	if err != nil {
		return rep, fmt.Errorf("quotes: %w", err)
	}
	train, err := quote.ReadPolNeAR(filepath.Join(dir, "train"))
	if err != nil {
		return rep, fmt.Errorf("quotes: %w", err)
	}
	start := time.Now()
	rep.Dev = ScoreQuotes(dev, extract)
	rep.Elapsed = time.Since(start)
	for _, d := range dev {
		rep.Bytes += len(d.Text)
	}
	if progress != nil {
		fmt.Fprintf(progress, "quotes: dev scored (%d documents, %s)\n", len(dev), round(rep.Elapsed))
	}
	rep.Train = ScoreQuotes(train, extract)
	return rep, nil
}

// Met reports whether every target is reached on dev.
func (r QuoteReport) Met() bool {
	return r.Dev.Source.Exact.F1() >= TargetQuoteSourceExactF1 &&
		r.Dev.Content.Exact.F1() >= TargetQuoteContentExactF1 &&
		r.Dev.Content.Overlap.F1() >= TargetQuoteContentOverlapF1
}

// WriteText prints the report as a table per set, with the targets.
func (r QuoteReport) WriteText(w io.Writer) {
	write := func(name string, s QuoteScores) {
		fmt.Fprintf(w, "PolNeAR %s (%d documents, %d gold attributions, %d predicted)\n", name, s.Documents, s.Gold, s.Predicted)
		fmt.Fprintf(w, "  %-12s %-7s %6s %6s %6s  %6s %6s %6s\n", "", "", "P", "R", "F1", "gold", "pred", "TP")
		line := func(role, how string, p PRF) {
			fmt.Fprintf(w, "  %-12s %-7s %6.3f %6.3f %6.3f  %6d %6d %6d\n", role, how, p.Precision(), p.Recall(), p.F1(), p.TP+p.FN, p.TP+p.FP, p.TP)
		}
		for _, x := range []struct {
			name string
			s    QuoteRoleScores
		}{{"source", s.Source}, {"cue", s.Cue}, {"content", s.Content}, {"attribution", s.Attribution}} {
			line(x.name, "exact", x.s.Exact)
			line(x.name, "overlap", x.s.Overlap)
		}
	}
	write("dev", r.Dev)
	write("train (seen in training)", r.Train)
	d := r.Dev
	fmt.Fprintf(w, "targets on dev: source exact F1 %.3f >= %.2f: %s; content exact F1 %.3f >= %.2f: %s; content overlap F1 %.3f >= %.2f: %s\n",
		d.Source.Exact.F1(), TargetQuoteSourceExactF1, verdict(d.Source.Exact.F1() >= TargetQuoteSourceExactF1),
		d.Content.Exact.F1(), TargetQuoteContentExactF1, verdict(d.Content.Exact.F1() >= TargetQuoteContentExactF1),
		d.Content.Overlap.F1(), TargetQuoteContentOverlapF1, verdict(d.Content.Overlap.F1() >= TargetQuoteContentOverlapF1))
	if r.Elapsed > 0 {
		fmt.Fprintf(w, "speed: %d bytes of dev in %s (%.1f MB/s, one goroutine)\n", r.Bytes, r.Elapsed.Round(time.Millisecond),
			float64(r.Bytes)/1e6/r.Elapsed.Seconds())
	}
}
