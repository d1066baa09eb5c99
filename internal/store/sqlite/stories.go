package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// PutStories implements store.Store. Sequence numbers are counted from
// the largest stored one inside the (immediate, so exclusive)
// transaction, so they stay gapless and concurrent writers cannot take
// the same one.
func (s *Store) PutStories(ctx context.Context, b store.StoryBatch) error {
	if len(b.Articles)+len(b.Members)+len(b.Redirects) == 0 {
		return nil
	}
	if err := store.CheckStoryBatch(b); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: begin: %w", err)
	}
	defer tx.Rollback()
	var next int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) + 1 FROM story_members`).Scan(&next); err != nil {
		return fmt.Errorf("sqlite: story members: %w", err)
	}
	// A member placed again keeps its seq, since replay order is the
	// order of first placement, and keeps its input when the move brings
	// none: the clusterer's input for an article does not change when a
	// repair moves it. RETURNING tells a new row (it took next) from a
	// moved one.
	put, err := tx.PrepareContext(ctx, `INSERT INTO story_members (article_id, story_id, seq, reason, why, input)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (article_id) DO UPDATE SET story_id = excluded.story_id, reason = excluded.reason,
		why = excluded.why, input = COALESCE(excluded.input, story_members.input)
		RETURNING seq`)
	if err != nil {
		return fmt.Errorf("sqlite: story members: %w", err)
	}
	defer put.Close()
	// Every story a member leaves or joins, and every merged story, has
	// its story_stats row rewritten before the commit.
	touched := map[string]bool{}
	for from, into := range b.Redirects {
		touched[from], touched[into] = true, true
	}
	for _, m := range b.Members {
		var old string
		err := tx.QueryRowContext(ctx, `SELECT story_id FROM story_members WHERE article_id = ?`, m.Article).Scan(&old)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("sqlite: story member %s: %w", m.Article, err)
		}
		if old != "" {
			touched[old] = true
		}
		touched[m.Story] = true
		var seq int64
		if err := put.QueryRowContext(ctx, m.Article, m.Story, next, m.Reason, string(m.Why), blob(m.Input)).Scan(&seq); err != nil {
			return fmt.Errorf("sqlite: story member %s: %w", m.Article, err)
		}
		if seq == next {
			next++
		}
	}
	for _, from := range slices.Sorted(maps.Keys(b.Redirects)) {
		if _, err := tx.ExecContext(ctx, `INSERT INTO story_redirects (from_id, into_id) VALUES (?, ?)
			ON CONFLICT (from_id) DO UPDATE SET into_id = excluded.into_id`, from, b.Redirects[from]); err != nil {
			return fmt.Errorf("sqlite: story redirect %s: %w", from, err)
		}
	}
	for _, a := range b.Articles {
		if _, err := tx.ExecContext(ctx, `INSERT INTO story_articles (article_id) VALUES (?) ON CONFLICT DO NOTHING`, a); err != nil {
			return fmt.Errorf("sqlite: stories of %s: %w", a, err)
		}
	}
	version := time.Now().UnixNano()
	for _, id := range slices.Sorted(maps.Keys(touched)) {
		if _, err := tx.ExecContext(ctx, `DELETE FROM story_stats WHERE story_id = ?`, id); err != nil {
			return fmt.Errorf("sqlite: story %s: %w", id, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO story_stats (story_id, articles, outlets, first_t, last_t, title, version) `+
			strings.Replace(storyStatsSelect, "FROM story_members m JOIN", ", ? FROM story_members m JOIN", 1)+
			` WHERE m.story_id = ? GROUP BY m.story_id`, version, id); err != nil {
			return fmt.Errorf("sqlite: story %s: %w", id, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: commit: %w", err)
	}
	return nil
}

// blob binds an empty byte slice as NULL, which COALESCE in PutStories
// reads as "no new input".
func blob(b []byte) any {
	if len(b) == 0 {
		return nil
	}
	return b
}

// Unstoried implements store.Store.
func (s *Store) Unstoried(ctx context.Context, limit int) ([]news.Article, error) {
	return s.queryArticles(ctx, `SELECT `+articleColumns+` FROM `+articleFrom+`
		WHERE NOT EXISTS (SELECT 1 FROM story_articles x WHERE x.article_id = a.id)
		ORDER BY a.rowid LIMIT ?`, limit)
}

