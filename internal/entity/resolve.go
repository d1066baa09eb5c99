package entity

import (
	"cmp"
	"maps"
	"slices"
	"strings"

	"github.com/dossier-news/dossier/internal/news"
)

// Article is one text and the names found in it, as Resolve takes them.
type Article struct {
	ID       string
	Text     string
	Mentions []Mention
}

// EntityMention is where an entity is named: article, span and text.
type EntityMention struct {
	Article string    `json:"article"`
	Span    news.Span `json:"span"`
	Text    string    `json:"text"`
	// Role is the title written with this mention of a person, if any.
	Role string `json:"role,omitempty"`
	// Title marks a title standing for a person named earlier in the
	// article ("the foreign minister"); it counts as a mention but is
	// not a spelling of the name.
	Title bool `json:"title,omitempty"`
}

// Entity is one person, organisation, place or other named thing, with
// every way it was referred to.
type Entity struct {
	Type Type `json:"type"`
	// Name is the canonical name: the alias table's, else the fullest
	// form written most often.
	Name string `json:"name"`
	// Aliases are the other forms it was written in, most frequent first.
	Aliases []string `json:"aliases,omitempty"`
	// Roles are titles written before a person's name, most frequent first.
	Roles []string `json:"roles,omitempty"`
	// Mentions are the counted occurrences, in article and text order.
	Mentions []EntityMention `json:"mentions,omitempty"`
	// Demonyms are adjectives and nationality nouns ("Russian") linked
	// to a country; they are not counted as mentions.
	Demonyms []EntityMention `json:"demonyms,omitempty"`
	// Articles is the number of articles with at least one mention.
	Articles int `json:"articles"`
}

// draft is an entity while it is being built.
type draft struct {
	key      string
	alias    *aliasEntry
	types    map[Type]int
	forms    map[string]int
	roles    map[string]int
	mentions []EntityMention
	demonyms []EntityMention
	merged   *draft // set when joined into another draft
}

func (d *draft) root() *draft {
	for d.merged != nil {
		d = d.merged
	}
	return d
}

