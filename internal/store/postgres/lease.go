package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// Lease is the exclusive right to apply one named log to this store,
// held as a session-level advisory lock on a connection of its own: the
// lock is released by PostgreSQL the moment that connection ends, so a
// worker killed mid-batch hands over without anyone having to notice it
// died. The position applied so far is read and written through the
// same connection, so a worker that has lost its lease can no longer
// advance the position.
type Lease struct {
	conn *pgx.Conn
	name string
}

// Lead blocks until this process holds the lease for name, or ctx ends.
func (s *Store) Lead(ctx context.Context, name string) (*Lease, error) {
	conn, err := pgx.ConnectConfig(ctx, s.db.Config().ConnConfig.Copy())
	if err != nil {
		return nil, fmt.Errorf("postgres: lease connection: %w", err)
	}
	// hashtext gives the lock a key derived from the log's name; a
	// collision with another advisory lock would only serialise more.
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock(hashtext('dossier-lease:' || $1))`, name); err != nil {
		conn.Close(context.Background())
		return nil, fmt.Errorf("postgres: lease %s: %w", name, err)
	}
	return &Lease{conn: conn, name: name}, nil
}

// Position is how far the log has been applied; 0 when never.
func (l *Lease) Position(ctx context.Context) (uint64, error) {
	return position(ctx, l.conn, l.name)
}

// SetPosition records that the log has been applied up to seq.
func (l *Lease) SetPosition(ctx context.Context, seq uint64) error {
	if _, err := l.conn.Exec(ctx, `INSERT INTO bus_positions (name, seq) VALUES ($1, $2)
		ON CONFLICT (name) DO UPDATE SET seq = EXCLUDED.seq`, l.name, int64(seq)); err != nil {
		return fmt.Errorf("postgres: lease %s: position: %w", l.name, err)
	}
	return nil
}

// Check reports an error when the lease's connection, and so the lease,
// has been lost.
func (l *Lease) Check(ctx context.Context) error {
	if err := l.conn.Ping(ctx); err != nil {
		return fmt.Errorf("postgres: lease %s lost: %w", l.name, err)
	}
	return nil
}

// Release gives the lease up.
func (l *Lease) Release() { l.conn.Close(context.Background()) }

// Position is how far the named log has been applied, read by anyone
// (a worker waiting to lead, a test, a status command).
func (s *Store) Position(ctx context.Context, name string) (uint64, error) {
	return position(ctx, s.db, name)
}

type querier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

func position(ctx context.Context, q querier, name string) (uint64, error) {
	var seq int64
	err := q.QueryRow(ctx, `SELECT seq FROM bus_positions WHERE name = $1`, name).Scan(&seq)
	switch {
	case err == pgx.ErrNoRows:
		return 0, nil
	case err != nil:
		return 0, fmt.Errorf("postgres: position of %s: %w", name, err)
	}
	return uint64(seq), nil
}
