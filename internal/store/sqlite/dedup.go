package sqlite

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// PutDedup implements store.Store.
func (s *Store) PutDedup(ctx context.Context, b store.DedupBatch) error {
	if len(b.Fingerprints)+len(b.Links)+len(b.Groups) == 0 {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: begin: %w", err)
	}
	defer tx.Rollback()
	for _, f := range b.Fingerprints {
		if _, err := tx.ExecContext(ctx, `INSERT INTO dedup_fingerprints (article_id, data) VALUES (?, ?)
			ON CONFLICT (article_id) DO UPDATE SET data = excluded.data`, f.Article, f.Data); err != nil {
			return fmt.Errorf("sqlite: fingerprint of %s: %w", f.Article, err)
		}
	}
	var seq int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) FROM article_links`).Scan(&seq); err != nil {
		return fmt.Errorf("sqlite: links: %w", err)
	}
	// Prepared once per batch: a batch can hold tens of thousands of
	// links, and parsing the statement each time cost more than the
	// inserts.
	ins, err := tx.PrepareContext(ctx, `INSERT INTO article_links (article_id, other_id, kind, copy, jaccard,
		containment, other_containment, sentences, paragraphs, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (article_id, other_id) DO UPDATE SET kind = excluded.kind, copy = excluded.copy,
		jaccard = excluded.jaccard, containment = excluded.containment,
		other_containment = excluded.other_containment, sentences = excluded.sentences,
		paragraphs = excluded.paragraphs`)
	if err != nil {
		return fmt.Errorf("sqlite: links: %w", err)
	}
	defer ins.Close()
	for _, l := range b.Links {
		paras, _ := json.Marshal(nonNilParas(l.Paragraphs))
		seq++
		if _, err := ins.ExecContext(ctx, l.Article, l.Other, l.Kind, l.Copy(), l.Jaccard, l.Containment,
			l.OtherContainment, l.Sentences, string(paras), seq); err != nil {
			return fmt.Errorf("sqlite: link %s-%s: %w", l.Article, l.Other, err)
		}
	}
	for _, g := range b.Groups {
		for _, m := range g.Members {
			if _, err := tx.ExecContext(ctx, `INSERT INTO article_groups (article_id, origin_id) VALUES (?, ?)
				ON CONFLICT (article_id) DO UPDATE SET origin_id = excluded.origin_id`, m, g.Origin); err != nil {
				return fmt.Errorf("sqlite: group of %s: %w", m, err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: commit: %w", err)
	}
	return nil
}

func nonNilParas(ps []news.SharedParagraph) []news.SharedParagraph {
	if ps == nil {
		return []news.SharedParagraph{}
	}
	return ps
}

// Fingerprints implements store.Store. It pages by seq so no read
// transaction stays open while fn runs (fn may itself write).
func (s *Store) Fingerprints(ctx context.Context, fn func(article string, data []byte) error) error {
	const page = 1000
	var after int64
	type fp struct {
		seq  int64
		id   string
		data []byte
	}
	for {
		rows, err := s.db.QueryContext(ctx, `SELECT seq, article_id, data FROM dedup_fingerprints
			WHERE seq > ? ORDER BY seq LIMIT ?`, after, page)
		if err != nil {
			return fmt.Errorf("sqlite: fingerprints: %w", err)
		}
		var batch []fp
		for rows.Next() {
			var f fp
			if err := rows.Scan(&f.seq, &f.id, &f.data); err != nil {
				rows.Close()
				return fmt.Errorf("sqlite: fingerprints: %w", err)
			}
			batch = append(batch, f)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("sqlite: fingerprints: %w", err)
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
		ORDER BY a.rowid LIMIT ?`, limit)
}

// Links implements store.Store.
func (s *Store) Links(ctx context.Context, q store.LinkQuery) ([]news.Reuse, error) {
	cond, args := "1=1", []any{}
	if q.Article != "" {
		cond, args = "(article_id = ? OR other_id = ?)", []any{q.Article, q.Article}
	}
	if q.CopiesOnly {
		cond += " AND copy = 1"
	}
	limit := q.Limit
	if limit <= 0 {
		limit = -1 // SQLite: no limit
	}
	args = append(args, limit)
	rows, err := s.db.QueryContext(ctx, `SELECT article_id, other_id, kind, jaccard, containment,
		other_containment, sentences, paragraphs FROM article_links WHERE `+cond+` ORDER BY seq DESC LIMIT ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: links: %w", err)
	}
	defer rows.Close()
	var out []news.Reuse
	for rows.Next() {
		var l news.Reuse
		var paras string
		if err := rows.Scan(&l.Article, &l.Other, &l.Kind, &l.Jaccard, &l.Containment, &l.OtherContainment,
			&l.Sentences, &paras); err != nil {
			return nil, fmt.Errorf("sqlite: links: %w", err)
		}
		if err := json.Unmarshal([]byte(paras), &l.Paragraphs); err != nil {
			return nil, fmt.Errorf("sqlite: paragraphs of link %s-%s: %w", l.Article, l.Other, err)
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
		return nil, fmt.Errorf("sqlite: links: %w", err)
	}
	if q.Article != "" {
		store.SortLinks(out)
	}
	return out, nil
}

// DupGroups implements store.Store.
func (s *Store) DupGroups(ctx context.Context, limit int) ([]news.DupGroup, error) {
	if limit <= 0 {
		limit = -1
	}
	rows, err := s.db.QueryContext(ctx, `SELECT g.origin_id, g.article_id
		FROM article_groups g
		JOIN articles o ON o.id = g.origin_id
		JOIN articles m ON m.id = g.article_id
		WHERE g.origin_id IN (SELECT g2.origin_id FROM article_groups g2 JOIN articles o2 ON o2.id = g2.origin_id
			GROUP BY g2.origin_id ORDER BY MAX(o2.sort_time) DESC, g2.origin_id DESC LIMIT ?)
		ORDER BY o.sort_time DESC, g.origin_id DESC, g.article_id = g.origin_id DESC, m.sort_time, m.id`, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: groups: %w", err)
	}
	defer rows.Close()
	var out []news.DupGroup
	for rows.Next() {
		var origin, member string
		if err := rows.Scan(&origin, &member); err != nil {
			return nil, fmt.Errorf("sqlite: groups: %w", err)
		}
		if n := len(out); n == 0 || out[n-1].Origin != origin {
			out = append(out, news.DupGroup{Origin: origin})
		}
		out[len(out)-1].Members = append(out[len(out)-1].Members, member)
	}
	return out, rows.Err()
}

// queryArticles runs a query selecting articleColumns and loads credits.
func (s *Store) queryArticles(ctx context.Context, query string, args ...any) ([]news.Article, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: articles: %w", err)
	}
	defer rows.Close()
	var out []news.Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: articles: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: articles: %w", err)
	}
	ptrs := make([]*news.Article, len(out))
	for i := range out {
		ptrs[i] = &out[i]
	}
	return out, s.loadCredits(ctx, ptrs)
}
