package pipeline

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/pipeline/pipelinetest"
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
		if _, err := Run(context.Background(), st, []string{dir}, sizeCuts, nil); err != nil {
			t.Fatal(err)
		}
	}
	want, got := pipelinetest.Of(t, lite), pipelinetest.Of(t, pg)
	if want.Empty() {
		t.Fatalf("the SQLite run found %d groups, %d stories, %d quotes: nothing to compare", len(want.Groups), len(want.Stories), len(want.Quotes))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("PostgreSQL differs from SQLite (-sqlite +postgres):\n%s", diff)
	}
}
