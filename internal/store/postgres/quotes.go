package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// PutQuotes implements store.Store.
func (s *Store) PutQuotes(ctx context.Context, b store.QuoteBatch) error {
	if len(b.Articles)+len(b.Quotes) == 0 {
		return nil
	}
	err := pgx.BeginFunc(ctx, s.db, func(tx pgx.Tx) error {
		if len(b.Articles) > 0 {
			if _, err := tx.Exec(ctx, `DELETE FROM quote_carriers WHERE article_id = ANY($1)`, b.Articles); err != nil {
				return fmt.Errorf("quotes: %w", err)
			}
			if _, err := tx.Exec(ctx, `INSERT INTO quote_articles (article_id) SELECT unnest($1::text[])
				ON CONFLICT DO NOTHING`, b.Articles); err != nil {
				return fmt.Errorf("processed articles: %w", err)
			}
		}
		if len(b.Quotes) == 0 {
			return nil
		}
		// Both inserts keep the first of duplicate rows (DO NOTHING, in
		// batch order), as the loop of single inserts did; every quote
		// precedes its carriers, so writing all quotes first changes
		// nothing.
		var qIDs, qKinds, qContents []string
		var cArts, cQuotes, cSrcTexts, cCueTexts, cEnts, cNames, cTypes []string
		var cStarts, cEnds, cSrcStarts, cSrcEnds, cCueStarts, cCueEnds []int64
		for _, q := range b.Quotes {
			qIDs, qKinds, qContents = append(qIDs, q.ID), append(qKinds, q.Kind), append(qContents, q.Content)
			for _, c := range q.Carriers {
				cArts, cQuotes = append(cArts, c.Article), append(cQuotes, q.ID)
				cStarts, cEnds = append(cStarts, int64(c.Content.Start)), append(cEnds, int64(c.Content.End))
				cSrcStarts, cSrcEnds = append(cSrcStarts, int64(c.Source.Start)), append(cSrcEnds, int64(c.Source.End))
				cCueStarts, cCueEnds = append(cCueStarts, int64(c.Cue.Start)), append(cCueEnds, int64(c.Cue.End))
				cSrcTexts, cCueTexts = append(cSrcTexts, c.SourceText), append(cCueTexts, c.CueText)
				cEnts, cNames, cTypes = append(cEnts, c.Speaker.Entity), append(cNames, c.Speaker.Name), append(cTypes, c.Speaker.Type)
			}
		}
		if _, err := tx.Exec(ctx, `INSERT INTO quotes (id, kind, content)
			SELECT id, kind, content FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS b(id, kind, content, ord)
			ORDER BY ord
			ON CONFLICT DO NOTHING`, qIDs, qKinds, qContents); err != nil {
			return fmt.Errorf("quotes: %w", err)
		}
		if len(cArts) == 0 {
			return nil
		}
		if _, err := tx.Exec(ctx, `INSERT INTO quote_carriers (article_id, content_start, content_end,
			quote_id, source_start, source_end, cue_start, cue_end, source_text, cue_text, speaker_entity,
			speaker_name, speaker_type)
			SELECT article_id, content_start, content_end, quote_id, source_start, source_end, cue_start, cue_end,
				source_text, cue_text, speaker_entity, speaker_name, speaker_type
			FROM unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::int[], $6::int[], $7::int[], $8::int[],
				$9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
				WITH ORDINALITY AS b(article_id, content_start, content_end, quote_id, source_start, source_end,
					cue_start, cue_end, source_text, cue_text, speaker_entity, speaker_name, speaker_type, ord)
			ORDER BY ord
			ON CONFLICT (article_id, content_start) DO NOTHING`,
			cArts, cStarts, cEnds, cQuotes, cSrcStarts, cSrcEnds, cCueStarts, cCueEnds, cSrcTexts, cCueTexts,
			cEnts, cNames, cTypes); err != nil {
			return fmt.Errorf("quote carriers: %w", err)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	return nil
}

// Unquoted implements store.Store.
func (s *Store) Unquoted(ctx context.Context, limit int) ([]news.Article, error) {
	return s.queryArticles(ctx, `SELECT `+articleColumns+` FROM `+articleFrom+`
		WHERE NOT EXISTS (SELECT 1 FROM quote_articles q WHERE q.article_id = a.id)
		ORDER BY a.seq LIMIT $1`, limit)
}

// QuoteContents implements store.Store.
func (s *Store) QuoteContents(ctx context.Context, fn func(id, content string) error) error {
	rows, err := s.db.Query(ctx, `SELECT id, content FROM quotes ORDER BY id`)
	if err != nil {
		return fmt.Errorf("postgres: quotes: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, content string
		if err := rows.Scan(&id, &content); err != nil {
			return fmt.Errorf("postgres: quotes: %w", err)
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
	limit := q.Limit
	if limit <= 0 {
		limit = 50
	}
	var articles []string
	if len(q.Articles) > 0 {
		articles = q.Articles
	}
	pos, ok, err := store.ParseQuoteCursor(q.Cursor)
	if err != nil {
		return nil, err
	}
	// A quote's place in time is its first carrier overall, not the first
	// among the carriers that matched.
	rows, err := s.db.Query(ctx, `SELECT q.quote_id, MIN(a.sort_time) AS first FROM quote_carriers q
		JOIN articles a ON a.id = q.article_id
		WHERE q.quote_id IN (SELECT c.quote_id FROM quote_carriers c
			WHERE ($1 = '' OR c.speaker_entity = $1) AND ($2::text[] IS NULL OR c.article_id = ANY($2)))
		GROUP BY q.quote_id
		HAVING NOT $4 OR MIN(a.sort_time) > $5 OR (MIN(a.sort_time) = $5 AND q.quote_id > $6)
		ORDER BY first, q.quote_id LIMIT $3`, q.Speaker, articles, limit, ok, pos.First, pos.ID)
	if err != nil {
		return nil, fmt.Errorf("postgres: quotes: %w", err)
	}
	ids, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (string, error) {
		var id string
		var first int64
		return id, r.Scan(&id, &first)
	})
	if err != nil || len(ids) == 0 {
		if err != nil {
			err = fmt.Errorf("postgres: quotes: %w", err)
		}
		return nil, err
	}
	kinds, contents := map[string]string{}, map[string]string{}
	rows, err = s.db.Query(ctx, `SELECT id, kind, content FROM quotes WHERE id = ANY($1)`, ids)
	if err != nil {
		return nil, fmt.Errorf("postgres: quotes: %w", err)
	}
	for rows.Next() {
		var id, kind, content string
		if err := rows.Scan(&id, &kind, &content); err != nil {
			rows.Close()
			return nil, fmt.Errorf("postgres: quotes: %w", err)
		}
		kinds[id], contents[id] = kind, content
	}
	rows.Close()
	rows, err = s.db.Query(ctx, `SELECT c.quote_id, c.article_id, c.source_start, c.source_end, c.cue_start,
		c.cue_end, c.content_start, c.content_end, c.source_text, c.cue_text, c.speaker_entity, c.speaker_name,
		c.speaker_type, a.sort_time FROM quote_carriers c JOIN articles a ON a.id = c.article_id
		WHERE c.quote_id = ANY($1)`, ids)
	if err != nil {
		return nil, fmt.Errorf("postgres: quote carriers: %w", err)
	}
	cs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (news.QuoteCarrier, error) {
		var c news.QuoteCarrier
		var at int64
		err := r.Scan(&c.Quote, &c.Article, &c.Source.Start, &c.Source.End, &c.Cue.Start, &c.Cue.End,
			&c.Content.Start, &c.Content.End, &c.SourceText, &c.CueText, &c.Speaker.Entity, &c.Speaker.Name,
			&c.Speaker.Type, &at)
		c.Published = timeFromNanos(at)
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: quote carriers: %w", err)
	}
	return store.AssembleQuotes(cs, kinds, contents), nil
}
