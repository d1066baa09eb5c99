package eval

import (
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/dedup"
)

// What counts, per pair (source, edited document):
//
//   - A copy edit (wire, trimmed, inserts, spin, shuffle) is found when the
//     index links the pair with a syndicated kind (exact, near, contained,
//     reworded): the pair must end up in one group. A wrong link is a
//     syndicated link from the edited document to a document derived from
//     another real article, unless the index also calls those two real
//     articles copies of one another (then it is listed in SourceCopies
//     for a reader, not counted).
//   - Partial reuse is found when the pair is linked with at least one
//     shared paragraph or sentence, whatever the kind. A wrong link is any
//     syndicated link from the partial document: it reuses a minority of
//     the source inside another article and is nobody's copy.
//   - A hard-negative pair (two real articles of one story and day) called
//     a copy is a false positive of the overall score; a reuse link between
//     them is not, since such articles do share wire paragraphs and quotes.

// score streams docs through a fresh index and fills rep.
func score(rep *DupReport, docs []genDoc, hard [][2]string) error {
	ix, err := dedup.NewIndex(dedup.DefaultConfig())
	if err != nil {
		return err
	}
	links := map[[2]string]dedup.Link{}
	byID := map[string]genDoc{}
	linked := map[string][]string{} // every document's syndicated neighbours
	for _, g := range docs {
		byID[g.doc.ID] = g
		rp, err := ix.Add(g.doc)
		if err != nil {
			return err
		}
		for _, l := range rp.Links {
			links[pairKey(g.doc.ID, l.Other)] = l
			if l.Kind.Syndicated() {
				linked[g.doc.ID] = append(linked[g.doc.ID], l.Other)
				linked[l.Other] = append(linked[l.Other], g.doc.ID)
			}
		}
	}
	runs := map[string]map[uint64]bool{}
	copies := func(a, b sourceDoc) float64 {
		for _, d := range []sourceDoc{a, b} {
			if runs[d.ID] == nil {
				runs[d.ID] = wordRuns(d.Paras)
			}
		}
		return runContainment(runs[a.ID], runs[b.ID])
	}
	note := func(a, b string, l dedup.Link) PairNote {
		da, db := byID[a], byID[b]
		return PairNote{A: a, B: b, OutletA: da.src.Outlet, OutletB: db.src.Outlet, Kind: string(l.Kind),
			Jaccard: l.Jaccard, Runs: copies(da.src, db.src), StartA: lead(da.doc.Text, 16), StartB: lead(db.doc.Text, 16)}
	}
	isHard := map[[2]string]bool{}
	for _, h := range hard {
		isHard[pairKey(h[0], h[1])] = true
	}
	// Copies among the real articles themselves (an outlet's updated
	// story, one wire report crawled twice), listed for a reader.
	for k, l := range links {
		a, b := byID[k[0]], byID[k[1]]
		if l.Kind.Syndicated() && a.edit == "" && b.edit == "" {
			if isHard[k] {
				rep.HardCopies = append(rep.HardCopies, note(k[0], k[1], l))
			} else {
				rep.SourceCopies = append(rep.SourceCopies, note(k[0], k[1], l))
			}
		}
	}
	byA := func(a, b PairNote) int { return strings.Compare(a.A+a.B, b.A+b.B) }
	slices.SortFunc(rep.HardCopies, byA)
	slices.SortFunc(rep.SourceCopies, byA)

	rep.PerEdit, rep.Missed, rep.Wrong, rep.Excused = map[Edit]PRF{}, map[Edit][]string{}, map[Edit][]string{}, map[Edit]int{}
	for _, g := range docs {
		if g.edit == "" {
			continue
		}
		s := rep.PerEdit[g.edit]
		l, ok := links[pairKey(g.src.ID, g.doc.ID)]
		found := ok && l.Kind.Syndicated()
		if !g.edit.Copy() {
			found = ok && (len(l.SharedParagraphs) > 0 || l.SharedSentences > 0)
		}
		if found {
			s.TP++
		} else {
			s.FN++
			kind := "no link"
			if ok {
				kind = string(l.Kind)
			}
			rep.Missed[g.edit] = append(rep.Missed[g.edit], g.doc.ID+" ("+kind+")")
		}
		// What the document is a copy of: its source, or for partial
		// reuse its host; another real article that is a copy of that
		// (most 8-word runs shared) is rightly linked too.
		carried := g.src
		if !g.edit.Copy() {
			carried = g.foreign
		}
		for _, other := range linked[g.doc.ID] {
			o := byID[other]
			switch {
			case g.edit.Copy() && o.src.ID == g.src.ID:
				continue
			case o.src.ID != g.src.ID && copies(carried, o.src) >= 0.5:
				rep.Excused[g.edit]++
				continue
			}
			s.FP++
			rep.Wrong[g.edit] = append(rep.Wrong[g.edit], g.doc.ID+" ↔ "+other+" ("+string(links[pairKey(g.doc.ID, other)].Kind)+")")
		}
		rep.PerEdit[g.edit] = s
	}
	for _, e := range Edits {
		rep.Overall.add(rep.PerEdit[e])
	}
	rep.HardPairs = len(hard)
	for _, h := range hard {
		if l, ok := links[pairKey(h[0], h[1])]; ok && !l.Kind.Syndicated() {
			rep.HardReuse++
		}
	}
	rep.Overall.FP += len(rep.HardCopies)
	rep.BCubedP, rep.BCubedR = bcubed(ix, docs)
	for _, g := range docs {
		if g.edit == "" && g.group != "" {
			rep.Groups++
			if grp, ok := ix.Group(g.doc.ID); ok && grp.Origin == g.doc.ID {
				rep.OriginOK++
			}
		}
	}
	return nil
}

