package dedup

import (
	"cmp"
	"slices"

	"github.com/dossier-news/dossier/internal/news"
)

// sentMatch pairs a sentence of the reported document with one of a
// candidate's.
type sentMatch struct {
	mine, theirs int
	exact        bool
	sim          float64
}

// align finds the sentence pairs of two documents that are identical or
// near-identical. The candidate is already known to be related, so every
// pair sharing content words is examined — which finds reworded sentences
// the sentence LSH missed — but only those pairs, via one join.
func (ix *Index) align(a *analysis, as *sentSets, b *analysis, bs *sentSets, pc *pairCounter) []sentMatch {
	var ms []sentMatch
	join(as.flat, bs.flat, as.size, bs.size, pc)
	pc.each(func(i, j, shared int) {
		sim, ok := ix.similar(as.all[i], bs.all[j], shared, int(as.size[i]), int(bs.size[j]))
		if !ok {
			return
		}
		si, sj := a.sents[i], b.sents[j]
		exact := slices.Equal(a.words[si.w0:si.w1], b.words[sj.w0:sj.w1])
		ms = append(ms, sentMatch{i, j, exact, sim})
	})
	slices.SortFunc(ms, func(x, y sentMatch) int { return cmp.Or(cmp.Compare(x.mine, y.mine), cmp.Compare(x.theirs, y.theirs)) })
	return ms
}

// verify computes the exact relation to every candidate, decides the link
// kinds and fills the report.
func (ix *Index) verify(r *Report, rec *docRec, sh *derived, k *keys, ss *sentSets, cands map[uint32]bool) {
	cfg := &ix.cfg
	// Paragraphs retired as boilerplate take no part in pairing.
	mySize := slices.Clone(sh.paraSize)
	for i := range mySize {
		if ix.paraExact.isBoilerplate(k.paraExact[i]) {
			mySize[i] = 0
		}
	}
	bySent := make(map[int][]SentenceRef)
	syndicated := false
	var pc pairCounter
	for d := range cands {
		o := ix.docs[d]
		osh := ix.derivedOf(d)
		oss := ix.sentSets(&o.an, osh)
		l := Link{Other: o.id, Published: o.published}
		if in := join(sh.flat, osh.flat, mySize, osh.paraSize, &pc); in > 0 {
			l.Jaccard = float64(in) / float64(sh.distinct+osh.distinct-in)
			l.Containment = float64(in) / float64(sh.distinct)
			l.OtherContainment = float64(in) / float64(osh.distinct)
		}
		pc.each(func(i, j, shared int) {
			ov := float64(shared) / float64(min(mySize[i], osh.paraSize[j]))
			if ov >= cfg.ParagraphOverlap {
				p, op := rec.an.paras[i], o.an.paras[j]
				l.SharedParagraphs = append(l.SharedParagraphs, ParagraphPair{
					Span: span(p.start, p.end), OtherSpan: span(op.start, op.end), Overlap: ov,
				})
			}
		})
		slices.SortFunc(l.SharedParagraphs, func(a, b ParagraphPair) int {
			return cmp.Or(cmp.Compare(a.Span.Start, b.Span.Start), cmp.Compare(a.OtherSpan.Start, b.OtherSpan.Start))
		})

		mine, theirs := make(map[int]bool), make(map[int]bool)
		for _, m := range ix.align(&rec.an, ss, &o.an, &oss, &pc) {
			if !mine[m.mine] {
				mine[m.mine] = true
				l.SharedSentences++
				if m.exact {
					l.ExactSentences++
				}
			}
			theirs[m.theirs] = true
			os := o.an.sents[m.theirs]
			bySent[m.mine] = append(bySent[m.mine], SentenceRef{
				ID: o.id, Span: span(os.start, os.end), Exact: m.exact, Similarity: m.sim,
			})
		}
		covers := func(m, n int) bool { return n >= 3 && float64(m) >= cfg.RewordCoverage*float64(n) }
		switch {
		case len(rec.an.words) > 0 && rec.content == o.content:
			l.Kind = KindExact
		case l.Jaccard >= cfg.NearJaccard:
			l.Kind = KindNear
		case contains(l.Containment, sh.distinct, cfg) || contains(l.OtherContainment, osh.distinct, cfg):
			l.Kind = KindContained
		case covers(len(mine), r.EligibleSentences) || covers(len(theirs), oss.n):
			l.Kind = KindReworded
		case len(l.SharedParagraphs) > 0:
			l.Kind = KindSharesParagraphs
		case l.SharedSentences > 0:
			l.Kind = KindSharesSentences
		default:
			continue
		}
		syndicated = syndicated || l.Kind.Syndicated()
		r.Links = append(r.Links, l)
	}
	ix.finish(r, rec, bySent, syndicated)
}

// minContained is the fewest shingles a document needs for being inside
// another to mean anything: a one-line item ("Share this article") is
// contained in every page that carries it.
const minContained = 20

func contains(c float64, shingles int, cfg *Config) bool {
	return c >= cfg.Containment && shingles >= minContained
}

// finish orders the report and decides whether the document is a mash-up.
func (ix *Index) finish(r *Report, rec *docRec, bySent map[int][]SentenceRef, syndicated bool) {
	for i := range rec.an.sents {
		refs := bySent[i]
		if refs == nil {
			continue
		}
		slices.SortFunc(refs, func(a, b SentenceRef) int {
			if a.Exact != b.Exact {
				if a.Exact {
					return -1
				}
				return 1
			}
			return cmp.Or(cmp.Compare(b.Similarity, a.Similarity), cmp.Compare(a.ID, b.ID), cmp.Compare(a.Span.Start, b.Span.Start))
		})
		s := rec.an.sents[i]
		r.Sentences = append(r.Sentences, SentenceSources{Span: span(s.start, s.end), Sources: refs})
	}
	r.MatchedSentences = len(r.Sentences)

	// A mash-up draws on several stories, so its sources must come from
	// at least two syndication groups: matching five copies of one wire
	// story is a rewrite of one source, not an assembly.
	groups := make(map[uint32]bool)
	for _, l := range r.Links {
		if l.SharedSentences > 0 {
			groups[ix.groups.find(ix.byID[l.Other])] = true
		}
	}
	r.Assembled = !syndicated && len(groups) >= 2 && r.EligibleSentences > 0 &&
		float64(r.MatchedSentences) >= ix.cfg.AssembledCoverage*float64(r.EligibleSentences)
	if r.Assembled {
		for i := range r.Links {
			if r.Links[i].SharedSentences > 0 {
				r.Links[i].Kind = KindAssembledFrom
			}
		}
	}
	slices.SortFunc(r.Links, func(a, b Link) int {
		return cmp.Or(
			cmp.Compare(a.Kind.rank(), b.Kind.rank()),
			cmp.Compare(b.Jaccard, a.Jaccard),
			cmp.Compare(b.SharedSentences, a.SharedSentences),
			cmp.Compare(a.Other, b.Other),
		)
	})
}

func span(s, e uint32) news.Span { return news.Span{Start: int(s), End: int(e)} }
