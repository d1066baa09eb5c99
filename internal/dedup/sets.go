package dedup

import (
	"slices"
	"sync"
)

// Shingle and word sets are kept as flat sorted []uint64 in which each
// element carries its passage number in the low bits: (shingle, paragraph)
// or (word, sentence). Sorting one slice of integers is much faster than
// sorting per passage, and one merge of two documents' slices yields the
// document-level intersection and every passage pair's overlap at once,
// in linear time, instead of comparing all pairs of passages.
const (
	passageBits = 16
	passageMask = 1<<passageBits - 1
	// maxPassage is the last passage number that takes part in passage
	// matching; later passages still count in document-level sets.
	maxPassage = passageMask
)

func passageOf(x uint64) int { return int(x & passageMask) }
func keyOf(x uint64) uint64  { return x >> passageBits }

// derived is everything comparison needs that follows from a document's
// analysis alone. Computing it costs a few sorts, so the index keeps it
// for the most recent documents (Config.CacheDocs), which are the usual
// candidates in a news stream, and recomputes it for older ones.
type derived struct {
	flat     []uint64 // (shingle, paragraph), sorted, unique
	distinct int      // distinct shingles in the document
	// paraSize is the number of distinct shingles per paragraph, 0 for a
	// paragraph too short to compare.
	paraSize []int32
	// words holds (content word, sentence), sorted and unique, for the
	// sentences long enough to match; wordSize counts them per sentence.
	words    []uint64
	wordSize []int32
	// sentHash is the skeleton fingerprint of each sentence long enough
	// to match, 0 for the others.
	sentHash []uint64

	// all is the sorted set of all words of each sentence, built on first
	// use: only documents with candidates need it.
	allOnce sync.Once
	all     [][]uint32
}

func (dv *derived) allWords(an *analysis) [][]uint32 {
	dv.allOnce.Do(func() {
		dv.all = make([][]uint32, len(an.sents))
		for i, s := range an.sents {
			if dv.sentHash[i] != 0 {
				all := slices.Clone(an.words[s.w0:s.w1])
				slices.Sort(all)
				dv.all[i] = slices.Compact(all)
			}
		}
	})
	return dv.all
}

func (an *analysis) derive(cfg *Config) *derived {
	dv := &derived{
		paraSize: make([]int32, min(len(an.paras), maxPassage+1)),
		wordSize: make([]int32, min(len(an.sents), maxPassage+1)),
		sentHash: make([]uint64, len(an.sents)),
	}
	flat := make([]uint64, 0, len(an.words)+len(an.sents))
	var buf []uint64
	for p, pa := range an.paras {
		pn := uint64(min(p, maxPassage))
		for _, s := range an.sents[pa.s0:pa.s1] {
			buf = shingles(buf[:0], an.words[s.w0:s.w1], cfg.ShingleSize)
			for _, h := range buf {
				flat = append(flat, h&^passageMask|pn)
			}
		}
	}
	slices.Sort(flat)
	dv.flat = slices.Compact(flat)
	for i, x := range dv.flat {
		if i == 0 || keyOf(x) != keyOf(dv.flat[i-1]) {
			dv.distinct++
		}
		dv.paraSize[passageOf(x)]++
	}
	for p, pa := range an.paras {
		if p < len(dv.paraSize) && (p == maxPassage || int(an.sents[pa.s1-1].w1-an.sents[pa.s0].w0) < cfg.MinParagraphWords) {
			dv.paraSize[p] = 0
		}
	}

	words := make([]uint64, 0, len(an.words))
	for i, s := range an.sents {
		ws := an.words[s.w0:s.w1]
		if len(ws) < cfg.MinSentenceWords {
			continue
		}
		dv.sentHash[i] = skeletonHash(ws)
		if i >= maxPassage {
			continue
		}
		for _, w := range ws {
			if !isStopWord(w) {
				words = append(words, uint64(w)<<passageBits|uint64(i))
			}
		}
	}
	slices.Sort(words)
	dv.words = slices.Compact(words)
	for _, x := range dv.words {
		dv.wordSize[passageOf(x)]++
	}
	return dv
}

// pairCounter counts, for pairs of passages, how many keys they share.
// It is a dense matrix reused across candidates: sorting a list of pairs
// instead costs more than the rest of the comparison when a running story
// repeats the same names in every sentence. Only touched cells are visited
// and cleared, so reuse is cheap. Two documents of thousands of passages
// each would need a matrix too large to allocate, so they count in a map.
type pairCounter struct {
	counts  []int32
	touched []int32
	nb      int
	sparse  map[int64]int32
}

// maxDense bounds the dense matrix: 4M cells, 16 MB.
const maxDense = 1 << 22

func (pc *pairCounter) reset(na, nb int) {
	pc.nb, pc.sparse = nb, nil
	switch n := na * nb; {
	case n > maxDense:
		pc.sparse = make(map[int64]int32)
	case n > len(pc.counts):
		pc.counts = make([]int32, n)
	}
}

func (pc *pairCounter) add(pa, pb int) {
	if pc.sparse != nil {
		pc.sparse[int64(pa)*int64(pc.nb)+int64(pb)]++
		return
	}
	c := int32(pa*pc.nb + pb)
	if pc.counts[c] == 0 {
		pc.touched = append(pc.touched, c)
	}
	pc.counts[c]++
}

// each calls fn for every pair with a non-zero count, then clears them.
func (pc *pairCounter) each(fn func(pa, pb, n int)) {
	for c, n := range pc.sparse {
		fn(int(c/int64(pc.nb)), int(c%int64(pc.nb)), int(n))
	}
	for _, c := range pc.touched {
		fn(int(c)/pc.nb, int(c)%pc.nb, int(pc.counts[c]))
		pc.counts[c] = 0
	}
	pc.touched, pc.sparse = pc.touched[:0], nil
}

// join merges two flat sets. It returns the number of keys they share,
// and counts in pc, for every shared key, each pair of passages whose
// sizes in as and bs are non-zero.
func join(a, b []uint64, as, bs []int32, pc *pairCounter) int {
	pc.reset(len(as), len(bs))
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		ka, kb := keyOf(a[i]), keyOf(b[j])
		if ka < kb {
			i++
			continue
		}
		if ka > kb {
			j++
			continue
		}
		ie, je := i+1, j+1
		for ie < len(a) && keyOf(a[ie]) == ka {
			ie++
		}
		for je < len(b) && keyOf(b[je]) == ka {
			je++
		}
		n++
		for _, x := range a[i:ie] {
			if pa := passageOf(x); as[pa] != 0 {
				for _, y := range b[j:je] {
					if pb := passageOf(y); bs[pb] != 0 {
						pc.add(pa, pb)
					}
				}
			}
		}
		i, j = ie, je
	}
	return n
}
