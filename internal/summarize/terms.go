package summarize

import (
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
// The slice is reused between calls.
func words(s string, fn func(w []byte)) {
	var buf [64]byte
	w := buf[:0]
	start := -1
	for i := 0; i <= len(s); {
		r, size := rune(0), 1
		if i < len(s) {
			if c := s[i]; c < utf8.RuneSelf {
				r = rune(c)
			} else {
				r, size = utf8.DecodeRuneInString(s[i:])
			}
		}
		inner := (r == '\'' || r == '’' || r == '-') && start >= 0 && i+size < len(s) && isWordRune(s[i+size:])
		switch {
		case i < len(s) && ('a' <= r && r <= 'z' || '0' <= r && r <= '9'):
			w = append(w, byte(r))
			start = i
		case i < len(s) && 'A' <= r && r <= 'Z':
			w = append(w, byte(r+'a'-'A'))
			start = i
		case i < len(s) && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			w = utf8.AppendRune(w, unicode.ToLower(r))
			start = i
		case i < len(s) && inner:
			w = append(w, '\'')
			if r == '-' {
				w[len(w)-1] = '-'
			}
		default:
			if start >= 0 {
				fn(w)
				w = w[:0]
				start = -1
			}
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
// buys little here: terms only need to match each other. It returns a
// prefix of w and a suffix to append.
func stem(w []byte) ([]byte, string) {
	if len(w) <= 3 {
		return w, ""
	}
	for _, suf := range []string{"ings", "ing", "edly", "ed", "ies", "es", "s"} {
		if len(w)-len(suf) >= 3 && string(w[len(w)-len(suf):]) == suf {
			base := w[:len(w)-len(suf)]
			switch suf {
			case "ies":
				return base, "y"
			case "s":
				if c := base[len(base)-1]; c == 's' || c == 'u' || c == 'i' {
					return w, "" // "glass", "status" stay
				}
			}
			return base, ""
		}
	}
	return w, ""
}

// term is a hashed stemmed content word.
type term = uint32

const (
	fnvOffset32 = 2166136261
	fnvPrime32  = 16777619
	fnvOffset64 = 14695981039346656037
	fnvPrime64  = 1099511628211
)

func hashTerm(b []byte, suffix string) term {
	h := uint32(fnvOffset32)
	for _, c := range b {
		h = (h ^ uint32(c)) * fnvPrime32
	}
	for i := 0; i < len(suffix); i++ {
		h = (h ^ uint32(suffix[i])) * fnvPrime32
	}
	return h
}

// analyse returns s's stemmed content words in order, its word count,
// and a key hashing all its words (numbers and function words
// included), which copies differing only in case and punctuation share.
func analyse(s string, out []term) ([]term, int, uint64) {
	n := 0
	key := uint64(fnvOffset64)
	words(s, func(w []byte) {
		n++
		for _, c := range w {
			key = (key ^ uint64(c)) * fnvPrime64
		}
		key = (key ^ 0) * fnvPrime64
		if len(w) < 2 || stopwords[string(w)] {
			return
		}
		out = append(out, hashTerm(stem(w)))
	})
	return out, n, key
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
