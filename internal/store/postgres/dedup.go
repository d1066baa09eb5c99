package postgres

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// PutDedup implements store.Store.
func (s *Store) PutDedup(ctx context.Context, b store.DedupBatch) error {
	if len(b.Fingerprints)+len(b.Links)+len(b.Groups) == 0 {
		return nil
	}
	err := pgx.BeginFunc(ctx, s.db, func(tx pgx.Tx) error {
		if len(b.Fingerprints) > 0 {
			keep := lastWins(len(b.Fingerprints), func(i int) string { return b.Fingerprints[i].Article })
			ids, data := make([]string, len(keep)), make([][]byte, len(keep))
			for k, i := range keep {
				ids[k], data[k] = b.Fingerprints[i].Article, b.Fingerprints[i].Data
			}
			if _, err := tx.Exec(ctx, `INSERT INTO dedup_fingerprints (article_id, data)
				SELECT article_id, data FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS b(article_id, data, ord)
				ORDER BY ord
				ON CONFLICT (article_id) DO UPDATE SET data = excluded.data`, ids, data); err != nil {
				return fmt.Errorf("fingerprints: %w", err)
			}
		}
		if len(b.Links) > 0 {
			keep := lastWins(len(b.Links), func(i int) [2]string { return [2]string{b.Links[i].Article, b.Links[i].Other} })
			n := len(keep)
			arts, others, kinds, paras := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
			copies := make([]bool, n)
			jac, con, ocon := make([]float64, n), make([]float64, n), make([]float64, n)
			sents := make([]int64, n)
			for k, i := range keep {
				l := b.Links[i]
				ps, _ := json.Marshal(nonNilShared(l.Paragraphs))
				arts[k], others[k], kinds[k], copies[k] = l.Article, l.Other, l.Kind, l.Copy()
				jac[k], con[k], ocon[k], sents[k], paras[k] = l.Jaccard, l.Containment, l.OtherContainment, int64(l.Sentences), string(ps)
			}
			if _, err := tx.Exec(ctx, `INSERT INTO article_links (article_id, other_id, kind, copy, jaccard,
				containment, other_containment, sentences, paragraphs)
				SELECT article_id, other_id, kind, copy, jaccard, containment, other_containment, sentences, paragraphs::jsonb
				FROM unnest($1::text[], $2::text[], $3::text[], $4::bool[], $5::float8[], $6::float8[], $7::float8[],
					$8::int[], $9::text[]) WITH ORDINALITY AS b(article_id, other_id, kind, copy, jaccard, containment,
					other_containment, sentences, paragraphs, ord)
				ORDER BY ord
				ON CONFLICT (article_id, other_id) DO UPDATE SET kind = excluded.kind, copy = excluded.copy,
				jaccard = excluded.jaccard, containment = excluded.containment,
				other_containment = excluded.other_containment, sentences = excluded.sentences,
				paragraphs = excluded.paragraphs`,
				arts, others, kinds, copies, jac, con, ocon, sents, paras); err != nil {
				return fmt.Errorf("links: %w", err)
			}
		}
		// An article listed in two groups of the batch ends in the later
		// one, as when each group was written in turn.
		var members, origins []string
		for _, g := range b.Groups {
			for _, m := range g.Members {
				members, origins = append(members, m), append(origins, g.Origin)
			}
		}
		if len(members) > 0 {
			keep := lastWins(len(members), func(i int) string { return members[i] })
			ms, os := make([]string, len(keep)), make([]string, len(keep))
			for k, i := range keep {
				ms[k], os[k] = members[i], origins[i]
			}
			if _, err := tx.Exec(ctx, `INSERT INTO article_groups (article_id, origin_id)
				SELECT * FROM unnest($1::text[], $2::text[])
				ON CONFLICT (article_id) DO UPDATE SET origin_id = excluded.origin_id`, ms, os); err != nil {
				return fmt.Errorf("groups: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	return nil
}

func nonNilShared(ps []news.SharedParagraph) []news.SharedParagraph {
	if ps == nil {
		return []news.SharedParagraph{}
	}
	return ps
}

// Fingerprints implements store.Store, paging by seq so that no query
// stays open while fn runs.
func (s *Store) Fingerprints(ctx context.Context, fn func(article string, data []byte) error) error {
	const page = 1000
	var after int64
	for {
		rows, err := s.db.Query(ctx, `SELECT seq, article_id, data FROM dedup_fingerprints
			WHERE seq > $1 ORDER BY seq LIMIT $2`, after, page)
		if err != nil {
			return fmt.Errorf("postgres: fingerprints: %w", err)
		}
		type fp struct {
			seq  int64
			id   string
			data []byte
		}
		batch, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (fp, error) {
			var f fp
			err := r.Scan(&f.seq, &f.id, &f.data)
			return f, err
		})
		if err != nil {
			return fmt.Errorf("postgres: fingerprints: %w", err)
		}
		for _, f := range batch {
			if err := fn(f.id, f.data); err != nil {
				return err
			}
			after = f.seq
		}
		if len(batch) < page {
			return nil
		}
	}
}

// Undeduplicated implements store.Store.
func (s *Store) Undeduplicated(ctx context.Context, limit int) ([]news.Article, error) {
	return s.queryArticles(ctx, `SELECT `+articleColumns+` FROM `+articleFrom+`
		WHERE NOT EXISTS (SELECT 1 FROM dedup_fingerprints f WHERE f.article_id = a.id)
		ORDER BY a.seq LIMIT $1`, limit)
}

// Links implements store.Store.
func (s *Store) Links(ctx context.Context, q store.LinkQuery) ([]news.Reuse, error) {
	var a args
	cond := "TRUE"
	if q.Article != "" {
		p := a.add(q.Article)
		cond = "(article_id = " + p + " OR other_id = " + p + ")"
	}
	if q.CopiesOnly {
		cond += " AND copy"
	}
	limit := ""
	if q.Limit > 0 {
		limit = " LIMIT " + a.add(q.Limit)
	}
	rows, err := s.db.Query(ctx, `SELECT article_id, other_id, kind, jaccard, containment, other_containment,
		sentences, paragraphs FROM article_links WHERE `+cond+` ORDER BY seq DESC`+limit, a...)
	if err != nil {
		return nil, fmt.Errorf("postgres: links: %w", err)
	}
	defer rows.Close()
	var out []news.Reuse
	for rows.Next() {
		var l news.Reuse
		var paras []byte
		if err := rows.Scan(&l.Article, &l.Other, &l.Kind, &l.Jaccard, &l.Containment, &l.OtherContainment,
			&l.Sentences, &paras); err != nil {
			return nil, fmt.Errorf("postgres: links: %w", err)
		}
		if err := json.Unmarshal(paras, &l.Paragraphs); err != nil {
			return nil, fmt.Errorf("postgres: paragraphs of link %s-%s: %w", l.Article, l.Other, err)
		}
		if len(l.Paragraphs) == 0 {
			l.Paragraphs = nil
		}
		if q.Article != "" && l.Article != q.Article {
			l = l.Reversed()
		}
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: links: %w", err)
	}
	if q.Article != "" {
		store.SortLinks(out)
	}
	return out, nil
}

// DupGroups implements store.Store.
func (s *Store) DupGroups(ctx context.Context, limit int) ([]news.DupGroup, error) {
	var a args
	lim := ""
	if limit > 0 {
		lim = " LIMIT " + a.add(limit)
	}
	rows, err := s.db.Query(ctx, `WITH origins AS (
			SELECT DISTINCT g.origin_id, o.sort_time FROM article_groups g JOIN articles o ON o.id = g.origin_id
			ORDER BY o.sort_time DESC, g.origin_id DESC`+lim+`)
		SELECT g.origin_id, g.article_id
		FROM origins JOIN article_groups g ON g.origin_id = origins.origin_id JOIN articles m ON m.id = g.article_id
		ORDER BY origins.sort_time DESC, g.origin_id DESC, (g.article_id = g.origin_id) DESC, m.sort_time, m.id`, a...)
	if err != nil {
		return nil, fmt.Errorf("postgres: groups: %w", err)
	}
	defer rows.Close()
	var out []news.DupGroup
	for rows.Next() {
		var origin, member string
		if err := rows.Scan(&origin, &member); err != nil {
			return nil, fmt.Errorf("postgres: groups: %w", err)
		}
		if n := len(out); n == 0 || out[n-1].Origin != origin {
			out = append(out, news.DupGroup{Origin: origin})
		}
		out[len(out)-1].Members = append(out[len(out)-1].Members, member)
	}
	return out, rows.Err()
}
