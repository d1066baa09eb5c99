// Package storetest is the conformance suite every store backend must pass
// unchanged, in the manner of restic's backend/test: a backend's own test
// calls Run with a constructor for fresh, empty stores.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// Open returns a fresh, empty store for one subtest; the suite closes it.
type Open func(t *testing.T) store.Store

// Run runs every conformance test against stores made by open.
func Run(t *testing.T, open Open) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s store.Store)
	}{
		{"PutAndGet", testPutAndGet},
		{"Idempotent", testIdempotent},
		{"UnkeepableTimes", testUnkeepableTimes},
		{"NotFound", testNotFound},
		{"ListOrderAndPaging", testListOrderAndPaging},
		{"PagingStableUnderInserts", testPagingStableUnderInserts},
		{"Filters", testFilters},
		{"Search", testSearch},
		{"SearchPaging", testSearchPaging},
		{"SearchBadQuery", testSearchBadQuery},
		{"SearchWindow", testSearchWindow},
		{"Failures", testFailures},
		{"ConcurrentPuts", testConcurrentPuts},
		{"BadCursor", testBadCursor},
		{"Fingerprints", testFingerprints},
		{"Links", testLinks},
		{"Groups", testGroups},
		{"SearchCollapsesCopies", testSearchCollapsesCopies},
		{"EntityIdentities", testEntityIdentities},
		{"EntityQueries", testEntityQueries},
		{"EntityMatch", testEntityMatch},
		{"Times", testTimes},
		{"Quotes", testQuotes},
		{"Stories", testStories},
		{"Tokens", testTokens},
		{"Webhooks", testWebhooks},
		{"StoryVersion", testStoryVersion},
		{"StoryPaging", testStoryPaging},
		{"ListPaging", testListPaging},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t)
			defer s.Close()
			tt.fn(t, s)
		})
	}
}

var base = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// Article builds a valid article numbered n; tests vary fields from it.
func Article(n int) news.Article {
	text := fmt.Sprintf("Harbour inspectors examined berth %d on the estuary.\n\nThe council said the survey of pier %d would finish soon.", n, n)
	url := fmt.Sprintf("https://harbourline.example/news/%d", n)
	key := news.IdentityKey(url, news.ContentHash(text))
	return news.Article{
		ID:          news.IDFromKey(key),
		Key:         key,
		URL:         url,
		Title:       fmt.Sprintf("Berth %d inspected", n),
		Source:      news.Source{Name: "Harbourline Courier", Domain: "harbourline.example"},
		Authors:     []string{"Mira Tallis"},
		Credits:     []news.Credit{{Name: "Valdren Wire", Line: "Source: Valdren Wire"}},
		Published:   base.Add(time.Duration(n) * time.Hour),
		Language:    "en",
		Text:        text,
		Paragraphs:  news.SplitParagraphs(text),
		ContentHash: news.ContentHash(text),
		Format:      "html",
		Origin:      fmt.Sprintf("corpus/%d.html", n),
		IngestedAt:  base.Add(48 * time.Hour),
	}
}

func put(t *testing.T, s store.Store, as ...news.Article) []bool {
	t.Helper()
	got, err := s.PutArticles(context.Background(), as)
	if err != nil {
		t.Fatalf("PutArticles: %v", err)
	}
	if len(got) != len(as) {
		t.Fatalf("PutArticles returned %d results for %d articles", len(got), len(as))
	}
	return got
}

func testPutAndGet(t *testing.T, s store.Store) {
	a := Article(1)
	a.TitleDerived = true
	b := Article(2)
	b.Published = time.Time{} // unknown date must round-trip as zero
	b.Credits = nil
	put(t, s, a, b)
	for _, want := range []news.Article{a, b} {
		got, err := s.Article(context.Background(), want.ID)
		if err != nil {
			t.Fatalf("Article(%s): %v", want.ID, err)
		}
		if diff := cmp.Diff(want, got, cmp.Comparer(func(x, y time.Time) bool { return x.Equal(y) })); diff != "" {
			t.Errorf("Article(%s) round trip (-want +got):\n%s", want.ID, diff)
		}
	}
}

