package sqlite

import (
	"context"
	"fmt"
	"strings"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// PutQuotes implements store.Store.
func (s *Store) PutQuotes(ctx context.Context, b store.QuoteBatch) error {
	if len(b.Articles)+len(b.Quotes) == 0 {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: begin: %w", err)
	}
	defer tx.Rollback()
	for _, a := range b.Articles {
		if _, err := tx.ExecContext(ctx, `DELETE FROM quote_carriers WHERE article_id = ?`, a); err != nil {
			return fmt.Errorf("sqlite: quotes of %s: %w", a, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO quote_articles (article_id) VALUES (?) ON CONFLICT DO NOTHING`, a); err != nil {
			return fmt.Errorf("sqlite: quotes of %s: %w", a, err)
		}
	}
	insQuote, err := tx.PrepareContext(ctx, `INSERT INTO quotes (id, kind, content) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`)
	if err != nil {
		return fmt.Errorf("sqlite: quotes: %w", err)
	}
	defer insQuote.Close()
	insCarrier, err := tx.PrepareContext(ctx, `INSERT INTO quote_carriers (article_id, content_start, content_end,
		quote_id, source_start, source_end, cue_start, cue_end, source_text, cue_text, speaker_entity, speaker_name,
		speaker_type) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (article_id, content_start) DO NOTHING`)
	if err != nil {
		return fmt.Errorf("sqlite: quotes: %w", err)
	}
	defer insCarrier.Close()
	for _, q := range b.Quotes {
		if _, err := insQuote.ExecContext(ctx, q.ID, q.Kind, q.Content); err != nil {
			return fmt.Errorf("sqlite: quote %s: %w", q.ID, err)
		}
		for _, c := range q.Carriers {
			if _, err := insCarrier.ExecContext(ctx, c.Article, c.Content.Start, c.Content.End, q.ID,
				c.Source.Start, c.Source.End, c.Cue.Start, c.Cue.End, c.SourceText, c.CueText,
				c.Speaker.Entity, c.Speaker.Name, c.Speaker.Type); err != nil {
				return fmt.Errorf("sqlite: quote %s in %s: %w", q.ID, c.Article, err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: commit: %w", err)
	}
	return nil
}

// Unquoted implements store.Store.
func (s *Store) Unquoted(ctx context.Context, limit int) ([]news.Article, error) {
	return s.queryArticles(ctx, `SELECT `+articleColumns+` FROM `+articleFrom+`
		WHERE NOT EXISTS (SELECT 1 FROM quote_articles q WHERE q.article_id = a.id)
		ORDER BY a.rowid LIMIT ?`, limit)
}

// QuoteContents implements store.Store.
func (s *Store) QuoteContents(ctx context.Context, fn func(id, content string) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT id, content FROM quotes ORDER BY id`)
	if err != nil {
		return fmt.Errorf("sqlite: quotes: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, content string
		if err := rows.Scan(&id, &content); err != nil {
			return fmt.Errorf("sqlite: quotes: %w", err)
		}
		if err := fn(id, content); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Quotes implements store.Store: first the page of matching quote ids,
// earliest first, then every carrier of those quotes.
func (s *Store) Quotes(ctx context.Context, q store.QuoteQuery) ([]news.Quote, error) {
	where, args := "1 = 1", []any{}
	if q.Speaker != "" {
		where += ` AND c.speaker_entity = ?`
		args = append(args, q.Speaker)
	}
	if len(q.Articles) > 0 {
		where += ` AND c.article_id IN (?` + strings.Repeat(",?", len(q.Articles)-1) + `)`
		for _, a := range q.Articles {
			args = append(args, a)
		}
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 50
	}
	having := ""
	pos, ok, err := store.ParseQuoteCursor(q.Cursor)
	if err != nil {
		return nil, err
	}
	if ok {
		having = ` HAVING MIN(a.sort_time) > ? OR (MIN(a.sort_time) = ? AND q.quote_id > ?)`
		args = append(args, pos.First, pos.First, pos.ID)
	}
	args = append(args, limit)
	// A quote's place in time is its first carrier overall, not the first
	// among the carriers that matched.
	rows, err := s.db.QueryContext(ctx, `SELECT q.quote_id, MIN(a.sort_time) AS first FROM quote_carriers q
		JOIN articles a ON a.id = q.article_id
		WHERE q.quote_id IN (SELECT c.quote_id FROM quote_carriers c WHERE `+where+`)
		GROUP BY q.quote_id`+having+` ORDER BY first, q.quote_id LIMIT ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: quotes: %w", err)
	}
	var ids []any
	for rows.Next() {
		var id string
		var first int64
		if err := rows.Scan(&id, &first); err != nil {
			rows.Close()
			return nil, fmt.Errorf("sqlite: quotes: %w", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(ids) == 0 {
		return nil, err
	}
	in := `(?` + strings.Repeat(",?", len(ids)-1) + `)`
	kinds, contents := map[string]string{}, map[string]string{}
	rows, err = s.db.QueryContext(ctx, `SELECT id, kind, content FROM quotes WHERE id IN `+in, ids...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: quotes: %w", err)
	}
	for rows.Next() {
		var id, kind, content string
		if err := rows.Scan(&id, &kind, &content); err != nil {
			rows.Close()
			return nil, fmt.Errorf("sqlite: quotes: %w", err)
		}
		kinds[id], contents[id] = kind, content
	}
	rows.Close()
	rows, err = s.db.QueryContext(ctx, `SELECT c.quote_id, c.article_id, c.source_start, c.source_end, c.cue_start,
		c.cue_end, c.content_start, c.content_end, c.source_text, c.cue_text, c.speaker_entity, c.speaker_name,
		c.speaker_type, a.sort_time FROM quote_carriers c JOIN articles a ON a.id = c.article_id
		WHERE c.quote_id IN `+in, ids...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: quote carriers: %w", err)
	}
	defer rows.Close()
	var cs []news.QuoteCarrier
	for rows.Next() {
		var c news.QuoteCarrier
		var at int64
		if err := rows.Scan(&c.Quote, &c.Article, &c.Source.Start, &c.Source.End, &c.Cue.Start, &c.Cue.End,
			&c.Content.Start, &c.Content.End, &c.SourceText, &c.CueText, &c.Speaker.Entity, &c.Speaker.Name,
			&c.Speaker.Type, &at); err != nil {
			return nil, fmt.Errorf("sqlite: quote carriers: %w", err)
		}
		c.Published = timeFromNanos(at)
		cs = append(cs, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: quote carriers: %w", err)
	}
	return store.AssembleQuotes(cs, kinds, contents), nil
}
