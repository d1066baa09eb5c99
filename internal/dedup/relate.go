package dedup

import (
	"cmp"
	"slices"
)

// sentSets is a document's sentence matching state at query time: the
// content words of derived, minus the sentences that have since been
// retired as boilerplate.
type sentSets struct {
	flat []uint64 // (content word, sentence), sorted, unique
	// size is the number of distinct content words per sentence, 0 for a
	// sentence that takes no part (too short, boilerplate, or past
	// maxPassage).
	size []int32
	all  [][]uint32 // sorted set of all words per sentence
	n    int        // sentences long enough and not boilerplate
}

func (ix *Index) sentSets(an *analysis, dv *derived) sentSets {
	ss := sentSets{flat: dv.words, size: slices.Clone(dv.wordSize), all: dv.allWords(an)}
	for i, h := range dv.sentHash {
		switch {
		case h == 0:
		case ix.sentExact.isBoilerplate(h):
			if i < len(ss.size) {
				ss.size[i] = 0
			}
		default:
			ss.n++
		}
	}
	return ss
}

// similar is the test for near-identical sentences, given the sets of all
// their words and how many content words they share out of how many. The
// Jaccard of all words, stop words included, is what survives a synonym
// spinner best: spinners replace content words and leave the sentence's
// skeleton. Requiring half that Jaccard on content words alone stops two
// sentences from matching on shared function words.
func (ix *Index) similar(aAll, bAll []uint32, shared, aContent, bContent int) (float64, bool) {
	t := ix.cfg.SentenceJaccard
	if float64(shared) < t/2*float64(aContent+bContent-shared) {
		return 0, false
	}
	if float64(min(len(aAll), len(bAll))) < t*float64(max(len(aAll), len(bAll))) {
		return 0, false // Jaccard cannot reach t with sets this unequal
	}
	sim := wordJaccard(aAll, bAll)
	return sim, sim >= t
}

// relate gathers candidates for rec from every index, among documents
// numbered below limit other than self (rec's own number, or noDoc when
// it is not indexed), and verifies each one exactly. Callers hold the
// read lock.
//
// Candidates come from the content hash, the LSH bands, the exact
// paragraph fingerprints and the sentence fingerprints (exact, and near
// through the content-word MinHash). The passage indexes are what find a
// trimmed copy or two stories sharing wire paragraphs, whose Jaccard is
// far below the LSH threshold.
func (ix *Index) relate(rec *docRec, self uint32, dv *derived, k *keys, limit uint32) Report {
	cfg := &ix.cfg
	an := &rec.an
	// hits counts the evidence for each candidate: one per band, passage
	// or sentence that points at it.
	hits := make(map[uint32]int)
	collect := func(d uint32) bool {
		if d != self && d < limit {
			hits[d]++
		}
		return true
	}
	if len(an.words) > 0 {
		ix.exact.each(rec.content, cfg.MaxBucket, collect)
		for b, key := range k.bands {
			ix.bands[b].each(key, cfg.MaxBucket, collect)
		}
	}
	for _, h := range k.paraExact {
		if h != 0 {
			ix.paraExact.each(h, cfg.MaxBucket, func(g uint32) bool { return collect(ix.paraDoc(g)) })
		}
	}
	ss := ix.sentSets(an, dv)
	gt := gate{ix: ix, an: an, dv: dv}
	for i, s := range an.sents {
		h := dv.sentHash[i]
		if h == 0 || ix.sentExact.isBoilerplate(h) {
			continue
		}
		ix.sentExact.each(h, cfg.MaxBucket, func(g uint32) bool { return collect(ix.sentDoc(g)) })
		if k.sentBands == nil || k.sentBands[i] == nil {
			continue
		}
		gt.sentence(i, s)
		for b, key := range k.sentBands[i] {
			ix.sentBands[b].each(key, cfg.MaxSentenceBucket, func(s uint32) bool {
				if d := ix.sentDoc(s); hits[d] == 0 && d != self && d < limit && gt.passes(s, d) {
					hits[d]++
				}
				return true
			})
		}
	}
	r := Report{ID: rec.id, EligibleSentences: ss.n}
	ix.verify(&r, rec, dv, k, &ss, strongest(hits, maxVerified))
	return r
}

// maxVerified bounds how many candidates one document is verified
// against. A story carried by hundreds of outlets, or a templated notice
// issued thousands of times, would otherwise make every new copy cost
// hundreds of verifications; the strongest few already tie it into its
// syndication group, which holds the rest.
const maxVerified = 48

// strongest keeps the n candidates with the most hits, newest first among
// equals, since in a news stream the likeliest source is recent.
func strongest(hits map[uint32]int, n int) map[uint32]bool {
	out := make(map[uint32]bool, min(len(hits), n))
	if len(hits) <= n {
		for d := range hits {
			out[d] = true
		}
		return out
	}
	ds := make([]uint32, 0, len(hits))
	for d := range hits {
		ds = append(ds, d)
	}
	slices.SortFunc(ds, func(a, b uint32) int { return cmp.Or(cmp.Compare(hits[b], hits[a]), cmp.Compare(b, a)) })
	for _, d := range ds[:n] {
		out[d] = true
	}
	return out
}

// gate screens near-sentence band hits. A band hit is weak evidence: most
// share a couple of topical words and nothing else. Only a hit that is a
// near-identical sentence by the same test alignment uses makes its
// document a candidate, so that finding a pair stays symmetric.
type gate struct {
	ix        *Index
	an        *analysis
	dv        *derived
	i         int
	cw        []uint32 // content words of sentence i, sorted
	ocw, oall []uint32
}

func (g *gate) sentence(i int, s sent) {
	g.i, g.cw = i, contentWords(g.cw, g.an.words[s.w0:s.w1])
}

// passes reports whether sentence number s of document d is near-identical
// to the current sentence.
func (g *gate) passes(s, d uint32) bool {
	o := g.ix.docs[d]
	os := o.an.sents[s-o.sent0]
	ows := o.an.words[os.w0:os.w1]
	g.ocw = contentWords(g.ocw, ows)
	shared := common(g.cw, g.ocw)
	if float64(shared) < g.ix.cfg.SentenceJaccard/2*float64(len(g.cw)+len(g.ocw)-shared) {
		return false // the usual case, decided before sorting all the words
	}
	g.oall = append(g.oall[:0], ows...)
	slices.Sort(g.oall)
	_, ok := g.ix.similar(g.dv.allWords(g.an)[g.i], slices.Compact(g.oall), shared, len(g.cw), len(g.ocw))
	return ok
}
