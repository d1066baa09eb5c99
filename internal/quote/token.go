package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token kinds.
const (
	kWord   = iota
	kPunct  // any other single symbol
	kOpenQ  // an opening double quotation mark
	kCloseQ // a closing double quotation mark
	kOpenS  // an opening single quotation mark
	kCloseS // a closing single quotation mark
)

// token is one word or symbol of the text, with the context the tagger
// and the grouping need. Offsets are bytes into the text.
type token struct {
	start, end int
	lower      uint64 // hash of the lower-cased form
	shape      uint64 // hash of the word's shape (Xx, dd, x.x.)
	suf        uint64 // hash of the last three bytes, lower-cased
	kind       uint8
	cap        bool // starts with an upper-case letter
	sent       int  // sentence number
	para       int  // paragraph number
	sentStart  bool
	paraStart  bool
	inQ        bool // inside double quotation marks (or top-level single)
	contQ      bool // inside a quotation left open at its paragraph's end
}

// tokenize splits text into tokens and marks sentences, paragraphs and
// quotations. It never fails: any byte sequence gives tokens whose
// offsets are in bounds and on rune boundaries.
func tokenize(text string) []token {
	toks := make([]token, 0, len(text)/5)
	para, newPara := 0, true
	clitic := -1 // end of a clitic split off the previous word
	for i := 0; i < len(text); {
		r, n := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(text[i:])
		}
		if r == '\n' {
			// A blank line or a single line break both end a paragraph:
			// clean text keeps one paragraph per line.
			if !newPara {
				para++
				newPara = true
			}
			i += n
			continue
		}
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		t := token{start: i, para: para, paraStart: newPara}
		newPara = false
		switch {
		case i < clitic:
			// The clitic split off the word before: ’s, n’t, ’re.
			t.end = clitic
			t.kind = kWord
		case isWordRune(r):
			j := i + n
			for j < len(text) {
				r2, n2 := rune(text[j]), 1
				if r2 >= utf8.RuneSelf {
					r2, n2 = utf8.DecodeRuneInString(text[j:])
				}
				if isWordRune(r2) {
					j += n2
					continue
				}
				// Keep apostrophes, hyphens and dots between letters inside
				// the word: don't, Clinton’s, al-Assad, U.S.
				if (r2 == '\'' || r2 == '’' || r2 == '-' || r2 == '.') && j+n2 < len(text) {
					r3, _ := utf8.DecodeRuneInString(text[j+n2:])
					if isWordRune(r3) {
						j += n2
						continue
					}
				}
				break
			}
			// A trailing dot belongs to single capital letters and short
			// abbreviations (U.S., Mr., Sen.) so they do not end sentences.
			if j < len(text) && text[j] == '.' && isAbbrev(text[i:j]) && !abbrevEndsSentence(text, i, j) {
				j++
			}
			if c := cliticAt(text[i:j]); c > 0 {
				clitic = j
				j = i + c
			}
			t.end = j
			t.kind = kWord
		default:
			t.end = i + n
			t.kind = kPunct
			switch r {
			case '“', '«', '„':
				t.kind = kOpenQ
			case '”', '»':
				t.kind = kCloseQ
			case '‘':
				t.kind = kOpenS
			case '’':
				t.kind = kCloseS
			case '"':
				t.kind = straightKind(text, i, kOpenQ, kCloseQ)
			case '\'':
				t.kind = straightKind(text, i, kOpenS, kCloseS)
			}
		}
		describe(text[t.start:t.end], &t)
		toks = append(toks, t)
		i = t.end
	}
	markSentences(text, toks)
	markQuotes(toks)
	return toks
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '$' || r == '%'
}

