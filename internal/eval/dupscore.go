package eval

import (
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/dossier-news/dossier/internal/dedup"
)

// score streams docs through a fresh index and fills rep.
func score(rep *DupReport, docs []genDoc, hard [][2]string) error {
	ix, err := dedup.NewIndex(dedup.DefaultConfig())
	if err != nil {
		return err
	}
	copyLink := map[[2]string]bool{}
	reuseLink := map[[2]string]dedup.Link{}
	for _, g := range docs {
		rp, err := ix.Add(g.doc)
		if err != nil {
			return err
		}
		for _, l := range rp.Links {
			k := pairKey(g.doc.ID, l.Other)
			reuseLink[k] = l
			if l.Kind.Syndicated() {
				copyLink[k] = true
			}
		}
	}
	byID := map[string]genDoc{}
	for _, g := range docs {
		byID[g.doc.ID] = g
	}
	// Real articles are sometimes copies of one another (an outlet's own
	// updated story, a shared wire report). Derivations of two such
	// sources are rightly linked; those links are not counted as wrong,
	// and the source pairs are listed for a reader to judge.
	realCopy := map[[2]string]bool{}
	for k := range copyLink {
		a, b := byID[k[0]], byID[k[1]]
		if a.edit == "" && b.edit == "" {
			realCopy[pairKey(a.src, b.src)] = true
		}
	}
	isHard := map[[2]string]bool{}
	for _, h := range hard {
		isHard[pairKey(h[0], h[1])] = true
	}
	for k := range realCopy {
		if !isHard[k] {
			rep.SourceCopies = append(rep.SourceCopies, k)
		}
	}
	slices.SortFunc(rep.SourceCopies, func(a, b [2]string) int { return strings.Compare(a[0], b[0]) })
	for _, g := range docs {
		if g.edit == "" {
			continue
		}
		s := rep.PerEdit[g.edit]
		l, linked := reuseLink[pairKey(g.src, g.doc.ID)]
		found := linked && l.Kind.Syndicated()
		if !g.edit.Copy() {
			// Reuse, reported as reuse and not as a copy.
			found = linked && !l.Kind.Syndicated() && (len(l.SharedParagraphs) > 0 || l.SharedSentences > 0)
		}
		if found {
			s.TP++
		} else {
			s.FN++
		}
		// Wrong links from this document: a copy link to a document of
		// another source (unless the two sources are copies themselves),
		// or, for partial reuse, any copy link at all.
		for k, l := range reuseLink {
			if !l.Kind.Syndicated() || (k[0] != g.doc.ID && k[1] != g.doc.ID) {
				continue
			}
			other := k[0]
			if other == g.doc.ID {
				other = k[1]
			}
			o := byID[other]
			if g.edit.Copy() && (o.src == g.src || realCopy[pairKey(o.src, g.src)]) {
				continue
			}
			s.FP++
		}
		rep.PerEdit[g.edit] = s
	}
	for _, e := range Edits {
		s := rep.PerEdit[e]
		rep.Overall.TP += s.TP
		rep.Overall.FP += s.FP
		rep.Overall.FN += s.FN
	}
	rep.HardPairs = len(hard)
	for _, h := range hard {
		k := pairKey(h[0], h[1])
		if copyLink[k] {
			rep.FalseCopies++
		}
		if _, ok := reuseLink[k]; ok {
			rep.ReuseLinks++
		}
	}
	rep.Overall.FP += rep.FalseCopies
	rep.BCubedP, rep.BCubedR = bcubed(ix, docs)
	return nil
}

// bcubed scores the index's groups against the true ones, over every
// document (singletons included).
func bcubed(ix *dedup.Index, docs []genDoc) (p, r float64) {
	pred := map[string]string{}
	for _, g := range ix.Groups() {
		for _, m := range g.Members {
			pred[m] = g.Origin
		}
	}
	cluster := func(m map[string]string, id string) string {
		if c, ok := m[id]; ok && c != "" {
			return c
		}
		return "self:" + id
	}
	truth := map[string]string{}
	for _, g := range docs {
		truth[g.doc.ID] = g.group
	}
	predMembers, trueMembers := map[string][]string{}, map[string][]string{}
	for _, g := range docs {
		id := g.doc.ID
		predMembers[cluster(pred, id)] = append(predMembers[cluster(pred, id)], id)
		trueMembers[cluster(truth, id)] = append(trueMembers[cluster(truth, id)], id)
	}
	for _, g := range docs {
		id := g.doc.ID
		pc, tc := cluster(pred, id), cluster(truth, id)
		both := 0
		for _, m := range predMembers[pc] {
			if cluster(truth, m) == tc {
				both++
			}
		}
		p += float64(both) / float64(len(predMembers[pc]))
		r += float64(both) / float64(len(trueMembers[tc]))
	}
	n := float64(len(docs))
	return p / n, r / n
}