// memberArticleColumns are articleColumns without the paragraphs, which
// a replay does not need and which would double what it reads.
var memberArticleColumns = strings.Replace(articleColumns, "a.paragraphs", "'null'", 1)

// StoryMembers implements store.Store, paging by seq like Fingerprints
// so no read stays open while fn runs.
func (s *Store) StoryMembers(ctx context.Context, fn func(news.StoryMember, news.Article) error) error {
	const page = 1000
	var after int64
	for {
		rows, err := s.db.QueryContext(ctx, `SELECT `+memberArticleColumns+`, m.story_id, m.seq, m.reason,
			m.why, m.input FROM story_members m JOIN articles a ON a.id = m.article_id
			LEFT JOIN article_groups g ON g.article_id = a.id
			WHERE m.seq > ? ORDER BY m.seq LIMIT ?`, after, page)
		if err != nil {
			return fmt.Errorf("sqlite: story members: %w", err)
		}
		var ms []news.StoryMember
		var as []news.Article
		for rows.Next() {
			var m news.StoryMember
			var why string
			a, err := scanArticle(rows, &m.Story, &m.Seq, &m.Reason, &why, &m.Input)
			if err != nil {
				rows.Close()
				return fmt.Errorf("sqlite: story members: %w", err)
			}
			m.Article, m.Why = a.ID, rawJSON(why)
			ms, as = append(ms, m), append(as, a)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("sqlite: story members: %w", err)
		}
		ptrs := make([]*news.Article, len(as))
		for i := range as {
			ptrs[i] = &as[i]
		}
		if err := s.loadCredits(ctx, ptrs); err != nil {
			return err
		}
		for i := range ms {
			if err := fn(ms[i], as[i]); err != nil {
				return err
			}
			after = ms[i].Seq
		}
		if len(ms) < page {
			return nil
		}
	}
}

func rawJSON(s string) []byte {
	if s == "" {
		return nil
	}
	return []byte(s)
}

