package entity

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-news/dossier/internal/news"
)

// titled is a person named in full in one article with a role, as the
// title resolver sees it.
type titled struct {
	key   string
	role  []string // lower-case words of the role
	first int      // where the person is first named
	// country is the country key of a demonym or country written just
	// before the role ("Russian" in "Russian Foreign Minister ..."), if
	// any, so that "the Russian president" can pick the Russian one.
	country string
}

// titleMention is a title standing for a person: "the foreign minister"
// after "Foreign Minister Sergei Lavrov".
type titleMention struct {
	key  string
	span news.Span
}

// findTitleMentions finds "the [demonym] ROLE" in text after each
// person's first full mention, where exactly one person of the article
// holds that role (narrowed by the demonym when one is written). A title
// followed by a capitalised word is the role before a name, not a
// stand-in for one, and is skipped; so are spans already taken by names.
func findTitleMentions(text string, people []titled, taken []news.Span) []titleMention {
	if len(people) == 0 {
		return nil
	}
	var out []titleMention
	for i := 0; i+4 <= len(text); {
		j := indexFold(text[i:], "the ")
		if j < 0 {
			break
		}
		at := i + j
		i = at + 4
		if at > 0 {
			if r, _ := utf8.DecodeLastRuneInString(text[:at]); unicode.IsLetter(r) || unicode.IsDigit(r) {
				continue
			}
		}
		words, ends := wordsAfter(text, at+4, 5)
		if len(words) == 0 {
			continue
		}
		country, skip := "", 0
		if c, ok := demonyms[nameKey(words[0])]; ok && isUpperWord(words[0]) {
			country, skip = nameKey(c), 1
		}
		var match *titled
		var end, n int
		for k := range people {
			p := &people[k]
			if p.first >= at || !hasWordsFold(words[skip:], p.role) {
				continue
			}
			if country != "" && p.country != country {
				continue
			}
			n++
			match, end = p, ends[skip+len(p.role)-1]
		}
		roleStart := at
		if skip > 0 {
			roleStart = ends[0] // the demonym itself may be tagged MISC
		}
		if n != 1 || overlaps(taken, roleStart, end) || nextIsCapitalised(text, end) {
			continue
		}
		out = append(out, titleMention{key: match.key, span: news.Span{Start: at, End: end}})
		i = end
	}
	return out
}

// indexFold is strings.Index for an ASCII lower-case needle, ignoring the
// case of the haystack's first letter ("The", "the").
func indexFold(s, needle string) int {
	for off := 0; ; {
		i := strings.Index(s[off:], needle[1:])
		if i < 0 {
			return -1
		}
		at := off + i - 1
		if at >= 0 && (s[at] == needle[0] || s[at] == needle[0]-'a'+'A') {
			return at
		}
		off += i + 1
	}
}

// wordsAfter returns up to n words starting at pos and the byte offset
// where each ends; it stops at punctuation.
func wordsAfter(text string, pos, n int) ([]string, []int) {
	var words []string
	var ends []int
	for len(words) < n {
		for pos < len(text) && text[pos] == ' ' {
			pos++
		}
		start := pos
		for pos < len(text) {
			r, size := utf8.DecodeRuneInString(text[pos:])
			if !(unicode.IsLetter(r) || r == '-' || r == '\'') {
				break
			}
			pos += size
		}
		if pos == start {
			break
		}
		words = append(words, text[start:pos])
		ends = append(ends, pos)
	}
	return words, ends
}

func hasWordsFold(words, want []string) bool {
	if len(want) == 0 || len(words) < len(want) {
		return false
	}
	for i, w := range want {
		if !strings.EqualFold(words[i], w) {
			return false
		}
	}
	return true
}

func isUpperWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func overlaps(spans []news.Span, start, end int) bool {
	for _, s := range spans {
		if s.Start < end && start < s.End {
			return true
		}
	}
	return false
}

// nextIsCapitalised reports whether a capitalised word follows pos on
// the same line ("the foreign minister Sergei Lavrov").
func nextIsCapitalised(text string, pos int) bool {
	for pos < len(text) && text[pos] == ' ' {
		pos++
	}
	if pos >= len(text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[pos:])
	return unicode.IsUpper(r)
}

// countryBefore returns the country key of a demonym or country name
// among the two words written just before pos ("Russian" or "Russia's"
// before "Foreign Minister Sergei Lavrov"), or "".
func countryBefore(text string, pos int) string {
	before := text[:pos]
	if i := strings.LastIndexAny(before, ".,;:!?\"()\n“”"); i >= 0 {
		before = before[i+1:]
	}
	words := strings.Fields(before)
	for i := len(words) - 1; i >= 0 && i >= len(words)-5; i-- {
		w := strings.TrimSuffix(strings.TrimSuffix(words[i], "'s"), "’s")
		k := nameKey(w)
		if c, ok := demonyms[k]; ok {
			return nameKey(c)
		}
		if e, ok := aliases[k]; ok && e.typ == Location {
			return nameKey(e.name)
		}
	}
	return ""
}
