package entity

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-news/dossier/internal/news"
)

// Token is a word or punctuation mark of a text. Text is the form the
// tagger reads, normalised to the conventions of its training data
// (straight quotes, "'s" split off); Span locates the original bytes.
type Token struct {
	Text string
	Span news.Span
}

// maxSentence bounds a sentence, so a text without punctuation (a list,
// a table) still reaches the tagger in pieces of a sensible size.
const maxSentence = 150

// Tokenize splits clean text into sentences of tokens the way the
// CoNLL-2003 data was tokenised: punctuation apart, clitics ("'s",
// "n't") apart, but abbreviations ("U.S.", "Mr."), numbers ("1,200.5")
// and hyphenated words whole. A sentence ends at a line break or at
// ". ! ?" followed by something that can start a sentence.
func Tokenize(text string) [][]Token {
	var sents [][]Token
	var cur []Token
	flush := func() {
		if len(cur) > 0 {
			sents = append(sents, cur)
			cur = nil
		}
	}
	i := 0
	for i < len(text) {
		r, w := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			if r == '\n' || r == '\u2029' {
				flush()
			}
			i += w
			continue
		}
		j := i
		for j < len(text) {
			r, w := utf8.DecodeRuneInString(text[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += w
		}
		for _, t := range splitChunk(text, i, j) {
			if len(cur) > 0 && endsSentence(cur, t) || len(cur) >= maxSentence {
				flush()
			}
			cur = append(cur, t)
		}
		i = j
	}
	flush()
	return sents
}

// endsSentence reports whether a sentence ends before next, given the
// tokens so far.
func endsSentence(cur []Token, next Token) bool {
	last := cur[len(cur)-1].Text
	if len(cur) >= 2 && (last == `"` || last == ")") {
		last = cur[len(cur)-2].Text
		if !isTerminal(last) {
			return false
		}
		return startsSentence(next.Text)
	}
	return isTerminal(last) && startsSentence(next.Text)
}

func isTerminal(s string) bool { return s == "." || s == "!" || s == "?" || s == "..." }

func startsSentence(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || r == '"' || r == '('
}

// splitChunk tokenises text[start:end], a run without spaces.
func splitChunk(text string, start, end int) []Token {
	var head, tail []Token
	// Leading punctuation, one mark at a time.
	for start < end {
		r, w := utf8.DecodeRuneInString(text[start:end])
		if !isOpening(r) && !(r == '\'' && !isClitic(text[start:end])) {
			break
		}
		head = append(head, mkToken(text, start, start+w))
		start += w
	}
	// Trailing punctuation and clitics, collected in reverse.
	for start < end {
		r, w := utf8.DecodeLastRuneInString(text[start:end])
		body := text[start:end]
		if c := clitic(body); c > 0 && c < len(body) {
			tail = append(tail, mkToken(text, end-c, end))
			end -= c
			continue
		}
		if r == '.' && end-start > w && isAbbreviation(body) {
			break
		}
		if r == '.' && strings.HasSuffix(body, "...") && end-start > 3 {
			tail = append(tail, mkToken(text, end-3, end))
			end -= 3
			continue
		}
		if !isClosing(r) {
			break
		}
		tail = append(tail, mkToken(text, end-w, end))
		end -= w
	}
	out := head
	// Inside: split at marks that never belong to a word.
	s := start
	for k := start; k < end; {
		r, w := utf8.DecodeRuneInString(text[k:end])
		if isBreaking(r, text, k, start, end) {
			if k > s {
				out = append(out, mkToken(text, s, k))
			}
			out = append(out, mkToken(text, k, k+w))
			s = k + w
		}
		k += w
	}
	if end > s {
		out = append(out, mkToken(text, s, end))
	}
	for k := len(tail) - 1; k >= 0; k-- {
		out = append(out, tail[k])
	}
	return out
}

func isOpening(r rune) bool {
	return strings.ContainsRune("([{\"“‘«<", r)
}

func isClosing(r rune) bool {
	return strings.ContainsRune(")]}\"”’»>,;:!?.'", r)
}

// isBreaking reports whether the mark at k splits a word: dashes and
// quotes always, commas and colons unless between digits ("1,200", "3:30").
func isBreaking(r rune, text string, k, start, end int) bool {
	switch r {
	case '—', '–', '"', '“', '”', '(', ')', '[', ']', ';', '!', '?', '…':
		return true
	case ',', ':':
		prev, _ := utf8.DecodeLastRuneInString(text[start:k])
		next, _ := utf8.DecodeRuneInString(text[k+1 : end])
		return !(unicode.IsDigit(prev) && unicode.IsDigit(next))
	}
	return false
}

// clitic returns the byte length of a trailing clitic ("'s", "n't").
func clitic(s string) int {
	l := strings.ToLower(s)
	for _, c := range []string{"n't", "n’t"} {
		if strings.HasSuffix(l, c) && len(l) > len(c) {
			return len(c)
		}
	}
	for _, q := range []string{"'", "’"} {
		for _, c := range []string{"s", "re", "ve", "ll", "d", "m"} {
			if strings.HasSuffix(l, q+c) && len(l) > len(q+c) {
				return len(q + c)
			}
		}
		// A plural possessive: "ministers'".
		if strings.HasSuffix(l, "s"+q) {
			return len(q)
		}
	}
	return 0
}

func isClitic(s string) bool {
	l := strings.ToLower(s)
	for _, c := range []string{"'s", "'re", "'ve", "'ll", "'d", "'m"} {
		if l == c {
			return true
		}
	}
	return false
}

// abbreviations end with a period that is part of the word.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true, "sr": true, "jr": true,
	"gen": true, "lt": true, "col": true, "maj": true, "capt": true, "sgt": true, "adm": true,
	"gov": true, "sen": true, "rep": true, "rev": true, "hon": true, "pres": true,
	"inc": true, "corp": true, "co": true, "ltd": true, "plc": true, "bros": true, "vs": true, "no": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "mt": true, "ft": true,
}

// isAbbreviation reports whether a word ending in "." keeps it: known
// abbreviations, initials ("J."), and dotted forms ("U.S.", "a.m.").
func isAbbreviation(w string) bool {
	body := strings.TrimSuffix(w, ".")
	if body == "" || strings.HasSuffix(body, ".") && !strings.Contains(strings.TrimSuffix(body, "."), ".") {
		return false
	}
	if abbreviations[strings.ToLower(body)] {
		return true
	}
	if r, n := utf8.DecodeRuneInString(body); n == len(body) && unicode.IsUpper(r) {
		return true
	}
	if strings.Contains(body, ".") {
		for _, part := range strings.Split(body, ".") {
			if utf8.RuneCountInString(part) > 2 {
				return false
			}
		}
		return true
	}
	return false
}

// tokenForms maps typographic marks to the ASCII forms of the training
// data, so that "’s" and "“" read like "'s" and '"'.
var tokenForms = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`, "«", `"`, "»", `"`, "–", "-", "—", "--", "…", "...")

func mkToken(text string, start, end int) Token {
	return Token{Text: tokenForms.Replace(text[start:end]), Span: news.Span{Start: start, End: end}}
}