// A time the store would give back as another date is refused with
// news.ErrInvalid, and nothing of the batch is stored.
func testUnkeepableTimes(t *testing.T, s store.Store) {
	ctx := context.Background()
	late, early := Article(1), Article(2)
	late.Published = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
	early.IngestedAt = time.Date(1600, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, bad := range []news.Article{late, early} {
		if _, err := s.PutArticles(ctx, []news.Article{Article(3), bad}); !errors.Is(err, news.ErrInvalid) {
			t.Errorf("PutArticles with %s published %s ingested %s: error %v, want news.ErrInvalid",
				bad.ID, bad.Published.Format(time.DateOnly), bad.IngestedAt.Format(time.DateOnly), err)
		}
	}
	if _, err := s.Article(ctx, Article(3).ID); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("Article(%s) after refused batches: error %v, want news.ErrNotFound", Article(3).ID, err)
	}
	edge := Article(4)
	edge.Published = news.MaxTime.Add(-time.Nanosecond)
	put(t, s, edge)
	got, err := s.Article(ctx, edge.ID)
	if err != nil || !got.Published.Equal(edge.Published) {
		t.Errorf("Article(%s) published %v, %v; want %v", edge.ID, got.Published, err, edge.Published)
	}
}

func testIdempotent(t *testing.T, s store.Store) {
	a, b := Article(1), Article(2)
	if got, want := put(t, s, a, b), []bool{true, true}; !cmp.Equal(got, want) {
		t.Errorf("first put: got %v, want %v", got, want)
	}
	changed := Article(2)
	changed.Title = "a different title for the same key"
	if got, want := put(t, s, a, changed, Article(3)), []bool{false, false, true}; !cmp.Equal(got, want) {
		t.Errorf("second put: got %v, want %v", got, want)
	}
	// The same key twice within one batch is stored once.
	if got, want := put(t, s, Article(4), Article(4)), []bool{true, false}; !cmp.Equal(got, want) {
		t.Errorf("duplicate within batch: got %v, want %v", got, want)
	}
	got, err := s.Article(context.Background(), b.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != b.Title {
		t.Errorf("re-put overwrote title: got %q, want %q", got.Title, b.Title)
	}
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 4 {
		t.Errorf("Stats.Articles = %d, want 4", st.Articles)
	}
}

func testNotFound(t *testing.T, s store.Store) {
	_, err := s.Article(context.Background(), "0000000000000000")
	if !errors.Is(err, news.ErrNotFound) {
		t.Errorf("Article(missing) error = %v, want news.ErrNotFound", err)
	}
}

func collect(t *testing.T, s store.Store, q store.ArticleQuery) []string {
	t.Helper()
	var ids []string
	for i := 0; ; i++ {
		page, err := s.Articles(context.Background(), q)
		if err != nil {
			t.Fatalf("Articles: %v", err)
		}
		for _, a := range page.Articles {
			ids = append(ids, a.ID)
		}
		if page.Next == "" {
			return ids
		}
		if i > 1000 {
			t.Fatal("pagination does not terminate")
		}
		q.Cursor = page.Next
	}
}

func testListOrderAndPaging(t *testing.T, s store.Store) {
	var as []news.Article
	for i := 1; i <= 7; i++ {
		as = append(as, Article(i))
	}
	// Two articles at the same instant: ties break on ID, never lost.
	tie := Article(8)
	tie.Published = as[3].Published
	as = append(as, tie)
	put(t, s, as...)
	all := collect(t, s, store.ArticleQuery{Limit: 100})
	paged := collect(t, s, store.ArticleQuery{Limit: 3})
	if diff := cmp.Diff(all, paged); diff != "" {
		t.Errorf("paging with limit 3 differs from one page (-one +paged):\n%s", diff)
	}
	if len(all) != len(as) {
		t.Fatalf("listed %d articles, want %d", len(all), len(as))
	}
	if all[0] != as[6].ID {
		t.Errorf("first listed = %s, want newest %s", all[0], as[6].ID)
	}
	if all[len(all)-1] != as[0].ID {
		t.Errorf("last listed = %s, want oldest %s", all[len(all)-1], as[0].ID)
	}
}

func testPagingStableUnderInserts(t *testing.T, s store.Store) {
	for i := 1; i <= 6; i++ {
		put(t, s, Article(i))
	}
	page, err := s.Articles(context.Background(), store.ArticleQuery{Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	// A newer article arrives between pages: the next page must neither
	// repeat nor skip anything.
	put(t, s, Article(100))
	next, err := s.Articles(context.Background(), store.ArticleQuery{Limit: 10, Cursor: page.Next})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range append(page.Articles, next.Articles...) {
		got = append(got, a.ID)
	}
	var want []string
	for i := 6; i >= 1; i-- {
		want = append(want, Article(i).ID)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("pages across an insert (-want +got):\n%s", diff)
	}
}

func testFilters(t *testing.T, s store.Store) {
	a, b, c := Article(1), Article(2), Article(3)
	b.Source = news.Source{Name: "Meridian Post", Domain: "meridian.example"}
	c.Language = "de"
	put(t, s, a, b, c)
	tests := []struct {
		name string
		f    store.Filter
		want []string
	}{
		{"outlet by name", store.Filter{Outlet: "meridian post"}, []string{b.ID}},
		{"outlet by domain", store.Filter{Outlet: "harbourline.example"}, []string{c.ID, a.ID}},
		{"language", store.Filter{Language: "de"}, []string{c.ID}},
		{"from", store.Filter{From: b.Published}, []string{c.ID, b.ID}},
		{"to", store.Filter{To: b.Published}, []string{a.ID}},
		{"from and to", store.Filter{From: b.Published, To: c.Published}, []string{b.ID}},
		// Bounds beyond what 64-bit nanoseconds hold mean "no bound", not
		// a date wrapped round to another century.
		{"to far future", store.Filter{To: time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)}, []string{c.ID, b.ID, a.ID}},
		{"from far past", store.Filter{From: time.Date(1000, 1, 1, 0, 0, 0, 0, time.UTC)}, []string{c.ID, b.ID, a.ID}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := collect(t, s, store.ArticleQuery{Filter: tt.f})
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("filter %+v (-want +got):\n%s", tt.f, diff)
			}
		})
	}
}

