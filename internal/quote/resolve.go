package quote

import (
	"strings"
	"unicode"
)

// Name is a named-entity mention the caller already found (with
// internal/entity): its byte span, class (PER, ORG, LOC, MISC) and a key
// identifying the entity.
type Name struct {
	Start, End int
	Type       string
	Key        string
}

// Speaker is who an attribution's source refers to.
type Speaker struct {
	// Key is the entity key of the resolved name, "" when unresolved or
	// anonymous.
	Key string
	// Type is "PER", "ORG", "LOC" (a government named by its place:
	// "Russia said"), "anonymous", or "" when unknown.
	Type string
	// Text is the source as written.
	Text string
}

// Speaker types beyond the entity classes.
const (
	Anonymous = "anonymous"
)

// Resolve gives each attribution its speaker. A source holding a person's
// name is that person; an anonymous description ("a senior official",
// "sources", "the official", "a spokesman") stays anonymous and is never
// guessed; "he", "she" and titles ("the minister") go back to a person
// named before, preferring the previous speaker; an institution ("the
// Russian foreign ministry", "the Kremlin") is an organisation, with the
// key of an organisation name inside it when one was found; a place that
// speaks ("Russia said") is a government.
func Resolve(text string, atts []Attribution, names []Name) []Speaker {
	out := make([]Speaker, len(atts))
	lastPER := -1 // index in names of the previous speaker, a person
	for i, a := range atts {
		sp := resolveOne(text, a.Source, names, lastPER)
		out[i] = sp
		if sp.Type == "PER" && sp.Key != "" {
			for k, n := range names {
				if n.Key == sp.Key && n.Start < a.Source.End+1 {
					lastPER = k
				}
			}
		}
	}
	return out
}

func resolveOne(text string, src Span, names []Name, lastPER int) Speaker {
	if src.Empty() || src.Start < 0 || src.End > len(text) {
		return Speaker{}
	}
	sp := Speaker{Text: text[src.Start:src.End]}
	words := strings.FieldsFunc(strings.ToLower(sp.Text), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '-'
	})
	inside := func(typ string) *Name {
		var best *Name
		for k := range names {
			n := &names[k]
			if n.Type == typ && n.Start < src.End && src.Start < n.End {
				if best == nil || n.End-n.Start > best.End-best.Start {
					best = n
				}
			}
		}
		return best
	}
	if n := inside("PER"); n != nil {
		sp.Key, sp.Type = n.Key, "PER"
		return sp
	}
	if len(words) == 0 {
		return sp
	}
	head := words[len(words)-1]
	switch {
	case isAnonymousHead(head) || isAnonymousHead(strings.TrimSuffix(head, "s")):
		sp.Type = Anonymous
		return sp
	case len(words) == 1 && (head == "he" || head == "she" || head == "him" || head == "her"):
		if n := previousPerson(text, src.Start, names, lastPER, ""); n != nil {
			sp.Key, sp.Type = n.Key, "PER"
		}
		return sp
	case isTitleHead(head) && (words[0] == "the" || words[0] == "his" || words[0] == "her"):
		if n := previousPerson(text, src.Start, names, lastPER, head); n != nil {
			sp.Key, sp.Type = n.Key, "PER"
		}
		return sp
	}
	if n := inside("ORG"); n != nil {
		sp.Key, sp.Type = n.Key, "ORG"
		return sp
	}
	if isInstitutionHead(head) || isInstitutionName(strings.Join(words, " ")) {
		sp.Type = "ORG"
		return sp
	}
	if n := inside("LOC"); n != nil && len(words) <= 2 {
		sp.Key, sp.Type = n.Key, "LOC"
		return sp
	}
	if len(words) == 1 && (head == "they" || head == "it") {
		if n := previousName(src.Start, names, "ORG"); n != nil {
			sp.Key, sp.Type = n.Key, "ORG"
		}
	}
	return sp
}

// previousPerson picks the person a pronoun or title refers to: the
// nearest person named before who was written with the title when one is
// given ("Foreign Minister Sergei Lavrov", then "Lavrov", for "the
// minister"), else the previous speaker, else the nearest person named
// before.
func previousPerson(text string, before int, names []Name, lastPER int, title string) *Name {
	if title != "" {
		titled := map[string]bool{} // keys of people written with the title
		for _, n := range names {
			if n.Type == "PER" && n.End <= before && titleBefore(text, n.Start, title) {
				titled[n.Key] = true
			}
		}
		for k := len(names) - 1; k >= 0; k-- {
			if n := &names[k]; n.Type == "PER" && n.End <= before && titled[n.Key] {
				return n
			}
		}
	}
	if lastPER >= 0 && names[lastPER].End <= before {
		return &names[lastPER]
	}
	return previousName(before, names, "PER")
}

// titleBefore tells whether title is among the three words before a
// name at start ("Foreign Minister Ana Lindqvist").
func titleBefore(text string, start int, title string) bool {
	words := strings.Fields(strings.ToLower(text[max(0, start-48):start]))
	for i := len(words) - 1; i >= 0 && i >= len(words)-3; i-- {
		if strings.Trim(words[i], ",.") == title {
			return true
		}
	}
	return false
}

func previousName(before int, names []Name, typ string) *Name {
	for k := len(names) - 1; k >= 0; k-- {
		if names[k].Type == typ && names[k].End <= before {
			return &names[k]
		}
	}
	return nil
}

// isAnonymousHead tells head nouns of sources that name no one.
func isAnonymousHead(w string) bool {
	switch w {
	case "official", "source", "spokesman", "spokeswoman", "spokesperson", "aide", "diplomat", "insider",
		"person", "people", "adviser", "advisor", "analyst", "expert", "observer", "witness", "resident",
		"staffer", "officer", "negotiator", "lawmaker", "critic", "supporter", "someone", "anyone":
		return true
	}
	return false
}

// isTitleHead tells roles that refer back to a person named before.
func isTitleHead(w string) bool {
	switch w {
	case "minister", "president", "secretary", "senator", "governor", "chancellor", "premier", "mayor",
		"leader", "candidate", "nominee", "ambassador", "envoy", "general", "chairman", "chairwoman", "king",
		"queen", "prince", "pope", "judge", "prosecutor", "congressman", "congresswoman", "representative",
		"director", "chief", "businessman":
		return true
	}
	return false
}

// isInstitutionHead tells head nouns of organisations that speak.
func isInstitutionHead(w string) bool {
	switch w {
	case "ministry", "department", "government", "embassy", "agency", "office", "committee", "council",
		"commission", "campaign", "party", "court", "police", "army", "military", "company", "administration",
		"cabinet", "parliament", "congress", "senate", "kremlin", "pentagon", "secretariat", "union",
		"organisation", "organization", "group", "bank", "firm", "newspaper", "agency's":
		return true
	}
	return false
}

// isInstitutionName tells organisations known by a common-noun name.
func isInstitutionName(w string) bool {
	switch w {
	case "the white house", "white house", "the kremlin", "kremlin", "the pentagon", "the state department",
		"state department", "downing street":
		return true
	}
	return false
}
