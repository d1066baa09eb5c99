package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// Snippet markers: control characters never present in clean text.
const (
	markOpen  = "\x02"
	markClose = "\x03"
)

// headlineOptions make ts_headline mark matches with the markers above
// and return about as much text as the SQLite store's snippets.
const headlineOptions = "StartSel=" + markOpen + ", StopSel=" + markClose +
	", MaxWords=30, MinWords=12, ShortWord=0, MaxFragments=2, FragmentDelimiter=\" … \""

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
	window := q.SearchWindow()
	var a args
	tsq := tsQuery(parsed, &a)
	where := filterSQL(q.Filter, true, &a)
	group := `COALESCE(g.origin_id, a.id)`
	if q.AllCopies {
		group = `a.id`
	}
	// matches finds every match through the indexes without ranking it
	// (ranking reads each one's vector). Only the window of the most
	// recently stored is ranked, from cut on (store.SearchQuery.Window).
	// A syndication group is one result, its best-ranked member, unless
	// AllCopies. Headlines are made only for the page's hits. Articles
	// not yet indexed (IndexPending) are matched by computing their
	// vector here, found through the partial index on pending rows.
	rows, err := s.db.Query(ctx, `WITH query AS (SELECT `+tsq+` AS q),
		matches AS MATERIALIZED (
			SELECT a.seq, a.id, `+group+` AS grp
			FROM `+articleFrom+` CROSS JOIN query
			WHERE (t.fts @@ query.q OR (t.fts IS NULL AND `+ftsExpr+` @@ query.q)) AND `+where+`),
		cut AS (
			SELECT COALESCE((SELECT seq FROM matches ORDER BY seq DESC OFFSET `+a.add(window-1)+` LIMIT 1), 0) AS seq),
		hits AS (
			SELECT m.seq, m.id, m.grp, ts_rank_cd(COALESCE(t.fts, `+ftsExpr+`), query.q) AS score
			FROM matches m CROSS JOIN cut JOIN articles a ON a.seq = m.seq `+textJoin+` CROSS JOIN query
			WHERE m.seq >= cut.seq),
		best AS (
			SELECT seq, score, ROW_NUMBER() OVER (PARTITION BY grp ORDER BY score DESC, id) AS n FROM hits),
		page AS (
			SELECT a.seq, best.score FROM best JOIN articles a ON a.seq = best.seq WHERE best.n = 1
			ORDER BY best.score DESC, a.id LIMIT `+a.add(limit+1)+` OFFSET `+a.add(offset)+`)
		SELECT `+articleColumns+`, page.score, ts_headline('simple', t.text, query.q, `+a.add(headlineOptions)+`),
			(SELECT count(*) FROM matches)
		FROM page, `+articleFrom+` CROSS JOIN query WHERE a.seq = page.seq
		ORDER BY page.score DESC, a.id`, a...)
	if err != nil {
		return store.SearchPage{}, fmt.Errorf("postgres: search %q: %w", q.Text, err)
	}
	defer rows.Close()
	var page store.SearchPage
	for rows.Next() {
		var h store.SearchHit
		var raw string
		var score float32
		var matched int
		h.Article, err = scanArticle(rows, &score, &raw, &matched)
		if err != nil {
			return page, fmt.Errorf("postgres: search: %w", err)
		}
		if matched > window {
			page.Window = window
		}
		h.Score = float64(score)
		h.Snippet, h.Highlights = splitMarks(raw)
		page.Hits = append(page.Hits, h)
	}
	if err := rows.Err(); err != nil {
		return page, fmt.Errorf("postgres: search: %w", err)
	}
	if len(page.Hits) > limit {
		page.Hits = page.Hits[:limit]
		page.Next = store.OffsetCursor(offset + limit)
	}
	hits := make([]*news.Article, len(page.Hits))
	for i := range page.Hits {
		hits[i] = &page.Hits[i].Article
	}
	return page, s.loadCredits(ctx, hits)
}

// tsQuery renders a parsed query as a tsquery expression. Every term goes
// in as a bound parameter through phraseto_tsquery, so nothing the user
// typed is interpreted as tsquery syntax.
func tsQuery(q store.Query, a *args) string {
	term := func(t store.Term) string {
		return `phraseto_tsquery('simple', ` + a.add(strings.Join(t, " ")) + `)`
	}
	var groups []string
	for _, g := range q.Groups {
		alts := make([]string, len(g))
		for i, t := range g {
			alts[i] = term(t)
		}
		groups = append(groups, "("+strings.Join(alts, " || ")+")")
	}
	out := "(" + strings.Join(groups, " && ") + ")"
	if len(q.Excluded) > 0 {
		ex := make([]string, len(q.Excluded))
		for i, t := range q.Excluded {
			ex[i] = term(t)
		}
		out += " && !!(" + strings.Join(ex, " || ") + ")"
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
