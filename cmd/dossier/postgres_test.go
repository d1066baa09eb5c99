package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/sample"
	"github.com/dossier-news/dossier/internal/store/postgres/pgtest"
)

// TestPostgresDB: the same commands run on PostgreSQL by giving --db a
// postgres:// URL — migrate, ingest the sample, list its stories — in a
// schema of the test's own. It skips without DOSSIER_TEST_POSTGRES.
func TestPostgresDB(t *testing.T) {
	db := pgtest.DSN(t)
	bin := buildBinary(t)

	out, stderr, code := run(t, bin, "migrate", "--db", db)
	if code != 0 || !strings.HasPrefix(out, "schema at version ") {
		t.Fatalf("migrate (exit %d) = %q %q", code, out, stderr)
	}
	dir := filepath.Join(t.TempDir(), "corpus")
	if _, err := sample.WriteTo(dir); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := run(t, bin, "ingest", "--db", db, dir); code != 0 {
		t.Fatalf("ingest on PostgreSQL (exit %d): %s", code, stderr)
	}
	out, stderr, code = run(t, bin, "stories", "--db", db, "--sort", "size")
	if lines := strings.Split(strings.TrimSpace(out), "\n"); code != 0 || len(lines) != 4 || !strings.Contains(lines[0], "Tansy Wharf") {
		t.Errorf("stories on PostgreSQL (exit %d) = %s\n%s", code, out, stderr)
	}
}
