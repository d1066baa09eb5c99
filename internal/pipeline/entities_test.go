package pipeline

import (
	"context"
	"slices"
	"testing"

	"github.com/dossier-news/dossier/internal/store"
)

// TestSampleEntities checks that people and places of the sample corpus
// come out with one identity each, whatever form an article used.
func TestSampleEntities(t *testing.T) {
	ctx := context.Background()
	st, _, _ := sampleRun(t)
	one := func(name string) store.EntityQuery { return store.EntityQuery{Name: name} }
	for _, c := range []struct {
		name, typ   string
		alias       string // another spelling that must find the same entity
		minArticles int
	}{
		{"Dace Holloway", "PER", "Holloway", 5},
		{"Brannock Chemical Works", "ORG", "Brannock", 10},
		{"Port Aldmere", "LOC", "", 10},
		{"Tansy Wharf", "LOC", "", 10},
	} {
		es, err := st.Entities(ctx, one(c.name))
		if err != nil {
			t.Fatal(err)
		}
		if len(es) != 1 {
			t.Errorf("%s: %d entities %+v, want one", c.name, len(es), es)
			continue
		}
		e, err := st.Entity(ctx, es[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if e.Name != c.name || e.Type != c.typ || e.Articles < c.minArticles {
			t.Errorf("%s: got %s %q in %d articles, want %s in at least %d", c.name, e.Type, e.Name, e.Articles, c.typ, c.minArticles)
		}
		if c.alias == "" {
			continue
		}
		if !slices.Contains(e.Aliases, c.alias) {
			t.Errorf("%s: aliases %q lack %q", c.name, e.Aliases, c.alias)
		}
		if byAlias, _ := st.Entities(ctx, one(c.alias)); len(byAlias) != 1 || byAlias[0].ID != e.ID {
			t.Errorf("%s: looking up %q found %+v, want the same entity", c.name, c.alias, byAlias)
		}
	}
	top, err := st.Entities(ctx, store.EntityQuery{Limit: 10})
	if err != nil || len(top) == 0 {
		t.Fatalf("Entities = %v, %v", top, err)
	}
	if testing.Verbose() {
		for _, e := range top {
			t.Logf("%-4s %-24s articles %d mentions %d", e.Type, e.Name, e.Articles, e.Mentions)
		}
	}
}
