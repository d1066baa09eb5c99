package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// PutTimes implements store.Store.
func (s *Store) PutTimes(ctx context.Context, b store.TimeBatch) error {
	if len(b.Articles)+len(b.Expressions) == 0 {
		return nil
	}
	err := pgx.BeginFunc(ctx, s.db, func(tx pgx.Tx) error {
		if len(b.Articles) > 0 {
			if _, err := tx.Exec(ctx, `DELETE FROM time_expressions WHERE article_id = ANY($1)`, b.Articles); err != nil {
				return fmt.Errorf("times: %w", err)
			}
			if _, err := tx.Exec(ctx, `INSERT INTO time_articles (article_id) SELECT unnest($1::text[])
				ON CONFLICT DO NOTHING`, b.Articles); err != nil {
				return fmt.Errorf("processed articles: %w", err)
			}
		}
		if len(b.Expressions) > 0 {
			type at struct {
				article string
				start   int
			}
			keep := lastWins(len(b.Expressions), func(i int) at { return at{b.Expressions[i].Article, b.Expressions[i].Span.Start} })
			n := len(keep)
			arts, texts, types, values, mods := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
			starts, ends, sstarts, sends := make([]int64, n), make([]int64, n), make([]int64, n), make([]int64, n)
			firsts, lasts := make([]*string, n), make([]*string, n)
			for k, i := range keep {
				x := b.Expressions[i]
				arts[k], starts[k], ends[k], sstarts[k], sends[k] = x.Article, int64(x.Span.Start), int64(x.Span.End),
					int64(x.Sentence.Start), int64(x.Sentence.End)
				texts[k], types[k], values[k], mods[k], firsts[k], lasts[k] = x.Text, x.Type, x.Value, x.Mod, day(x.First), day(x.Last)
			}
			if _, err := tx.Exec(ctx, `INSERT INTO time_expressions (article_id, span_start, span_end,
				sentence_start, sentence_end, text, type, value, mod, day_first, day_last)
				SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::int[], $5::int[], $6::text[], $7::text[],
					$8::text[], $9::text[], $10::text[], $11::text[])
				ON CONFLICT (article_id, span_start) DO UPDATE SET span_end = excluded.span_end,
				sentence_start = excluded.sentence_start, sentence_end = excluded.sentence_end, text = excluded.text,
				type = excluded.type, value = excluded.value, mod = excluded.mod, day_first = excluded.day_first,
				day_last = excluded.day_last`,
				arts, starts, ends, sstarts, sends, texts, types, values, mods, firsts, lasts); err != nil {
				return fmt.Errorf("time expressions: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	return nil
}

// Untimed implements store.Store.
func (s *Store) Untimed(ctx context.Context, limit int) ([]news.Article, error) {
	return s.queryArticles(ctx, `SELECT `+articleColumns+` FROM `+articleFrom+`
		WHERE NOT EXISTS (SELECT 1 FROM time_articles t WHERE t.article_id = a.id)
		ORDER BY a.seq LIMIT $1`, limit)
}

// TimeExpressions implements store.Store.
func (s *Store) TimeExpressions(ctx context.Context, article string) ([]news.TimeExpression, error) {
	rows, err := s.db.Query(ctx, `SELECT article_id, span_start, span_end, sentence_start, sentence_end,
		text, type, value, mod, day_first, day_last FROM time_expressions WHERE article_id = $1 ORDER BY span_start`, article)
	if err != nil {
		return nil, fmt.Errorf("postgres: times of %s: %w", article, err)
	}
	defer rows.Close()
	var out []news.TimeExpression
	for rows.Next() {
		var x news.TimeExpression
		var first, last *string
		if err := rows.Scan(&x.Article, &x.Span.Start, &x.Span.End, &x.Sentence.Start, &x.Sentence.End,
			&x.Text, &x.Type, &x.Value, &x.Mod, &first, &last); err != nil {
			return nil, fmt.Errorf("postgres: times of %s: %w", article, err)
		}
		if first != nil && last != nil {
			if x.First, err = store.ParseDay(*first); err == nil {
				x.Last, err = store.ParseDay(*last)
			}
			if err != nil {
				return nil, fmt.Errorf("postgres: times of %s: %w", article, err)
			}
		}
		out = append(out, x)
	}
	return out, rows.Err()
}
