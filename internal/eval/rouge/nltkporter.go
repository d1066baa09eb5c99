package rouge

import (
	"strings"
	"unicode"
)

// This file is NLTK's PorterStemmer in its default NLTK_EXTENSIONS mode
// (nltk 3.8), which Google's rouge-score and tilse's Python ROUGE use. It
// departs from Porter (1980) where NLTK's authors improved it: a pool of
// irregular forms, -ies/-ied on four-letter words, y → i only after a
// consonant, -alli/-fulli/-logi/-bli in step 2, a two-letter *o, and y as
// a vowel or consonant by the paper's recursive definition (not ROUGE's
// regular expressions). Python works on code points, so this code works
// on runes.

var nltkPool = map[string]string{
	"sky": "sky", "skies": "sky", "dying": "die", "lying": "lie", "tying": "tie",
	"news": "news", "innings": "inning", "inning": "inning", "outings": "outing",
	"outing": "outing", "cannings": "canning", "canning": "canning", "howe": "howe",
	"proceed": "proceed", "exceed": "exceed", "succeed": "succeed",
}

// nltkStem is PorterStemmer().stem(word).
func nltkStem(word string) string {
	lower := pyLower(word)
	if s, ok := nltkPool[word]; ok {
		return s
	}
	if len([]rune(word)) <= 2 {
		return lower
	}
	w := []rune(lower)
	w = nltkStep1a(w)
	w = nltkStep1b(w)
	w = nltkStep1c(w)
	w = nltkStep2(w)
	w = nltkStep3(w)
	w = nltkStep4(w)
	w = nltkStep5a(w)
	w = nltkStep5b(w)
	return string(w)
}

