package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/dossier-news/dossier/internal/news"
)

// PutToken implements store.Store.
func (s *Store) PutToken(ctx context.Context, t news.Token) error {
	if t.ID == "" || t.Hash == "" {
		return fmt.Errorf("sqlite: token without id or hash: %w", news.ErrInvalid)
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO api_tokens (id, name, hash, created_at) VALUES (?, ?, ?, ?)`,
		t.ID, t.Name, t.Hash, t.Created.UnixNano())
	if err != nil && strings.Contains(err.Error(), "UNIQUE") {
		return fmt.Errorf("sqlite: token %s: already stored: %w", t.ID, news.ErrInvalid)
	}
	if err != nil {
		return fmt.Errorf("sqlite: token %s: %w", t.ID, err)
	}
	return nil
}

// TokenByHash implements store.Store.
func (s *Store) TokenByHash(ctx context.Context, hash string) (news.Token, error) {
	t := news.Token{Hash: hash}
	var created int64
	err := s.db.QueryRowContext(ctx, `SELECT id, name, created_at FROM api_tokens WHERE hash = ?`, hash).Scan(&t.ID, &t.Name, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return news.Token{}, fmt.Errorf("token: %w", news.ErrNotFound)
	}
	if err != nil {
		return news.Token{}, fmt.Errorf("sqlite: token: %w", err)
	}
	t.Created = timeFromNanos(created)
	return t, nil
}

// Tokens implements store.Store.
func (s *Store) Tokens(ctx context.Context) ([]news.Token, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, name, hash, created_at FROM api_tokens ORDER BY created_at, id`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: tokens: %w", err)
	}
	defer rows.Close()
	var out []news.Token
	for rows.Next() {
		var t news.Token
		var created int64
		if err := rows.Scan(&t.ID, &t.Name, &t.Hash, &created); err != nil {
			return nil, fmt.Errorf("sqlite: tokens: %w", err)
		}
		t.Created = timeFromNanos(created)
		out = append(out, t)
	}
	return out, rows.Err()
}
