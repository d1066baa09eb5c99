package entity

import (
	"unicode"
	"unicode/utf8"
)

// Features are hashed: each is a 64-bit hash of a template number and
// one or more values, reduced to a row of the weight table. Nothing is
// stored as a string, so tagging allocates little and the model carries
// no vocabulary. The hash functions and template numbers are part of the
// model format: changing them needs a new featureVersion and retraining.
const featureVersion = 3

// Feature templates. Values are only ever appended, never renumbered.
const (
	fBias uint64 = iota + 1
	fWord
	fLower
	fShape
	fShort
	fPrefix
	fSuffix
	fLowerAt  // lower-cased word at offset -2..+2 (offset mixed in)
	fShortAt  // short shape at offset -2..+2
	fBigramL  // previous word + word
	fBigramR  // word + next word
	fShort3   // shapes of previous, this and next token
	fInitial  // sentence-initial, with short shape
	fCapsSent // the sentence is all capitals (a headline), with shape
	fLcInDoc  // a capitalised word also appears lower-case in the document
	fCapInDoc // the word appears capitalised mid-sentence elsewhere in the document
	fGaz      // inside a training-set name of a type at a BILOU position
	fGazTop   // the type a longest training-set name mostly has
	fPrev1    // previous tag
	fPrev2    // two previous tags
	fPrevWord // previous tag + word
	fPrevShp  // previous tag + short shape
	fHist     // classes this word got earlier in the document
	fHistLast // the tag this word got last time in the document
	fLowerFirst
	fSuffixAt // 3-letter suffix of the neighbouring words
	fVocab    // classes the word had in the training set, with shares
	fTable    // the sentence is mostly numbers (a results table)
)

// Hashing: FNV-1a over bytes, and a splitmix64 finaliser to combine.
const (
	fnvOffset = 0xcbf29ce484222325
	fnvPrime  = 0x100000001b3
)

func mix(a, b uint64) uint64 {
	x := a*0x9e3779b97f4a7c15 ^ b
	x ^= x >> 31
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 29
	x *= 0x94d049bb133111eb
	return x ^ x>>32
}

func hashBytes(b []byte) uint64 {
	h := uint64(fnvOffset)
	for _, c := range b {
		h = (h ^ uint64(c)) * fnvPrime
	}
	return h
}

func hashString(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return h
}

// Capitalisation classes of a token.
const (
	clsLower = iota // starts lower-case
	clsInit         // Initial capital
	clsCaps         // ALL CAPITALS (two or more letters)
	clsMixed        // capital inside (iPhone, McDonald)
	clsDigit        // starts with a digit
	clsOther        // punctuation, symbols
)

// tok is what the tagger keeps of a token: hashes of its forms.
type tok struct {
	word, lower, shape, short uint64
	pre, suf                  [4]uint64
	cls                       uint8
	upper                     bool // has an upper-case letter
	allLower                  bool // has letters, all lower-case
}

// analyse fills t from word, using buf as scratch space.
func analyse(word string, buf []byte, t *tok) []byte {
	buf = buf[:0]
	shape := make([]byte, 0, 16)
	var short [16]byte
	ns := 0
	var lastClass byte
	run := 0
	letters, uppers := 0, 0
	for i, r := range word {
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
			uppers++
			letters++
		case unicode.IsLetter(r):
			c = 'x'
			letters++
		case unicode.IsDigit(r):
			c = 'd'
		default:
			c = '.'
			if r < utf8.RuneSelf {
				c = byte(r)
			}
		}
		if c == lastClass {
			run++
		} else {
			run = 1
			if ns < len(short) {
				short[ns] = c
				ns++
			}
		}
		if run <= 4 && len(shape) < 16 {
			shape = append(shape, c)
		}
		lastClass = c
		switch {
		case c == 'd':
			buf = append(buf, '0')
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			buf = append(buf, byte(r))
		default:
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		}
		if i == 0 {
			switch c {
			case 'x':
				t.cls = clsLower
			case 'X':
				t.cls = clsInit
			case 'd':
				t.cls = clsDigit
			default:
				t.cls = clsOther
			}
		}
	}
	if t.cls == clsInit && uppers > 1 {
		if uppers == letters {
			t.cls = clsCaps
		} else {
			t.cls = clsMixed
		}
	}
	t.upper = uppers > 0
	t.allLower = letters > 0 && uppers == 0
	t.word = hashString(word)
	t.lower = hashBytes(buf)
	t.shape = hashBytes(shape)
	t.short = hashBytes(short[:ns])
	for n := 1; n <= 4; n++ {
		if n < len(buf) {
			t.pre[n-1] = mix(uint64(n), hashBytes(buf[:n]))
			t.suf[n-1] = mix(uint64(n), hashBytes(buf[len(buf)-n:]))
		} else {
			t.pre[n-1], t.suf[n-1] = 0, 0
		}
	}
	return buf
}

// Padding stands for the tokens beyond either end of a sentence.
var padTok = tok{word: 1, lower: 1, shape: 1, short: 1, cls: clsOther}