// pyLower is Python's str.lower(): Unicode lower-casing, with the one
// unconditional multi-rune mapping (İ → i̇) that per-rune lowering misses.
func pyLower(s string) string {
	if !strings.ContainsRune(s, 'İ') {
		return strings.Map(unicode.ToLower, s)
	}
	var b strings.Builder
	for _, r := range s {
		if r == 'İ' {
			b.WriteString("i\u0307")
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func isCons(w []rune, i int) bool {
	switch w[i] {
	case 'a', 'e', 'i', 'o', 'u':
		return false
	case 'y':
		return i == 0 || !isCons(w, i-1)
	}
	return true
}

// measure is m in [C](VC)^m[V]: the number of vowel-consonant changes.
func measure(w []rune) int {
	m := 0
	for i := 1; i < len(w); i++ {
		if !isCons(w, i-1) && isCons(w, i) {
			m++
		}
	}
	return m
}

func hasVowel(w []rune) bool {
	for i := range w {
		if !isCons(w, i) {
			return true
		}
	}
	return false
}

func endsDouble(w []rune) bool {
	n := len(w)
	return n >= 2 && w[n-1] == w[n-2] && isCons(w, n-1)
}

// endsCVC is *o, with NLTK's extension to two-letter stems (vowel,
// consonant).
func endsCVC(w []rune) bool {
	n := len(w)
	if n >= 3 && isCons(w, n-3) && !isCons(w, n-2) && isCons(w, n-1) &&
		w[n-1] != 'w' && w[n-1] != 'x' && w[n-1] != 'y' {
		return true
	}
	return n == 2 && !isCons(w, 0) && isCons(w, 1)
}

func hasSuffix(w []rune, s string) bool {
	if len(s) > len(w) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if w[len(w)-len(s)+i] != rune(s[i]) {
			return false
		}
	}
	return true
}

// with returns w without its last n runes, followed by repl, in a new slice.
func with(w []rune, n int, repl string) []rune {
	out := make([]rune, 0, len(w)-n+len(repl))
	return append(append(out, w[:len(w)-n]...), []rune(repl)...)
}

// rule is one line of NLTK's _apply_rule_list: the first rule whose suffix
// matches decides, whether or not its condition then holds.
type rule struct {
	suffix, repl string
	cond         func(stem []rune) bool // nil: unconditional
}

func applyRules(w []rune, rules []rule) []rune {
	for _, r := range rules {
		if hasSuffix(w, r.suffix) {
			stem := w[:len(w)-len(r.suffix)]
			if r.cond == nil || r.cond(stem) {
				return with(w, len(r.suffix), r.repl)
			}
			return w
		}
	}
	return w
}

func mGT0(stem []rune) bool { return measure(stem) > 0 }
func mGT1(stem []rune) bool { return measure(stem) > 1 }

func nltkStep1a(w []rune) []rune {
	if hasSuffix(w, "ies") && len(w) == 4 {
		return with(w, 3, "ie")
	}
	return applyRules(w, []rule{{"sses", "ss", nil}, {"ies", "i", nil}, {"ss", "ss", nil}, {"s", "", nil}})
}

func nltkStep1b(w []rune) []rune {
	if hasSuffix(w, "ied") {
		if len(w) == 4 {
			return with(w, 3, "ie")
		}
		return with(w, 3, "i")
	}
	if hasSuffix(w, "eed") {
		if measure(w[:len(w)-3]) > 0 {
			return with(w, 3, "ee")
		}
		return w
	}
	var stem []rune
	ok := false
	for _, suf := range []string{"ed", "ing"} {
		if hasSuffix(w, suf) && hasVowel(w[:len(w)-len(suf)]) {
			stem, ok = w[:len(w)-len(suf)], true
			break
		}
	}
	if !ok {
		return w
	}
	switch {
	case hasSuffix(stem, "at"):
		return with(stem, 0, "e")
	case hasSuffix(stem, "bl"):
		return with(stem, 0, "e")
	case hasSuffix(stem, "iz"):
		return with(stem, 0, "e")
	case endsDouble(stem):
		if last := stem[len(stem)-1]; last != 'l' && last != 's' && last != 'z' {
			return with(stem, 1, "")
		}
		return stem
	case measure(stem) == 1 && endsCVC(stem):
		return with(stem, 0, "e")
	}
	return stem
}

func nltkStep1c(w []rune) []rune {
	return applyRules(w, []rule{{"y", "i", func(stem []rune) bool {
		return len(stem) > 1 && isCons(stem, len(stem)-1)
	}}})
}

var nltkStep2Rules = []rule{
	{"ational", "ate", mGT0}, {"tional", "tion", mGT0}, {"enci", "ence", mGT0},
	{"anci", "ance", mGT0}, {"izer", "ize", mGT0}, {"bli", "ble", mGT0},
	{"alli", "al", mGT0}, {"entli", "ent", mGT0}, {"eli", "e", mGT0},
	{"ousli", "ous", mGT0}, {"ization", "ize", mGT0}, {"ation", "ate", mGT0},
	{"ator", "ate", mGT0}, {"alism", "al", mGT0}, {"iveness", "ive", mGT0},
	{"fulness", "ful", mGT0}, {"ousness", "ous", mGT0}, {"aliti", "al", mGT0},
	{"iviti", "ive", mGT0}, {"biliti", "ble", mGT0}, {"fulli", "ful", mGT0},
	// NLTK tests -logi on the stem with its "l": m(stem + "l") > 0.
	{"logi", "log", func(stem []rune) bool { return measure(append(stem[:len(stem):len(stem)], 'l')) > 0 }},
}

func nltkStep2(w []rune) []rune {
	if hasSuffix(w, "alli") && measure(w[:len(w)-4]) > 0 {
		return nltkStep2(with(w, 4, "al"))
	}
	return applyRules(w, nltkStep2Rules)
}

var nltkStep3Rules = []rule{
	{"icate", "ic", mGT0}, {"ative", "", mGT0}, {"alize", "al", mGT0},
	{"iciti", "ic", mGT0}, {"ical", "ic", mGT0}, {"ful", "", mGT0}, {"ness", "", mGT0},
}

func nltkStep3(w []rune) []rune { return applyRules(w, nltkStep3Rules) }

var nltkStep4Rules = []rule{
	{"al", "", mGT1}, {"ance", "", mGT1}, {"ence", "", mGT1}, {"er", "", mGT1},
	{"ic", "", mGT1}, {"able", "", mGT1}, {"ible", "", mGT1}, {"ant", "", mGT1},
	{"ement", "", mGT1}, {"ment", "", mGT1}, {"ent", "", mGT1},
	{"ion", "", func(stem []rune) bool {
		return measure(stem) > 1 && (stem[len(stem)-1] == 's' || stem[len(stem)-1] == 't')
	}},
	{"ou", "", mGT1}, {"ism", "", mGT1}, {"ate", "", mGT1}, {"iti", "", mGT1},
	{"ous", "", mGT1}, {"ive", "", mGT1}, {"ize", "", mGT1},
}

func nltkStep4(w []rune) []rune { return applyRules(w, nltkStep4Rules) }

func nltkStep5a(w []rune) []rune {
	if !hasSuffix(w, "e") {
		return w
	}
	stem := w[:len(w)-1]
	if m := measure(stem); m > 1 || (m == 1 && !endsCVC(stem)) {
		return stem
	}
	return w
}

func nltkStep5b(w []rune) []rune {
	if hasSuffix(w, "ll") && measure(w[:len(w)-1]) > 1 {
		return w[:len(w)-1]
	}
	return w
}