// StoryRedirects implements store.Store.
func (s *Store) StoryRedirects(ctx context.Context) (map[string]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT from_id, into_id FROM story_redirects`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: story redirects: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var from, into string
		if err := rows.Scan(&from, &into); err != nil {
			return nil, fmt.Errorf("sqlite: story redirects: %w", err)
		}
		out[from] = into
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: story redirects: %w", err)
	}
	return out, nil
}

// storyOutlet names an article's outlet the way Stats counts outlets;
// NULL (not counted) when the article has neither name nor domain.
const storyOutlet = `CASE WHEN a.source_name <> '' THEN lower(a.source_name)
	WHEN a.source_domain <> '' THEN a.source_domain END`

// storyStatsSelect computes story_stats rows from members (the same
// query as migration 0009's backfill).
const storyStatsSelect = `SELECT m.story_id, COUNT(*), COUNT(DISTINCT ` + storyOutlet + `),
	COALESCE(MIN(a.published), MIN(a.sort_time)), COALESCE(MAX(a.published), MAX(a.sort_time)),
	(SELECT a2.title FROM story_members m2 JOIN articles a2 ON a2.id = m2.article_id
		WHERE m2.story_id = m.story_id ORDER BY a2.sort_time, m2.seq LIMIT 1)
	FROM story_members m JOIN articles a ON a.id = m.article_id`

// listOrders are the ORDER BY clauses of the story sorts over
// story_stats.
var listOrders = map[string]string{
	"":                  "st.last_t DESC, st.story_id",
	store.StoriesLatest: "st.last_t DESC, st.story_id",
	store.StoriesSize:   "st.articles DESC, st.last_t DESC, st.story_id",
}

// storyOrders are the ORDER BY clauses of the story sorts, over the
// columns of storyAggregates' CTE.
var storyOrders = map[string]string{
	"":                  "last_t DESC, sid",
	store.StoriesLatest: "last_t DESC, sid",
	store.StoriesSize:   "n DESC, last_t DESC, sid",
}

// stories computes stories from their members: the members matching
// where are grouped, the groups counted, sorted and cut to limit, and
// only then is each one's title (its earliest article's) looked up.
func (s *Store) stories(ctx context.Context, where string, args []any, minArticles int, order string, limit int) ([]news.Story, error) {
	args = append(args, max(minArticles, 1), limit)
	rows, err := s.db.QueryContext(ctx, `WITH s AS (
			SELECT m.story_id AS sid, COUNT(*) AS n, COUNT(DISTINCT `+storyOutlet+`) AS outlets,
				COALESCE(MIN(a.published), MIN(a.sort_time)) AS first_t, COALESCE(MAX(a.published), MAX(a.sort_time)) AS last_t
			FROM story_members m JOIN articles a ON a.id = m.article_id
			WHERE `+where+`
			GROUP BY m.story_id HAVING COUNT(*) >= ?
			ORDER BY `+order+` LIMIT ?)
		SELECT sid, n, outlets, first_t, last_t,
			(SELECT a.title FROM story_members m JOIN articles a ON a.id = m.article_id
				WHERE m.story_id = s.sid ORDER BY a.sort_time, m.seq LIMIT 1),
			COALESCE(l.id, '')
		FROM s LEFT JOIN storylines l ON l.story_id = s.sid
		ORDER BY `+order, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: stories: %w", err)
	}
	return scanStories(rows)
}

// Stories implements store.Store, from story_stats: one row per story,
// filtered by the members only when a date range or an entity asks.
func (s *Store) Stories(ctx context.Context, q store.StoryQuery) ([]news.Story, error) {
	if err := store.CheckStorySort(q.Sort); err != nil {
		return nil, err
	}
	where := []string{`st.articles >= ?`, `NOT EXISTS (SELECT 1 FROM story_redirects r WHERE r.from_id = st.story_id)`}
	args := []any{max(q.MinArticles, 1)}
	if !q.From.IsZero() || !q.To.IsZero() {
		cond := []string{"1=1"}
		if !q.From.IsZero() {
			cond, args = append(cond, "t.sort_time >= ?"), append(args, store.BoundNanos(q.From))
		}
		if !q.To.IsZero() {
			cond, args = append(cond, "t.sort_time < ?"), append(args, store.BoundNanos(q.To))
		}
		where = append(where, `st.story_id IN (SELECT tm.story_id FROM story_members tm
			JOIN articles t ON t.id = tm.article_id WHERE `+strings.Join(cond, " AND ")+`)`)
	}
	if q.Entity != "" {
		where = append(where, `st.story_id IN (SELECT em.story_id FROM story_members em
			JOIN entity_mentions e ON e.article_id = em.article_id WHERE e.entity_id = ?)`)
		args = append(args, q.Entity)
	}
	pos, ok, err := store.ParseStoryCursor(q.Sort, q.Cursor)
	if err != nil {
		return nil, err
	}
	if ok {
		after := `(st.last_t < ? OR (st.last_t = ? AND st.story_id > ?))`
		largs := []any{pos.Last, pos.Last, pos.ID}
		if q.Sort == store.StoriesSize {
			after = `(st.articles < ? OR (st.articles = ? AND ` + after + `))`
			largs = append([]any{pos.Articles, pos.Articles}, largs...)
		}
		where, args = append(where, after), append(args, largs...)
	}
	args = append(args, store.ClampLimit(q.Limit))
	rows, err := s.db.QueryContext(ctx, `SELECT st.story_id, st.articles, st.outlets, st.first_t, st.last_t, st.title,
		COALESCE(l.id, '') FROM story_stats st LEFT JOIN storylines l ON l.story_id = st.story_id
		WHERE `+strings.Join(where, " AND ")+` ORDER BY `+listOrders[q.Sort]+` LIMIT ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: stories: %w", err)
	}
	return scanStories(rows)
}

// StoryVersion implements store.Store.
func (s *Store) StoryVersion(ctx context.Context, id string) (string, int64, error) {
	to, err := s.resolveStory(ctx, id)
	if err != nil {
		return "", 0, err
	}
	var v int64
	err = s.db.QueryRowContext(ctx, `SELECT version FROM story_stats WHERE story_id = ?`, to).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", 0, fmt.Errorf("story %s: %w", id, news.ErrNotFound)
	}
	if err != nil {
		return "", 0, fmt.Errorf("sqlite: story %s: %w", id, err)
	}
	return to, v, nil
}

