package entity

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/news"
)

// TestRegistry feeds articles one at a time and checks which identity
// each name ends up with.
func TestRegistry(t *testing.T) {
	r := NewRegistry()
	ids := map[string]string{} // mention text → entity id
	feed := func(a Article) {
		t.Helper()
		ms, _ := r.Assign(a.ID, Resolve(a))
		for _, m := range ms {
			if old, ok := ids[m.Text]; ok && old != m.Entity {
				t.Errorf("%s: %q moved from %s to %s", a.ID, m.Text, old, m.Entity)
			}
			ids[m.Text] = m.Entity
		}
	}
	feed(article(t, "a", "Orlov spoke first.", "PER:Orlov"))
	feed(article(t, "b", "Sergei Orlov spoke again. The Russian Federation agreed.", "PER:Sergei Orlov", "LOC:Russian Federation"))
	feed(article(t, "c", "Sergey Orlov and Russia.", "PER:Sergey Orlov", "LOC:Russia"))
	feed(article(t, "d", "Orlov left; Russian diplomats stayed.", "PER:Orlov", "MISC:Russian"))
	feed(article(t, "e", "Anna Orlov arrived.", "PER:Anna Orlov"))
	feed(article(t, "f", "Orlov, not saying which.", "PER:Orlov"))

	same := [][]string{
		{"Orlov", "Sergei Orlov", "Sergey Orlov"},
		{"Russian Federation", "Russia", "Russian"},
	}
	for _, group := range same {
		for _, n := range group[1:] {
			if ids[n] != ids[group[0]] {
				t.Errorf("%q is %s, %q is %s; want one identity", n, ids[n], group[0], ids[group[0]])
			}
		}
	}
	if ids["Anna Orlov"] == ids["Sergei Orlov"] {
		t.Error("Anna Orlov joined Sergei Orlov")
	}
	if got := r.byID[ids["Sergei Orlov"]].Name; got != "Sergei Orlov" {
		t.Errorf("name after the full name arrived = %q, want Sergei Orlov", got)
	}
	if r.Len() != 3 {
		t.Errorf("%d identities, want 3 (Sergei Orlov, Russia, Anna Orlov)", r.Len())
	}
}

// TestRegistryReload checks that identities loaded from the store match
// new mentions exactly as the registry that made them would.
func TestRegistryReload(t *testing.T) {
	r := NewRegistry()
	_, changed := r.Assign("a", Resolve(article(t, "a", "Sergei Orlov and the U.S.", "PER:Sergei Orlov", "LOC:U.S.")))
	if len(changed) != 2 {
		t.Fatalf("changed %d identities, want 2", len(changed))
	}
	fresh := NewRegistry()
	for _, e := range changed {
		fresh.Load(e)
	}
	b := Resolve(article(t, "b", "Sergey Orlov and the United States; Orlov again.", "PER:Sergey Orlov", "LOC:United States", "PER:Orlov"))
	want, _ := r.Assign("b", b)
	got, _ := fresh.Assign("b", b)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("reloaded registry differs (-original +reloaded):\n%s", diff)
	}
	for _, m := range got {
		if m.Kind != news.MentionName {
			t.Errorf("mention %+v: kind %q, want name", m, m.Kind)
		}
	}
}

// TestRegistryLookup checks that Lookup finds what Assign gave without
// creating anything for a name it has not seen.
func TestRegistryLookup(t *testing.T) {
	r := NewRegistry()
	ms, _ := r.Assign("a", Resolve(article(t, "a", "Sergei Orlov spoke.", "PER:Sergei Orlov")))
	if len(ms) != 1 {
		t.Fatalf("Assign gave %d mentions, want 1", len(ms))
	}
	lone := Resolve(article(t, "b", "Orlov left.", "PER:Orlov"))
	if got, ok := r.Lookup(lone[0]); !ok || got.ID != ms[0].Entity {
		t.Errorf("Lookup(Orlov) = %v, %v; want %s", got.ID, ok, ms[0].Entity)
	}
	unknown := Resolve(article(t, "c", "Vera Lind left.", "PER:Vera Lind"))
	if got, ok := r.Lookup(unknown[0]); ok {
		t.Errorf("Lookup(Vera Lind) = %v; want none", got)
	}
	if r.Len() != 1 {
		t.Errorf("registry holds %d identities after lookups, want 1", r.Len())
	}
}