// Resolve joins the mentions of a set of articles into entities:
//   - aliases from our table ("Russian Federation" is Russia, "U.S." the
//     United States) decide the name and class;
//   - within an article, a one-word mention that is the surname of a
//     person named in full there joins that person, whatever class the
//     tagger gave it ("Lavrov" after "Sergei Lavrov");
//   - across articles, names meet through a normalised key (spelling and
//     transliteration variants), and a lone surname joins the only
//     person in the set with that surname;
//   - titles in or before a person's name become roles;
//   - demonyms link to their country without counting.
//
// Entities come sorted by articles, then mentions, then name.
func Resolve(articles ...Article) []Entity {
	drafts := map[string]*draft{}
	get := func(key string) *draft {
		d := drafts[key]
		if d == nil {
			d = &draft{key: key, types: map[Type]int{}, forms: map[string]int{}, roles: map[string]int{}}
			drafts[key] = d
		}
		return d
	}
	for _, a := range articles {
		resolveArticle(a, get)
	}
	// A lone surname joins the one person named in full with it.
	people := map[string][]*draft{}
	for _, d := range drafts {
		if d.alias == nil && strings.Contains(d.key, " ") && d.majority() == Person {
			s := d.key[strings.LastIndexByte(d.key, ' ')+1:]
			people[s] = append(people[s], d)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(drafts)) {
		d := drafts[k]
		if d.alias != nil || strings.Contains(d.key, " ") {
			continue
		}
		if ps := people[d.key]; len(ps) == 1 {
			join(d, ps[0])
		}
	}
	order := map[string]int{}
	for i, a := range articles {
		if _, ok := order[a.ID]; !ok {
			order[a.ID] = i
		}
	}
	inOrder := func(a, b EntityMention) int {
		return cmp.Or(cmp.Compare(order[a.Article], order[b.Article]), cmp.Compare(a.Span.Start, b.Span.Start))
	}
	var out []Entity
	for _, d := range drafts {
		if d.merged == nil {
			e := d.entity()
			slices.SortStableFunc(e.Mentions, inOrder)
			slices.SortStableFunc(e.Demonyms, inOrder)
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(a, b Entity) int {
		return cmp.Or(cmp.Compare(b.Articles, a.Articles), cmp.Compare(len(b.Mentions), len(a.Mentions)),
			cmp.Compare(a.Name, b.Name), cmp.Compare(a.Type, b.Type))
	})
	return out
}

// resolveArticle adds one article's mentions to the drafts.
func resolveArticle(a Article, get func(string) *draft) {
	type cleaned struct {
		m          Mention
		key, role  string
		alias      *aliasEntry
		fullPerson bool
	}
	var ms []cleaned
	for _, m := range a.Mentions {
		for _, p := range []string{"'s ", "’s "} {
			if strings.HasPrefix(m.Text, p) {
				m.Span.Start += len(p)
				m.Text = m.Text[len(p):]
			}
		}
		off, role := stripTitles(m.Text)
		m.Span.Start += off
		m.Text = m.Text[off:]
		key := nameKey(m.Text)
		lw := strings.ToLower(strings.TrimSuffix(m.Text, "."))
		if key == "" || honorifics[lw] || titleWords[lw] {
			continue
		}
		if country, ok := demonyms[key]; ok {
			d := get("alias:" + nameKey(country))
			if d.alias == nil {
				d.alias = &aliasEntry{name: country, typ: countryType(country)}
			}
			d.demonyms = append(d.demonyms, EntityMention{Article: a.ID, Span: m.Span, Text: m.Text})
			continue
		}
		if t, ok := headType(m.Text); ok {
			m.Type = t
		}
		c := cleaned{m: m, key: key, role: role}
		if e, ok := aliases[key]; ok {
			c.alias = &e
		}
		if m.Type == Person {
			if c.role == "" && m.Span.Start >= 0 && m.Span.Start <= len(a.Text) {
				c.role = roleBefore(a.Text, m.Span.Start)
			}
			c.fullPerson = c.alias == nil && strings.Contains(key, " ")
		}
		ms = append(ms, c)
	}
	// Surnames of the people named in full in this article; a surname
	// two people share is ambiguous and joins neither.
	full := map[string]string{}
	// Short forms of organisations named in full: "Brannock" after
	// "Brannock Chemical Works", unless a person has that surname.
	orgs := map[string]string{}
	for _, c := range ms {
		if c.alias == nil && c.m.Type == Organisation && strings.Contains(c.key, " ") {
			f := c.key[:strings.IndexByte(c.key, ' ')]
			if k, seen := orgs[f]; seen && k != c.key {
				orgs[f] = ""
			} else {
				orgs[f] = c.key
			}
		}
	}
	for _, c := range ms {
		if c.fullPerson {
			s := surnameKey(c.m.Text)
			if k, seen := full[s]; seen && k != c.key {
				full[s] = ""
			} else {
				full[s] = c.key
			}
		}
	}
	var people []titled
	seenPerson := map[string]bool{}
	taken := make([]news.Span, 0, len(a.Mentions))
	for _, m := range a.Mentions {
		taken = append(taken, m.Span)
	}
	for _, c := range ms {
		key := c.key
		if c.alias != nil {
			key = "alias:" + nameKey(c.alias.name)
		} else if k := full[key]; k != "" && !strings.Contains(key, " ") {
			key = k
		} else if _, ok := full[key]; !ok && orgs[key] != "" && !strings.Contains(key, " ") {
			key = orgs[key]
		}
		d := get(key)
		if c.alias != nil {
			d.alias = c.alias
		}
		if key == c.key || c.alias != nil {
			// A lone word joined to a full name by surname or short
			// form names what the full name names, whatever class the
			// tagger gave it: it does not vote.
			d.types[c.m.Type]++
		}
		d.forms[c.m.Text]++
		if c.role != "" {
			d.roles[c.role]++
		}
		d.mentions = append(d.mentions, EntityMention{Article: a.ID, Span: c.m.Span, Text: c.m.Text, Role: c.role})
		if c.fullPerson && c.role != "" && key == c.key && !seenPerson[key] {
			seenPerson[key] = true
			people = append(people, titled{key: key, role: strings.Fields(strings.ToLower(c.role)),
				first: c.m.Span.Start, country: countryBefore(a.Text, c.m.Span.Start)})
		}
	}
	for _, tm := range findTitleMentions(a.Text, people, taken) {
		d := get(tm.key)
		d.mentions = append(d.mentions, EntityMention{Article: a.ID, Span: tm.span,
			Text: a.Text[tm.span.Start:tm.span.End], Title: true})
	}
}

// join merges a lone surname into the person it names; its mentions
// count as the person's class.
func join(from, to *draft) {
	from, to = from.root(), to.root()
	if from == to {
		return
	}
	typ := to.majority()
	for _, n := range from.types {
		to.types[typ] += n
	}
	for f, n := range from.forms {
		to.forms[f] += n
	}
	for r, n := range from.roles {
		to.roles[r] += n
	}
	to.mentions = append(to.mentions, from.mentions...)
	to.demonyms = append(to.demonyms, from.demonyms...)
	from.merged = to
}

// majority is the class most mentions had (ties: PER, ORG, LOC, MISC).
func (d *draft) majority() Type {
	if d.alias != nil {
		return d.alias.typ
	}
	best := types[0]
	for _, t := range types[1:] {
		if d.types[t] > d.types[best] {
			best = t
		}
	}
	return best
}

func (d *draft) entity() Entity {
	e := Entity{Type: d.majority(), Mentions: d.mentions, Demonyms: d.demonyms}
	forms := byCount(d.forms)
	switch {
	case d.alias != nil:
		e.Name = d.alias.name
	case len(forms) > 0:
		// The fullest form (most words), the most frequent among those,
		// then the longest ("al-Haddad" over "Hadad").
		e.Name = slices.MaxFunc(forms, func(a, b string) int {
			return cmp.Or(cmp.Compare(len(strings.Fields(a)), len(strings.Fields(b))),
				cmp.Compare(d.forms[a], d.forms[b]), cmp.Compare(len(a), len(b)), cmp.Compare(b, a))
		})
	}
	for _, f := range forms {
		if f != e.Name {
			e.Aliases = append(e.Aliases, f)
		}
	}
	e.Roles = byCount(d.roles)
	seen := map[string]bool{}
	for _, m := range d.mentions {
		if !seen[m.Article] {
			seen[m.Article] = true
			e.Articles++
		}
	}
	return e
}

// byCount returns the keys of m, most frequent first, then by name.
func byCount(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int { return cmp.Or(cmp.Compare(m[b], m[a]), cmp.Compare(a, b)) })
	return keys
}