// natural indexes every T17 article in date order and samples the
// copies found between different outlets (the topic directory names end
// in the outlet, e.g. "haiti_bbc").
func natural(rep *DupReport, t17 []sourceDoc, r *rand.Rand) error {
	ix, err := dedup.NewIndex(dedup.DefaultConfig())
	if err != nil {
		return err
	}
	docs := slices.Clone(t17)
	date := func(d sourceDoc) string { return strings.Split(d.ID, "/")[3] }
	slices.SortStableFunc(docs, func(a, b sourceDoc) int { return strings.Compare(date(a), date(b)) })
	outlet := func(id string) string {
		topic := strings.Split(id, "/")[1]
		return topic[strings.LastIndex(topic, "_")+1:]
	}
	byID := map[string]sourceDoc{}
	var pairs []NaturalPair
	for _, d := range docs {
		byID[d.ID] = d
		text := strings.Join(d.Paras, "\n\n")
		rp, err := ix.Add(dedup.Doc{ID: d.ID, Text: text})
		if err != nil {
			return err
		}
		for _, l := range rp.Links {
			if !l.Kind.Syndicated() || outlet(d.ID) == outlet(l.Other) {
				continue
			}
			pairs = append(pairs, NaturalPair{A: l.Other, B: d.ID, Kind: string(l.Kind), Jaccard: l.Jaccard,
				OutletA: outlet(l.Other), OutletB: outlet(d.ID)})
		}
	}
	rep.NaturalDocs, rep.NaturalPairs = len(docs), len(pairs)
	r.Shuffle(len(pairs), func(i, j int) { pairs[i], pairs[j] = pairs[j], pairs[i] })
	lead := func(id string) string {
		w := strings.Fields(strings.Join(byID[id].Paras, " "))
		return strings.Join(w[:min(14, len(w))], " ")
	}
	for _, p := range pairs[:min(20, len(pairs))] {
		p.StartA, p.StartB = lead(p.A), lead(p.B)
		rep.Samples = append(rep.Samples, p)
	}
	slices.SortFunc(rep.Samples, func(a, b NaturalPair) int { return strings.Compare(a.A, b.A) })
	return nil
}

// WriteText prints the report as the docs quote it.
func (rep *DupReport) WriteText(w io.Writer) {
	fmt.Fprintf(w, "Duplicates: %d generated documents (%d sources × %d edits, %d hard-negative pairs), seed %d, %s\n\n",
		rep.Docs, rep.Options.Sources, len(Edits), rep.HardPairs, rep.Options.Seed, rep.Elapsed.Round(1e7))
	fmt.Fprintf(w, "%-16s %6s %6s %6s %9s %7s %6s\n", "edit", "pairs", "found", "wrong", "precision", "recall", "F1")
	row := func(name string, s PRF) {
		fmt.Fprintf(w, "%-16s %6d %6d %6d %9.3f %7.3f %6.3f\n", name, s.TP+s.FN, s.TP, s.FP, s.Precision(), s.Recall(), s.F1())
	}
	for _, e := range Edits {
		row(string(e), rep.PerEdit[e])
	}
	row("overall", rep.Overall)
	fmt.Fprintf(w, "\nhard negatives: %d same-story same-day pairs, %d called copies, %d sharing some text\n",
		rep.HardPairs, rep.FalseCopies, rep.ReuseLinks)
	fmt.Fprintf(w, "BCubed groups: precision %.3f, recall %.3f, F1 %.3f\n", rep.BCubedP, rep.BCubedR, rep.BCubedF1())
	fmt.Fprintf(w, "real sources called copies of one another (not counted as errors): %d pairs\n", len(rep.SourceCopies))
	for _, k := range rep.SourceCopies {
		fmt.Fprintf(w, "  %s ↔ %s\n", k[0], k[1])
	}
	if rep.NaturalDocs > 0 {
		fmt.Fprintf(w, "\nT17 natural copies: %d cross-outlet copy links among %d articles; %d sampled:\n",
			rep.NaturalPairs, rep.NaturalDocs, len(rep.Samples))
		for _, p := range rep.Samples {
			fmt.Fprintf(w, "- %s %.2f  %s ↔ %s\n    %s: %q\n    %s: %q\n", p.Kind, p.Jaccard, p.A, p.B, p.OutletA, p.StartA, p.OutletB, p.StartB)
		}
	}
}
