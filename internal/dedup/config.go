package dedup

import (
	"fmt"
	"math"

	"github.com/dossier-news/dossier/internal/news"
)

// Config holds the parameters of every detector. The zero value is not
// usable; start from DefaultConfig and change what you need.
//
// Parameters marked "scheme" decide what a stored Signature means; an index
// restored from Fingerprints made under another scheme re-signs them (see
// Fingerprints.Scheme).
type Config struct {
	// NumHashes is the document MinHash length (scheme). 128 gives a
	// Jaccard estimate with a standard error of about 0.04 at J=0.5.
	NumHashes int
	// Signing is how the NumHashes values are computed (scheme).
	Signing Signing
	// Bands splits the signature into Bands bands of NumHashes/Bands rows
	// for LSH. A pair with Jaccard J becomes a candidate with probability
	// 1-(1-J^r)^b; 32 bands of 4 rows put the threshold near 0.42.
	Bands int
	// ShingleSize is the number of words per shingle (scheme). Shingles
	// never cross a sentence boundary, so reordering sentences does not
	// change a document's shingle set.
	ShingleSize int
	// Seed derives the hash permutations (scheme). It is fixed so that
	// signatures mean the same in every process.
	Seed uint64

	// NearJaccard is the shingle-set Jaccard at or above which two
	// documents are near-duplicates.
	NearJaccard float64
	// Containment is the share of the smaller document's shingles that
	// must occur in the other for it to count as contained (a trimmed or
	// excerpted copy).
	Containment float64

	// MinParagraphWords and MinSentenceWords keep short passages (datelines,
	// "Share this article", bylines) out of the passage indexes: they
	// recur everywhere and say nothing about reuse.
	MinParagraphWords int
	MinSentenceWords  int
	// ParagraphOverlap is the overlap coefficient |P∩Q|/min(|P|,|Q|) of
	// two paragraphs' shingle sets at which they count as shared; below
	// one it tolerates the light edits outlets make to wire copy.
	ParagraphOverlap float64

	// SentenceHashes and SentenceBands configure the sentence-level MinHash
	// over a sentence's content words (stop words removed), which brings in
	// documents that share a sentence with swapped synonyms or reordered
	// clauses. SentenceBands 0 turns that lookup off and saves the largest
	// part of the index's memory; exact sentences still match, and
	// documents found otherwise are still aligned sentence by sentence.
	SentenceHashes int
	SentenceBands  int
	// SentenceJaccard is the Jaccard of two sentences' word sets (all
	// words) at which they are near-identical; their content words must
	// also reach half of it.
	SentenceJaccard float64

	// RewordCoverage is the share of one document's eligible sentences
	// that must reappear (exactly or near-identically) in the other for
	// the pair to count as a rewrite of one another.
	RewordCoverage float64
	// AssembledCoverage is the share of a document's eligible sentences
	// that must come from at least two other documents for it to count as
	// assembled from them (a mash-up).
	AssembledCoverage float64

	// MaxFingerprintDocs bounds how many passages may carry one sentence
	// or paragraph key before it is treated as boilerplate and ignored.
	// Keys are skeletons (see skeletonHash), so templated lines that only
	// differ in dates and numbers count together.
	MaxFingerprintDocs int
	// MaxBucket bounds how many documents one LSH or passage bucket yields
	// per lookup, so that a hot bucket cannot make a query slow.
	MaxBucket int
	// MaxSentenceBucket is MaxBucket for the near-sentence buckets. It is
	// smaller because two content words in common put many sentences of
	// one running story in a bucket, and each hit costs a comparison; the
	// newest ones are the likeliest sources anyway.
	MaxSentenceBucket int
	// CacheDocs is how many of the latest documents keep their derived
	// comparison data (sorted shingle and word sets, about 16 bytes a word)
	// in memory. Candidates are mostly recent in a news stream, so a few
	// thousand spare most recomputation; 0 disables the cache.
	CacheDocs int
}

// Signing names a way of computing a MinHash signature. Both give
// positions that agree with probability equal to the Jaccard of the two
// shingle sets, with the same accuracy (see TestSignatureAccuracy); they
// differ in cost.
type Signing int

