package postgres

import (
	"context"
	"io/fs"
	"os"
	"testing"

	"github.com/dossier-news/dossier/internal/store"
	"github.com/dossier-news/dossier/internal/store/postgres/pgtest"
	"github.com/dossier-news/dossier/internal/store/storetest"
)

// testDSN is the server the tests use; .ci/run starts one and sets it.
// Without it the tests skip, so `go test ./...` works anywhere.
func testDSN(t *testing.T) string {
	dsn := os.Getenv("DOSSIER_TEST_POSTGRES")
	if dsn == "" {
		t.Skip("DOSSIER_TEST_POSTGRES not set (bash .ci/postgres.sh starts a server and prints its URL)")
	}
	return dsn
}

// openFresh opens a store in a new, empty schema of its own, so subtests
// cannot see each other's data and need no clean-up order.
func openFresh(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), pgtest.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestConformance(t *testing.T) {
	testDSN(t)
	storetest.Run(t, func(t *testing.T) store.Store { return openFresh(t) })
}

func TestMigrationsAreRecorded(t *testing.T) {
	s := openFresh(t)
	names, _ := fs.Glob(migrations, "migrations/*.sql")
	v, err := s.SchemaVersion(context.Background())
	if err != nil || v != len(names) || v < 2 {
		t.Errorf("SchemaVersion = %d, %v; want %d, one per migration", v, err, len(names))
	}
}

func TestBadDSN(t *testing.T) {
	if _, err := Open(context.Background(), "postgres://%zz"); err == nil {
		t.Error("Open accepted a malformed URL")
	}
}
