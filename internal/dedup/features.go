package dedup

import (
	"slices"
)

// Everything the detectors compare is derived from an analysis (the word
// hashes and the sentence and paragraph boundaries), so the index stores
// only that and recomputes shingle sets when it verifies a candidate.
// That keeps memory at four bytes a word and lets a store persist one
// small record per document.

// shingles appends the word k-gram hashes of words[w0:w1]. A sentence
// shorter than k contributes one shingle of all its words, so that short
// sentences still count.
func shingles(dst []uint64, words []uint32, k int) []uint64 {
	if len(words) == 0 {
		return dst
	}
	if len(words) <= k {
		return append(dst, shingleHash(words))
	}
	for i := 0; i+k <= len(words); i++ {
		dst = append(dst, shingleHash(words[i:i+k]))
	}
	return dst
}

// docShingles appends every shingle of the document, sentence by sentence,
// duplicates included: MinHash does not care, and skipping the sort is
// what keeps signing fast.
func (an *analysis) docShingles(dst []uint64, k int) []uint64 {
	for _, s := range an.sents {
		dst = shingles(dst, an.words[s.w0:s.w1], k)
	}
	return dst
}

// contentWords returns the sorted set of a sentence's words without stop
// words: the bag a synonym swap or clause reordering mostly preserves.
func contentWords(dst []uint32, words []uint32) []uint32 {
	dst = dst[:0]
	for _, w := range words {
		if !isStopWord(w) {
			dst = append(dst, w)
		}
	}
	slices.Sort(dst)
	return slices.Compact(dst)
}

// minContentWords keeps sentences that are mostly stop words out of the
// near-sentence index, where they would match each other by accident.
const minContentWords = 4

// common counts the elements two sorted word sets share.
func common(a, b []uint32) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}

// wordJaccard is the Jaccard of two sorted word sets.
func wordJaccard(a, b []uint32) float64 {
	n := common(a, b)
	if u := len(a) + len(b) - n; u > 0 {
		return float64(n) / float64(u)
	}
	return 0
}

// keys are the index keys of a document, computed before taking the
// lock. The exact sentence keys are derived.sentHash.
type keys struct {
	bands     []uint32   // one per LSH band
	sentBands [][]uint32 // per sentence, nil when it takes no part
	paraExact []uint64   // per paragraph; 0 when too short
}

func (ix *Index) keys(an *analysis, sig Signature) keys {
	cfg := &ix.cfg
	k := keys{
		bands:     make([]uint32, cfg.Bands),
		paraExact: make([]uint64, len(an.paras)),
	}
	r := cfg.Rows()
	for b := range k.bands {
		k.bands[b] = bandKey(b, sig[b*r:(b+1)*r])
	}
	var cw []uint32
	var elems []uint64
	mini := make([]uint32, cfg.SentenceHashes)
	if cfg.SentenceBands > 0 {
		k.sentBands = make([][]uint32, len(an.sents))
	}
	for i, s := range an.sents {
		ws := an.words[s.w0:s.w1]
		if cfg.SentenceBands == 0 || len(ws) < cfg.MinSentenceWords {
			continue
		}
		cw = contentWords(cw, ws)
		if len(cw) < minContentWords {
			continue
		}
		elems = elems[:0]
		for _, w := range cw {
			elems = append(elems, mix64(uint64(w)))
		}
		minhash(mini, ix.sentPerm, elems)
		sr := cfg.SentenceHashes / cfg.SentenceBands
		bk := make([]uint32, cfg.SentenceBands)
		for b := range bk {
			bk[b] = bandKey(b, mini[b*sr:(b+1)*sr])
		}
		k.sentBands[i] = bk
	}
	for i, p := range an.paras {
		ws := an.words[an.sents[p.s0].w0:an.sents[p.s1-1].w1]
		if len(ws) >= cfg.MinParagraphWords {
			k.paraExact[i] = skeletonHash(ws)
		}
	}
	return k
}
