package pipeline

import (
	"context"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/sample"
	"github.com/dossier-news/dossier/internal/store"
	"github.com/dossier-news/dossier/internal/store/postgres"
	"github.com/dossier-news/dossier/internal/store/postgres/pgtest"
)

// freshPostgres opens a PostgreSQL store in a schema of its own; it
// skips without DOSSIER_TEST_POSTGRES (.ci/run sets it).
func freshPostgres(t *testing.T) store.Store {
	t.Helper()
	st, err := postgres.Open(context.Background(), pgtest.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// outcome is what the pipeline made of a corpus, in a form two stores
// can be compared by: syndication groups, stories with their members,
// and quotes with their carriers.
type outcome struct {
	Groups  map[string][]string
	Stories map[string][]string
	Quotes  map[string][]string
}

func outcomeOf(t *testing.T, st store.Store) outcome {
	t.Helper()
	ctx := context.Background()
	o := outcome{Groups: map[string][]string{}, Stories: map[string][]string{}, Quotes: map[string][]string{}}
	gs, err := st.DupGroups(ctx, store.MaxLimit)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range gs {
		ms := slices.Clone(g.Members)
		slices.Sort(ms)
		o.Groups[g.Origin] = ms
	}
	if err := st.StoryMembers(ctx, func(m news.StoryMember, _ news.Article) error {
		o.Stories[m.Story] = append(o.Stories[m.Story], m.Article)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	qs, err := st.Quotes(ctx, store.QuoteQuery{Limit: store.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range qs {
		for _, c := range q.Carriers {
			o.Quotes[q.ID] = append(o.Quotes[q.ID], c.Article+" "+q.Speaker.Entity+" "+q.Speaker.Name)
		}
	}
	return o
}

// TestSamplePostgresMatchesSQLite: the bundled corpus through the whole
// pipeline on PostgreSQL gives the same syndication groups, stories and
// quotes as on the embedded SQLite store.
func TestSamplePostgresMatchesSQLite(t *testing.T) {
	pg := freshPostgres(t)
	dir := t.TempDir()
	if _, err := sample.WriteTo(dir); err != nil {
		t.Fatal(err)
	}
	lite := openStore(t)
	for _, st := range []store.Store{lite, pg} {
		if _, err := Run(context.Background(), st, []string{dir}, Config{}, nil); err != nil {
			t.Fatal(err)
		}
	}
	want, got := outcomeOf(t, lite), outcomeOf(t, pg)
	if len(want.Groups) == 0 || len(want.Stories) == 0 || len(want.Quotes) == 0 {
		t.Fatalf("the SQLite run found %d groups, %d stories, %d quotes: nothing to compare", len(want.Groups), len(want.Stories), len(want.Quotes))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("PostgreSQL differs from SQLite (-sqlite +postgres):\n%s", diff)
	}
}
