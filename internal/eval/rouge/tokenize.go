package rouge

import "strings"

// This file reproduces how ROUGE-1.5.5.pl turns a summary file into
// tokens: readText (the whole summary, for n-grams and skip-bigrams),
// readText_LCS (sentence by sentence, for ROUGE-L), and createNGram's
// token filter. Perl works on bytes, so this code does too: a multi-byte
// character is several non-alphanumeric bytes, each of which becomes a
// space, and -b counts bytes.

// splLines turns sentences into the lines of an SPL file as the harnesses
// write one (a sentence per line) and ROUGE reads it: an embedded newline
// starts a new line, empty lines are skipped, and A-Z is lower-cased
// (Perl's tr/A-Z/a-z/; other letters are left alone).
func splLines(sents []string) []string {
	var out []string
	for _, s := range sents {
		for _, line := range strings.Split(s, "\n") {
			if line != "" {
				out = append(out, asciiLower(line))
			}
		}
	}
	return out
}

func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// isPerlSpace is \s on a Perl byte string.
func isPerlSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// perlSplit is Perl's split(/\s+/, s): a leading separator yields an empty
// first field, trailing empty fields are dropped.
func perlSplit(s string) []string {
	var out []string
	i := 0
	for i < len(s) {
		j := i
		for j < len(s) && !isPerlSpace(s[j]) {
			j++
		}
		out = append(out, s[i:j])
		for j < len(s) && isPerlSpace(s[j]) {
			j++
		}
		i = j
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out
}

// readText is ROUGE's readText: the lines joined by spaces, cut to the
// first words (-l) or bytes (-b) of the summary, then cleaned.
func readText(lines []string, words, bytes int) string {
	var b strings.Builder
	switch {
	case words > 0:
		n := 0
		for _, s := range lines {
			toks := perlSplit(s)
			if n+len(toks) < words {
				if n != 0 {
					b.WriteByte(' ')
				}
				b.WriteString(s)
				n += len(toks)
				continue
			}
			if n > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(strings.Join(toks[:words-n], " "))
			break
		}
	case bytes > 0:
		n := 0 // counts sentence bytes only, not the joining spaces
		for _, s := range lines {
			if n+len(s) < bytes {
				if n != 0 {
					b.WriteByte(' ')
				}
				b.WriteString(s)
				n += len(s)
				continue
			}
			if n > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(s[:bytes-n])
			break
		}
	default:
		return cleanText(strings.Join(lines, " "))
	}
	return cleanText(b.String())
}

// readTextLCS is ROUGE's readText_LCS: the lines kept as units under the
// same limits. Its byte branch never advances its running length, so each
// line is kept whole until the first one that alone reaches the limit;
// ROUGE-L under -b therefore sees more text than ROUGE-N, as in Perl.
func readTextLCS(lines []string, words, bytes int) []string {
	var out []string
	switch {
	case words > 0:
		n := 0
		for _, s := range lines {
			toks := perlSplit(s)
			if n+len(toks) < words {
				n += len(toks)
				out = append(out, s)
				continue
			}
			out = append(out, strings.Join(toks[:words-n], " "))
			break
		}
	case bytes > 0:
		for _, s := range lines {
			if len(s) < bytes {
				out = append(out, s)
				continue
			}
			out = append(out, s[:bytes])
			break
		}
	default:
		out = append(out, lines...)
	}
	for i, s := range out {
		out[i] = cleanText(s)
	}
	return out
}

// cleanText is ROUGE's normalisation: hyphens become separate tokens, every
// byte other than [A-Za-z0-9-] becomes a space, and spaces are collapsed.
func cleanText(s string) string {
	b := make([]byte, 0, len(s)+8)
	space := true // drops leading spaces and collapses runs
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '-':
			if !space {
				b = append(b, ' ')
			}
			b = append(b, '-', ' ')
			space = true
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			b = append(b, c)
			space = false
		default:
			if !space {
				b = append(b, ' ')
				space = true
			}
		}
	}
	return strings.TrimRight(string(b), " ")
}

// filterTokens is the token loop of ROUGE's createNGram and
// tokenizeText_LCS: stopwords go first (-s, on the unstemmed word), then
// every token not starting with [a-z0-9$] (the lone "-" tokens), and
// words longer than three bytes are stemmed (-m).
func (e *evaluator) filterTokens(text string) []string {
	var out []string
	for _, t := range strings.Fields(text) {
		if e.o.Stopwords && e.lex.Stopwords[t] {
			continue
		}
		if c := t[0]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '$') {
			continue
		}
		if e.o.Stem && len(t) > 3 {
			t = e.lex.morphStem(t)
		}
		out = append(out, t)
	}
	return out
}
