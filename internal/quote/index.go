package quote

import (
	"hash/fnv"
	"strings"
	"unicode"
)

// Index recognises one statement carried by several articles. Syndicated
// copies repeat a quote word for word, but other outlets trim it, split it
// in two, or bracket an editor's insertion differently ("[on Assad]" in one,
// "(on Assad)" in the other), so identity is decided on overlapping word
// trigrams rather than on the exact text.
type Index struct {
	postings map[uint64][]int32 // trigram hash → quote numbers
	ids      []string
	sizes    []int // distinct trigrams per quote
}

const (
	// minShingles keeps short contents ("the plan", "it") from matching:
	// they are too common to identify a statement.
	minShingles = 4
	// minContainment is the share of the shorter content's trigrams the
	// two must have in common.
	minContainment = 0.6
	// maxPostings bounds the work a very common trigram can cause; past it
	// the trigram stops recording new quotes.
	maxPostings = 256
)

// NewIndex returns an empty index.
func NewIndex() *Index { return &Index{postings: map[uint64][]int32{}} }

// Len is the number of quotes indexed.
func (ix *Index) Len() int { return len(ix.ids) }

// Match returns the id of the indexed quote that content repeats (in whole
// or in part), the one sharing the most trigrams; false when there is
// none.
func (ix *Index) Match(content string) (string, bool) {
	sh := shingles(content)
	if len(sh) < minShingles {
		return "", false
	}
	counts := map[int32]int{}
	for _, h := range sh {
		for _, q := range ix.postings[h] {
			counts[q]++
		}
	}
	best, bestN := int32(-1), 0
	for q, n := range counts {
		if float64(n) < minContainment*float64(min(len(sh), ix.sizes[q])) {
			continue
		}
		if n > bestN || (n == bestN && q < best) {
			best, bestN = q, n
		}
	}
	if best < 0 {
		return "", false
	}
	return ix.ids[best], true
}

// Add records a quote's content under id; contents too short to match
// are not recorded.
func (ix *Index) Add(id, content string) {
	sh := shingles(content)
	if len(sh) < minShingles {
		return
	}
	q := int32(len(ix.ids))
	ix.ids = append(ix.ids, id)
	ix.sizes = append(ix.sizes, len(sh))
	for _, h := range sh {
		if p := ix.postings[h]; len(p) < maxPostings {
			ix.postings[h] = append(p, q)
		}
	}
}

// shingles returns the distinct hashed word trigrams of content, folded
// to lower case, without punctuation and without bracketed insertions.
func shingles(content string) []uint64 {
	words := contentWords(content)
	if len(words) < 3 {
		return nil
	}
	seen := make(map[uint64]bool, len(words))
	out := make([]uint64, 0, len(words)-2)
	for i := 0; i+3 <= len(words); i++ {
		h := fnv.New64a()
		h.Write([]byte(words[i]))
		h.Write([]byte{0})
		h.Write([]byte(words[i+1]))
		h.Write([]byte{0})
		h.Write([]byte(words[i+2]))
		v := h.Sum64()
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

// contentWords splits content into lower-case words, skipping text in
// square or round brackets (editors' insertions differ between outlets)
// and treating apostrophes inside words as part of them.
func contentWords(content string) []string {
	var words []string
	var b strings.Builder
	depth := 0
	flush := func() {
		if b.Len() > 0 {
			words = append(words, b.String())
			b.Reset()
		}
	}
	for _, r := range content {
		switch {
		case r == '[' || r == '(':
			flush()
			depth++
		case r == ']' || r == ')':
			flush()
			if depth > 0 {
				depth--
			}
		case depth > 0:
		case unicode.IsLetter(r) || unicode.IsNumber(r):
			b.WriteRune(unicode.ToLower(r))
		case (r == '\'' || r == '’') && b.Len() > 0:
			// "don't" and "don’t" are one word either way
		default:
			flush()
		}
	}
	flush()
	return words
}
