package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// PutEntities implements store.Store.
func (s *Store) PutEntities(ctx context.Context, b store.EntityBatch) error {
	if len(b.Entities)+len(b.Articles)+len(b.Mentions) == 0 {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: begin: %w", err)
	}
	defer tx.Rollback()
	for _, e := range b.Entities {
		if _, err := tx.ExecContext(ctx, `INSERT INTO entities (id, type, name, keys, type_votes) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET type = excluded.type, name = excluded.name, keys = excluded.keys,
			type_votes = excluded.type_votes`,
			e.ID, e.Type, e.Name, strings.Join(e.Keys, "\n"), store.EncodeVotes(e.Votes)); err != nil {
			return fmt.Errorf("sqlite: entity %s: %w", e.ID, err)
		}
	}
	for _, a := range b.Articles {
		if _, err := tx.ExecContext(ctx, `DELETE FROM entity_mentions WHERE article_id = ?`, a); err != nil {
			return fmt.Errorf("sqlite: mentions of %s: %w", a, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO entity_articles (article_id) VALUES (?)
			ON CONFLICT DO NOTHING`, a); err != nil {
			return fmt.Errorf("sqlite: entities of %s: %w", a, err)
		}
	}
	ins, err := tx.PrepareContext(ctx, `INSERT INTO entity_mentions (article_id, span_start, span_end,
		entity_id, text, kind, role) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (article_id, span_start) DO UPDATE SET span_end = excluded.span_end,
		entity_id = excluded.entity_id, text = excluded.text, kind = excluded.kind, role = excluded.role`)
	if err != nil {
		return fmt.Errorf("sqlite: mentions: %w", err)
	}
	defer ins.Close()
	for _, m := range b.Mentions {
		if _, err := ins.ExecContext(ctx, m.Article, m.Span.Start, m.Span.End, m.Entity, m.Text, m.Kind, m.Role); err != nil {
			return fmt.Errorf("sqlite: mention in %s: %w", m.Article, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: commit: %w", err)
	}
	return nil
}

// EntityIdentities implements store.Store, paging by seq like
// Fingerprints so no read stays open while fn runs.
func (s *Store) EntityIdentities(ctx context.Context, fn func(news.Entity) error) error {
	const page = 2000
	var after int64
	for {
		rows, err := s.db.QueryContext(ctx, `SELECT seq, id, type, name, keys, type_votes FROM entities
			WHERE seq > ? ORDER BY seq LIMIT ?`, after, page)
		if err != nil {
			return fmt.Errorf("sqlite: entities: %w", err)
		}
		var batch []news.Entity
		for rows.Next() {
			var e news.Entity
			var keys, votes string
			if err := rows.Scan(&after, &e.ID, &e.Type, &e.Name, &keys, &votes); err != nil {
				rows.Close()
				return fmt.Errorf("sqlite: entities: %w", err)
			}
			e.Keys, e.Votes = store.SplitKeys(keys), store.DecodeVotes(votes)
			batch = append(batch, e)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("sqlite: entities: %w", err)
		}
		for _, e := range batch {
			if err := fn(e); err != nil {
				return err
			}
		}
		if len(batch) < page {
			return nil
		}
	}
}

// Unrecognized implements store.Store.
func (s *Store) Unrecognized(ctx context.Context, limit int) ([]news.Article, error) {
	return s.queryArticles(ctx, `SELECT `+articleColumns+` FROM `+articleFrom+`
		WHERE NOT EXISTS (SELECT 1 FROM entity_articles e WHERE e.article_id = a.id)
		ORDER BY a.rowid LIMIT ?`, limit)
}

// entityCounts selects an entity with its counts; demonyms link but do
// not count.
const entityCounts = `SELECT e.id, e.type, e.name, COUNT(DISTINCT m.article_id), COUNT(*)
	FROM entities e JOIN entity_mentions m ON m.entity_id = e.id AND m.kind <> 'demonym'`

// Entities implements store.Store.
func (s *Store) Entities(ctx context.Context, q store.EntityQuery) ([]news.Entity, error) {
	where, args := []string{"1=1"}, []any{}
	if q.Type != "" {
		where, args = append(where, "e.type = ?"), append(args, q.Type)
	}
	if q.Name != "" {
		where = append(where, `(e.name = ? COLLATE NOCASE OR e.id IN
			(SELECT entity_id FROM entity_mentions WHERE text = ? COLLATE NOCASE AND kind = 'name'))`)
		args = append(args, q.Name, q.Name)
	}
	if q.Match != "" {
		where, args = append(where, "instr(e.keys, ?) > 0"), append(args, q.Match)
	}
	if q.Article != "" {
		where = append(where, "e.id IN (SELECT entity_id FROM entity_mentions WHERE article_id = ?)")
		args = append(args, q.Article)
	}
	having := ""
	pos, ok, err := store.ParseEntityCursor(q.Cursor)
	if err != nil {
		return nil, err
	}
	if ok {
		// Strictly after the cursor in (articles desc, mentions desc,
		// name, id) order.
		having = ` HAVING COUNT(DISTINCT m.article_id) < ? OR (COUNT(DISTINCT m.article_id) = ? AND
			(COUNT(*) < ? OR (COUNT(*) = ? AND (e.name > ? OR (e.name = ? AND e.id > ?)))))`
		args = append(args, pos.Articles, pos.Articles, pos.Mentions, pos.Mentions, pos.Name, pos.Name, pos.ID)
	}
	args = append(args, store.ClampLimit(q.Limit))
	return s.scanEntities(ctx, entityCounts+` WHERE `+strings.Join(where, " AND ")+`
		GROUP BY e.id`+having+` ORDER BY 4 DESC, 5 DESC, e.name, e.id LIMIT ?`, args...)
}

func (s *Store) scanEntities(ctx context.Context, query string, args ...any) ([]news.Entity, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: entities: %w", err)
	}
	defer rows.Close()
	var out []news.Entity
	for rows.Next() {
		var e news.Entity
		if err := rows.Scan(&e.ID, &e.Type, &e.Name, &e.Articles, &e.Mentions); err != nil {
			return nil, fmt.Errorf("sqlite: entities: %w", err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: entities: %w", err)
	}
	return out, nil
}

// Entity implements store.Store.
func (s *Store) Entity(ctx context.Context, id string) (news.Entity, error) {
	var e news.Entity
	var keys string
	err := s.db.QueryRowContext(ctx, `SELECT id, type, name, keys FROM entities WHERE id = ?`, id).
		Scan(&e.ID, &e.Type, &e.Name, &keys)
	if errors.Is(err, sql.ErrNoRows) {
		return e, fmt.Errorf("entity %s: %w", id, news.ErrNotFound)
	}
	if err != nil {
		return e, fmt.Errorf("sqlite: entity %s: %w", id, err)
	}
	e.Keys = store.SplitKeys(keys)
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(DISTINCT article_id), COUNT(*) FROM entity_mentions
		WHERE entity_id = ? AND kind <> 'demonym'`, id).Scan(&e.Articles, &e.Mentions); err != nil {
		return e, fmt.Errorf("sqlite: entity %s: %w", id, err)
	}
	if e.Aliases, err = s.strings(ctx, `SELECT text FROM entity_mentions WHERE entity_id = ? AND kind = 'name'
		AND text <> ? GROUP BY text ORDER BY COUNT(*) DESC, text`, id, e.Name); err != nil {
		return e, err
	}
	if e.Roles, err = s.strings(ctx, `SELECT role FROM entity_mentions WHERE entity_id = ? AND role <> ''
		GROUP BY role ORDER BY COUNT(*) DESC, role`, id); err != nil {
		return e, err
	}
	return e, nil
}

func (s *Store) strings(ctx context.Context, query string, args ...any) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, fmt.Errorf("sqlite: %w", err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// EntityMentions implements store.Store.
func (s *Store) EntityMentions(ctx context.Context, id string, limit int) ([]news.EntityMention, error) {
	if limit <= 0 {
		limit = -1
	}
	rows, err := s.db.QueryContext(ctx, `SELECT m.entity_id, m.article_id, m.span_start, m.span_end, m.text,
		m.kind, m.role FROM entity_mentions m JOIN articles a ON a.id = m.article_id
		WHERE m.entity_id = ? ORDER BY a.sort_time DESC, a.id, m.span_start LIMIT ?`, id, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: mentions of %s: %w", id, err)
	}
	defer rows.Close()
	var out []news.EntityMention
	for rows.Next() {
		var m news.EntityMention
		if err := rows.Scan(&m.Entity, &m.Article, &m.Span.Start, &m.Span.End, &m.Text, &m.Kind, &m.Role); err != nil {
			return nil, fmt.Errorf("sqlite: mentions of %s: %w", id, err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// CoEntities implements store.Store. Mentions counts the other entity's
// mentions within the shared articles.
func (s *Store) CoEntities(ctx context.Context, id string, limit int) ([]news.Entity, error) {
	return s.scanEntities(ctx, `WITH arts AS (SELECT DISTINCT article_id FROM entity_mentions
			WHERE entity_id = ? AND kind <> 'demonym')
		`+entityCounts+` JOIN arts ON arts.article_id = m.article_id
		WHERE e.id <> ? GROUP BY e.id ORDER BY 4 DESC, 5 DESC, e.name, e.id LIMIT ?`,
		id, id, store.ClampLimit(limit))
}
