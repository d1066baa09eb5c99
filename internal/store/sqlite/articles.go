package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// articleColumns are selected FROM articleFrom. The group columns come
// from the duplicate detector's tables.
const articleColumns = `a.id, a.key, a.url, a.title, a.title_derived, a.source_name, a.source_domain,
	a.authors, a.published, a.published_inferred, a.language, a.text, a.paragraphs, a.content_hash, a.format, a.origin, a.ingested_at,
	COALESCE(g.origin_id, ''),
	CASE WHEN g.origin_id IS NULL THEN 0
	     ELSE (SELECT COUNT(*) - 1 FROM article_groups c WHERE c.origin_id = g.origin_id) END`

const articleFrom = `articles a LEFT JOIN article_groups g ON g.article_id = a.id`

// PutArticles implements store.Store.
func (s *Store) PutArticles(ctx context.Context, articles []news.Article) ([]bool, error) {
	isNew := make([]bool, len(articles))
	if len(articles) == 0 {
		return isNew, nil
	}
	for _, a := range articles {
		if err := store.CheckArticleTimes(a); err != nil {
			return nil, err
		}
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqlite: begin: %w", err)
	}
	defer tx.Rollback()
	ins, err := tx.PrepareContext(ctx, `INSERT INTO articles (id, key, url, title, title_derived, source_name,
		source_domain, authors, published, published_inferred, language, text, paragraphs, content_hash, format, origin, ingested_at, sort_time)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: prepare insert: %w", err)
	}
	defer ins.Close()
	for i, a := range articles {
		authors, _ := json.Marshal(nonNil(a.Authors))
		paras, _ := json.Marshal(a.Paragraphs)
		res, err := ins.ExecContext(ctx, a.ID, a.Key, a.URL, a.Title, a.TitleDerived, a.Source.Name,
			a.Source.Domain, string(authors), nanos(a.Published), a.PublishedInferred, a.Language, a.Text, string(paras),
			a.ContentHash, a.Format, a.Origin, a.IngestedAt.UnixNano(), store.SortTime(a).UnixNano())
		if err != nil {
			return nil, fmt.Errorf("sqlite: insert article %s: %w", a.ID, err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return nil, err
		}
		if n == 0 {
			continue
		}
		isNew[i] = true
		for p, c := range a.Credits {
			if _, err := tx.ExecContext(ctx, `INSERT INTO article_credits (article_id, position, name, line) VALUES (?, ?, ?, ?)`,
				a.ID, p, c.Name, c.Line); err != nil {
				return nil, fmt.Errorf("sqlite: insert credit of %s: %w", a.ID, err)
			}
		}
	}
	for _, a := range articles {
		if a.Origin == "" {
			continue
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM failures WHERE origin = ?`, a.Origin); err != nil {
			return nil, fmt.Errorf("sqlite: clear failure: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sqlite: commit: %w", err)
	}
	return isNew, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Article implements store.Store.
func (s *Store) Article(ctx context.Context, id string) (news.Article, error) {
	row := s.db.QueryRowContext(ctx, `SELECT `+articleColumns+` FROM `+articleFrom+` WHERE a.id = ?`, id)
	a, err := scanArticle(row)
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("article %s: %w", id, news.ErrNotFound)
	}
	if err != nil {
		return a, fmt.Errorf("sqlite: article %s: %w", id, err)
	}
	if err := s.loadCredits(ctx, []*news.Article{&a}); err != nil {
		return a, err
	}
	return a, nil
}

type scanner interface{ Scan(dest ...any) error }

func scanArticle(r scanner, extra ...any) (news.Article, error) {
	var a news.Article
	var authors, paras string
	var published, ingested sql.NullInt64
	dest := append([]any{&a.ID, &a.Key, &a.URL, &a.Title, &a.TitleDerived, &a.Source.Name, &a.Source.Domain,
		&authors, &published, &a.PublishedInferred, &a.Language, &a.Text, &paras, &a.ContentHash, &a.Format, &a.Origin, &ingested,
		&a.DupGroup, &a.Copies}, extra...)
	if err := r.Scan(dest...); err != nil {
		return a, err
	}
	if err := json.Unmarshal([]byte(authors), &a.Authors); err != nil {
		return a, fmt.Errorf("authors of %s: %w", a.ID, err)
	}
	if len(a.Authors) == 0 {
		a.Authors = nil
	}
	if err := json.Unmarshal([]byte(paras), &a.Paragraphs); err != nil {
		return a, fmt.Errorf("paragraphs of %s: %w", a.ID, err)
	}
	a.Published = fromNanos(published)
	a.IngestedAt = fromNanos(ingested)
	return a, nil
}

