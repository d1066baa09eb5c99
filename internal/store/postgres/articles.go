package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// articleColumns are selected FROM articleFrom, as in the SQLite store.
const articleColumns = `a.id, a.key, a.url, a.title, a.title_derived, a.source_name, a.source_domain,
	a.authors, a.published, a.published_inferred, a.language, a.text, a.paragraphs, a.content_hash, a.format, a.origin, a.ingested_at,
	COALESCE(g.origin_id, ''),
	CASE WHEN g.origin_id IS NULL THEN 0
	     ELSE (SELECT COUNT(*) - 1 FROM article_groups c WHERE c.origin_id = g.origin_id) END`

const articleFrom = `articles a LEFT JOIN article_groups g ON g.article_id = a.id`

// args numbers query parameters as they are added.
type args []any

func (a *args) add(v any) string {
	*a = append(*a, v)
	return "$" + strconv.Itoa(len(*a))
}

// PutArticles implements store.Store.
func (s *Store) PutArticles(ctx context.Context, articles []news.Article) ([]bool, error) {
	isNew := make([]bool, len(articles))
	if len(articles) == 0 {
		return isNew, nil
	}
	err := pgx.BeginFunc(ctx, s.db, func(tx pgx.Tx) error {
		for i, a := range articles {
			authors, _ := json.Marshal(nonNil(a.Authors))
			paras, _ := json.Marshal(nonNilParas(a.Paragraphs))
			tag, err := tx.Exec(ctx, `INSERT INTO articles (id, key, url, title, title_derived, source_name,
				source_domain, authors, published, published_inferred, language, text, paragraphs, content_hash, format, origin,
				ingested_at, sort_time) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
				ON CONFLICT DO NOTHING`,
				a.ID, a.Key, a.URL, a.Title, a.TitleDerived, a.Source.Name, a.Source.Domain, string(authors),
				nanos(a.Published), a.PublishedInferred, a.Language, a.Text, string(paras), a.ContentHash, a.Format, a.Origin,
				a.IngestedAt.UnixNano(), store.SortTime(a).UnixNano())
			if err != nil {
				return fmt.Errorf("insert article %s: %w", a.ID, err)
			}
			if tag.RowsAffected() == 0 {
				continue
			}
			isNew[i] = true
			for p, c := range a.Credits {
				if _, err := tx.Exec(ctx, `INSERT INTO article_credits (article_id, position, name, line) VALUES ($1, $2, $3, $4)`,
					a.ID, p, c.Name, c.Line); err != nil {
					return fmt.Errorf("insert credit of %s: %w", a.ID, err)
				}
			}
		}
		for _, a := range articles {
			if a.Origin == "" {
				continue
			}
			if _, err := tx.Exec(ctx, `DELETE FROM failures WHERE origin = $1`, a.Origin); err != nil {
				return fmt.Errorf("clear failure: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	return isNew, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func nonNilParas(ps []news.Paragraph) []news.Paragraph {
	if ps == nil {
		return []news.Paragraph{}
	}
	return ps
}

// Article implements store.Store.
func (s *Store) Article(ctx context.Context, id string) (news.Article, error) {
	as, err := s.queryArticles(ctx, `SELECT `+articleColumns+` FROM `+articleFrom+` WHERE a.id = $1`, id)
	if err != nil {
		return news.Article{}, err
	}
	if len(as) == 0 {
		return news.Article{}, fmt.Errorf("article %s: %w", id, news.ErrNotFound)
	}
	return as[0], nil
}

func scanArticle(r pgx.Row, extra ...any) (news.Article, error) {
	var a news.Article
	var authors, paras []byte
	var published *int64
	var ingested int64
	dest := append([]any{&a.ID, &a.Key, &a.URL, &a.Title, &a.TitleDerived, &a.Source.Name, &a.Source.Domain,
		&authors, &published, &a.PublishedInferred, &a.Language, &a.Text, &paras, &a.ContentHash, &a.Format, &a.Origin, &ingested,
		&a.DupGroup, &a.Copies}, extra...)
	if err := r.Scan(dest...); err != nil {
		return a, err
	}
	if err := json.Unmarshal(authors, &a.Authors); err != nil {
		return a, fmt.Errorf("authors of %s: %w", a.ID, err)
	}
	if len(a.Authors) == 0 {
		a.Authors = nil
	}
	if err := json.Unmarshal(paras, &a.Paragraphs); err != nil {
		return a, fmt.Errorf("paragraphs of %s: %w", a.ID, err)
	}
	if len(a.Paragraphs) == 0 {
		a.Paragraphs = nil
	}
	a.Published = fromNanos(published)
	a.IngestedAt = timeFromNanos(ingested)
	return a, nil
}

// queryArticles runs a query selecting articleColumns and loads credits.
func (s *Store) queryArticles(ctx context.Context, query string, qargs ...any) ([]news.Article, error) {
	rows, err := s.db.Query(ctx, query, qargs...)
	if err != nil {
		return nil, fmt.Errorf("postgres: articles: %w", err)
	}
	defer rows.Close()
	var out []news.Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, fmt.Errorf("postgres: articles: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: articles: %w", err)
	}
	return out, s.loadCredits(ctx, ptrs(out))
}

func ptrs(as []news.Article) []*news.Article {
	out := make([]*news.Article, len(as))
	for i := range as {
		out[i] = &as[i]
	}
	return out
}

func (s *Store) loadCredits(ctx context.Context, as []*news.Article) error {
	if len(as) == 0 {
		return nil
	}
	byID := make(map[string]*news.Article, len(as))
	ids := make([]string, 0, len(as))
	for _, a := range as {
		byID[a.ID] = a
		ids = append(ids, a.ID)
	}
	rows, err := s.db.Query(ctx, `SELECT article_id, name, line FROM article_credits
		WHERE article_id = ANY($1) ORDER BY article_id, position`, ids)
	if err != nil {
		return fmt.Errorf("postgres: credits: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var c news.Credit
		if err := rows.Scan(&id, &c.Name, &c.Line); err != nil {
			return fmt.Errorf("postgres: credits: %w", err)
		}
		byID[id].Credits = append(byID[id].Credits, c)
	}
	return rows.Err()
}

// filterSQL renders a store.Filter as SQL conditions over articleFrom.
func filterSQL(f store.Filter, search bool, a *args) string {
	conds := []string{"TRUE"}
	if f.Outlet != "" {
		p := a.add(f.Outlet)
		conds = append(conds, `(lower(a.source_name) = lower(`+p+`) OR a.source_domain = lower(`+p+`))`)
	}
	if f.Language != "" {
		conds = append(conds, `a.language = `+a.add(strings.ToLower(f.Language)))
	}
	if !f.From.IsZero() {
		conds = append(conds, `a.published >= `+a.add(f.From.UnixNano()))
	}
	if !f.To.IsZero() {
		conds = append(conds, `a.published < `+a.add(f.To.UnixNano()))
	}
	if !f.AllCopies && !search {
		conds = append(conds, `(g.origin_id IS NULL OR g.origin_id = a.id)`)
	}
	return strings.Join(conds, " AND ")
}

// Articles implements store.Store.
func (s *Store) Articles(ctx context.Context, q store.ArticleQuery) (store.ArticlePage, error) {
	limit := store.ClampLimit(q.Limit)
	var a args
	where := filterSQL(q.Filter, false, &a)
	if q.Cursor != "" {
		t, id, err := store.ParseKeysetCursor(q.Cursor)
		if err != nil {
			return store.ArticlePage{}, err
		}
		where += ` AND (a.sort_time, a.id) < (` + a.add(t.UnixNano()) + `, ` + a.add(id) + `)`
	}
	rows, err := s.db.Query(ctx, `SELECT `+articleColumns+`, a.sort_time FROM `+articleFrom+` WHERE `+where+
		` ORDER BY a.sort_time DESC, a.id DESC LIMIT `+a.add(limit+1), a...)
	if err != nil {
		return store.ArticlePage{}, fmt.Errorf("postgres: list articles: %w", err)
	}
	defer rows.Close()
	var page store.ArticlePage
	var sortTimes []int64
	for rows.Next() {
		var st int64
		art, err := scanArticle(rows, &st)
		if err != nil {
			return page, fmt.Errorf("postgres: list articles: %w", err)
		}
		page.Articles = append(page.Articles, art)
		sortTimes = append(sortTimes, st)
	}
	if err := rows.Err(); err != nil {
		return page, fmt.Errorf("postgres: list articles: %w", err)
	}
	if len(page.Articles) > limit {
		page.Articles = page.Articles[:limit]
		page.Next = store.KeysetCursor(timeFromNanos(sortTimes[limit-1]), page.Articles[limit-1].ID)
	}
	return page, s.loadCredits(ctx, ptrs(page.Articles))
}

// PutFailures implements store.Store.
func (s *Store) PutFailures(ctx context.Context, failures []news.Failure) error {
	if len(failures) == 0 {
		return nil
	}
	return pgx.BeginFunc(ctx, s.db, func(tx pgx.Tx) error {
		for _, f := range failures {
			if _, err := tx.Exec(ctx, `INSERT INTO failures (origin, kind, reason, at) VALUES ($1, $2, $3, $4)
				ON CONFLICT (origin) DO UPDATE SET kind = excluded.kind, reason = excluded.reason, at = excluded.at`,
				f.Origin, f.Kind, f.Reason, f.At.UnixNano()); err != nil {
				return fmt.Errorf("postgres: record failure: %w", err)
			}
		}
		return nil
	})
}

// Failures implements store.Store.
func (s *Store) Failures(ctx context.Context, limit int) ([]news.Failure, error) {
	if limit <= 0 {
		limit = store.MaxLimit
	}
	rows, err := s.db.Query(ctx, `SELECT origin, kind, reason, at FROM failures ORDER BY at DESC, origin LIMIT $1`, limit)
	if err != nil {
		return nil, fmt.Errorf("postgres: failures: %w", err)
	}
	defer rows.Close()
	var fs []news.Failure
	for rows.Next() {
		var f news.Failure
		var at int64
		if err := rows.Scan(&f.Origin, &f.Kind, &f.Reason, &at); err != nil {
			return nil, fmt.Errorf("postgres: failures: %w", err)
		}
		f.At = timeFromNanos(at)
		fs = append(fs, f)
	}
	return fs, rows.Err()
}
