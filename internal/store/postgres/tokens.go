package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/dossier-news/dossier/internal/news"
)

// PutToken implements store.Store.
func (s *Store) PutToken(ctx context.Context, t news.Token) error {
	if t.ID == "" || t.Hash == "" {
		return fmt.Errorf("postgres: token without id or hash: %w", news.ErrInvalid)
	}
	_, err := s.db.Exec(ctx, `INSERT INTO api_tokens (id, name, hash, created_at) VALUES ($1, $2, $3, $4)`,
		t.ID, t.Name, t.Hash, t.Created.UnixNano())
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "23505" { // unique_violation
		return fmt.Errorf("postgres: token %s: already stored: %w", t.ID, news.ErrInvalid)
	}
	if err != nil {
		return fmt.Errorf("postgres: token %s: %w", t.ID, err)
	}
	return nil
}

// TokenByHash implements store.Store.
func (s *Store) TokenByHash(ctx context.Context, hash string) (news.Token, error) {
	t := news.Token{Hash: hash}
	var created int64
	err := s.db.QueryRow(ctx, `SELECT id, name, created_at FROM api_tokens WHERE hash = $1`, hash).Scan(&t.ID, &t.Name, &created)
	if errors.Is(err, pgx.ErrNoRows) {
		return news.Token{}, fmt.Errorf("token: %w", news.ErrNotFound)
	}
	if err != nil {
		return news.Token{}, fmt.Errorf("postgres: token: %w", err)
	}
	t.Created = timeFromNanos(created)
	return t, nil
}

// Tokens implements store.Store.
func (s *Store) Tokens(ctx context.Context) ([]news.Token, error) {
	rows, err := s.db.Query(ctx, `SELECT id, name, hash, created_at FROM api_tokens ORDER BY created_at, id`)
	if err != nil {
		return nil, fmt.Errorf("postgres: tokens: %w", err)
	}
	defer rows.Close()
	var out []news.Token
	for rows.Next() {
		var t news.Token
		var created int64
		if err := rows.Scan(&t.ID, &t.Name, &t.Hash, &created); err != nil {
			return nil, fmt.Errorf("postgres: tokens: %w", err)
		}
		t.Created = timeFromNanos(created)
		out = append(out, t)
	}
	return out, rows.Err()
}
