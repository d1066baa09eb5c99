package sqlite

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// Snippet markers: control characters never present in clean text, so
// they can be turned into byte spans without escaping ambiguity.
const (
	markOpen  = "\x02"
	markClose = "\x03"
)

// Search implements store.Store.
func (s *Store) Search(ctx context.Context, q store.SearchQuery) (store.SearchPage, error) {
	parsed, err := store.ParseQuery(q.Text)
	if err != nil {
		return store.SearchPage{}, err
	}
	offset, err := store.ParseOffsetCursor(q.Cursor)
	if err != nil {
		return store.SearchPage{}, err
	}
	limit := store.ClampLimit(q.Limit)
	where, fargs := filterSQL(q.Filter, true)
	match := ftsQuery(parsed)
	cut, windowed, err := s.searchCut(ctx, match, where, fargs, q.SearchWindow())
	if err != nil {
		return store.SearchPage{}, err
	}
	args := append([]any{match, cut}, fargs...)
	args = append(args, limit+1, offset)
	// A syndication group is one result, its best-ranked member, unless
	// AllCopies; ungrouped articles are groups of one.
	group := `COALESCE(g.origin_id, a.id)`
	if q.AllCopies {
		group = `a.id`
	}
	// Title matches weigh more than body matches; bm25 is lower-is-better.
	// Every hit is ranked, but snippets are made afterwards for the page
	// alone: making one per hit cost seconds for a common word.
	//
	// Without filters, only the best rankCap matches are grouped: FTS5
	// keeps the top of its ranking in a heap, where materialising every
	// match of a common word to group it cost over a second. Collapsing
	// copies can then shorten late pages; a query that pages that deep
	// is rare, and filters (which could empty the capped set) take the
	// full path.
	matches := `SELECT a.rowid AS r, a.id AS id, bm25(articles_fts, 4.0, 1.0) AS score, ` + group + ` AS grp
			FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
				LEFT JOIN article_groups g ON g.article_id = a.id
			WHERE articles_fts MATCH ? AND articles_fts.rowid >= ? AND ` + where
	if where == "1=1" && offset+limit <= rankCap/2 {
		matches = `SELECT a.rowid AS r, a.id AS id, top.score AS score, ` + group + ` AS grp
			FROM (SELECT rowid, rank AS score FROM articles_fts WHERE articles_fts MATCH ? AND rowid >= ?
				AND rank MATCH 'bm25(4.0, 1.0)' ORDER BY rank LIMIT ` + strconv.Itoa(rankCap) + `) top
			JOIN articles a ON a.rowid = top.rowid LEFT JOIN article_groups g ON g.article_id = a.id`
	}
	rows, err := s.db.QueryContext(ctx, `WITH hits AS (`+matches+`),
		best AS (SELECT r, score, ROW_NUMBER() OVER (PARTITION BY grp ORDER BY score, id) AS n FROM hits)
		SELECT `+articleColumns+`, best.score, best.r
		FROM best JOIN articles a ON a.rowid = best.r LEFT JOIN article_groups g ON g.article_id = a.id
		WHERE best.n = 1
		ORDER BY best.score, a.id LIMIT ? OFFSET ?`, args...)
	if err != nil {
		return store.SearchPage{}, fmt.Errorf("sqlite: search %q: %w", q.Text, err)
	}
	defer rows.Close()
	var page store.SearchPage
	if windowed {
		page.Window = q.SearchWindow()
	}
	var rowids []any
	for rows.Next() {
		var h store.SearchHit
		var rowid int64
		h.Article, err = scanArticle(rows, &h.Score, &rowid)
		if err != nil {
			return page, fmt.Errorf("sqlite: search: %w", err)
		}
		h.Score = -h.Score
		page.Hits = append(page.Hits, h)
		rowids = append(rowids, rowid)
	}
	if err := rows.Err(); err != nil {
		return page, fmt.Errorf("sqlite: search: %w", err)
	}
	rows.Close()
	if len(page.Hits) > limit {
		page.Hits, rowids = page.Hits[:limit], rowids[:limit]
		page.Next = store.OffsetCursor(offset + limit)
	}
	if err := s.snippets(ctx, parsed, page.Hits, rowids); err != nil {
		return page, err
	}
	ptrs := make([]*news.Article, len(page.Hits))
	for i := range page.Hits {
		ptrs[i] = &page.Hits[i].Article
	}
	return page, s.loadCredits(ctx, ptrs)
}

