package rouge

import (
	"regexp"
	"strings"
	"sync"
)

// This file is the Porter stemmer as ROUGE-1.5.5.pl embeds it: Martin
// Porter's Perl "Release 1" with Chin-Yew Lin's change to step 4 (a word
// ending in -ement is tried again for -ment and then -ent). Porter's
// conditions are written there as regular expressions over c = [^aeiou]
// and v = [aeiouy], which treat y differently from the paper's definition
// (e.g. the y of "ly" counts as a vowel). The same expressions are used
// here, so every corner case stems the way ROUGE's does.

const (
	pC = `[^aeiou][^aeiouy]*` // consonant sequence
	pV = `[aeiouy][aeiou]*`   // vowel sequence
)

var (
	reMgr0 = regexp.MustCompile(`^(?:` + pC + `)?` + pV + pC)                      // m > 0
	reMeq1 = regexp.MustCompile(`^(?:` + pC + `)?` + pV + pC + `(?:` + pV + `)?$`) // m = 1
	reMgr1 = regexp.MustCompile(`^(?:` + pC + `)?` + pV + pC + pV + pC)            // m > 1
	reHasV = regexp.MustCompile(`^(?:` + pC + `)?[aeiouy]`)                        // vowel in stem
	reCVC  = regexp.MustCompile(`^` + pC + `[aeiouy][^aeiouwxy]$`)                 // *o on a short stem
)

var perlStep2 = map[string]string{
	"ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize",
	"bli": "ble", "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous",
	"ization": "ize", "ation": "ate", "ator": "ate", "alism": "al", "iveness": "ive",
	"fulness": "ful", "ousness": "ous", "aliti": "al", "iviti": "ive", "biliti": "ble",
	"logi": "log",
}

var perlStep3 = map[string]string{
	"icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": "",
}

var perlStep4 = []string{
	"al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ou",
	"ism", "ate", "iti", "ous", "ive", "ize",
}

// longestSuffix returns the longest of the candidate suffixes that w ends
// with, or "". Perl's leftmost match of an alternation anchored at $ is
// exactly that.
func longestSuffix[V any](w string, cands map[string]V) string {
	best := ""
	for s := range cands {
		if len(s) > len(best) && strings.HasSuffix(w, s) {
			best = s
		}
	}
	return best
}

var step4Set = func() map[string]bool {
	m := make(map[string]bool, len(perlStep4))
	for _, s := range perlStep4 {
		m[s] = true
	}
	return m
}()

// porterStem stems one lowercase ASCII word the way ROUGE's stem() does.
func porterStem(w string) string {
	if len(w) < 3 {
		return w
	}
	// An initial y is upper-cased so that the patterns treat it as a
	// consonant; it is lower-cased again at the end.
	firstY := w[0] == 'y'
	if firstY {
		w = "Y" + w[1:]
	}

	// Step 1a.
	switch {
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "ies"):
		w = w[:len(w)-2]
	case len(w) >= 2 && w[len(w)-1] == 's' && w[len(w)-2] != 's':
		w = w[:len(w)-1]
	}

	// Step 1b.
	if strings.HasSuffix(w, "eed") {
		if reMgr0.MatchString(w[:len(w)-3]) {
			w = w[:len(w)-1]
		}
	} else if stem, ok := cutAny(w, "ed", "ing"); ok && reHasV.MatchString(stem) {
		w = stem
		n := len(w)
		switch {
		case strings.HasSuffix(w, "at"), strings.HasSuffix(w, "bl"), strings.HasSuffix(w, "iz"):
			w += "e"
		case n >= 2 && w[n-1] == w[n-2] && !strings.ContainsRune("aeiouylsz", rune(w[n-1])):
			w = w[:n-1]
		case reCVC.MatchString(w):
			w += "e"
		}
	}

	// Step 1c.
	if strings.HasSuffix(w, "y") && reHasV.MatchString(w[:len(w)-1]) {
		w = w[:len(w)-1] + "i"
	}

	// Steps 2 and 3.
	for _, table := range []map[string]string{perlStep2, perlStep3} {
		if suf := longestSuffix(w, table); suf != "" {
			if stem := w[:len(w)-len(suf)]; reMgr0.MatchString(stem) {
				w = stem + table[suf]
			}
		}
	}

	// Step 4, with Lin's change: -ment and -ent get their own tries after
	// the main list, each on the word as the previous try left it.
	if suf := longestSuffix(w, step4Set); suf != "" {
		if stem := w[:len(w)-len(suf)]; reMgr1.MatchString(stem) {
			w = stem
		}
	}
	if stem, ok := strings.CutSuffix(w, "ment"); ok && reMgr1.MatchString(stem) {
		w = stem
	}
	if stem, ok := strings.CutSuffix(w, "ent"); ok {
		if reMgr1.MatchString(stem) {
			w = stem
		}
	} else if strings.HasSuffix(w, "sion") || strings.HasSuffix(w, "tion") {
		if stem := w[:len(w)-3]; reMgr1.MatchString(stem) {
			w = stem
		}
	}

	// Step 5.
	if stem, ok := strings.CutSuffix(w, "e"); ok {
		if reMgr1.MatchString(stem) || (reMeq1.MatchString(stem) && !reCVC.MatchString(stem)) {
			w = stem
		}
	}
	if strings.HasSuffix(w, "ll") && reMgr1.MatchString(w) {
		w = w[:len(w)-1]
	}

	if firstY {
		w = "y" + w[1:]
	}
	return w
}

// cutAny removes the first of the suffixes that w ends with.
func cutAny(w string, suffixes ...string) (string, bool) {
	for _, s := range suffixes {
		if stem, ok := strings.CutSuffix(w, s); ok {
			return stem, true
		}
	}
	return w, false
}

// stemCache remembers Porter stems: a corpus repeats its words, and the
// regular expressions cost far more than a map lookup. It stops growing at
// stemCacheMax entries so a long-lived process cannot grow it without end.
var stemCache struct {
	sync.RWMutex
	m map[string]string
}

const stemCacheMax = 1 << 17

func porterStemCached(w string) string {
	stemCache.RLock()
	s, ok := stemCache.m[w]
	stemCache.RUnlock()
	if ok {
		return s
	}
	s = porterStem(w)
	stemCache.Lock()
	if stemCache.m == nil {
		stemCache.m = make(map[string]string)
	}
	if len(stemCache.m) < stemCacheMax {
		stemCache.m[w] = s
	}
	stemCache.Unlock()
	return s
}

// morphStem is ROUGE's MorphStem: a WordNet exception's base form when the
// word has one, its Porter stem otherwise.
func (l *Lexicon) morphStem(w string) string {
	if base, ok := l.Exceptions[w]; ok {
		return base
	}
	return porterStemCached(w)
}
