package dedup

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-news/dossier/internal/news"
)

// tokenizerVersion changes whenever word hashing or sentence splitting
// changes. It is part of the signature scheme and of the binary form of
// Fingerprints, whose decoding then fails with ErrStale: stored word
// hashes cannot be converted, only recomputed from the text.
const tokenizerVersion = 1

// sent and para are the compact in-memory forms of a sentence and a
// paragraph: byte spans into the text plus the range of words (or
// sentences) they hold. uint32 halves the memory of news.Span.
type sent struct {
	start, end uint32 // byte span in the text
	w0, w1     uint32 // words [w0, w1) of the document
}

type para struct {
	start, end uint32 // byte span in the text
	s0, s1     uint32 // sentences [s0, s1) of the document
}

// analysis is a document cut into words, sentences and paragraphs. Words
// are the same tokens news.NormaliseText keeps (runs of letters and
// digits, lower-cased), hashed to 32 bits.
type analysis struct {
	words []uint32
	sents []sent
	paras []para
}

// asciiWord maps an ASCII byte that belongs in a word to its lower-case
// form, and every other byte to 0.
var asciiWord = func() (t [utf8.RuneSelf]byte) {
	for c := byte('0'); c <= '9'; c++ {
		t[c] = c
	}
	for c := byte('a'); c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = c, c
	}
	return t
}()

// closers may follow a sentence terminator and still belong to the
// sentence: closing quotes and brackets.
func isCloser(r rune) bool {
	switch r {
	case '"', '\'', ')', ']', '”', '’', '»':
		return true
	}
	return false
}

// analyse tokenises text within the given paragraph spans. Paragraphs are
// clamped to the text and skipped when empty, so a bad span cannot panic.
func analyse(text string, ps []news.Paragraph) analysis {
	an := analysis{
		words: make([]uint32, 0, len(text)/5),
		sents: make([]sent, 0, len(text)/100+1),
		paras: make([]para, 0, len(ps)),
	}
	for _, p := range ps {
		s, e := max(p.Span.Start, 0), min(p.Span.End, len(text))
		if s >= e {
			continue
		}
		s0 := uint32(len(an.sents))
		an.paragraph(text, s, e)
		if s1 := uint32(len(an.sents)); s1 > s0 {
			an.paras = append(an.paras, para{uint32(s), uint32(e), s0, s1})
		}
	}
	return an
}

// paragraph appends the words and sentences of text[ps:pe]. A sentence
// ends at a newline, or at . ! ? … (plus closing quotes) followed by
// space and a capital, digit or opening quote — unless the full stop ends
// a known abbreviation or a single letter ("U.S.", "Gen.", "Jan. 1").
func (an *analysis) paragraph(text string, ps, pe int) {
	var (
		h         uint64
		inWord    bool
		digit     bool
		wordRunes int
		lastWord  uint32
		lastRunes int
		lastEnd   int
		sentStart = -1
		w0        = len(an.words)
		buf       [utf8.UTFMax]byte
	)
	endSentence := func(end int) {
		if len(an.words) > w0 {
			an.sents = append(an.sents, sent{uint32(sentStart), uint32(end), uint32(w0), uint32(len(an.words))})
		}
		w0 = len(an.words)
		sentStart = -1
	}
	for i := ps; i < pe; {
		var r rune
		size := 1
		if c := text[i]; c < utf8.RuneSelf {
			// The ASCII fast path: one table lookup per byte.
			if l := asciiWord[c]; l != 0 {
				if !inWord {
					inWord, h, wordRunes, digit = true, fnvOffset, 0, false
					if sentStart < 0 {
						sentStart = i
					}
				}
				// Consume the rest of the ASCII run here: the loop
				// around it costs more per byte than the hashing.
				for {
					digit = digit || c <= '9'
					h = (h ^ uint64(l)) * fnvPrime
					wordRunes++
					if i++; i >= pe {
						break
					}
					if c = text[i]; c >= utf8.RuneSelf {
						break
					}
					if l = asciiWord[c]; l == 0 {
						break
					}
				}
				continue
			}
			r = rune(c)
		} else {
			r, size = utf8.DecodeRuneInString(text[i:pe])
			if unicode.IsLetter(r) || unicode.IsNumber(r) {
				if !inWord {
					inWord, h, wordRunes, digit = true, fnvOffset, 0, false
					if sentStart < 0 {
						sentStart = i
					}
				}
				digit = digit || unicode.IsNumber(r)
				for _, c := range utf8.AppendRune(buf[:0], unicode.ToLower(r)) {
					h = (h ^ uint64(c)) * fnvPrime
				}
				wordRunes++
				i += size
				continue
			}
		}
		if inWord {
			inWord = false
			lastWord, lastRunes, lastEnd = foldWord(h, digit), wordRunes, i
			an.words = append(an.words, lastWord)
		}
		switch {
		case r == '\n':
			endSentence(lastEnd)
		case r == '.' || r == '!' || r == '?' || r == '…':
			j := i + size
			for j < pe {
				c, n := utf8.DecodeRuneInString(text[j:pe])
				if !isCloser(c) {
					break
				}
				j += n
			}
			abbrev := r == '.' && lastEnd == i && (lastRunes == 1 || abbreviations[lastWord])
			if len(an.words) > w0 && !abbrev && startsSentence(text, j, pe) {
				endSentence(j)
				i = j
				continue
			}
		case sentStart < 0 && !unicode.IsSpace(r):
			// Keep an opening quote or dash inside the sentence's span.
			sentStart = i
		}
		i += size
	}
	if inWord {
		lastEnd = pe
		an.words = append(an.words, foldWord(h, digit))
	}
	endSentence(lastEnd)
}

