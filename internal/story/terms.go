package story

import (
	"cmp"
	"math"
	"slices"
	"unicode"
	"unicode/utf8"
)

// titleBoost is how many times a title word counts: headlines name the
// event in the fewest words, so their terms say more about the story than
// a body term does.
const titleBoost = 2

// stopWords are function words and the verbs of reporting ("said",
// "told"), which every story shares. Terms are matched after stemming.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{
		"a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are",
		"as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by",
		"can", "could", "did", "do", "doe", "doing", "down", "during", "each", "few", "for", "from",
		"further", "had", "ha", "has", "have", "having", "he", "her", "here", "hers", "herself", "him",
		"himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more",
		"most", "my", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our",
		"ours", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the",
		"their", "theirs", "them", "then", "there", "these", "they", "this", "those", "through", "to",
		"too", "under", "until", "up", "very", "wa", "was", "we", "were", "what", "when", "where", "which",
		"while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "said", "say",
		"says", "told", "tell", "according", "new", "one", "two", "three", "year", "years", "last",
		"first", "like", "get", "got", "make", "made", "may", "might", "must", "many", "much", "s", "t",
		"don", "didn", "doesn", "isn", "wasn", "won", "re", "ve", "ll", "mr", "mrs", "ms", "per", "via",
		"yet", "still", "even", "well", "back", "since", "however", "around", "week", "day", "time",
		"people", "news", "report", "reported", "monday", "tuesday", "wednesday", "thursday", "friday",
		"saturday", "sunday", "today", "yesterday", "going", "take", "come", "see", "way", "us",
		"don't", "it's", "advertisement", "share", "click", "read", "story", "image", "photo", "caption",
	} {
		m[w] = true
	}
	return m
}()

// termHash is FNV-1a over the term's bytes. 32 bits keep a vector entry
// at eight bytes; a collision merges two rare words, which costs a story
// far less than the memory of a vocabulary would.
func termHash(b []byte) uint32 {
	h := uint32(2166136261)
	for _, c := range b {
		h ^= uint32(c)
		h *= 16777619
	}
	return h
}

// stem folds the most common English inflections so that "talks" meets
// "talk" and "inquiries" meets "inquiry"; anything cleverer confuses
// names more than it helps.
func stem(b []byte) []byte {
	n := len(b)
	switch {
	case n > 4 && string(b[n-3:]) == "ies":
		b = append(b[:n-3], 'y')
	case n > 3 && b[n-1] == 's' && b[n-2] != 's' && b[n-2] != 'u' && b[n-2] != 'i':
		b = b[:n-1]
	}
	return b
}

// termPos remembers where a term was first written, so a decision can
// show the word without the index keeping a vocabulary.
type termPos struct {
	title bool
	s, e  int32
}

// analyser holds the scratch space of one document's analysis; the
// Clusterer reuses one, as Add is serial.
type analyser struct {
	buf    []byte
	counts map[uint32]float64
	pos    map[uint32]termPos
	terms  []weighted
}

type weighted struct {
	id uint32
	w  float64
}

// scan counts the terms of s, each weighing boost.
func (a *analyser) scan(s string, boost float64, title bool) {
	start := -1
	for i := 0; i <= len(s); {
		r, size := utf8.RuneError, 1
		if i < len(s) {
			if c := s[i]; c < utf8.RuneSelf {
				r = rune(c)
			} else {
				r, size = utf8.DecodeRuneInString(s[i:])
			}
		}
		word := i < len(s) && (unicode.IsLetter(r) || unicode.IsDigit(r))
		if word && start < 0 {
			start = i
			a.buf = a.buf[:0]
		}
		if word {
			if r < utf8.RuneSelf {
				if 'A' <= r && r <= 'Z' {
					r += 'a' - 'A'
				}
				a.buf = append(a.buf, byte(r))
			} else {
				a.buf = utf8.AppendRune(a.buf, unicode.ToLower(r))
			}
		} else if start >= 0 {
			a.add(boost, title, start, i)
			start = -1
		}
		i += size
	}
}

// add counts the word in a.buf, written at s[start:end].
func (a *analyser) add(boost float64, title bool, start, end int) {
	b := a.buf
	if len(b) < 2 || len(b) > 40 {
		return
	}
	letters := false
	for _, c := range b {
		if c > '9' {
			letters = true
			break
		}
	}
	if !letters { // numbers and years match across unrelated stories
		return
	}
	if stopWords[string(b)] {
		return
	}
	b = stem(b)
	if stopWords[string(b)] {
		return
	}
	h := termHash(b)
	if _, ok := a.counts[h]; !ok {
		a.pos[h] = termPos{title: title, s: int32(start), e: int32(end)}
	}
	a.counts[h] += boost
}

// vector is a sparse, L2-normalised term vector sorted by term id.
type vector struct {
	ids []uint32
	ws  []float32
}

// dot is the inner product of two sorted vectors.
func (v vector) dot(u vector) float64 {
	s, _ := v.dotShared(u)
	return s
}

// dotShared is dot with the number of terms the two vectors share.
func (v vector) dotShared(u vector) (float64, int) {
	var s float64
	n := 0
	for i, j := 0, 0; i < len(v.ids) && j < len(u.ids); {
		switch {
		case v.ids[i] < u.ids[j]:
			i++
		case v.ids[i] > u.ids[j]:
			j++
		default:
			s += float64(v.ws[i]) * float64(u.ws[j])
			n++
			i++
			j++
		}
	}
	return s, n
}

// topVector keeps the k heaviest entries of ws (ties broken by id, so the
// result never depends on map order) and normalises them.
func topVector(ws []weighted, k int) vector {
	slices.SortFunc(ws, func(x, y weighted) int {
		if c := cmp.Compare(y.w, x.w); c != 0 {
			return c
		}
		return cmp.Compare(x.id, y.id)
	})
	if len(ws) > k {
		ws = ws[:k]
	}
	var n float64
	for _, t := range ws {
		n += t.w * t.w
	}
	if n == 0 {
		return vector{}
	}
	n = math.Sqrt(n)
	slices.SortFunc(ws, func(x, y weighted) int { return cmp.Compare(x.id, y.id) })
	v := vector{ids: make([]uint32, len(ws)), ws: make([]float32, len(ws))}
	for i, t := range ws {
		v.ids[i], v.ws[i] = t.id, float32(t.w/n)
	}
	return v
}

// idf is the smoothed inverse document frequency of a term seen in df of
// n documents.
func idf(df, n int32) float64 {
	return math.Log(float64(n+1)/float64(df+1)) + 1
}
