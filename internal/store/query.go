package store

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/dossier-news/dossier/internal/news"
)

// Query is a parsed search query: every Group must match, no Excluded
// term may. Backends render it into their own syntax (FTS5, tsquery), so
// user input never reaches a query language unescaped.
type Query struct {
	Groups   []Group
	Excluded []Term
}

// Group is a set of alternatives joined by OR; one must match.
type Group []Term

// Term is a word, or a phrase when it has several words.
type Term []string

// maxQueryTerms bounds the work one query can ask for.
const maxQueryTerms = 32

// ParseQuery parses the user query syntax: words, "quoted phrases", OR
// between alternatives, a leading - to exclude. Words are split on
// anything that is not a letter or digit, matching the index tokenisers.
func ParseQuery(s string) (Query, error) {
	var q Query
	var pendingOr bool
	n := 0
	for _, tok := range lexQuery(s) {
		if tok.text == "OR" && !tok.quoted {
			pendingOr = len(q.Groups) > 0
			continue
		}
		words := Term(queryWords(tok.text))
		if len(words) == 0 {
			continue
		}
		n += len(words)
		if n > maxQueryTerms {
			return Query{}, fmt.Errorf("query has more than %d terms: %w", maxQueryTerms, news.ErrInvalid)
		}
		if tok.negate {
			q.Excluded = append(q.Excluded, words)
			pendingOr = false
			continue
		}
		if !tok.quoted && len(words) > 1 {
			// "covid-19" lexes as one token but is two words: require both.
			for _, w := range words {
				q.Groups = append(q.Groups, Group{Term{w}})
			}
			pendingOr = false
			continue
		}
		if pendingOr {
			last := len(q.Groups) - 1
			q.Groups[last] = append(q.Groups[last], words)
		} else {
			q.Groups = append(q.Groups, Group{words})
		}
		pendingOr = false
	}
	if len(q.Groups) == 0 {
		return Query{}, fmt.Errorf("query has no words to search for: %w", news.ErrInvalid)
	}
	return q, nil
}

type queryToken struct {
	text           string
	quoted, negate bool
}

func lexQuery(s string) []queryToken {
	var toks []queryToken
	for i := 0; i < len(s); {
		c := s[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			i++
			continue
		}
		neg := false
		if c == '-' && i+1 < len(s) && s[i+1] != ' ' {
			neg = true
			i++
		}
		if i < len(s) && s[i] == '"' {
			end := strings.IndexByte(s[i+1:], '"')
			if end < 0 {
				end = len(s) - i - 1
			}
			toks = append(toks, queryToken{text: s[i+1 : i+1+end], quoted: true, negate: neg})
			i += end + 2
			continue
		}
		end := strings.IndexAny(s[i:], " \t\r\n")
		if end < 0 {
			end = len(s) - i
		}
		toks = append(toks, queryToken{text: s[i : i+end], negate: neg})
		i += end
	}
	return toks
}

func queryWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	})
}

// Words returns every positive search word, for highlighting.
func (q Query) Words() []string {
	var ws []string
	for _, g := range q.Groups {
		for _, t := range g {
			ws = append(ws, t...)
		}
	}
	return ws
}