// resolveStory follows redirects from a story id.
func (s *Store) resolveStory(ctx context.Context, id string) (string, error) {
	return store.FollowRedirects(id, func(from string) (string, bool, error) {
		var into string
		err := s.db.QueryRowContext(ctx, `SELECT into_id FROM story_redirects WHERE from_id = ?`, from).Scan(&into)
		if errors.Is(err, sql.ErrNoRows) {
			return "", false, nil
		}
		if err != nil {
			return "", false, fmt.Errorf("sqlite: story redirect %s: %w", from, err)
		}
		return into, true, nil
	})
}

// Story implements store.Store.
func (s *Store) Story(ctx context.Context, id string) (news.Story, error) {
	to, err := s.resolveStory(ctx, id)
	if err != nil {
		return news.Story{}, err
	}
	ss, err := s.stories(ctx, "m.story_id = ?", []any{to}, 1, storyOrders[""], 1)
	if err != nil {
		return news.Story{}, err
	}
	if len(ss) == 0 {
		return news.Story{}, fmt.Errorf("story %s: %w", id, news.ErrNotFound)
	}
	st := ss[0]
	rows, err := s.db.QueryContext(ctx, `SELECT m.article_id, m.story_id, m.seq, m.reason, m.why, m.input, a.title,
		CASE WHEN a.source_name <> '' THEN a.source_name ELSE a.source_domain END, COALESCE(a.published, 0)
		FROM story_members m JOIN articles a ON a.id = m.article_id WHERE m.story_id = ? ORDER BY m.seq`, to)
	if err != nil {
		return st, fmt.Errorf("sqlite: story %s: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var m news.StoryMember
		var why string
		var at int64
		if err := rows.Scan(&m.Article, &m.Story, &m.Seq, &m.Reason, &why, &m.Input, &m.Title, &m.Source, &at); err != nil {
			return st, fmt.Errorf("sqlite: story %s: %w", id, err)
		}
		m.Why = rawJSON(why)
		if at != 0 { // undated: no publication time to show
			m.Published = timeFromNanos(at)
		}
		st.Members = append(st.Members, m)
	}
	if err := rows.Err(); err != nil {
		return st, fmt.Errorf("sqlite: story %s: %w", id, err)
	}
	// Counted like Entities: demonyms link but do not count.
	st.Entities, err = s.scanEntities(ctx, `SELECT e.id, e.type, e.name, COUNT(DISTINCT x.article_id), COUNT(*)
		FROM story_members m JOIN entity_mentions x ON x.article_id = m.article_id AND x.kind <> 'demonym'
		JOIN entities e ON e.id = x.entity_id
		WHERE m.story_id = ? GROUP BY e.id ORDER BY 4 DESC, 5 DESC, e.name, e.id LIMIT ?`, to, store.StoryEntities)
	if err != nil {
		return st, err
	}
	return st, nil
}

// PutStorylines implements store.Store.
func (s *Store) PutStorylines(ctx context.Context, lines []news.Storyline) error {
	if err := store.CheckStorylines(lines); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: begin: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM storylines`); err != nil {
		return fmt.Errorf("sqlite: storylines: %w", err)
	}
	ins, err := tx.PrepareContext(ctx, `INSERT INTO storylines (story_id, id, position) VALUES (?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("sqlite: storylines: %w", err)
	}
	defer ins.Close()
	for _, l := range lines {
		for i, st := range l.Stories {
			if _, err := ins.ExecContext(ctx, st, l.ID, i); err != nil {
				return fmt.Errorf("sqlite: storyline %s: %w", l.ID, err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: commit: %w", err)
	}
	return nil
}

// Storylines implements store.Store: first the page of line ids, latest
// first, then the stories of those lines with their sizes and titles.
func (s *Store) Storylines(ctx context.Context, q store.StorylineQuery) ([]news.Storyline, error) {
	sel, args := "1=1", []any{}
	if q.Story != "" {
		to, err := s.resolveStory(ctx, q.Story)
		if err != nil {
			return nil, err
		}
		sel, args = "id IN (SELECT id FROM storylines WHERE story_id = ?)", []any{to}
	}
	having := ""
	pos, ok, err := store.ParseStorylineCursor(q.Cursor)
	if err != nil {
		return nil, err
	}
	if ok {
		having = ` HAVING COALESCE(MAX(agg.last_t), ?) < ? OR (COALESCE(MAX(agg.last_t), ?) = ? AND sel.id > ?)`
		args = append(args, int64(store.NoTime), pos.Last, int64(store.NoTime), pos.Last, pos.ID)
	}
	args = append(args, store.ClampLimit(q.Limit))
	// A line's counts come from its stories' members; a story with none
	// (since merged away) adds nothing.
	rows, err := s.db.QueryContext(ctx, `WITH sel AS (SELECT story_id, id FROM storylines WHERE `+sel+`),
		agg AS (SELECT m.story_id AS sid, COUNT(*) AS n, COALESCE(MIN(a.published), MIN(a.sort_time)) AS first_t, COALESCE(MAX(a.published), MAX(a.sort_time)) AS last_t
			FROM sel JOIN story_members m ON m.story_id = sel.story_id JOIN articles a ON a.id = m.article_id
			GROUP BY m.story_id)
		SELECT sel.id, COALESCE(SUM(agg.n), 0), MIN(agg.first_t), MAX(agg.last_t)
		FROM sel LEFT JOIN agg ON agg.sid = sel.story_id
		GROUP BY sel.id`+having+` ORDER BY MAX(agg.last_t) DESC NULLS LAST, sel.id LIMIT ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: storylines: %w", err)
	}
	var out []news.Storyline
	at := map[string]int{}
	for rows.Next() {
		var l news.Storyline
		var first, last sql.NullInt64
		if err := rows.Scan(&l.ID, &l.Articles, &first, &last); err != nil {
			rows.Close()
			return nil, fmt.Errorf("sqlite: storylines: %w", err)
		}
		l.First, l.Last = fromNanos(first), fromNanos(last)
		at[l.ID] = len(out)
		out = append(out, l)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		if err != nil {
			err = fmt.Errorf("sqlite: storylines: %w", err)
		}
		return nil, err
	}
	ids := make([]any, len(out))
	for i, l := range out {
		ids[i] = l.ID
	}
	rows, err = s.db.QueryContext(ctx, `SELECT l.id, l.story_id,
			(SELECT COUNT(*) FROM story_members m WHERE m.story_id = l.story_id),
			COALESCE((SELECT a.title FROM story_members m JOIN articles a ON a.id = m.article_id
				WHERE m.story_id = l.story_id ORDER BY a.sort_time, m.seq LIMIT 1), '')
		FROM storylines l WHERE l.id IN (?`+strings.Repeat(",?", len(ids)-1)+`) ORDER BY l.id, l.position`, ids...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: storylines: %w", err)
	}
	defer rows.Close()
	sizes, titles := make([][]int, len(out)), make([][]string, len(out))
	for rows.Next() {
		var line, story, title string
		var n int
		if err := rows.Scan(&line, &story, &n, &title); err != nil {
			return nil, fmt.Errorf("sqlite: storylines: %w", err)
		}
		i := at[line]
		out[i].Stories = append(out[i].Stories, story)
		sizes[i], titles[i] = append(sizes[i], n), append(titles[i], title)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: storylines: %w", err)
	}
	for i := range out {
		out[i].Title = store.StorylineTitle(sizes[i], titles[i])
	}
	return out, nil
}

// scanStories reads listing rows: id, counts, span, title, storyline.
func scanStories(rows *sql.Rows) ([]news.Story, error) {
	defer rows.Close()
	var out []news.Story
	for rows.Next() {
		var st news.Story
		var first, last int64
		if err := rows.Scan(&st.ID, &st.Articles, &st.Outlets, &first, &last, &st.Title, &st.Storyline); err != nil {
			return nil, fmt.Errorf("sqlite: stories: %w", err)
		}
		st.First, st.Last = timeFromNanos(first), timeFromNanos(last)
		out = append(out, st)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: stories: %w", err)
	}
	return out, nil
}
