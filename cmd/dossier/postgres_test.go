package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dossier-news/dossier/internal/sample"
)

// TestPostgresDB: the same commands run on PostgreSQL by giving --db a
// postgres:// URL — migrate, ingest the sample, list its stories — in a
// schema of the test's own. It skips without DOSSIER_TEST_POSTGRES.
func TestPostgresDB(t *testing.T) {
	dsn := os.Getenv("DOSSIER_TEST_POSTGRES")
	if dsn == "" {
		t.Skip("DOSSIER_TEST_POSTGRES not set")
	}
	bin := buildBinary(t)
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	schema := fmt.Sprintf("cli_%d", time.Now().UnixNano())
	if _, err := admin.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_, _ = admin.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		admin.Close(context.Background())
	})
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	db := u.String()

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