const (
	// OnePermutation hashes each shingle once into one of NumHashes bins
	// and densifies empty bins: O(shingles + NumHashes), about 20 times
	// cheaper than KPermutations in the hashing itself at 128 values,
	// which is what brings signing above 20,000 articles a second per
	// core.
	OnePermutation Signing = iota
	// KPermutations applies NumHashes multiply-shift permutations
	// ((a·x+b) mod 2⁶⁴, top 32 bits) to every shingle: the textbook
	// MinHash, O(shingles × NumHashes).
	KPermutations
)

// DefaultConfig returns the parameters tuned on the seed articles and the
// synthetic tests; see the package documentation for the reasoning.
func DefaultConfig() Config {
	return Config{
		NumHashes:          128,
		Bands:              32,
		ShingleSize:        3,
		Seed:               0x6e657773646f7373, // "newsdoss"
		NearJaccard:        0.5,
		Containment:        0.8,
		MinParagraphWords:  8,
		MinSentenceWords:   8,
		ParagraphOverlap:   0.5,
		SentenceHashes:     32,
		SentenceBands:      8,
		SentenceJaccard:    0.5,
		RewordCoverage:     0.8,
		AssembledCoverage:  0.5,
		MaxFingerprintDocs: 100,
		MaxBucket:          256,
		MaxSentenceBucket:  32,
		CacheDocs:          4096,
	}
}

// Rows is the number of signature values per LSH band.
func (c Config) Rows() int { return c.NumHashes / c.Bands }

// Threshold is the Jaccard at which the LSH S-curve 1-(1-J^r)^b is
// steepest, approximately (1/b)^(1/r): pairs well above it are almost
// always candidates, pairs well below almost never.
func (c Config) Threshold() float64 {
	return math.Pow(1/float64(c.Bands), 1/float64(c.Rows()))
}

// CandidateProbability is the chance that two documents with shingle
// Jaccard j share at least one LSH band.
func (c Config) CandidateProbability(j float64) float64 {
	return 1 - math.Pow(1-math.Pow(j, float64(c.Rows())), float64(c.Bands))
}

// Validate reports parameters that cannot work.
func (c Config) Validate() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("dedup: "+format+": %w", append(args, news.ErrInvalid)...)
	}
	switch {
	case c.NumHashes < 1 || c.NumHashes > 1024:
		return bad("NumHashes %d out of range 1..1024", c.NumHashes)
	case c.Bands < 1 || c.NumHashes%c.Bands != 0:
		return bad("Bands %d must divide NumHashes %d", c.Bands, c.NumHashes)
	case c.Signing != OnePermutation && c.Signing != KPermutations:
		return bad("unknown Signing %d", c.Signing)
	case c.ShingleSize < 1 || c.ShingleSize > 16:
		return bad("ShingleSize %d out of range 1..16", c.ShingleSize)
	case c.SentenceHashes < 0 || c.SentenceBands < 0 ||
		(c.SentenceBands > 0 && (c.SentenceHashes < c.SentenceBands || c.SentenceHashes%c.SentenceBands != 0)):
		return bad("SentenceBands %d must divide SentenceHashes %d", c.SentenceBands, c.SentenceHashes)
	case c.MinParagraphWords < 1 || c.MinSentenceWords < 1:
		return bad("MinParagraphWords and MinSentenceWords must be positive")
	case c.CacheDocs < 0 || c.CacheDocs > 1<<24:
		return bad("CacheDocs %d out of range 0..%d", c.CacheDocs, 1<<24)
	case c.MaxFingerprintDocs < 1 || c.MaxBucket < 1 || c.MaxSentenceBucket < 1:
		return bad("MaxFingerprintDocs, MaxBucket and MaxSentenceBucket must be positive")
	}
	for _, f := range []struct {
		name string
		v    float64
	}{
		{"NearJaccard", c.NearJaccard}, {"Containment", c.Containment},
		{"ParagraphOverlap", c.ParagraphOverlap}, {"SentenceJaccard", c.SentenceJaccard},
		{"RewordCoverage", c.RewordCoverage}, {"AssembledCoverage", c.AssembledCoverage},
	} {
		if !(f.v > 0 && f.v <= 1) {
			return bad("%s %v out of range (0,1]", f.name, f.v)
		}
	}
	return nil
}

// scheme identifies the parameters a Signature depends on, so that a
// stored signature made under other parameters is recognised and redone.
func (c Config) scheme() uint64 {
	h := mix64(tokenizerVersion)
	for _, v := range []uint64{uint64(c.NumHashes), uint64(c.ShingleSize), c.Seed, uint64(c.Signing)} {
		h = mix64(h ^ v)
	}
	return h
}
