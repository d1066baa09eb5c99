package postgres

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// PutStories implements store.Store. Sequence numbers are counted from
// the largest stored one, as in the SQLite store, so both number members
// alike; the table lock (which readers do not wait for) keeps two
// writers from counting from the same number.
func (s *Store) PutStories(ctx context.Context, b store.StoryBatch) error {
	if len(b.Articles)+len(b.Members)+len(b.Redirects) == 0 {
		return nil
	}
	if err := store.CheckStoryBatch(b); err != nil {
		return err
	}
	// Every story a member leaves or joins, and every merged story, has
	// its story_stats row rewritten before the commit.
	touched := map[string]bool{}
	for from, into := range b.Redirects {
		touched[from], touched[into] = true, true
	}
	err := pgx.BeginFunc(ctx, s.db, func(tx pgx.Tx) error {
		if len(b.Members) > 0 {
			if _, err := tx.Exec(ctx, `LOCK TABLE story_members IN SHARE ROW EXCLUSIVE MODE`); err != nil {
				return fmt.Errorf("story members: %w", err)
			}
			var next int64
			if err := tx.QueryRow(ctx, `SELECT COALESCE(MAX(seq), 0) + 1 FROM story_members`).Scan(&next); err != nil {
				return fmt.Errorf("story members: %w", err)
			}
			// A member placed again keeps its seq, since replay order is
			// the order of first placement, and keeps its input when the
			// move brings none: the clusterer's input for an article does
			// not change when a repair moves it. The batch is written as
			// one upsert that ends where a loop of single upserts would:
			// the stored members are read first (under the lock, so they
			// cannot change), new articles take next, next+1, … in the
			// order they first appear, and an article placed twice in the
			// batch keeps its last placement and its last input given.
			arts := make([]string, len(b.Members))
			for i, m := range b.Members {
				arts[i] = m.Article
			}
			type stored struct {
				story string
				seq   int64
			}
			old := map[string]stored{}
			rows, err := tx.Query(ctx, `SELECT article_id, story_id, seq FROM story_members WHERE article_id = ANY($1)`, arts)
			if err != nil {
				return fmt.Errorf("story members: %w", err)
			}
			for rows.Next() {
				var a string
				var st stored
				if err := rows.Scan(&a, &st.story, &st.seq); err != nil {
					rows.Close()
					return fmt.Errorf("story members: %w", err)
				}
				old[a] = st
				touched[st.story] = true
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return fmt.Errorf("story members: %w", err)
			}
			input := map[string][]byte{}
			for _, m := range b.Members {
				touched[m.Story] = true
				if _, ok := old[m.Article]; !ok {
					old[m.Article] = stored{story: m.Story, seq: next}
					next++
				}
				if len(m.Input) > 0 {
					input[m.Article] = m.Input
				}
			}
			keep := lastWins(len(b.Members), func(i int) string { return b.Members[i].Article })
			n := len(keep)
			ids, stories, reasons, whys := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
			seqs, inputs := make([]int64, n), make([][]byte, n)
			for k, i := range keep {
				m := b.Members[i]
				ids[k], stories[k], reasons[k], whys[k] = m.Article, m.Story, m.Reason, string(m.Why)
				seqs[k], inputs[k] = old[m.Article].seq, input[m.Article]
			}
			if _, err := tx.Exec(ctx, `INSERT INTO story_members (article_id, story_id, seq, reason, why, input)
				SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::bytea[])
				ON CONFLICT (article_id) DO UPDATE SET story_id = excluded.story_id, reason = excluded.reason,
				why = excluded.why, input = COALESCE(excluded.input, story_members.input)`,
				ids, stories, seqs, reasons, whys, inputs); err != nil {
				return fmt.Errorf("story members: %w", err)
			}
		}
		if len(b.Redirects) > 0 {
			from := slices.Sorted(maps.Keys(b.Redirects))
			into := make([]string, len(from))
			for i, f := range from {
				into[i] = b.Redirects[f]
			}
			if _, err := tx.Exec(ctx, `INSERT INTO story_redirects (from_id, into_id)
				SELECT * FROM unnest($1::text[], $2::text[])
				ON CONFLICT (from_id) DO UPDATE SET into_id = excluded.into_id`, from, into); err != nil {
				return fmt.Errorf("story redirects: %w", err)
			}
		}
		if len(b.Articles) > 0 {
			if _, err := tx.Exec(ctx, `INSERT INTO story_articles (article_id) SELECT unnest($1::text[])
				ON CONFLICT DO NOTHING`, b.Articles); err != nil {
				return fmt.Errorf("processed articles: %w", err)
			}
		}
		if len(touched) > 0 {
			ids := slices.Sorted(maps.Keys(touched))
			if _, err := tx.Exec(ctx, `DELETE FROM story_stats WHERE story_id = ANY($1)`, ids); err != nil {
				return fmt.Errorf("story stats: %w", err)
			}
			if _, err := tx.Exec(ctx, `INSERT INTO story_stats (story_id, articles, outlets, first_t, last_t, title, version) `+
				strings.Replace(storyStatsSelect, "FROM story_members m JOIN", ", $2::bigint FROM story_members m JOIN", 1)+
				` WHERE m.story_id = ANY($1) GROUP BY m.story_id`, ids, time.Now().UnixNano()); err != nil {
				return fmt.Errorf("story stats: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	return nil
}

// Unstoried implements store.Store.
func (s *Store) Unstoried(ctx context.Context, limit int) ([]news.Article, error) {
	return s.queryArticles(ctx, `SELECT `+articleColumns+` FROM `+articleFrom+`
		WHERE NOT EXISTS (SELECT 1 FROM story_articles x WHERE x.article_id = a.id)
		ORDER BY a.seq LIMIT $1`, limit)
}

// memberArticleColumns are articleColumns without the paragraphs, which
// a replay does not need and which would double what it reads.
var memberArticleColumns = strings.Replace(articleColumns, "t.paragraphs", "'null'::jsonb", 1)

// StoryMembers implements store.Store, paging by seq like Fingerprints
// so no read stays open while fn runs.
func (s *Store) StoryMembers(ctx context.Context, fn func(news.StoryMember, news.Article) error) error {
	const page = 1000
	var after int64
	for {
		rows, err := s.db.Query(ctx, `SELECT `+memberArticleColumns+`, m.story_id, m.seq, m.reason,
			m.why, m.input FROM story_members m JOIN articles a ON a.id = m.article_id `+textJoin+`
			LEFT JOIN article_groups g ON g.article_id = a.id
			WHERE m.seq > $1 ORDER BY m.seq LIMIT $2`, after, page)
		if err != nil {
			return fmt.Errorf("postgres: story members: %w", err)
		}
		var ms []news.StoryMember
		var as []news.Article
		for rows.Next() {
			var m news.StoryMember
			var why string
			a, err := scanArticle(rows, &m.Story, &m.Seq, &m.Reason, &why, &m.Input)
			if err != nil {
				rows.Close()
				return fmt.Errorf("postgres: story members: %w", err)
			}
			m.Article, m.Why = a.ID, rawJSON(why)
			ms, as = append(ms, m), append(as, a)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("postgres: story members: %w", err)
		}
		if err := s.loadCredits(ctx, ptrs(as)); err != nil {
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
	rows, err := s.db.Query(ctx, `SELECT from_id, into_id FROM story_redirects`)
	if err != nil {
		return nil, fmt.Errorf("postgres: story redirects: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var from, into string
		if err := rows.Scan(&from, &into); err != nil {
			return nil, fmt.Errorf("postgres: story redirects: %w", err)
		}
		out[from] = into
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: story redirects: %w", err)
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
// columns of stories' CTE.
var storyOrders = map[string]string{
	"":                  "last_t DESC, sid",
	store.StoriesLatest: "last_t DESC, sid",
	store.StoriesSize:   "n DESC, last_t DESC, sid",
}

// stories computes stories from their members: the members matching
// where are grouped, the groups counted, sorted and cut to limit, and
// only then is each one's title (its earliest article's) looked up.
func (s *Store) stories(ctx context.Context, where string, a args, minArticles int, order string, limit int) ([]news.Story, error) {
	having, lim := a.add(max(minArticles, 1)), a.add(limit)
	rows, err := s.db.Query(ctx, `WITH s AS (
			SELECT m.story_id AS sid, COUNT(*) AS n, COUNT(DISTINCT `+storyOutlet+`) AS outlets,
				COALESCE(MIN(a.published), MIN(a.sort_time)) AS first_t, COALESCE(MAX(a.published), MAX(a.sort_time)) AS last_t
			FROM story_members m JOIN articles a ON a.id = m.article_id
			WHERE `+where+`
			GROUP BY m.story_id HAVING COUNT(*) >= `+having+`
			ORDER BY `+order+` LIMIT `+lim+`)
		SELECT sid, n, outlets, first_t, last_t,
			(SELECT a.title FROM story_members m JOIN articles a ON a.id = m.article_id
				WHERE m.story_id = s.sid ORDER BY a.sort_time, m.seq LIMIT 1),
			COALESCE(l.id, '')
		FROM s LEFT JOIN storylines l ON l.story_id = s.sid
		ORDER BY `+order, a...)
	if err != nil {
		return nil, fmt.Errorf("postgres: stories: %w", err)
	}
	return scanStories(rows)
}

// Stories implements store.Store, from story_stats: one row per story,
// filtered by the members only when a date range or an entity asks.
func (s *Store) Stories(ctx context.Context, q store.StoryQuery) ([]news.Story, error) {
	if err := store.CheckStorySort(q.Sort); err != nil {
		return nil, err
	}
	var a args
	where := []string{`st.articles >= ` + a.add(max(q.MinArticles, 1)),
		`NOT EXISTS (SELECT 1 FROM story_redirects r WHERE r.from_id = st.story_id)`}
	if !q.From.IsZero() || !q.To.IsZero() {
		cond := []string{"TRUE"}
		if !q.From.IsZero() {
			cond = append(cond, "t.sort_time >= "+a.add(store.BoundNanos(q.From)))
		}
		if !q.To.IsZero() {
			cond = append(cond, "t.sort_time < "+a.add(store.BoundNanos(q.To)))
		}
		where = append(where, `st.story_id IN (SELECT tm.story_id FROM story_members tm
			JOIN articles t ON t.id = tm.article_id WHERE `+strings.Join(cond, " AND ")+`)`)
	}
	if q.Entity != "" {
		where = append(where, `st.story_id IN (SELECT em.story_id FROM story_members em
			JOIN entity_mentions e ON e.article_id = em.article_id WHERE e.entity_id = `+a.add(q.Entity)+`)`)
	}
	pos, ok, err := store.ParseStoryCursor(q.Sort, q.Cursor)
	if err != nil {
		return nil, err
	}
	if ok {
		after := `(st.last_t < ` + a.add(pos.Last) + ` OR (st.last_t = ` + a.add(pos.Last) + ` AND st.story_id > ` + a.add(pos.ID) + `))`
		if q.Sort == store.StoriesSize {
			after = `(st.articles < ` + a.add(pos.Articles) + ` OR (st.articles = ` + a.add(pos.Articles) + ` AND ` + after + `))`
		}
		where = append(where, after)
	}
	lim := a.add(store.ClampLimit(q.Limit))
	rows, err := s.db.Query(ctx, `SELECT st.story_id, st.articles, st.outlets, st.first_t, st.last_t, st.title,
		COALESCE(l.id, '') FROM story_stats st LEFT JOIN storylines l ON l.story_id = st.story_id
		WHERE `+strings.Join(where, " AND ")+` ORDER BY `+listOrders[q.Sort]+` LIMIT `+lim, a...)
	if err != nil {
		return nil, fmt.Errorf("postgres: stories: %w", err)
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
	err = s.db.QueryRow(ctx, `SELECT version FROM story_stats WHERE story_id = $1`, to).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", 0, fmt.Errorf("story %s: %w", id, news.ErrNotFound)
	}
	if err != nil {
		return "", 0, fmt.Errorf("postgres: story %s: %w", id, err)
	}
	return to, v, nil
}

// resolveStory follows redirects from a story id.
func (s *Store) resolveStory(ctx context.Context, id string) (string, error) {
	return store.FollowRedirects(id, func(from string) (string, bool, error) {
		var into string
		err := s.db.QueryRow(ctx, `SELECT into_id FROM story_redirects WHERE from_id = $1`, from).Scan(&into)
		if errors.Is(err, pgx.ErrNoRows) {
			return "", false, nil
		}
		if err != nil {
			return "", false, fmt.Errorf("postgres: story redirect %s: %w", from, err)
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
	ss, err := s.stories(ctx, "m.story_id = $1", args{to}, 1, storyOrders[""], 1)
	if err != nil {
		return news.Story{}, err
	}
	if len(ss) == 0 {
		return news.Story{}, fmt.Errorf("story %s: %w", id, news.ErrNotFound)
	}
	st := ss[0]
	rows, err := s.db.Query(ctx, `SELECT m.article_id, m.story_id, m.seq, m.reason, m.why, m.input, a.title,
		CASE WHEN a.source_name <> '' THEN a.source_name ELSE a.source_domain END, COALESCE(a.published, 0)
		FROM story_members m JOIN articles a ON a.id = m.article_id WHERE m.story_id = $1 ORDER BY m.seq`, to)
	if err != nil {
		return st, fmt.Errorf("postgres: story %s: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var m news.StoryMember
		var why string
		var at int64
		if err := rows.Scan(&m.Article, &m.Story, &m.Seq, &m.Reason, &why, &m.Input, &m.Title, &m.Source, &at); err != nil {
			return st, fmt.Errorf("postgres: story %s: %w", id, err)
		}
		m.Why = rawJSON(why)
		if at != 0 { // undated: no publication time to show
			m.Published = timeFromNanos(at)
		}
		st.Members = append(st.Members, m)
	}
	if err := rows.Err(); err != nil {
		return st, fmt.Errorf("postgres: story %s: %w", id, err)
	}
	// Counted like Entities: demonyms link but do not count.
	st.Entities, err = s.scanEntities(ctx, `SELECT e.id, e.type, e.name, COUNT(DISTINCT x.article_id), COUNT(*)
		FROM story_members m JOIN entity_mentions x ON x.article_id = m.article_id AND x.kind <> 'demonym'
		JOIN entities e ON e.id = x.entity_id
		WHERE m.story_id = $1 GROUP BY e.id, e.type, e.name ORDER BY 4 DESC, 5 DESC, e.name, e.id LIMIT $2`,
		to, store.StoryEntities)
	if err != nil {
		return st, err
	}
	return st, nil
}

// PutStorylines implements store.Store. The lock keeps two writers from
// interleaving their replacements; readers do not wait for it.
func (s *Store) PutStorylines(ctx context.Context, lines []news.Storyline) error {
	if err := store.CheckStorylines(lines); err != nil {
		return err
	}
	var stories, ids []string
	var positions []int32
	for _, l := range lines {
		for i, st := range l.Stories {
			stories, ids, positions = append(stories, st), append(ids, l.ID), append(positions, int32(i))
		}
	}
	err := pgx.BeginFunc(ctx, s.db, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `LOCK TABLE storylines IN EXCLUSIVE MODE`); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM storylines`); err != nil {
			return err
		}
		if len(stories) == 0 {
			return nil
		}
		_, err := tx.Exec(ctx, `INSERT INTO storylines (story_id, id, position)
			SELECT * FROM unnest($1::text[], $2::text[], $3::int[])`, stories, ids, positions)
		return err
	})
	if err != nil {
		return fmt.Errorf("postgres: storylines: %w", err)
	}
	return nil
}

// Storylines implements store.Store: first the page of line ids, latest
// first, then the stories of those lines with their sizes and titles.
func (s *Store) Storylines(ctx context.Context, q store.StorylineQuery) ([]news.Storyline, error) {
	var a args
	sel := "TRUE"
	if q.Story != "" {
		to, err := s.resolveStory(ctx, q.Story)
		if err != nil {
			return nil, err
		}
		sel = "id IN (SELECT id FROM storylines WHERE story_id = " + a.add(to) + ")"
	}
	having := ""
	pos, ok, err := store.ParseStorylineCursor(q.Cursor)
	if err != nil {
		return nil, err
	}
	if ok {
		none, last, id := a.add(int64(store.NoTime)), a.add(pos.Last), a.add(pos.ID)
		having = ` HAVING COALESCE(MAX(agg.last_t), ` + none + `) < ` + last + ` OR (COALESCE(MAX(agg.last_t), ` + none + `) = ` + last + ` AND sel.id > ` + id + `)`
	}
	lim := a.add(store.ClampLimit(q.Limit))
	// A line's counts come from its stories' members; a story with none
	// (since merged away) adds nothing.
	rows, err := s.db.Query(ctx, `WITH sel AS (SELECT story_id, id FROM storylines WHERE `+sel+`),
		agg AS (SELECT m.story_id AS sid, COUNT(*) AS n, COALESCE(MIN(a.published), MIN(a.sort_time)) AS first_t, COALESCE(MAX(a.published), MAX(a.sort_time)) AS last_t
			FROM sel JOIN story_members m ON m.story_id = sel.story_id JOIN articles a ON a.id = m.article_id
			GROUP BY m.story_id)
		SELECT sel.id, COALESCE(SUM(agg.n), 0)::bigint, MIN(agg.first_t), MAX(agg.last_t)
		FROM sel LEFT JOIN agg ON agg.sid = sel.story_id
		GROUP BY sel.id`+having+` ORDER BY MAX(agg.last_t) DESC NULLS LAST, sel.id LIMIT `+lim, a...)
	if err != nil {
		return nil, fmt.Errorf("postgres: storylines: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (news.Storyline, error) {
		var l news.Storyline
		var first, last *int64
		err := r.Scan(&l.ID, &l.Articles, &first, &last)
		l.First, l.Last = fromNanos(first), fromNanos(last)
		return l, err
	})
	if err != nil || len(out) == 0 {
		if err != nil {
			err = fmt.Errorf("postgres: storylines: %w", err)
		}
		return nil, err
	}
	ids := make([]string, len(out))
	at := map[string]int{}
	for i, l := range out {
		ids[i], at[l.ID] = l.ID, i
	}
	rows, err = s.db.Query(ctx, `SELECT l.id, l.story_id,
			(SELECT COUNT(*) FROM story_members m WHERE m.story_id = l.story_id),
			COALESCE((SELECT a.title FROM story_members m JOIN articles a ON a.id = m.article_id
				WHERE m.story_id = l.story_id ORDER BY a.sort_time, m.seq LIMIT 1), '')
		FROM storylines l WHERE l.id = ANY($1) ORDER BY l.id, l.position`, ids)
	if err != nil {
		return nil, fmt.Errorf("postgres: storylines: %w", err)
	}
	defer rows.Close()
	sizes, titles := make([][]int, len(out)), make([][]string, len(out))
	for rows.Next() {
		var line, story, title string
		var n int
		if err := rows.Scan(&line, &story, &n, &title); err != nil {
			return nil, fmt.Errorf("postgres: storylines: %w", err)
		}
		i := at[line]
		out[i].Stories = append(out[i].Stories, story)
		sizes[i], titles[i] = append(sizes[i], n), append(titles[i], title)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: storylines: %w", err)
	}
	for i := range out {
		out[i].Title = store.StorylineTitle(sizes[i], titles[i])
	}
	return out, nil
}

// scanStories reads listing rows: id, counts, span, title, storyline.
func scanStories(rows pgx.Rows) ([]news.Story, error) {
	defer rows.Close()
	var out []news.Story
	for rows.Next() {
		var st news.Story
		var first, last int64
		if err := rows.Scan(&st.ID, &st.Articles, &st.Outlets, &first, &last, &st.Title, &st.Storyline); err != nil {
			return nil, fmt.Errorf("postgres: stories: %w", err)
		}
		st.First, st.Last = timeFromNanos(first), timeFromNanos(last)
		out = append(out, st)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: stories: %w", err)
	}
	return out, nil
}