// searchCut returns the rowid of the window-th most recently stored
// article matching the query and filters, below which matches are not
// ranked, and whether more articles match than the window; if not, the
// cut is 0 and every match is ranked. FTS5 walks a
// term's rowids in order without ranking them, so this costs a small
// part of ranking them all.
func (s *Store) searchCut(ctx context.Context, match, where string, fargs []any, window int) (int64, bool, error) {
	// The window-th match and the one after it, if any: only when
	// there is one after it does the window leave matches out.
	query := `SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT 2 OFFSET ?`
	args := []any{match, window - 1}
	if where != "1=1" {
		query = `SELECT articles_fts.rowid FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
			WHERE articles_fts MATCH ? AND ` + where + ` ORDER BY articles_fts.rowid DESC LIMIT 2 OFFSET ?`
		args = append(append([]any{match}, fargs...), window-1)
	}
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return 0, false, fmt.Errorf("sqlite: search window: %w", err)
	}
	defer rows.Close()
	var cuts []int64
	for rows.Next() {
		var r int64
		if err := rows.Scan(&r); err != nil {
			return 0, false, fmt.Errorf("sqlite: search window: %w", err)
		}
		cuts = append(cuts, r)
	}
	if err := rows.Err(); err != nil {
		return 0, false, fmt.Errorf("sqlite: search window: %w", err)
	}
	if len(cuts) < 2 {
		return 0, false, nil
	}
	return cuts[0], true, nil
}

// rankCap bounds the matches an unfiltered search groups; see Search.
const rankCap = 1000

// snippets fills the hits' snippets and highlights, for the rows given
// (the hits' rowids, in order).
func (s *Store) snippets(ctx context.Context, q store.Query, hits []store.SearchHit, rowids []any) error {
	if len(hits) == 0 {
		return nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT rowid, snippet(articles_fts, 1, '`+markOpen+`', '`+markClose+`', '…', 24)
		FROM articles_fts WHERE articles_fts MATCH ? AND rowid IN (?`+strings.Repeat(",?", len(rowids)-1)+`)`,
		append([]any{ftsQuery(q)}, rowids...)...)
	if err != nil {
		return fmt.Errorf("sqlite: search snippets: %w", err)
	}
	defer rows.Close()
	raw := map[int64]string{}
	for rows.Next() {
		var r int64
		var snip string
		if err := rows.Scan(&r, &snip); err != nil {
			return fmt.Errorf("sqlite: search snippets: %w", err)
		}
		raw[r] = snip
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlite: search snippets: %w", err)
	}
	for i := range hits {
		hits[i].Snippet, hits[i].Highlights = splitMarks(raw[rowids[i].(int64)])
	}
	return nil
}

// ftsQuery renders a parsed query in FTS5 syntax. Every word is quoted,
// so nothing the user typed is interpreted as FTS5 syntax.
func ftsQuery(q store.Query) string {
	term := func(t store.Term) string { return `"` + strings.Join(t, " ") + `"` }
	var groups []string
	for _, g := range q.Groups {
		alts := make([]string, len(g))
		for i, t := range g {
			alts[i] = term(t)
		}
		groups = append(groups, "("+strings.Join(alts, " OR ")+")")
	}
	out := "(" + strings.Join(groups, " AND ") + ")"
	if len(q.Excluded) > 0 {
		ex := make([]string, len(q.Excluded))
		for i, t := range q.Excluded {
			ex[i] = term(t)
		}
		out += " NOT (" + strings.Join(ex, " OR ") + ")"
	}
	return out
}

// splitMarks removes the snippet markers and returns where they were.
func splitMarks(raw string) (string, []news.Span) {
	var b strings.Builder
	var spans []news.Span
	start := -1
	for i := 0; i < len(raw); i++ {
		switch raw[i] {
		case markOpen[0]:
			start = b.Len()
		case markClose[0]:
			if start >= 0 && b.Len() > start {
				spans = append(spans, news.Span{Start: start, End: b.Len()})
			}
			start = -1
		default:
			b.WriteByte(raw[i])
		}
	}
	return b.String(), spans
}