// staticFeatures appends the features of token i that do not depend on
// the tags chosen so far: the word and its neighbours, shapes, affixes,
// sentence and document context. The caller adds gazetteer matches.
func staticFeatures(dst []uint64, s []tok, i int, capsSent bool, d *docContext) []uint64 {
	at := func(j int) *tok {
		if j < 0 || j >= len(s) {
			return &padTok
		}
		return &s[j]
	}
	t := &s[i]
	dst = append(dst,
		fBias,
		mix(fWord, t.word),
		mix(fLower, t.lower),
		mix(fShape, t.shape),
		mix(fShort, t.short),
		mix(fBigramL, mix(at(i-1).lower, t.lower)),
		mix(fBigramR, mix(t.lower, at(i+1).lower)),
		mix(fShort3, mix(mix(at(i-1).short, t.short), at(i+1).short)),
	)
	for n := 0; n < 4; n++ {
		if t.pre[n] != 0 {
			dst = append(dst, mix(fPrefix, t.pre[n]), mix(fSuffix, t.suf[n]))
		}
	}
	for off := -2; off <= 2; off++ {
		if off == 0 {
			continue
		}
		o := at(i + off)
		dst = append(dst,
			mix(fLowerAt, mix(uint64(off+8), o.lower)),
			mix(fShortAt, mix(uint64(off+8), o.short)))
		if off == -1 || off == 1 {
			dst = append(dst, mix(fSuffixAt, mix(uint64(off+8), o.suf[2])))
		}
	}
	if i == 0 {
		dst = append(dst, mix(fInitial, t.short), mix(fLowerFirst, t.lower))
	}
	if capsSent {
		dst = append(dst, mix(fCapsSent, t.short))
	}
	if d != nil && t.upper {
		if _, ok := d.lowerSeen[t.lower]; ok {
			dst = append(dst, mix(fLcInDoc, uint64(t.cls)))
		}
		if i == 0 || capsSent {
			if _, ok := d.capSeen[t.lower]; ok {
				dst = append(dst, mix(fCapInDoc, uint64(t.cls)))
			}
		}
	}
	return dst
}

// docContext is what the tagger knows of a whole document before tagging
// it: which words occur in lower case, and which occur capitalised where
// capitals carry information (mid-sentence, outside headlines).
type docContext struct {
	lowerSeen map[uint64]struct{}
	capSeen   map[uint64]struct{}
}

func newDocContext(sents [][]tok, caps []bool) *docContext {
	d := &docContext{lowerSeen: map[uint64]struct{}{}, capSeen: map[uint64]struct{}{}}
	for si, s := range sents {
		for i := range s {
			switch {
			case s[i].allLower:
				d.lowerSeen[s[i].lower] = struct{}{}
			case s[i].upper && i > 0 && !caps[si]:
				d.capSeen[s[i].lower] = struct{}{}
			}
		}
	}
	return d
}

// capsSentence reports whether a sentence is set in capitals, as
// headlines are: then capitalisation says nothing about names.
func capsSentence(s []tok) bool {
	caps, letters := 0, 0
	for i := range s {
		if s[i].upper || s[i].allLower {
			letters++
			if s[i].cls == clsCaps || (s[i].cls == clsInit && !s[i].allLower) {
				caps++
			}
		}
	}
	return letters >= 2 && caps == letters && hasCapsWord(s)
}

func hasCapsWord(s []tok) bool {
	for i := range s {
		if s[i].cls == clsCaps {
			return true
		}
	}
	return false
}

// history records, per word, the tags given to it earlier in the
// document: a name, once recognised, tends to keep its class.
type history map[uint64]*histEntry

type histEntry struct {
	counts [1 + len(types)]uint16
	last   int
}

func (h history) add(t *tok, tag int) {
	if !t.upper {
		return
	}
	e := h[t.lower]
	if e == nil {
		e = &histEntry{}
		h[t.lower] = e
	}
	c := 0
	if tag != tagO {
		c = 1 + tagType(tag)
	}
	if e.counts[c] < 65535 {
		e.counts[c]++
	}
	e.last = tag
}

// prevFeatures appends the features of the previous two tags.
func prevFeatures(dst []uint64, t *tok, prev1, prev2 int) []uint64 {
	p1, p2 := uint64(prev1+2), uint64(prev2+2)
	return append(dst,
		mix(fPrev1, p1),
		mix(fPrev2, mix(p1, p2)),
		mix(fPrevWord, mix(p1, t.lower)),
		mix(fPrevShp, mix(p1, t.short)),
	)
}

// histFeatures appends the classes the word got in earlier sentences of
// the document.
func histFeatures(dst []uint64, t *tok, h history) []uint64 {
	if !t.upper {
		return dst
	}
	if e := h[t.lower]; e != nil {
		for c, n := range e.counts {
			if n > 0 {
				dst = append(dst, mix(fHist, uint64(c)))
			}
		}
		dst = append(dst, mix(fHistLast, uint64(e.last+2)))
	}
	return dst
}
