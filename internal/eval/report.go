package eval

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

// WriteText prints the report as a short table-like text, one block per
// set, with the target each figure is held to.
func (r ExtractionReport) WriteText(w io.Writer) {
	if s := r.Scrapinghub; s != nil {
		fmt.Fprintf(w, "scrapinghub article-extraction-benchmark (%d pages, %d missing, %s)\n", s.Pages, s.MissingFiles, round(s.Elapsed))
		fmt.Fprintf(w, "  precision %.3f  recall %.3f  F1 %.3f  (target F1 >= %.3f: %s)\n",
			s.Precision, s.Recall, s.F1, TargetScrapinghubF1, verdict(s.F1 >= TargetScrapinghubF1))
		fmt.Fprintf(w, "  empty outputs %d%s\n", s.EmptyOutputs, kinds(s.ErrorKinds))
	}
	if s := r.Trafilatura; s != nil {
		fmt.Fprintf(w, "trafilatura evaluation set (%d pages, %d missing, %s)\n", s.Pages, s.MissingFiles, round(s.Elapsed))
		fmt.Fprintf(w, "  precision %.3f  recall %.3f  accuracy %.3f  F1 %.3f  (target F1 >= %.3f: %s)\n",
			s.Precision, s.Recall, s.Accuracy, s.F1, TargetTrafilaturaF1, verdict(s.F1 >= TargetTrafilaturaF1))
		fmt.Fprintf(w, "  snippets TP %d  FP %d  FN %d  TN %d  failed pages %d\n",
			s.Counts.TP, s.Counts.FP, s.Counts.FN, s.Counts.TN, s.Failed)
	}
	if s := r.Dates; s != nil {
		fmt.Fprintf(w, "htmldate publication dates (%d pages, %d missing, %s)\n", s.Pages, s.MissingFiles, round(s.Elapsed))
		fmt.Fprintf(w, "  exact-day accuracy %.3f (%d correct, %d with a date)  (target >= %.2f: %s)\n",
			s.Accuracy, s.Correct, s.Found, TargetDateAccuracy, verdict(s.Accuracy >= TargetDateAccuracy))
	}
	for _, n := range r.Notes {
		fmt.Fprintf(w, "note: %s\n", n)
	}
}

func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "NOT met"
}

func round(d time.Duration) time.Duration { return d.Round(100 * time.Millisecond) }

// kinds formats error counts by kind, e.g. ", errors: no_content 2".
func kinds(m map[string]int) string {
	if len(m) == 0 {
		return ""
	}
	var parts []string
	for k, n := range m {
		parts = append(parts, fmt.Sprintf("%s %d", k, n))
	}
	sort.Strings(parts)
	return ", errors: " + strings.Join(parts, ", ")
}
