// Package postgres is Dossier's store for more than one machine: PostgreSQL
// through jackc/pgx, with versioned migrations and tsvector full-text
// search. It passes the same conformance suite (store/storetest) as the
// embedded SQLite store, unchanged.
package postgres

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is a store.Store on a PostgreSQL database.
type Store struct {
	db         *pgxpool.Pool
	partitions textPartitions
}

var _ store.Store = (*Store)(nil)

// migrationLock is the advisory lock key that serialises migrations when
// several workers start at once.
const migrationLock = 0x646f7373 // "doss"

// Open connects to the database named by a postgres:// URL or key=value
// DSN and brings its schema up to date.
func Open(ctx context.Context, dsn string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("postgres: bad connection string: %v: %w", err, news.ErrInvalid)
	}
	db, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: connect: %w", err)
	}
	s := &Store{db: db}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// Close closes the connection pool.
func (s *Store) Close() error { s.db.Close(); return nil }

// migrate applies every embedded migration newer than the recorded schema
// version, all under one advisory lock and each in its own transaction.
func (s *Store) migrate(ctx context.Context) error { return s.migrateTo(ctx, math.MaxInt) }

// migrateTo is migrate stopping after version last, which lets a test
// fill a schema as an older release left it before migrating it on.
func (s *Store) migrateTo(ctx context.Context, last int) error {
	conn, err := s.db.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("postgres: connect: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, migrationLock); err != nil {
		return fmt.Errorf("postgres: migration lock: %w", err)
	}
	defer conn.Exec(context.Background(), `SELECT pg_advisory_unlock($1)`, migrationLock)
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`); err != nil {
		return fmt.Errorf("postgres: migrations table: %w", err)
	}
	// Every migration not yet recorded is applied, not only those above
	// the highest: two branches may add migrations in either order.
	applied := map[int]bool{}
	rows, err := conn.Query(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return fmt.Errorf("postgres: schema version: %w", err)
	}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			rows.Close()
			return fmt.Errorf("postgres: schema version: %w", err)
		}
		applied[v] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("postgres: schema version: %w", err)
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		base := strings.TrimPrefix(name, "migrations/")
		v, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("postgres: migration %s has no version prefix", base)
		}
		if applied[v] || v > last {
			continue
		}
		body, err := migrations.ReadFile(name)
		if err != nil {
			return err
		}
		err = pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, string(body)); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)`,
				v, base, time.Now().UnixNano())
			return err
		})
		if err != nil {
			return fmt.Errorf("postgres: migration %s: %w", base, err)
		}
	}
	return nil
}

// SchemaVersion reports the latest applied migration.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.db.QueryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v)
	return v, err
}

// Stats implements store.Store.
func (s *Store) Stats(ctx context.Context) (store.Stats, error) {
	var st store.Stats
	err := s.db.QueryRow(ctx, `SELECT
		(SELECT COUNT(*) FROM articles),
		(SELECT COUNT(*) FROM failures),
		(SELECT COUNT(DISTINCT CASE WHEN source_name <> '' THEN lower(source_name) ELSE source_domain END)
		   FROM articles WHERE source_name <> '' OR source_domain <> ''),
		(SELECT COUNT(DISTINCT origin_id) FROM article_groups),
		(SELECT COUNT(*) FROM article_groups WHERE article_id <> origin_id),
		(SELECT COUNT(*) FROM entities),
		(SELECT COUNT(*) FROM quotes WHERE EXISTS (SELECT 1 FROM quote_carriers c WHERE c.quote_id = quotes.id)),
		(SELECT COUNT(DISTINCT story_id) FROM story_members
		   WHERE story_id NOT IN (SELECT from_id FROM story_redirects)),
		(SELECT COUNT(DISTINCT id) FROM storylines)`).Scan(
		&st.Articles, &st.Failures, &st.Outlets, &st.DupGroups, &st.Copies, &st.Entities, &st.Quotes,
		&st.Stories, &st.Storylines)
	if err != nil {
		return st, fmt.Errorf("postgres: stats: %w", err)
	}
	return st, nil
}

func nanos(t time.Time) *int64 {
	if t.IsZero() {
		return nil
	}
	n := t.UnixNano()
	return &n
}

func fromNanos(n *int64) time.Time {
	if n == nil {
		return time.Time{}
	}
	return time.Unix(0, *n).UTC()
}

func timeFromNanos(n int64) time.Time { return time.Unix(0, n).UTC() }
