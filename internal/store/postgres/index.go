package postgres

import (
	"context"
	"fmt"

	"github.com/dossier-news/dossier/internal/store"
)

var _ store.Indexer = (*Store)(nil)

// ftsExpr is an article's search vector — title words weighted above
// body words, the 'simple' configuration so that both backends answer
// the same queries — written once for the indexer and for the search of
// rows still pending.
const ftsExpr = `(setweight(to_tsvector('simple', a.title), 'A') || setweight(to_tsvector('simple', t.text), 'B'))`

// IndexPending implements store.Indexer. SKIP LOCKED lets several
// workers index side by side, each taking rows the others have not.
func (s *Store) IndexPending(ctx context.Context, limit int) (int, error) {
	tag, err := s.db.Exec(ctx, `UPDATE article_texts t SET fts = `+ftsExpr+` FROM articles a
		WHERE a.seq = t.article_seq AND (t.article_seq, t.sort_time) IN (SELECT article_seq, sort_time FROM article_texts
			WHERE fts IS NULL ORDER BY article_seq LIMIT $1 FOR UPDATE SKIP LOCKED)`, limit)
	if err != nil {
		return 0, fmt.Errorf("postgres: search index: %w", err)
	}
	return int(tag.RowsAffected()), nil
}
