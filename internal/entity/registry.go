package entity

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/dossier-news/dossier/internal/news"
)

// Registry gives the entities of each new article their corpus-wide
// identity, one article at a time, as articles arrive. It holds only
// what matching needs (normalised names and surnames), so it is cheap to
// rebuild from the store at start.
//
// Matching follows Resolve's rules, made incremental: an alias table
// entry or any normalised spelling already known names the same entity;
// a lone surname joins the one known person with that surname; and a
// full name whose surname was first seen alone takes over that entity,
// so the id readers already have stays valid and gains the full name.
type Registry struct {
	byID      map[string]*news.Entity
	byKey     map[string]string   // normalised name → id
	bySurname map[string][]string // surname key → ids of people named in full
	byFirst   map[string][]string // first word → ids of organisations named in full
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry {
	return &Registry{byID: map[string]*news.Entity{}, byKey: map[string]string{},
		bySurname: map[string][]string{}, byFirst: map[string][]string{}}
}

// Load adds a known identity, as the store kept it.
func (r *Registry) Load(e news.Entity) {
	c := e
	c.Keys = append([]string(nil), e.Keys...)
	c.Votes = maps.Clone(e.Votes)
	r.byID[c.ID] = &c
	for _, k := range c.Keys {
		r.index(&c, k)
	}
}

// Len is the number of identities.
func (r *Registry) Len() int { return len(r.byID) }

func (r *Registry) index(e *news.Entity, key string) {
	if _, ok := r.byKey[key]; !ok {
		r.byKey[key] = e.ID
	}
	if !strings.Contains(key, " ") || strings.HasPrefix(key, "alias:") {
		return
	}
	switch e.Type {
	case string(Person):
		s := key[strings.LastIndexByte(key, ' ')+1:]
		if !slices.Contains(r.bySurname[s], e.ID) {
			r.bySurname[s] = append(r.bySurname[s], e.ID)
		}
	case string(Organisation):
		f := key[:strings.IndexByte(key, ' ')]
		if !slices.Contains(r.byFirst[f], e.ID) {
			r.byFirst[f] = append(r.byFirst[f], e.ID)
		}
	}
}

// Assign maps the entities Resolve found in one article to identities,
// creating and extending them as needed. It returns the article's
// mentions under those identities (names, titles and demonyms) and the
// identities that are new or changed, for the caller to store.
func (r *Registry) Assign(article string, local []Entity) (mentions []news.EntityMention, changed []news.Entity) {
	dirty := map[string]bool{}
	for _, le := range local {
		keys := entityKeys(le)
		if len(keys) == 0 {
			continue
		}
		e := r.match(le, keys)
		if e == nil {
			e = r.create(le, keys[0])
		}
		if r.extend(e, le, keys) {
			dirty[e.ID] = true
		}
		for _, m := range le.Mentions {
			kind := news.MentionName
			if m.Title {
				kind = news.MentionTitle
			}
			mentions = append(mentions, news.EntityMention{Entity: e.ID, Article: article, Span: m.Span,
				Text: m.Text, Kind: kind, Role: m.Role})
		}
		for _, m := range le.Demonyms {
			mentions = append(mentions, news.EntityMention{Entity: e.ID, Article: article, Span: m.Span,
				Text: m.Text, Kind: news.MentionDemonym})
		}
	}
	for id := range dirty {
		changed = append(changed, *r.byID[id])
	}
	slices.SortFunc(changed, func(a, b news.Entity) int { return strings.Compare(a.ID, b.ID) })
	return mentions, changed
}

// Lookup returns the identity Assign gave (or would give) an article's
// local entity, without changing the registry; false when it has none.
// Later stages use it to name the entity a quote's speaker refers to.
func (r *Registry) Lookup(le Entity) (news.Entity, bool) {
	keys := entityKeys(le)
	if len(keys) == 0 {
		return news.Entity{}, false
	}
	if e := r.match(le, keys); e != nil {
		return *e, true
	}
	return news.Entity{}, false
}

// match finds the known identity of a local entity, or nil.
func (r *Registry) match(le Entity, keys []string) *news.Entity {
	for _, k := range keys {
		if id, ok := r.byKey[k]; ok {
			return r.byID[id]
		}
	}
	if !strings.Contains(keys[0], " ") && !strings.HasPrefix(keys[0], "alias:") {
		if ids := r.bySurname[keys[0]]; len(ids) == 1 {
			return r.byID[ids[0]]
		}
		if ids := r.byFirst[keys[0]]; len(ids) == 1 && len(r.bySurname[keys[0]]) == 0 {
			return r.byID[ids[0]]
		}
		return nil
	}
	// "Sergei Lavrov" after articles that only said "Lavrov", "Brannock
	// Chemical Works" after ones that only said "Brannock": the full name
	// takes over the lone word's identity if nobody else claims it.
	if strings.HasPrefix(keys[0], "alias:") {
		return nil
	}
	var short string
	switch le.Type {
	case Person:
		short = surnameKey(le.Name)
	case Organisation:
		short, _, _ = strings.Cut(nameKey(le.Name), " ")
	default:
		return nil
	}
	if id, ok := r.byKey[short]; ok && len(r.bySurname[short]) == 0 && len(r.byFirst[short]) == 0 {
		if e := r.byID[id]; !strings.Contains(e.Name, " ") && (e.Type == string(Person) || e.Type == string(Organisation)) {
			return e
		}
	}
	return nil
}

func (r *Registry) create(le Entity, key string) *news.Entity {
	sum := sha256.Sum256([]byte(string(le.Type) + "\x00" + key))
	id := "e" + hex.EncodeToString(sum[:8])
	for n := 2; r.byID[id] != nil; n++ {
		// Two entities created under one key cannot happen through
		// Assign; the suffix only guards against a hash collision.
		id = fmt.Sprintf("e%x-%d", sum[:8], n)
	}
	e := &news.Entity{ID: id, Type: string(le.Type), Name: le.Name}
	r.byID[id] = e
	return e
}

// extend adds a local entity's keys and, for a fuller name, its name. It
// reports whether the identity changed.
func (r *Registry) extend(e *news.Entity, le Entity, keys []string) bool {
	changed := false
	have := map[string]bool{}
	for _, k := range e.Keys {
		have[k] = true
	}
	for _, k := range keys {
		if !have[k] {
			have[k] = true
			e.Keys = append(e.Keys, k)
			changed = true
		}
	}
	if !strings.HasPrefix(keys[0], "alias:") {
		// Alias-table entries have a fixed class; others take the
		// majority of the tagger's votes.
		if e.Votes == nil {
			e.Votes = map[string]int{}
		}
		// One vote per article: the article's own majority.
		e.Votes[string(le.Type)]++
		changed = true
		if t := majority(e.Votes, e.Type); t != e.Type {
			e.Type = t
		}
	}
	if len(strings.Fields(le.Name)) > len(strings.Fields(e.Name)) {
		e.Name = le.Name
		changed = true
	}
	for _, k := range e.Keys {
		r.index(e, k)
	}
	return changed
}

// majority is the class with the most votes; ties keep the current one.
func majority(votes map[string]int, current string) string {
	best := current
	for _, t := range types {
		if votes[string(t)] > votes[best] {
			best = string(t)
		}
	}
	return best
}

// entityKeys are the normalised names a local entity is known by: its
// alias-table key, or the keys of its name and of every spelling.
func entityKeys(le Entity) []string {
	if e, ok := aliases[nameKey(le.Name)]; ok {
		return []string{"alias:" + nameKey(e.name)}
	}
	var keys []string
	seen := map[string]bool{}
	for _, n := range append([]string{le.Name}, le.Aliases...) {
		k := nameKey(n)
		if k == "" || seen[k] {
			continue
		}
		// A lone surname is matched through bySurname, never indexed as
		// a key of a fully named person, so that a second person with
		// that surname does not inherit it.
		if le.Type == Person && len(keys) > 0 && strings.Contains(keys[0], " ") && !strings.Contains(k, " ") {
			continue
		}
		seen[k] = true
		keys = append(keys, k)
	}
	return keys
}
