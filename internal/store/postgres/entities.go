package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// PutEntities implements store.Store.
func (s *Store) PutEntities(ctx context.Context, b store.EntityBatch) error {
	if len(b.Entities)+len(b.Articles)+len(b.Mentions) == 0 {
		return nil
	}
	err := pgx.BeginFunc(ctx, s.db, func(tx pgx.Tx) error {
		if len(b.Entities) > 0 {
			// seq orders the registry's reload, so new entities take it in
			// batch order.
			keep := lastWins(len(b.Entities), func(i int) string { return b.Entities[i].ID })
			n := len(keep)
			ids, types, names, keys, votes := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
			for k, i := range keep {
				e := b.Entities[i]
				ids[k], types[k], names[k], keys[k], votes[k] = e.ID, e.Type, e.Name, strings.Join(e.Keys, "\n"), store.EncodeVotes(e.Votes)
			}
			if _, err := tx.Exec(ctx, `INSERT INTO entities (id, type, name, keys, type_votes)
				SELECT id, type, name, keys, type_votes
				FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
					WITH ORDINALITY AS b(id, type, name, keys, type_votes, ord)
				ORDER BY ord
				ON CONFLICT (id) DO UPDATE SET type = excluded.type, name = excluded.name, keys = excluded.keys,
				type_votes = excluded.type_votes`, ids, types, names, keys, votes); err != nil {
				return fmt.Errorf("entities: %w", err)
			}
		}
		if len(b.Articles) > 0 {
			if _, err := tx.Exec(ctx, `DELETE FROM entity_mentions WHERE article_id = ANY($1)`, b.Articles); err != nil {
				return fmt.Errorf("mentions: %w", err)
			}
			if _, err := tx.Exec(ctx, `INSERT INTO entity_articles (article_id) SELECT unnest($1::text[])
				ON CONFLICT DO NOTHING`, b.Articles); err != nil {
				return fmt.Errorf("processed articles: %w", err)
			}
		}
		if len(b.Mentions) > 0 {
			type at struct {
				article string
				start   int
			}
			keep := lastWins(len(b.Mentions), func(i int) at { return at{b.Mentions[i].Article, b.Mentions[i].Span.Start} })
			n := len(keep)
			arts, ents, texts, kinds, roles := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
			starts, ends := make([]int64, n), make([]int64, n)
			for k, i := range keep {
				m := b.Mentions[i]
				arts[k], starts[k], ends[k], ents[k] = m.Article, int64(m.Span.Start), int64(m.Span.End), m.Entity
				texts[k], kinds[k], roles[k] = m.Text, m.Kind, m.Role
			}
			if _, err := tx.Exec(ctx, `INSERT INTO entity_mentions (article_id, span_start, span_end,
				entity_id, text, kind, role)
				SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[])
				ON CONFLICT (article_id, span_start) DO UPDATE SET span_end = excluded.span_end,
				entity_id = excluded.entity_id, text = excluded.text, kind = excluded.kind, role = excluded.role`,
				arts, starts, ends, ents, texts, kinds, roles); err != nil {
				return fmt.Errorf("mentions: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	return nil
}

// EntityIdentities implements store.Store.
func (s *Store) EntityIdentities(ctx context.Context, fn func(news.Entity) error) error {
	const page = 2000
	var after int64
	for {
		rows, err := s.db.Query(ctx, `SELECT seq, id, type, name, keys, type_votes FROM entities
			WHERE seq > $1 ORDER BY seq LIMIT $2`, after, page)
		if err != nil {
			return fmt.Errorf("postgres: entities: %w", err)
		}
		var batch []news.Entity
		for rows.Next() {
			var e news.Entity
			var keys, votes string
			if err := rows.Scan(&after, &e.ID, &e.Type, &e.Name, &keys, &votes); err != nil {
				rows.Close()
				return fmt.Errorf("postgres: entities: %w", err)
			}
			e.Keys, e.Votes = store.SplitKeys(keys), store.DecodeVotes(votes)
			batch = append(batch, e)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("postgres: entities: %w", err)
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
		ORDER BY a.seq LIMIT $1`, limit)
}

const entityCounts = `SELECT e.id, e.type, e.name, COUNT(DISTINCT m.article_id), COUNT(*)
	FROM entities e JOIN entity_mentions m ON m.entity_id = e.id AND m.kind <> 'demonym'`

// Entities implements store.Store.
func (s *Store) Entities(ctx context.Context, q store.EntityQuery) ([]news.Entity, error) {
	where, args := []string{"TRUE"}, []any{}
	arg := func(v any) string { args = append(args, v); return fmt.Sprintf("$%d", len(args)) }
	if q.Type != "" {
		where = append(where, "e.type = "+arg(q.Type))
	}
	if q.Name != "" {
		n := arg(strings.ToLower(q.Name))
		where = append(where, `(lower(e.name) = `+n+` OR e.id IN
			(SELECT entity_id FROM entity_mentions WHERE lower(text) = `+n+` AND kind = 'name'))`)
	}
	if q.Match != "" {
		// LIKE rather than strpos, because a trigram index (0013) can
		// answer LIKE without reading every entity.
		where = append(where, "e.keys LIKE "+arg("%"+likeEscaper.Replace(q.Match)+"%"))
	}
	if q.Article != "" {
		where = append(where, "e.id IN (SELECT entity_id FROM entity_mentions WHERE article_id = "+arg(q.Article)+")")
	}
	having := ""
	pos, ok, err := store.ParseEntityCursor(q.Cursor)
	if err != nil {
		return nil, err
	}
	if ok {
		// Strictly after the cursor in (articles desc, mentions desc,
		// name, id) order.
		n, m, name, id := arg(pos.Articles), arg(pos.Mentions), arg(pos.Name), arg(pos.ID)
		having = ` HAVING COUNT(DISTINCT m.article_id) < ` + n + ` OR (COUNT(DISTINCT m.article_id) = ` + n + ` AND
			(COUNT(*) < ` + m + ` OR (COUNT(*) = ` + m + ` AND (e.name > ` + name + ` OR (e.name = ` + name + ` AND e.id > ` + id + `)))))`
	}
	limit := arg(store.ClampLimit(q.Limit))
	return s.scanEntities(ctx, entityCounts+` WHERE `+strings.Join(where, " AND ")+`
		GROUP BY e.id, e.type, e.name`+having+` ORDER BY 4 DESC, 5 DESC, e.name, e.id LIMIT `+limit, args...)
}

func (s *Store) scanEntities(ctx context.Context, query string, args ...any) ([]news.Entity, error) {
	rows, err := s.db.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("postgres: entities: %w", err)
	}
	defer rows.Close()
	var out []news.Entity
	for rows.Next() {
		var e news.Entity
		var articles, mentions int64
		if err := rows.Scan(&e.ID, &e.Type, &e.Name, &articles, &mentions); err != nil {
			return nil, fmt.Errorf("postgres: entities: %w", err)
		}
		e.Articles, e.Mentions = int(articles), int(mentions)
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: entities: %w", err)
	}
	return out, nil
}

// Entity implements store.Store.
func (s *Store) Entity(ctx context.Context, id string) (news.Entity, error) {
	var e news.Entity
	var keys string
	err := s.db.QueryRow(ctx, `SELECT id, type, name, keys FROM entities WHERE id = $1`, id).
		Scan(&e.ID, &e.Type, &e.Name, &keys)
	if errors.Is(err, pgx.ErrNoRows) {
		return e, fmt.Errorf("entity %s: %w", id, news.ErrNotFound)
	}
	if err != nil {
		return e, fmt.Errorf("postgres: entity %s: %w", id, err)
	}
	e.Keys = store.SplitKeys(keys)
	var articles, mentions int64
	if err := s.db.QueryRow(ctx, `SELECT COUNT(DISTINCT article_id), COUNT(*) FROM entity_mentions
		WHERE entity_id = $1 AND kind <> 'demonym'`, id).Scan(&articles, &mentions); err != nil {
		return e, fmt.Errorf("postgres: entity %s: %w", id, err)
	}
	e.Articles, e.Mentions = int(articles), int(mentions)
	if e.Aliases, err = s.strings(ctx, `SELECT text FROM entity_mentions WHERE entity_id = $1 AND kind = 'name'
		AND text <> $2 GROUP BY text ORDER BY COUNT(*) DESC, text`, id, e.Name); err != nil {
		return e, err
	}
	if e.Roles, err = s.strings(ctx, `SELECT role FROM entity_mentions WHERE entity_id = $1 AND role <> ''
		GROUP BY role ORDER BY COUNT(*) DESC, role`, id); err != nil {
		return e, err
	}
	return e, nil
}

func (s *Store) strings(ctx context.Context, query string, args ...any) ([]string, error) {
	rows, err := s.db.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	return out, nil
}

// EntityMentions implements store.Store.
func (s *Store) EntityMentions(ctx context.Context, id string, limit int) ([]news.EntityMention, error) {
	var lim any
	if limit > 0 {
		lim = limit
	}
	rows, err := s.db.Query(ctx, `SELECT m.entity_id, m.article_id, m.span_start, m.span_end, m.text,
		m.kind, m.role FROM entity_mentions m JOIN articles a ON a.id = m.article_id
		WHERE m.entity_id = $1 ORDER BY a.sort_time DESC, a.id, m.span_start LIMIT $2`, id, lim)
	if err != nil {
		return nil, fmt.Errorf("postgres: mentions of %s: %w", id, err)
	}
	defer rows.Close()
	var out []news.EntityMention
	for rows.Next() {
		var m news.EntityMention
		if err := rows.Scan(&m.Entity, &m.Article, &m.Span.Start, &m.Span.End, &m.Text, &m.Kind, &m.Role); err != nil {
			return nil, fmt.Errorf("postgres: mentions of %s: %w", id, err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// CoEntities implements store.Store.
func (s *Store) CoEntities(ctx context.Context, id string, limit int) ([]news.Entity, error) {
	return s.scanEntities(ctx, `WITH arts AS (SELECT DISTINCT article_id FROM entity_mentions
			WHERE entity_id = $1 AND kind <> 'demonym')
		`+entityCounts+` JOIN arts ON arts.article_id = m.article_id
		WHERE e.id <> $1 GROUP BY e.id, e.type, e.name ORDER BY 4 DESC, 5 DESC, e.name, e.id LIMIT $2`,
		id, store.ClampLimit(limit))
}

// likeEscaper makes every character of a LIKE pattern literal (the
// default escape character is the backslash).
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