// startsSentence reports whether text[j:pe] looks like the start of a new
// sentence: end of paragraph, or white space then a capital, digit or
// opening quote.
func startsSentence(text string, j, pe int) bool {
	if j >= pe {
		return true
	}
	k := j
	for k < pe {
		c, n := utf8.DecodeRuneInString(text[k:pe])
		if !unicode.IsSpace(c) {
			break
		}
		k += n
	}
	if k == j {
		return false
	}
	if k >= pe {
		return true
	}
	c, _ := utf8.DecodeRuneInString(text[k:pe])
	return unicode.IsUpper(c) || unicode.IsDigit(c) || strings.ContainsRune("\"'“‘«([-–—", c)
}

// wordHash hashes a word the way the tokenizer does, for building the
// stop-word and abbreviation tables.
func wordHash(w string) uint32 {
	h := uint64(fnvOffset)
	w = strings.ToLower(w)
	for _, c := range []byte(w) {
		h = (h ^ uint64(c)) * fnvPrime
	}
	return foldWord(h, strings.ContainsFunc(w, unicode.IsNumber))
}

func hashSet(list string) map[uint32]bool {
	m := make(map[uint32]bool)
	for _, w := range strings.Fields(list) {
		m[wordHash(w)] = true
	}
	return m
}

// abbreviations end with a full stop that does not end the sentence.
var abbreviations = hashSet(`mr mrs ms dr st gen maj col lt sgt capt cpl adm cmdr gov sen rep
	pres prof rev hon jr sr mt ft no nos vs inc corp ltd co jan feb mar apr jun jul aug
	sep sept oct nov dec dept univ est approx fig al`)

// stopWords are dropped from the sentence-level word sets: they occur in
// nearly every sentence, so they would make unrelated sentences look alike
// and pile thousands of sentences into the same LSH buckets. The reporting
// verbs are here for the same reason.
var stopWords = hashSet(`a about above after again against all also am an and any are as at
	be because been before being below between both but by can could did do does doing down
	during each few for from further had has have having he her here hers herself him himself
	his how i if in into is it its itself just me more most my myself no nor not now of off on
	once only or other our ours ourselves out over own same she should so some such than that
	the their theirs them themselves then there these they this those through to too under
	until up very was we were what when where which while who whom why will with would you
	your yours yourself s t d ll m re ve don didn doesn isn wasn weren won wouldn
	said says say told according mr mrs ms`)

// wordTable is a set of word hashes as an open-addressing table: half of
// all tokens are stop words, and a probe here costs a fraction of a map
// lookup. Word hashes are uniform, so their bits index directly (bit 0 is
// the digit flag, hence the shift).
type wordTable [1 << 11]uint32

func newWordTable(words map[uint32]bool) *wordTable {
	var t wordTable
	for w := range words {
		i := w >> 1 % uint32(len(t))
		for t[i] != 0 {
			i = (i + 1) % uint32(len(t))
		}
		t[i] = w
	}
	return &t
}

func (t *wordTable) has(w uint32) bool {
	for i := w >> 1 % uint32(len(t)); ; i = (i + 1) % uint32(len(t)) {
		switch t[i] {
		case 0:
			return false
		case w:
			return true
		}
	}
}

var (
	stopTable     = newWordTable(stopWords)
	calendarWords = newWordTable(hashSet(`monday tuesday wednesday thursday friday saturday sunday
		mon tue tues wed thu thur thurs fri sat sun january february march april may june july
		august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
		am pm gmt bst utc est edt cet cest pst pdt`))
)

func isStopWord(w uint32) bool { return stopTable.has(w) }