func testSearch(t *testing.T, s store.Store) {
	a, b, c := Article(1), Article(2), Article(3)
	a.Title, a.Text = "Ferry strike ends", "Ferry crews returned to work after the strike ended on Friday."
	b.Title, b.Text = "Ferry fares rise in council budget", "The council approved a budget. Ferry fares will rise, the ferry operator said, ferry after ferry."
	c.Title, c.Text = "Football final", "The cup final drew a record crowd to the stadium."
	for _, x := range []*news.Article{&a, &b, &c} {
		x.ContentHash = news.ContentHash(x.Text)
		x.Paragraphs = news.SplitParagraphs(x.Text)
	}
	put(t, s, a, b, c)
	tests := []struct {
		query string
		want  []string // in rank order where it matters
	}{
		{"ferry", []string{b.ID, a.ID}},
		{"FERRY strike", []string{a.ID}},
		{`"cup final"`, []string{c.ID}},
		{`"final cup"`, nil},
		{"stadium OR budget", []string{b.ID, c.ID}},
		{"ferry -strike", []string{b.ID}},
		{"nothingmatches", nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			page, err := s.Search(context.Background(), store.SearchQuery{Text: tt.query})
			if err != nil {
				t.Fatalf("Search(%q): %v", tt.query, err)
			}
			var got []string
			for _, h := range page.Hits {
				got = append(got, h.Article.ID)
				if h.Snippet == "" {
					t.Errorf("hit %s has no snippet", h.Article.ID)
				}
				for _, sp := range h.Highlights {
					if sp.Start < 0 || sp.End > len(h.Snippet) || sp.Start >= sp.End {
						t.Errorf("highlight %+v out of snippet %q", sp, h.Snippet)
					}
				}
			}
			if tt.query == "stadium OR budget" {
				// Equal-strength matches: order is not specified.
				if len(got) == 2 && got[0] == tt.want[1] {
					got[0], got[1] = got[1], got[0]
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Search(%q) (-want +got):\n%s", tt.query, diff)
			}
		})
	}
	page, err := s.Search(context.Background(), store.SearchQuery{Text: "strike"})
	if err != nil || len(page.Hits) != 1 {
		t.Fatalf("Search(strike) = %v, %v", page, err)
	}
	h := page.Hits[0]
	if len(h.Highlights) == 0 {
		t.Fatalf("no highlights in %q", h.Snippet)
	}
	if got := h.Snippet[h.Highlights[0].Start:h.Highlights[0].End]; got != "strike" {
		t.Errorf("highlighted %q, want %q", got, "strike")
	}
	filtered, err := s.Search(context.Background(), store.SearchQuery{Text: "ferry", Filter: store.Filter{From: b.Published}})
	if err != nil {
		t.Fatal(err)
	}
	if len(filtered.Hits) != 1 || filtered.Hits[0].Article.ID != b.ID {
		t.Errorf("Search with date filter returned %d hits, want only %s", len(filtered.Hits), b.ID)
	}
}