// bcubed scores the index's groups against the true ones over every
// document, singletons included: for each document, the share of its
// predicted group that truly belongs with it (precision) and the share of
// its true group the index put with it (recall), averaged.
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

// natural indexes every T17 article in date order and counts the copies
// the index finds between different articles; "cross-folder" means
// between different T17 folders (the outlets of a topic's timelines; the
// articles in a folder come from many sites). It samples 20 pairs for a
// reader, cross-folder ones first, each article at most once, and sizes
// the groups the copies form.
func natural(rep *DupReport, t17 []sourceDoc, r *rand.Rand) error {
	ix, err := dedup.NewIndex(dedup.DefaultConfig())
	if err != nil {
		return err
	}
	docs := slices.Clone(t17)
	slices.SortStableFunc(docs, func(a, b sourceDoc) int { return a.Date.Compare(b.Date) })
	folder := func(id string) string { return strings.Split(id, "/")[1] }
	byID := map[string]sourceDoc{}
	var cross, same []PairNote
	rep.NaturalKinds = map[string]int{}
	for _, d := range docs {
		byID[d.ID] = d
		// End of the day: T17 dates have no time (see dedup.DocFromArticle).
		rp, err := ix.Add(dedup.Doc{ID: d.ID, Text: strings.Join(d.Paras, "\n\n"), Published: d.Date.Add(24*time.Hour - time.Second)})
		if err != nil {
			return err
		}
		for _, l := range rp.Links {
			if !l.Kind.Syndicated() {
				continue
			}
			o := byID[l.Other]
			p := PairNote{A: l.Other, B: d.ID, OutletA: o.Outlet, OutletB: d.Outlet, Kind: string(l.Kind), Jaccard: l.Jaccard,
				Runs:   runContainment(wordRuns(o.Paras), wordRuns(d.Paras)),
				StartA: lead(strings.Join(o.Paras, " "), 16), StartB: lead(strings.Join(d.Paras, " "), 16)}
			rep.NaturalKinds[p.Kind]++
			if folder(p.A) != folder(p.B) {
				cross = append(cross, p)
			} else {
				same = append(same, p)
			}
		}
	}
	rep.NaturalDocs, rep.NaturalLinks, rep.NaturalCross = len(docs), len(cross)+len(same), len(cross)
	for _, g := range ix.Groups() {
		rep.NaturalGroups++
		rep.NaturalGrouped += len(g.Members)
		rep.NaturalLargest = max(rep.NaturalLargest, len(g.Members))
	}
	seen := map[string]bool{}
	for _, ps := range [][]PairNote{cross, same} {
		r.Shuffle(len(ps), func(i, j int) { ps[i], ps[j] = ps[j], ps[i] })
		for _, p := range ps {
			if len(rep.Samples) < 20 && !seen[p.A] && !seen[p.B] {
				seen[p.A], seen[p.B] = true, true
				rep.Samples = append(rep.Samples, p)
			}
		}
	}
	storyRuns(rep.Samples, docs, byID)
	return nil
}

// storyMaxDocs is how many T17 articles an 8-word run may appear in and
// still count as a story's own text. The T17 texts keep their pages'
// furniture (site menus, "You've selected the U.S. Edition", trading
// platform adverts), which recurs in hundreds of articles; a story crawled
// a few times over recurs in a handful.
const storyMaxDocs = 25

// storyRuns sets each sampled pair's StoryRuns: Runs counted only over
// the runs found in at most storyMaxDocs articles.
func storyRuns(samples []PairNote, docs []sourceDoc, byID map[string]sourceDoc) {
	df := map[uint64]int{}
	for _, p := range samples {
		for _, id := range []string{p.A, p.B} {
			for h := range wordRuns(byID[id].Paras) {
				df[h] = 0
			}
		}
	}
	for _, d := range docs {
		for h := range wordRuns(d.Paras) {
			if _, ok := df[h]; ok {
				df[h]++
			}
		}
	}
	story := func(id string) map[uint64]bool {
		out := map[uint64]bool{}
		for h := range wordRuns(byID[id].Paras) {
			if df[h] <= storyMaxDocs {
				out[h] = true
			}
		}
		return out
	}
	for i, p := range samples {
		samples[i].StoryRuns = runContainment(story(p.A), story(p.B))
	}
}
