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
	a.authors, a.published, a.published_inferred, a.language, t.text, t.paragraphs, a.content_hash, a.format, a.origin, a.ingested_at,
	COALESCE(g.origin_id, ''),
	CASE WHEN g.origin_id IS NULL THEN 0
	     ELSE (SELECT COUNT(*) - 1 FROM article_groups c WHERE c.origin_id = g.origin_id) END`

const articleFrom = `articles a ` + textJoin + ` LEFT JOIN article_groups g ON g.article_id = a.id`

// textJoin joins an article's text (t) to its identity (a). Both keys of
// article_texts are given so that the join reads one month's partition.
const textJoin = `JOIN article_texts t ON t.article_seq = a.seq AND t.sort_time = a.sort_time`

// args numbers query parameters as they are added.
type args []any

func (a *args) add(v any) string {
	*a = append(*a, v)
	return "$" + strconv.Itoa(len(*a))
}

// PutArticles implements store.Store. A batch costs a handful of round
// trips whatever its size, because the store step must keep up with
// thousands of articles a second: the articles go in as one INSERT over
// column arrays (unnest), the credits of the new ones as another, and the
// failures they clear as one DELETE, the last two pipelined.
//
// The INSERT takes rows in batch order (ORDER BY ord, so seq, which
// resumption orders by, follows the batch as it did when rows were
// inserted one by one) and ON CONFLICT DO NOTHING skips any row whose id
// or key is already stored, including by an earlier row of the same
// batch. RETURNING says which rows were inserted; a returned (id, key)
// belongs to the first row of the batch carrying it, since a later one
// would have conflicted with it.
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
	n := len(articles)
	var (
		ids, keys, urls, titles, sourceNames, sourceDomains = make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
		authors, languages, texts, paras, hashes, formats   = make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
		origins                                             = make([]string, n)
		derived, inferred                                   = make([]bool, n), make([]bool, n)
		published                                           = make([]*int64, n)
		ingested, sortTimes                                 = make([]int64, n), make([]int64, n)
	)
	for i, a := range articles {
		au, _ := json.Marshal(nonNil(a.Authors))
		ps, _ := json.Marshal(nonNilParas(a.Paragraphs))
		ids[i], keys[i], urls[i], titles[i], derived[i] = a.ID, a.Key, a.URL, a.Title, a.TitleDerived
		sourceNames[i], sourceDomains[i], authors[i] = a.Source.Name, a.Source.Domain, string(au)
		published[i], inferred[i], languages[i], texts[i], paras[i] = nanos(a.Published), a.PublishedInferred, a.Language, a.Text, string(ps)
		hashes[i], formats[i], origins[i] = a.ContentHash, a.Format, a.Origin
		ingested[i], sortTimes[i] = a.IngestedAt.UnixNano(), store.SortTime(a).UnixNano()
	}
	insert := func(tx pgx.Tx) error {
		// The text goes to its month's partition in the same statement,
		// one row per inserted article: DISTINCT ON keeps the first row of
		// the batch for an (id, key) given twice, the one that was inserted.
		rows, err := tx.Query(ctx, `WITH b AS (
				SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bool[], $6::text[], $7::text[],
					$8::text[], $9::bigint[], $10::bool[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[],
					$16::text[], $17::bigint[], $18::bigint[])
					WITH ORDINALITY AS b(id, key, url, title, title_derived, source_name, source_domain, authors, published,
						published_inferred, language, text, paragraphs, content_hash, format, origin, ingested_at, sort_time, ord)),
			ins AS (
				INSERT INTO articles (id, key, url, title, title_derived, source_name, source_domain, authors, published,
					published_inferred, language, content_hash, format, origin, ingested_at, sort_time)
				SELECT id, key, url, title, title_derived, source_name, source_domain, authors::jsonb, published,
					published_inferred, language, content_hash, format, origin, ingested_at, sort_time
				FROM b ORDER BY ord
				ON CONFLICT DO NOTHING
				RETURNING seq, id, key, sort_time),
			txt AS (
				INSERT INTO article_texts (article_seq, sort_time, text, paragraphs)
				SELECT ins.seq, ins.sort_time, first.text, first.paragraphs::jsonb
				FROM ins JOIN (SELECT DISTINCT ON (id, key) id, key, text, paragraphs FROM b ORDER BY id, key, ord) first
					ON first.id = ins.id AND first.key = ins.key)
			SELECT id, key FROM ins`,
			ids, keys, urls, titles, derived, sourceNames, sourceDomains, authors, published, inferred, languages,
			texts, paras, hashes, formats, origins, ingested, sortTimes)
		if err != nil {
			return fmt.Errorf("insert articles: %w", err)
		}
		inserted := map[[2]string]bool{}
		for rows.Next() {
			var id, key string
			if err := rows.Scan(&id, &key); err != nil {
				rows.Close()
				return fmt.Errorf("insert articles: %w", err)
			}
			inserted[[2]string{id, key}] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("insert articles: %w", err)
		}
		var cIDs, cNames, cLines, clear []string
		var cPos []int32
		for i, a := range articles {
			if k := [2]string{a.ID, a.Key}; inserted[k] {
				isNew[i] = true
				delete(inserted, k) // a later row with the same id and key was a conflict
				for p, c := range a.Credits {
					cIDs, cPos, cNames, cLines = append(cIDs, a.ID), append(cPos, int32(p)), append(cNames, c.Name), append(cLines, c.Line)
				}
			}
			if a.Origin != "" {
				clear = append(clear, a.Origin)
			}
		}
		var batch pgx.Batch
		if len(cIDs) > 0 {
			batch.Queue(`INSERT INTO article_credits (article_id, position, name, line)
				SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[])`, cIDs, cPos, cNames, cLines)
		}
		if len(clear) > 0 {
			batch.Queue(`DELETE FROM failures WHERE origin = ANY($1)`, clear)
		}
		if batch.Len() == 0 {
			return nil
		}
		if err := tx.SendBatch(ctx, &batch).Close(); err != nil {
			return fmt.Errorf("insert credits, clear failures: %w", err)
		}
		return nil
	}
	// A partition this process made may have been dropped or detached
	// by an operator since: then the insert finds no partition for a
	// row, and one retry after forgetting what it knew makes it again.
	for try := 0; ; try++ {
		if err := s.partitions.ensure(ctx, s.db, sortTimes); err != nil {
			return nil, fmt.Errorf("postgres: %w", err)
		}
		err := pgx.BeginFunc(ctx, s.db, insert)
		if err == nil {
			break
		}
		if try == 0 && noPartition(err) {
			s.partitions.forget()
			continue
		}
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
		conds = append(conds, `a.published >= `+a.add(store.BoundNanos(f.From)))
	}
	if !f.To.IsZero() {
		conds = append(conds, `a.published < `+a.add(store.BoundNanos(f.To)))
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
	keep := lastWins(len(failures), func(i int) string { return failures[i].Origin })
	origins, kinds, reasons, at := make([]string, len(keep)), make([]string, len(keep)), make([]string, len(keep)), make([]int64, len(keep))
	for k, i := range keep {
		f := failures[i]
		origins[k], kinds[k], reasons[k], at[k] = f.Origin, f.Kind, f.Reason, f.At.UnixNano()
	}
	if _, err := s.db.Exec(ctx, `INSERT INTO failures (origin, kind, reason, at)
		SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[])
		ON CONFLICT (origin) DO UPDATE SET kind = excluded.kind, reason = excluded.reason, at = excluded.at`,
		origins, kinds, reasons, at); err != nil {
		return fmt.Errorf("postgres: record failures: %w", err)
	}
	return nil
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
