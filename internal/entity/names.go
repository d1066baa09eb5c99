package entity

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// nameKey normalises a name so that spelling variants meet: case,
// diacritics, punctuation and common transliteration differences are
// folded ("Sergey" and "Sergei", "al-Assad" and "Assad", "Muallem" and
// "Moualem" share a key). It is a key, never shown.
func nameKey(name string) string {
	words := nameWords(name)
	keys := make([]string, 0, len(words))
	for _, w := range words {
		if k := wordKey(w); k != "" {
			keys = append(keys, k)
		}
	}
	return strings.Join(keys, " ")
}

// NameKey is the normalised form of a name or a fragment of one, as the
// keys of stored entities are written (news.Entity.Keys): what a user
// types is passed through it before matching (store.EntityQuery.Match).
func NameKey(name string) string { return nameKey(name) }

// nameWords splits a name into words at spaces.
func nameWords(name string) []string { return strings.Fields(name) }

// arabicArticles are dropped from the front of a word or as a word:
// "al-Assad", "al Assad" and "Assad" are one surname.
var arabicArticles = []string{"al-", "el-", "ad-", "ash-", "as-", "an-", "ar-", "at-", "az-"}

// wordKey folds one word. Articles and dots are dropped ("U.S." and
// "US" meet); y→i, kh→h, ou→u, ph→f and doubled letters collapse.
func wordKey(w string) string {
	w = strings.ToLower(norm.NFD.String(w))
	if w == "al" || w == "el" {
		return ""
	}
	for _, a := range arabicArticles {
		if strings.HasPrefix(w, a) && len(w) > len(a)+2 {
			w = w[len(a):]
			break
		}
	}
	var b strings.Builder
	var last rune
	for _, r := range w {
		if unicode.Is(unicode.Mn, r) || !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
			continue
		}
		if r == 'y' {
			r = 'i'
		}
		if r == last {
			continue
		}
		b.WriteRune(r)
		last = r
	}
	s := b.String()
	for _, p := range [][2]string{{"kh", "h"}, {"ou", "u"}, {"ph", "f"}} {
		s = strings.ReplaceAll(s, p[0], p[1])
	}
	return s
}

// surnameKey is the key of a name's last word, how later mentions in
// an article refer to a person ("Lavrov" for "Sergei Lavrov").
func surnameKey(name string) string {
	k := nameKey(name)
	if i := strings.LastIndexByte(k, ' '); i >= 0 {
		return k[i+1:]
	}
	return k
}

// roleModifiers refine a title but are not one on their own.
var roleModifiers = map[string]bool{
	"vice": true, "prime": true, "under": true, "deputy": true, "foreign": true, "defence": true,
	"defense": true, "first": true, "crown": true,
}

// stripTitles removes honorifics and titles from the front of a name the
// tagger included them in ("President Bashar al-Assad", "Mr Assad"). It
// returns the byte offset where the name proper starts and the title
// removed, if any (honorifics are not titles).
func stripTitles(name string) (offset int, role string) {
	rest := name
	var title []string
	for {
		w, after, ok := strings.Cut(rest, " ")
		if !ok {
			break
		}
		lw := strings.ToLower(strings.TrimSuffix(w, "."))
		switch {
		case honorifics[lw]:
		case titleWords[lw] || titleWords[lw+"."]:
			title = append(title, w)
		default:
			return len(name) - len(rest), roleOf(title)
		}
		rest = strings.TrimLeft(after, " ")
	}
	return len(name) - len(rest), roleOf(title)
}

// roleOf joins title words into a role, if they hold a real title.
func roleOf(words []string) string {
	for len(words) > 0 && roleConnectors[strings.ToLower(words[len(words)-1])] {
		words = words[:len(words)-1]
	}
	for _, w := range words {
		lw := strings.ToLower(w)
		if titleWords[lw] && !roleModifiers[lw] {
			return strings.Join(words, " ")
		}
	}
	return ""
}

// roleBefore reads the title written just before a person's name:
// walking back over capitalised words, title words and connectors
// ("US Secretary of State John Kerry"), then keeping the part from the
// first title word on ("Secretary of State"). Countries and demonyms in
// front are left out; they are not part of the role.
func roleBefore(text string, start int) string {
	before := text[:start]
	if i := strings.LastIndexAny(before, ".,;:!?\"()\n“”"); i >= 0 {
		before = before[i+1:]
	}
	words := strings.Fields(before)
	first := len(words)
	for first > 0 {
		w := words[first-1]
		lw := strings.ToLower(w)
		r := []rune(w)
		if !(titleWords[lw] || roleConnectors[lw] || unicode.IsUpper(r[0])) || lw == "and" {
			break
		}
		first--
	}
	words = words[first:]
	for i, w := range words {
		if titleWords[strings.ToLower(w)] {
			return roleOf(words[i:])
		}
	}
	return ""
}

// headNouns decide the class of a multi-word name by its last word,
// whatever the tagger said: "Tansy Wharf" is a place and "Brannock
// Chemical Works" a company even where the context reads like a person.
var headNouns = map[string]Type{
	"wharf": Location, "quay": Location, "dock": Location, "docks": Location, "harbour": Location,
	"harbor": Location, "bay": Location, "street": Location, "road": Location, "avenue": Location,
	"square": Location, "bridge": Location, "river": Location, "lake": Location, "island": Location,
	"islands": Location, "valley": Location, "hills": Location, "mountains": Location, "canal": Location,
	"province": Location, "county": Location, "district": Location, "strait": Location, "sea": Location,
	"works": Organisation, "company": Organisation, "corporation": Organisation, "corp": Organisation,
	"inc": Organisation, "ltd": Organisation, "plc": Organisation, "council": Organisation,
	"agency": Organisation, "association": Organisation, "ministry": Organisation, "office": Organisation,
	"bank": Organisation, "group": Organisation, "university": Organisation, "committee": Organisation,
	"union": Organisation, "authority": Organisation, "police": Organisation, "party": Organisation,
	"court": Organisation, "institute": Organisation, "foundation": Organisation, "commission": Organisation,
	"department": Organisation, "federation": Organisation, "coalition": Organisation, "army": Organisation,
	"wire": Organisation, "news": Organisation, "times": Organisation, "post": Organisation,
	"centre": Organisation, "center": Organisation, "school": Organisation, "hospital": Organisation,
	"club": Organisation, "trust": Organisation, "board": Organisation, "service": Organisation,
}

// headType returns the class a multi-word name's last word implies.
func headType(name string) (Type, bool) {
	i := strings.LastIndexByte(name, ' ')
	if i < 0 {
		return "", false
	}
	t, ok := headNouns[strings.ToLower(strings.TrimSuffix(name[i+1:], "."))]
	return t, ok
}