// straightKind decides whether a straight quote opens or closes: it opens
// after a space, a line start or an opening bracket.
func straightKind(text string, i int, open, close uint8) uint8 {
	if i == 0 {
		return open
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	if unicode.IsSpace(r) || r == '(' || r == '[' || r == '—' || r == '-' || r == '“' || r == '"' {
		return open
	}
	return close
}

// isAbbrevWord tells abbreviations whose dot does not end a sentence.
func isAbbrevWord(w string) bool {
	switch w {
	case "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "st", "jr", "sr", "lt", "col", "sgt", "prof",
		"rev", "jan", "feb", "aug", "sept", "sep", "oct", "nov", "dec", "no", "vs", "inc", "corp", "co", "ltd",
		"u.s", "u.n", "u.k":
		return true
	}
	return false
}

func isAbbrev(w string) bool {
	if len(w) == 1 && w[0] >= 'A' && w[0] <= 'Z' {
		return true
	}
	if len(w) > 4 {
		return false
	}
	var b [4]byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return isAbbrevWord(string(b[:len(w)]))
}

// abbrevEndsSentence tells whether the dot after a dotted abbreviation
// (U.S.) also ends the sentence: at a line's end, or before a word that
// usually starts one ("in the U.S. He said").
func abbrevEndsSentence(text string, i, j int) bool {
	if strings.IndexByte(text[i:j], '.') < 0 {
		return false
	}
	k := j + 1
	for k < len(text) && text[k] == ' ' {
		k++
	}
	if k >= len(text) || text[k] == '\n' || text[k] == '\r' {
		return true
	}
	if k == j+1 {
		return false
	}
	e := k
	for e < len(text) && (text[e] >= 'a' && text[e] <= 'z' || text[e] >= 'A' && text[e] <= 'Z') {
		e++
	}
	switch text[k:e] {
	case "The", "He", "She", "It", "They", "We", "I", "But", "And", "In", "A", "An", "This", "That",
		"His", "Her", "Their", "On", "At", "As", "After", "For", "If", "When", "While", "There", "Its":
		return true
	}
	return false
}

// describe fills the hashed forms of a token.
func describe(w string, t *token) {
	h, sh := uint64(fnvOffset), uint64(fnvOffset)
	var last byte
	for _, r := range w {
		lr := unicode.ToLower(r)
		if lr < utf8.RuneSelf {
			h = (h ^ uint64(lr)) * fnvPrime
		} else {
			var b [4]byte
			for _, c := range b[:utf8.EncodeRune(b[:], lr)] {
				h = (h ^ uint64(c)) * fnvPrime
			}
		}
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		default:
			c = byte(r)
			if r >= utf8.RuneSelf {
				c = '*'
			}
		}
		if c != last {
			sh = (sh ^ uint64(c)) * fnvPrime
			last = c
		}
	}
	t.lower, t.shape = h, sh
	s := uint64(fnvOffset)
	for i := max(0, len(w)-3); i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		s = (s ^ uint64(c)) * fnvPrime
	}
	t.suf = s
	r, _ := utf8.DecodeRuneInString(w)
	t.cap = unicode.IsUpper(r)
}

// markSentences numbers sentences: a paragraph start, or a token after
// . ! ? (and any closing quotes or brackets) that begins with a capital
// letter or an opening quote, starts a new one.
func markSentences(text string, toks []token) {
	sent := 0
	pendingEnd := false
	for i := range toks {
		t := &toks[i]
		if i > 0 && (t.paraStart || (pendingEnd && (t.cap || t.kind == kOpenQ || t.kind == kOpenS || t.kind == kPunct && text[t.start] == '('))) {
			sent++
			t.sentStart = true
		}
		if i == 0 {
			t.sentStart = true
		}
		t.sent = sent
		if t.kind == kPunct {
			c := text[t.start]
			if c == '.' || c == '!' || c == '?' {
				pendingEnd = true
				continue
			}
		}
		if t.kind == kCloseQ || t.kind == kCloseS || (t.kind == kPunct && text[t.start] == ')') {
			continue // keep a pending end across closing marks
		}
		pendingEnd = false
	}
}

// markQuotes sets inQ on tokens inside quotation marks (the marks
// included) and contQ on those of a quotation its paragraph leaves open:
// by news convention the quotation goes on in the next paragraph, which
// opens with a quotation mark again.
func markQuotes(toks []token) {
	open, openAt, single := false, 0, false
	closePara := func(end int) {
		if open {
			for k := openAt; k < end; k++ {
				toks[k].contQ = true
			}
		}
		open, single = false, false
	}
	for i := range toks {
		t := &toks[i]
		if t.paraStart && i > 0 {
			closePara(i)
		}
		switch t.kind {
		case kOpenQ:
			if !open {
				open, openAt, single = true, i, false
			}
		case kOpenS:
			if !open {
				open, openAt, single = true, i, true
			}
		}
		t.inQ = open
		switch t.kind {
		case kCloseQ:
			if open && !single {
				open = false
			}
		case kCloseS:
			if open && single {
				open = false
			}
		}
	}
	closePara(len(toks))
}

// cliticAt returns where a clitic (’s 're 've 'll 'd 'm n't) begins in
// word, or 0 if it has none: "He’s said" has its source in "He" alone.
func cliticAt(w string) int {
	n := len(w)
	if n > 3 && (w[n-3:] == "n't" || n > 5 && w[n-5:] == "n’t") {
		if w[n-3:] == "n't" {
			return n - 3
		}
		return n - 5
	}
	for _, ap := range [...]string{"'", "’"} {
		for _, c := range [...]string{"s", "re", "ve", "ll", "d", "m", "S"} {
			k := n - len(c) - len(ap)
			if k > 0 && w[k:k+len(ap)] == ap && w[k+len(ap):] == c {
				return k
			}
		}
	}
	return 0
}
