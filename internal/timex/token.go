package timex

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token kinds. Words are letter runs, numbers are ASCII digit runs, and
// anything else is a one-rune punctuation token: splitting "a.m.",
// "Oct." or "mid-1990s" into small pieces lets the grammars see the
// pieces without a regexp.
const (
	kWord uint8 = iota
	kNum
	kPunct
)

// token is one piece of the text. low is lowercased (and curly quotes
// folded to ASCII) because the lexicon is keyed that way.
type token struct {
	s, e int32 // byte offsets; 32 bits keep the token small, which is most of tokenising
	low  string
	w    *word // lexicon entry of a word, nil when none
	num  int   // value of a number token, -1 when too long to matter
	kind uint8
	cap  bool  // first letter is upper case
	sp   bool  // whitespace (or the start of the text) comes before it
	nl   uint8 // newlines in the whitespace before it, up to 255
}

// tokenize splits text once; everything downstream works on tokens.
func tokenize(text string, toks []token) []token {
	toks = toks[:0]
	// lower is text with ASCII letters lowercased, made on the first
	// capital: slicing it gives every capitalised word its lowercase form
	// with one allocation per text instead of one per word.
	lower := ""
	i, n := 0, len(text)
	sp, nl := true, uint8(0)
	for i < n {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
				sp = true
				i++
				continue
			case c == '\n':
				sp = true
				if nl < 255 {
					nl++
				}
				i++
				continue
			case c >= '0' && c <= '9':
				j := i + 1
				for j < n && text[j] >= '0' && text[j] <= '9' {
					j++
				}
				v := -1
				if j-i <= 9 {
					v = 0
					for k := i; k < j; k++ {
						v = v*10 + int(text[k]-'0')
					}
				}
				toks = append(toks, token{s: int32(i), e: int32(j), low: text[i:j], num: v, kind: kNum, sp: sp, nl: nl})
				i = j
			case isASCIILetter(c):
				j := i + 1
				upper, wide := c >= 'A' && c <= 'Z', false
				for j < n {
					d := text[j]
					if isASCIILetter(d) {
						upper = upper || (d >= 'A' && d <= 'Z')
						j++
						continue
					}
					if d >= utf8.RuneSelf {
						r, size := utf8.DecodeRuneInString(text[j:])
						if unicode.IsLetter(r) {
							wide = true
							j += size
							continue
						}
					}
					break
				}
				low := text[i:j]
				switch {
				case wide:
					low = strings.ToLower(low)
				case upper:
					if lower == "" {
						lower = asciiLower(text)
					}
					low = lower[i:j]
				}
				toks = append(toks, token{s: int32(i), e: int32(j), low: low, w: lexWord(low), num: -1, kind: kWord, cap: c >= 'A' && c <= 'Z', sp: sp, nl: nl})
				i = j
			default:
				toks = append(toks, token{s: int32(i), e: int32(i + 1), low: text[i : i+1], num: -1, kind: kPunct, sp: sp, nl: nl})
				i++
			}
			sp, nl = false, 0
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			sp = true
			i += size
			continue
		case unicode.IsLetter(r):
			j := i + size
			for j < n {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsLetter(r2) {
					break
				}
				j += s2
			}
			low := strings.ToLower(text[i:j])
			toks = append(toks, token{s: int32(i), e: int32(j), low: low, w: lex[low], num: -1, kind: kWord, cap: unicode.IsUpper(r), sp: sp, nl: nl})
			i = j
		default:
			low := text[i : i+size]
			switch r {
			case '’', '‘', '´', '`':
				low = "'"
			case '–', '—', '‐', '‑':
				low = "-"
			case '“', '”':
				low = "\""
			}
			toks = append(toks, token{s: int32(i), e: int32(i + size), low: low, num: -1, kind: kPunct, sp: sp, nl: nl})
			i += size
		}
		sp, nl = false, 0
	}
	return toks
}

// asciiLower lowercases the ASCII letters of s and nothing else, so
// that byte offsets stay the same.
func asciiLower(s string) string {
	var b strings.Builder // one allocation: String does not copy
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		b.WriteByte(lowerTab[s[i]])
	}
	return b.String()
}

// lowerTab maps each byte to its ASCII lowercase; a table lookup beats
// the branch on every byte of the text.
var lowerTab = func() (t [256]byte) {
	for i := range t {
		t[i] = byte(i)
		if i >= 'A' && i <= 'Z' {
			t[i] = byte(i + 'a' - 'A')
		}
	}
	return t
}()

func isASCIILetter(c byte) bool {
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

// isPunct reports whether token i exists and is the punctuation p.
func isPunct(toks []token, i int, p string) bool {
	return i >= 0 && i < len(toks) && toks[i].kind == kPunct && toks[i].low == p
}

// isWord reports whether token i exists and is the lowercase word w.
func isWord(toks []token, i int, w string) bool {
	return i >= 0 && i < len(toks) && toks[i].kind == kWord && toks[i].low == w
}

// glued reports whether token i follows token i-1 with no space, as the
// pieces of "a.m." or "mid-1990s" do.
func glued(toks []token, i int) bool {
	return i > 0 && i < len(toks) && !toks[i].sp
}

// hyphen reports whether token i is a hyphen glued to both neighbours
// ("third-quarter", "two-year"), or spaced on both sides in text that
// writes "two - year".
func hyphen(toks []token, i int) bool {
	return isPunct(toks, i, "-") && i+1 < len(toks) && toks[i].sp == toks[i+1].sp
}

// possessive reports whether an apostrophe-s follows token i ("Monday's").
func possessive(toks []token, i int) bool {
	return isPunct(toks, i+1, "'") && glued(toks, i+1) && isWord(toks, i+2, "s") && glued(toks, i+2)
}
