package eval

import (
	"fmt"
	"io"
	"strings"
)

// WriteText prints the duplicate report as docs/EVALUATION.md quotes it:
// the per-edit table, the hard negatives and the groups, the pairs of real
// articles a reader should judge, and the natural T17 copies.
func (rep *DupReport) WriteText(w io.Writer) {
	fmt.Fprintf(w, "Duplicates and reuse: %d documents (%d sources × (1 + %d edits), %d hard-negative pairs), seed %d, %s\n\n",
		rep.Docs, rep.Options.Sources, len(Edits), rep.HardPairs, rep.Options.Seed, round(rep.Elapsed))
	fmt.Fprintf(w, "%-16s %6s %6s %6s %9s %7s %6s\n", "edit", "pairs", "found", "wrong", "precision", "recall", "F1")
	row := func(name string, s PRF, target float64) {
		fmt.Fprintf(w, "%-16s %6d %6d %6d %9.3f %7.3f %6.3f  (target >= %.2f: %s)\n",
			name, s.TP+s.FN, s.TP, s.FP, s.Precision(), s.Recall(), s.F1(), target, verdict(s.F1() >= target))
	}
	for _, e := range Edits {
		row(string(e), rep.PerEdit[e], TargetDupEditF1)
	}
	row("overall", rep.Overall, TargetDupOverallF1)
	fmt.Fprintf(w, "\nspin: %.1f%% of all words swapped (%.1f%% were in the synonym table), sentences reordered\n",
		100*rep.SpinChanged, 100*rep.SpinEligible)
	fmt.Fprintf(w, "hard negatives: %d same-story same-day pairs of different articles: %d called copies (counted wrong), %d share some text\n",
		rep.HardPairs, len(rep.HardCopies), rep.HardReuse)
	for _, e := range Edits {
		if n := rep.Excused[e]; n > 0 {
			fmt.Fprintf(w, "%s: %d copy links to other real articles excused (those articles copy the carried text: runs ≥ 0.5)\n", e, n)
		}
	}
	fmt.Fprintf(w, "BCubed over syndication groups: precision %.3f, recall %.3f, F1 %.3f; origin is the source in %d of %d groups\n",
		rep.BCubedP, rep.BCubedR, rep.BCubedF1(), rep.OriginOK, rep.Groups)
	for _, e := range Edits {
		for _, l := range []struct {
			what string
			ids  []string
		}{{"missed", rep.Missed[e]}, {"wrong", rep.Wrong[e]}} {
			if len(l.ids) > 0 {
				fmt.Fprintf(w, "  %s %s (%d): %s\n", e, l.what, len(l.ids), strings.Join(l.ids[:min(5, len(l.ids))], "; "))
			}
		}
	}
	notes := func(title string, ps []PairNote, withStory bool) {
		if len(ps) == 0 {
			return
		}
		fmt.Fprintf(w, "\n%s: %d\n", title, len(ps))
		for _, p := range ps {
			story := ""
			if withStory {
				story = fmt.Sprintf(" story=%.2f", p.StoryRuns)
			}
			fmt.Fprintf(w, "- %s J=%.2f runs=%.2f%s  %s [%s] ↔ %s [%s]\n    A: %s\n    B: %s\n",
				p.Kind, p.Jaccard, p.Runs, story, p.A, p.OutletA, p.B, p.OutletB, p.StartA, p.StartB)
		}
	}
	notes("hard-negative pairs called copies (judge by hand)", rep.HardCopies, false)
	notes("other real articles called copies of one another (not counted; judge by hand)", rep.SourceCopies, false)
	if rep.NaturalDocs > 0 {
		var kinds []string
		for _, k := range sortedKeys(rep.NaturalKinds) {
			kinds = append(kinds, fmt.Sprintf("%s %d", k, rep.NaturalKinds[k]))
		}
		fmt.Fprintf(w, "\nT17 natural copies: %d copy links among %d articles (%s), %d between different folders;\n",
			rep.NaturalLinks, rep.NaturalDocs, strings.Join(kinds, ", "), rep.NaturalCross)
		fmt.Fprintf(w, "  %d groups holding %d articles, the largest %d\n", rep.NaturalGroups, rep.NaturalGrouped, rep.NaturalLargest)
		notes("sampled (cross-folder first, each article once; J = index Jaccard, runs = shared 8-word runs of the smaller, story = the same without runs found in more than 25 T17 articles)", rep.Samples, true)
	}
}