func testSearchPaging(t *testing.T, s store.Store) {
	var want []string
	for i := 1; i <= 9; i++ {
		put(t, s, Article(i))
		want = append(want, Article(i).ID)
	}
	seen := map[string]bool{}
	q := store.SearchQuery{Text: "estuary", Limit: 4}
	for i := 0; i < 10; i++ {
		page, err := s.Search(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range page.Hits {
			if seen[h.Article.ID] {
				t.Errorf("hit %s repeated across pages", h.Article.ID)
			}
			seen[h.Article.ID] = true
		}
		if page.Next == "" {
			break
		}
		q.Cursor = page.Next
	}
	if len(seen) != len(want) {
		t.Errorf("paged search found %d articles, want %d", len(seen), len(want))
	}
}

// testSearchWindow: when more articles match than the window, the hits
// are the best of the most recently stored matches, counted after the
// filters, and the page says so; otherwise every match is ranked.
func testSearchWindow(t *testing.T, s store.Store) {
	var as []news.Article
	for i := 1; i <= 6; i++ {
		a := Article(i)
		if i <= 2 {
			// The oldest two would rank first if they were ranked.
			a.Title = "Estuary estuary estuary"
		}
		as = append(as, a)
		put(t, s, a) // one at a time: stored in this order
	}
	search := func(q store.SearchQuery) ([]string, int) {
		t.Helper()
		page, err := s.Search(context.Background(), q)
		if err != nil {
			t.Fatalf("Search(%+v): %v", q, err)
		}
		var got []string
		for _, h := range page.Hits {
			got = append(got, h.Article.ID)
		}
		sort.Strings(got)
		return got, page.Window
	}
	idsOf := func(ns ...int) []string {
		var out []string
		for _, n := range ns {
			out = append(out, as[n-1].ID)
		}
		sort.Strings(out)
		return out
	}
	for _, tt := range []struct {
		name       string
		q          store.SearchQuery
		want       []string
		wantWindow int
	}{
		{"window of 3", store.SearchQuery{Text: "estuary", Window: 3}, idsOf(4, 5, 6), 3},
		{"window of all", store.SearchQuery{Text: "estuary", Window: 6}, idsOf(1, 2, 3, 4, 5, 6), 0},
		{"default window", store.SearchQuery{Text: "estuary"}, idsOf(1, 2, 3, 4, 5, 6), 0},
		{"window after a filter", store.SearchQuery{Text: "estuary", Window: 2, Filter: store.Filter{To: as[3].Published}}, idsOf(2, 3), 2},
		{"filter within the window", store.SearchQuery{Text: "estuary", Window: 4, Filter: store.Filter{From: as[2].Published}}, idsOf(3, 4, 5, 6), 0},
		{"window on a phrase", store.SearchQuery{Text: `"estuary estuary"`, Window: 1}, idsOf(2), 1},
	} {
		got, window := search(tt.q)
		if diff := cmp.Diff(tt.want, got); diff != "" || window != tt.wantWindow {
			t.Errorf("%s: window %d, want %d; hits (-want +got):\n%s", tt.name, window, tt.wantWindow, diff)
		}
	}
}

func testSearchBadQuery(t *testing.T, s store.Store) {
	put(t, s, Article(1))
	for _, q := range []string{"", "   ", `"`, "-estuary", "*", "OR OR"} {
		_, err := s.Search(context.Background(), store.SearchQuery{Text: q})
		if !errors.Is(err, news.ErrInvalid) {
			t.Errorf("Search(%q) error = %v, want news.ErrInvalid", q, err)
		}
	}
	// Query-language syntax in user input is searched as words, not run.
	for _, q := range []string{`estuary" OR "x`, `estuary AND ( NEAR`, `estuary title:x`, `estuary*`} {
		page, err := s.Search(context.Background(), store.SearchQuery{Text: q})
		if err != nil {
			t.Errorf("Search(%q): %v", q, err)
			continue
		}
		// Stray quotes still honour OR; AND, NEAR and column filters are
		// plain words that the article lacks; * is punctuation.
		want := 0
		if q == `estuary*` || q == `estuary" OR "x` {
			want = 1
		}
		if len(page.Hits) != want {
			t.Errorf("Search(%q) matched %d articles, want %d", q, len(page.Hits), want)
		}
	}
}

func testFailures(t *testing.T, s store.Store) {
	ctx := context.Background()
	fs := []news.Failure{
		{Origin: "in/a.html", Kind: "empty", Reason: "empty input", At: base},
		{Origin: "in/b.jsonl:line 3", Kind: "malformed", Reason: "line 3: malformed JSON", At: base.Add(time.Minute)},
	}
	if err := s.PutFailures(ctx, fs); err != nil {
		t.Fatal(err)
	}
	// The same origin failing again replaces its record.
	again := news.Failure{Origin: "in/a.html", Kind: "binary", Reason: "binary input", At: base.Add(2 * time.Minute)}
	if err := s.PutFailures(ctx, []news.Failure{again}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Failures(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	want := []news.Failure{again, fs[1]}
	if diff := cmp.Diff(want, got, cmp.Comparer(func(x, y time.Time) bool { return x.Equal(y) })); diff != "" {
		t.Errorf("Failures (-want +got):\n%s", diff)
	}
	// Success for an origin clears its failure.
	a := Article(1)
	a.Origin = "in/a.html"
	put(t, s, a)
	got, err = s.Failures(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Origin != fs[1].Origin {
		t.Errorf("after success, failures = %+v, want only %s", got, fs[1].Origin)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Failures != 1 || st.Articles != 1 || st.Outlets != 1 {
		t.Errorf("Stats = %+v, want 1 article, 1 failure, 1 outlet", st)
	}
}

func testConcurrentPuts(t *testing.T, s store.Store) {
	// Four writers racing over overlapping keys: every key stored once and
	// reported new exactly once.
	var wg sync.WaitGroup
	var mu sync.Mutex
	newCount := map[string]int{}
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i += 5 {
				var batch []news.Article
				for j := i; j < i+5; j++ {
					batch = append(batch, Article(j))
				}
				got, err := s.PutArticles(context.Background(), batch)
				if err != nil {
					t.Errorf("PutArticles: %v", err)
					return
				}
				mu.Lock()
				for k, isNew := range got {
					if isNew {
						newCount[batch[k].ID]++
					}
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(newCount) != 20 {
		t.Errorf("%d distinct articles reported new, want 20", len(newCount))
	}
	for id, n := range newCount {
		if n != 1 {
			t.Errorf("article %s reported new %d times", id, n)
		}
	}
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 20 {
		t.Errorf("Stats.Articles = %d, want 20", st.Articles)
	}
}

func testBadCursor(t *testing.T, s store.Store) {
	put(t, s, Article(1))
	for _, c := range []string{"garbage", "a2V5", store.OffsetCursor(3)} {
		_, err := s.Articles(context.Background(), store.ArticleQuery{Cursor: c})
		if !errors.Is(err, news.ErrInvalid) {
			t.Errorf("Articles(cursor %q) error = %v, want news.ErrInvalid", c, err)
		}
	}
	_, err := s.Search(context.Background(), store.SearchQuery{Text: "estuary", Cursor: "!!"})
	if !errors.Is(err, news.ErrInvalid) {
		t.Errorf("Search(bad cursor) error = %v, want news.ErrInvalid", err)
	}
}
