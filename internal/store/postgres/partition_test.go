package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
	"github.com/dossier-news/dossier/internal/store/postgres/pgtest"
	"github.com/dossier-news/dossier/internal/store/storetest"
)

// textCounts returns how many text rows each partition of article_texts
// holds.
func textCounts(t *testing.T, s *Store) map[string]int {
	t.Helper()
	rows, err := s.db.Query(context.Background(),
		`SELECT tableoid::regclass::text, count(*) FROM article_texts GROUP BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := map[string]int{}
	for rows.Next() {
		var name string
		var n int
		if err := rows.Scan(&name, &n); err != nil {
			t.Fatal(err)
		}
		got[name] = n
	}
	return got
}

// TestTextPartitions: each article's text lands in the partition of its
// month, the instants either side of a month's edge (and of 1970, where
// times turn negative) on their own sides, and dates far from now in one
// partition at each end; every article reads back whole.
func TestTextPartitions(t *testing.T) {
	s := openFresh(t)
	ctx := context.Background()
	dates := []time.Time{
		time.Date(2015, 12, 31, 23, 59, 59, 999999999, time.UTC),
		time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2016, 1, 20, 12, 0, 0, 0, time.FixedZone("", -10*3600)), // 22:00 UTC, still January
		time.Date(1969, 12, 31, 23, 59, 59, 500000000, time.UTC),
		time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(1850, 6, 1, 0, 0, 0, 0, time.UTC),
		// The last time a store keeps (news.MaxTime); the late partition,
		// from 2200 on, stays empty since the stores refuse later times.
		news.MaxTime.Add(-time.Nanosecond),
	}
	var ids []string
	for i, d := range dates {
		a := storetest.Article(i + 1)
		a.Published = d
		ids = append(ids, a.ID)
		// One at a time, so each month is met by a batch of its own as
		// well as all together below.
		if _, err := s.PutArticles(ctx, []news.Article{a}); err != nil {
			t.Fatalf("%v: %v", d, err)
		}
	}
	want := map[string]int{
		"article_texts_201512": 1, "article_texts_201601": 2, "article_texts_196912": 1,
		"article_texts_197001": 1, "article_texts_early": 1, "article_texts_219912": 1,
	}
	if diff := cmp.Diff(want, textCounts(t, s)); diff != "" {
		t.Errorf("rows per partition (-want +got):\n%s", diff)
	}
	for i, id := range ids {
		a, err := s.Article(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if w := storetest.Article(i + 1); a.Text != w.Text || len(a.Paragraphs) != len(w.Paragraphs) {
			t.Errorf("article %d reads back text %q, %d paragraphs; want %q, %d", i+1, a.Text, len(a.Paragraphs), w.Text, len(w.Paragraphs))
		}
	}
	page, err := s.Search(ctx, store.SearchQuery{Text: "estuary", Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Hits) != len(dates) {
		t.Errorf("search found %d articles across the partitions; want %d", len(page.Hits), len(dates))
	}
}

// TestTextPartitionsRemade: a partition dropped behind the store's back
// is made again by the next insert into its month, and stores opened
// side by side make the same new months at once without tripping on
// each other.
func TestTextPartitionsRemade(t *testing.T) {
	dsn := pgtest.DSN(t)
	ctx := context.Background()
	open := func() *Store {
		s, err := Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	s := open()
	a := storetest.Article(1)
	a.Published = time.Date(2015, 12, 8, 0, 0, 0, 0, time.UTC)
	if _, err := s.PutArticles(ctx, []news.Article{a}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(ctx, `DROP TABLE article_texts_201512`); err != nil {
		t.Fatal(err)
	}
	b := storetest.Article(2)
	b.Published = a.Published
	if _, err := s.PutArticles(ctx, []news.Article{b}); err != nil {
		t.Fatalf("insert after the month's partition was dropped: %v", err)
	}
	if got := textCounts(t, s)["article_texts_201512"]; got != 1 {
		t.Errorf("remade partition holds %d rows; want 1", got)
	}

	stores := []*Store{open(), open(), open()}
	var wg sync.WaitGroup
	errs := make([]error, len(stores))
	for w, st := range stores {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for m := range 12 {
				x := storetest.Article(100 + 20*w + m)
				x.Published = time.Date(2013, time.Month(m+1), 5, 0, 0, 0, 0, time.UTC)
				if _, err := st.PutArticles(ctx, []news.Article{x}); err != nil {
					errs[w] = fmt.Errorf("store %d, month %d: %w", w, m+1, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	got := textCounts(t, s)
	for m := 1; m <= 12; m++ {
		if n := got[fmt.Sprintf("article_texts_2013%02d", m)]; n != len(stores) {
			t.Errorf("2013-%02d holds %d rows; want %d", m, n, len(stores))
		}
	}
}

// TestMigrateTextsToPartitions: a store written before migration 0012,
// with text in articles and one article indexed, one pending, reads the
// same after it: text and paragraphs whole, both found by search, the
// indexed one still indexed.
func TestMigrateTextsToPartitions(t *testing.T) {
	dsn := pgtest.DSN(t)
	ctx := context.Background()
	db, err := pgxpool.New(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	s := &Store{db: db}
	t.Cleanup(func() { s.Close() })
	if err := s.migrateTo(ctx, 11); err != nil {
		t.Fatal(err)
	}
	as := []news.Article{storetest.Article(1), storetest.Article(2)}
	as[1].Published = time.Date(2014, 1, 22, 9, 0, 0, 0, time.UTC)
	for _, a := range as {
		paras, _ := json.Marshal(a.Paragraphs)
		if _, err := s.db.Exec(ctx, `INSERT INTO articles (id, key, title, text, paragraphs, content_hash, ingested_at, sort_time)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, a.ID, a.Key, a.Title, a.Text, string(paras), a.ContentHash,
			a.IngestedAt.UnixNano(), store.SortTime(a).UnixNano()); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.db.Exec(ctx, `UPDATE articles a SET fts = to_tsvector('simple', a.text) WHERE id = $1`, as[0].ID); err != nil {
		t.Fatal(err)
	}
	if err := s.migrate(ctx); err != nil {
		t.Fatal(err)
	}
	for _, w := range as {
		a, err := s.Article(ctx, w.ID)
		if err != nil {
			t.Fatal(err)
		}
		if a.Text != w.Text || !cmp.Equal(a.Paragraphs, w.Paragraphs) {
			t.Errorf("%s after the migration: text %q, paragraphs %v; want %q, %v", w.ID, a.Text, a.Paragraphs, w.Text, w.Paragraphs)
		}
	}
	var pending []string
	rows, err := s.db.Query(ctx, `SELECT a.id FROM article_texts t JOIN articles a ON a.seq = t.article_seq WHERE t.fts IS NULL`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id string
		rows.Scan(&id)
		pending = append(pending, id)
	}
	rows.Close()
	if diff := cmp.Diff([]string{as[1].ID}, pending); diff != "" {
		t.Errorf("pending after the migration (-want +got):\n%s", diff)
	}
	page, err := s.Search(ctx, store.SearchQuery{Text: "estuary"})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Hits) != 2 {
		t.Errorf("search after the migration found %d articles; want 2", len(page.Hits))
	}
	want := map[string]int{"article_texts_" + storetest.Article(1).Published.UTC().Format("200601"): 1, "article_texts_201401": 1}
	if diff := cmp.Diff(want, textCounts(t, s)); diff != "" {
		t.Errorf("rows per partition (-want +got):\n%s", diff)
	}
}
