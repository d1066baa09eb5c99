package summarize

import (
	"hash/fnv"
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// stopwords are English function words, which say nothing about what a
// sentence is about. The list is ours: short, and enough for weighting.
var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a about above after again against all also am an and any are as at
		be because been before being below between both but by can could did do does doing down during
		each few for from further had has have having he her here hers herself him himself his how i if
		in into is it its itself just me more most my myself no nor not now of off on once only or other
		our ours ourselves out over own same she should so some such than that the their theirs them
		themselves then there these they this those through to too under until up very was we were what
		when where which while who whom why will with would you your yours yourself yourselves said says
		say told mr mrs ms one two new last year years would could also it's that's he's she's there's
		we're they're i'm don't didn't doesn't won't can't isn't wasn't aren't weren't`) {
		m[w] = true
	}
	return m
}()

// words calls fn with each word of s, lowercased: runs of letters and
// digits, with inner apostrophes and hyphens kept ("don't", "al-Assad").
func words(s string, fn func(w string)) {
	start := -1
	for i := 0; i <= len(s); {
		r, size := rune(0), 1
		if i < len(s) {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		inner := (r == '\'' || r == '’' || r == '-') && start >= 0 && i+size < len(s) && isWordRune(s[i+size:])
		if i < len(s) && (unicode.IsLetter(r) || unicode.IsDigit(r) || inner) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			fn(strings.ToLower(strings.ReplaceAll(s[start:i], "’", "'")))
			start = -1
		}
		i += size
	}
}

func isWordRune(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// stem strips the commonest English inflections, enough to make
// "talks" and "talk", "bombed" and "bombing" one term. A full stemmer
// buys little here: terms only need to match each other.
func stem(w string) string {
	if len(w) <= 3 {
		return w
	}
	for _, suf := range []string{"ings", "ing", "edly", "ed", "ies", "es", "s"} {
		if strings.HasSuffix(w, suf) && len(w)-len(suf) >= 3 {
			base := w[:len(w)-len(suf)]
			switch suf {
			case "ies":
				return base + "y"
			case "s":
				if strings.HasSuffix(base, "s") || strings.HasSuffix(base, "u") || strings.HasSuffix(base, "i") {
					return w // "glass", "status", "Assad's"-like stems stay
				}
			}
			return base
		}
	}
	return w
}

// term is a hashed stemmed content word.
type term = uint32

func hashTerm(s string) term {
	h := fnv.New32a()
	h.Write([]byte(s))
	return h.Sum32()
}

// contentTerms returns s's stemmed content words, in order, and its
// word count.
func contentTerms(s string, out []term) ([]term, int) {
	n := 0
	words(s, func(w string) {
		n++
		if stopwords[w] || len(w) < 2 {
			return
		}
		out = append(out, hashTerm(stem(w)))
	})
	return out, n
}

// wordsKey hashes every word of s, lowercased, in order.
func wordsKey(s string) uint64 {
	h := fnv.New64a()
	words(s, func(w string) {
		h.Write([]byte(w))
		h.Write([]byte{0})
	})
	return h.Sum64()
}

// vector is a sparse, unit-length weighted term vector, sorted by term.
type vector struct {
	keys []term
	vals []float64
}

// newVector weighs counts by idf and normalises.
func newVector(counts map[term]float64, idf func(term) float64) vector {
	v := vector{keys: make([]term, 0, len(counts))}
	for k := range counts {
		v.keys = append(v.keys, k)
	}
	sort.Slice(v.keys, func(i, j int) bool { return v.keys[i] < v.keys[j] })
	v.vals = make([]float64, len(v.keys))
	var norm float64
	for i, k := range v.keys {
		w := counts[k] * idf(k)
		v.vals[i] = w
		norm += w * w
	}
	if norm > 0 {
		norm = math.Sqrt(norm)
		for i := range v.vals {
			v.vals[i] /= norm
		}
	}
	return v
}

// dot is the cosine of two unit vectors.
func (v vector) dot(u vector) float64 {
	var s float64
	i, j := 0, 0
	for i < len(v.keys) && j < len(u.keys) {
		switch {
		case v.keys[i] < u.keys[j]:
			i++
		case v.keys[i] > u.keys[j]:
			j++
		default:
			s += v.vals[i] * u.vals[j]
			i++
			j++
		}
	}
	return s
}
