package dedup

import (
	"math"
	"math/bits"
	"sync"
)

// Signature is a document's MinHash: NumHashes values, each equal between
// two documents with probability the Jaccard of their shingle sets. It is
// plain data so that a store can keep it in a table and
// hand it back in Fingerprints.
type Signature []uint32

// Hashing is written out here rather than taken from hash/maphash because
// every value must be identical across processes and releases: signatures
// and fingerprints are persisted.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
	golden    = 0x9e3779b97f4a7c15
)

// mix64 is the splitmix64 finaliser: a cheap bijection with full avalanche,
// used wherever a weak combination needs to look random.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// foldWord turns a word's 64-bit FNV-1a state into the 32-bit word hash
// that Fingerprints store. 32 bits keep the stored form small; a collision
// between two words merely makes them count as the same word. The lowest
// bit records whether the word has a digit, so that templates can be
// recognised from stored hashes alone (see skeletonHash).
func foldWord(h uint64, digit bool) uint32 {
	h = mix64(h)
	w := uint32(h^h>>32) &^ 1
	if digit {
		w |= 1
	}
	return w
}

// shingleHash combines the hashes of k consecutive words into one 64-bit
// value; the order of the words matters.
func shingleHash(ws []uint32) uint64 {
	h := uint64(len(ws)) * golden
	for _, w := range ws {
		h = (h ^ uint64(w)) * fnvPrime
		h ^= h >> 32
	}
	return mix64(h)
}

// seqHash is the 64-bit fingerprint of a whole word sequence.
func seqHash(ws []uint32) uint64 {
	h := uint64(fnvOffset) ^ uint64(len(ws))
	for _, w := range ws {
		h = (h ^ uint64(w)) * fnvPrime
		h ^= h >> 29
	}
	return mix64(h)
}

// Placeholders that skeleton puts for numbers and calendar words.
const (
	numberWord   = 0x2
	calendarWord = 0x4
)

// skeletonHash fingerprints a sentence or paragraph with its numbers and
// calendar words (days, months) blanked out. The passage indexes key on
// it, so that templated lines — "A version appeared on p12 ... on
// Tuesday 4 May", "This article was amended on 3 June" — pile up under
// one key and are retired as boilerplate like verbatim repeats are. Two
// passages differing only in a figure are still found as candidates;
// whether they are identical is decided on the words themselves.
func skeletonHash(ws []uint32) uint64 {
	h := uint64(fnvOffset) ^ uint64(len(ws))
	for _, w := range ws {
		switch {
		case w&1 == 1:
			w = numberWord
		case calendarWords.has(w):
			w = calendarWord
		}
		h = (h ^ uint64(w)) * fnvPrime
		h ^= h >> 29
	}
	return mix64(h) | 1 // never 0, which means "none"
}

// perms holds the multiply-shift hash family x -> (a*x+b)>>32 with a odd.
// For inputs that are already well mixed 64-bit values this behaves as a
// random permutation for MinHash purposes, and costs one multiply and add
// per value. It drives KPermutations signatures and the small
// sentence-level MinHash, where sets are too small for one permutation
// hashing.
type perms struct {
	a, b []uint64
}

var permCache sync.Map // key permKey -> *perms

type permKey struct {
	n    int
	seed uint64
}

func getPerms(n int, seed uint64) *perms {
	k := permKey{n, seed}
	if p, ok := permCache.Load(k); ok {
		return p.(*perms)
	}
	p := &perms{a: make([]uint64, n), b: make([]uint64, n)}
	s := seed
	next := func() uint64 { s += golden; return mix64(s) }
	for i := range n {
		p.a[i] = next() | 1
		p.b[i] = next()
	}
	v, _ := permCache.LoadOrStore(k, p)
	return v.(*perms)
}

// minhash signs a set given as hashed elements (duplicates are harmless).
// An empty set gets an all-MaxUint32 signature, which matches only other
// empty sets.
//
// The loop runs permutation by permutation over all elements rather than
// element by element over all permutations: a and b stay in registers,
// the running minimum never touches memory, and four independent minima
// let the multiplies overlap.
func minhash(dst []uint32, p *perms, elems []uint64) {
	for i := range dst {
		dst[i] = uint32(minOver(p.a[i], p.b[i], elems) >> 32)
	}
}

// sign computes a document signature under the configured scheme.
func sign(dst []uint32, cfg *Config, elems []uint64) {
	if cfg.Signing == KPermutations {
		minhash(dst, getPerms(cfg.NumHashes, cfg.Seed), elems)
		return
	}
	onePermutation(dst, cfg.Seed, elems)
}

// minOver is min(a*x+b) over elems. It is a separate function so that its
// few variables all live in registers.
func minOver(a, b uint64, elems []uint64) uint64 {
	m0, m1, m2, m3 := uint64(math.MaxUint64), uint64(math.MaxUint64), uint64(math.MaxUint64), uint64(math.MaxUint64)
	n := len(elems) &^ 3
	for j := 0; j < n; j += 4 {
		e := elems[j : j+4 : j+4]
		m0 = min(m0, a*e[0]+b)
		m1 = min(m1, a*e[1]+b)
		m2 = min(m2, a*e[2]+b)
		m3 = min(m3, a*e[3]+b)
	}
	for _, x := range elems[n:] {
		m0 = min(m0, a*x+b)
	}
	return min(m0, m1, m2, m3)
}

// onePermutation signs a set with one hash per element (Li, Owen and
// Zhang's one permutation hashing, with Shrivastava's 2017 optimal
// densification): the element's mixed hash picks one of len(dst) bins by
// its high bits and competes for that bin's minimum with its low 32 bits.
// An empty bin borrows the value of the first non-empty bin on a probe
// sequence that depends only on the bin and the seed, so two documents
// borrow from the same place and a position still agrees with probability
// equal to the Jaccard. It costs O(n + k) instead of O(n·k).
func onePermutation(dst []uint32, seed uint64, elems []uint64) {
	k := uint64(len(dst))
	var filled [1024 / 64]uint64
	for i := range dst {
		dst[i] = math.MaxUint32
	}
	for _, x := range elems {
		h := mix64(x ^ seed)
		bin, _ := bits.Mul64(h, k)
		if v := uint32(h); v <= dst[bin] {
			dst[bin] = v
			filled[bin>>6] |= 1 << (bin & 63)
		}
	}
	if len(elems) == 0 {
		return
	}
	for i := range k {
		if filled[i>>6]&(1<<(i&63)) != 0 {
			continue
		}
		for t := uint64(1); ; t++ {
			j, _ := bits.Mul64(mix64(seed^i<<32^t), k)
			if filled[j>>6]&(1<<(j&63)) != 0 {
				dst[i] = dst[j] // filled bins are never rewritten
				break
			}
		}
	}
}

// bandKey hashes one band of a signature to a 32-bit bucket key. The band
// index is mixed in so that equal values in different bands do not share
// buckets when tables are merged by a store.
func bandKey(band int, vals []uint32) uint32 {
	h := uint64(band+1) * golden
	for _, v := range vals {
		h = (h ^ uint64(v)) * fnvPrime
	}
	h = mix64(h)
	return uint32(h ^ h>>32)
}

// EstimateJaccard is the share of equal positions in two signatures of the
// same scheme: an unbiased estimate of the Jaccard of the signed sets.
func EstimateJaccard(a, b Signature) float64 {
	if len(a) != len(b) || len(a) == 0 {
		return 0
	}
	eq := 0
	for i := range a {
		if a[i] == b[i] {
			eq++
		}
	}
	return float64(eq) / float64(len(a))
}