func (s *Store) loadCredits(ctx context.Context, as []*news.Article) error {
	if len(as) == 0 {
		return nil
	}
	byID := make(map[string]*news.Article, len(as))
	args := make([]any, 0, len(as))
	for _, a := range as {
		byID[a.ID] = a
		args = append(args, a.ID)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT article_id, name, line FROM article_credits
		WHERE article_id IN (?`+strings.Repeat(",?", len(args)-1)+`) ORDER BY article_id, position`, args...)
	if err != nil {
		return fmt.Errorf("sqlite: credits: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var c news.Credit
		if err := rows.Scan(&id, &c.Name, &c.Line); err != nil {
			return fmt.Errorf("sqlite: credits: %w", err)
		}
		byID[id].Credits = append(byID[id].Credits, c)
	}
	return rows.Err()
}

// filterSQL renders a store.Filter as SQL conditions over articleFrom.
func filterSQL(f store.Filter, search bool) (string, []any) {
	var conds []string
	var args []any
	if f.Outlet != "" {
		conds = append(conds, `(lower(a.source_name) = lower(?) OR a.source_domain = lower(?))`)
		args = append(args, f.Outlet, f.Outlet)
	}
	if f.Language != "" {
		conds = append(conds, `a.language = ?`)
		args = append(args, strings.ToLower(f.Language))
	}
	if !f.From.IsZero() {
		conds = append(conds, `a.published >= ?`)
		args = append(args, store.BoundNanos(f.From))
	}
	if !f.To.IsZero() {
		conds = append(conds, `a.published < ?`)
		args = append(args, store.BoundNanos(f.To))
	}
	if !f.AllCopies && !search {
		// Searches collapse groups by rank instead; see Search.
		conds = append(conds, `(g.origin_id IS NULL OR g.origin_id = a.id)`)
	}
	if len(conds) == 0 {
		return "1=1", nil
	}
	return strings.Join(conds, " AND "), args
}

// Articles implements store.Store.
func (s *Store) Articles(ctx context.Context, q store.ArticleQuery) (store.ArticlePage, error) {
	limit := store.ClampLimit(q.Limit)
	where, args := filterSQL(q.Filter, false)
	if q.Cursor != "" {
		t, id, err := store.ParseKeysetCursor(q.Cursor)
		if err != nil {
			return store.ArticlePage{}, err
		}
		where += ` AND (a.sort_time < ? OR (a.sort_time = ? AND a.id < ?))`
		args = append(args, t.UnixNano(), t.UnixNano(), id)
	}
	args = append(args, limit+1)
	rows, err := s.db.QueryContext(ctx, `SELECT `+articleColumns+`, a.sort_time FROM `+articleFrom+` WHERE `+where+
		` ORDER BY a.sort_time DESC, a.id DESC LIMIT ?`, args...)
	if err != nil {
		return store.ArticlePage{}, fmt.Errorf("sqlite: list articles: %w", err)
	}
	defer rows.Close()
	var page store.ArticlePage
	var sortTimes []int64
	for rows.Next() {
		var st int64
		a, err := scanArticle(rows, &st)
		if err != nil {
			return page, fmt.Errorf("sqlite: list articles: %w", err)
		}
		page.Articles = append(page.Articles, a)
		sortTimes = append(sortTimes, st)
	}
	if err := rows.Err(); err != nil {
		return page, fmt.Errorf("sqlite: list articles: %w", err)
	}
	if len(page.Articles) > limit {
		page.Articles = page.Articles[:limit]
		last := page.Articles[limit-1]
		page.Next = store.KeysetCursor(timeFromNanos(sortTimes[limit-1]), last.ID)
	}
	ptrs := make([]*news.Article, len(page.Articles))
	for i := range page.Articles {
		ptrs[i] = &page.Articles[i]
	}
	return page, s.loadCredits(ctx, ptrs)
}

// PutFailures implements store.Store.
func (s *Store) PutFailures(ctx context.Context, failures []news.Failure) error {
	if len(failures) == 0 {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: begin: %w", err)
	}
	defer tx.Rollback()
	for _, f := range failures {
		if _, err := tx.ExecContext(ctx, `INSERT INTO failures (origin, kind, reason, at) VALUES (?, ?, ?, ?)
			ON CONFLICT (origin) DO UPDATE SET kind = excluded.kind, reason = excluded.reason, at = excluded.at`,
			f.Origin, f.Kind, f.Reason, f.At.UnixNano()); err != nil {
			return fmt.Errorf("sqlite: record failure: %w", err)
		}
	}
	return tx.Commit()
}

// Failures implements store.Store.
func (s *Store) Failures(ctx context.Context, limit int) ([]news.Failure, error) {
	if limit <= 0 {
		limit = store.MaxLimit
	}
	rows, err := s.db.QueryContext(ctx, `SELECT origin, kind, reason, at FROM failures ORDER BY at DESC, origin LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: failures: %w", err)
	}
	defer rows.Close()
	var fs []news.Failure
	for rows.Next() {
		var f news.Failure
		var at int64
		if err := rows.Scan(&f.Origin, &f.Kind, &f.Reason, &at); err != nil {
			return nil, fmt.Errorf("sqlite: failures: %w", err)
		}
		f.At = timeFromNanos(at)
		fs = append(fs, f)
	}
	return fs, rows.Err()
}
