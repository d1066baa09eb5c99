package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// PutTimes implements store.Store.
func (s *Store) PutTimes(ctx context.Context, b store.TimeBatch) error {
	if len(b.Articles)+len(b.Expressions) == 0 {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: begin: %w", err)
	}
	defer tx.Rollback()
	for _, a := range b.Articles {
		if _, err := tx.ExecContext(ctx, `DELETE FROM time_expressions WHERE article_id = ?`, a); err != nil {
			return fmt.Errorf("sqlite: times of %s: %w", a, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO time_articles (article_id) VALUES (?) ON CONFLICT DO NOTHING`, a); err != nil {
			return fmt.Errorf("sqlite: times of %s: %w", a, err)
		}
	}
	ins, err := tx.PrepareContext(ctx, `INSERT INTO time_expressions (article_id, span_start, span_end,
		sentence_start, sentence_end, text, type, value, mod, day_first, day_last)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (article_id, span_start) DO UPDATE SET span_end = excluded.span_end,
		sentence_start = excluded.sentence_start, sentence_end = excluded.sentence_end, text = excluded.text,
		type = excluded.type, value = excluded.value, mod = excluded.mod, day_first = excluded.day_first,
		day_last = excluded.day_last`)
	if err != nil {
		return fmt.Errorf("sqlite: times: %w", err)
	}
	defer ins.Close()
	for _, x := range b.Expressions {
		if _, err := ins.ExecContext(ctx, x.Article, x.Span.Start, x.Span.End, x.Sentence.Start, x.Sentence.End,
			x.Text, x.Type, x.Value, x.Mod, store.Day(x.First), store.Day(x.Last)); err != nil {
			return fmt.Errorf("sqlite: time expression in %s: %w", x.Article, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: commit: %w", err)
	}
	return nil
}

// Untimed implements store.Store.
func (s *Store) Untimed(ctx context.Context, limit int) ([]news.Article, error) {
	return s.queryArticles(ctx, `SELECT `+articleColumns+` FROM `+articleFrom+`
		WHERE NOT EXISTS (SELECT 1 FROM time_articles t WHERE t.article_id = a.id)
		ORDER BY a.rowid LIMIT ?`, limit)
}

// TimeExpressions implements store.Store.
func (s *Store) TimeExpressions(ctx context.Context, article string) ([]news.TimeExpression, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT article_id, span_start, span_end, sentence_start, sentence_end,
		text, type, value, mod, day_first, day_last FROM time_expressions WHERE article_id = ? ORDER BY span_start`, article)
	if err != nil {
		return nil, fmt.Errorf("sqlite: times of %s: %w", article, err)
	}
	defer rows.Close()
	var out []news.TimeExpression
	for rows.Next() {
		var x news.TimeExpression
		var first, last sql.NullString
		if err := rows.Scan(&x.Article, &x.Span.Start, &x.Span.End, &x.Sentence.Start, &x.Sentence.End,
			&x.Text, &x.Type, &x.Value, &x.Mod, &first, &last); err != nil {
			return nil, fmt.Errorf("sqlite: times of %s: %w", article, err)
		}
		if first.Valid && last.Valid {
			if x.First, err = store.ParseDay(first.String); err == nil {
				x.Last, err = store.ParseDay(last.String)
			}
			if err != nil {
				return nil, fmt.Errorf("sqlite: times of %s: %w", article, err)
			}
		}
		out = append(out, x)
	}
	return out, rows.Err()
}
