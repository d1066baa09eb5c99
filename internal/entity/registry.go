package entity

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
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
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry {
	return &Registry{byID: map[string]*news.Entity{}, byKey: map[string]string{}, bySurname: map[string][]string{}}
}

// Load adds a known identity, as the store kept it.
func (r *Registry) Load(e news.Entity) {
	c := e
	c.Keys = append([]string(nil), e.Keys...)
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
	if e.Type == string(Person) && strings.Contains(key, " ") && !strings.HasPrefix(key, "alias:") {
		s := key[strings.LastIndexByte(key, ' ')+1:]
		for _, id := range r.bySurname[s] {
			if id == e.ID {
				return
			}
		}
		r.bySurname[s] = append(r.bySurname[s], e.ID)
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
		return nil
	}
	if le.Type == Person && !strings.HasPrefix(keys[0], "alias:") {
		// "Sergei Lavrov" after articles that only said "Lavrov".
		s := surnameKey(le.Name)
		if id, ok := r.byKey[s]; ok && len(r.bySurname[s]) == 0 {
			if e := r.byID[id]; e.Type == string(Person) && !strings.Contains(e.Name, " ") {
				return e
			}
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
	if e.Type == string(Person) && len(strings.Fields(le.Name)) > len(strings.Fields(e.Name)) {
		e.Name = le.Name
		changed = true
	}
	for _, k := range e.Keys {
		r.index(e, k)
	}
	return changed
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
