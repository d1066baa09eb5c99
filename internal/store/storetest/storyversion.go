package storetest

import (
	"context"
	"errors"
	"testing"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// testStoryVersion: a story's version changes when a member joins or
// leaves it, and only then; a merged id resolves to its survivor; the
// listing's counts follow every move (they are kept, not recomputed on
// reading).
func testStoryVersion(t *testing.T, s store.Store) {
	ctx := context.Background()
	a1, a2, a3 := Article(1), Article(2), Article(3)
	put(t, s, a1, a2, a3)
	member := func(a news.Article, story string) news.StoryMember {
		return news.StoryMember{Article: a.ID, Story: story, Reason: "joined"}
	}
	putStories := func(b store.StoryBatch) {
		t.Helper()
		if err := s.PutStories(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	version := func(id, wantID string) int64 {
		t.Helper()
		got, v, err := s.StoryVersion(ctx, id)
		if err != nil || got != wantID {
			t.Fatalf("StoryVersion(%s) = %s, %v; want %s", id, got, err, wantID)
		}
		return v
	}
	count := func(id string) int {
		t.Helper()
		ss, err := s.Stories(ctx, store.StoryQuery{Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range ss {
			if st.ID == id {
				return st.Articles
			}
		}
		return 0
	}
	if _, _, err := s.StoryVersion(ctx, "s-none"); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("StoryVersion of an unknown story: %v, want ErrNotFound", err)
	}
	putStories(store.StoryBatch{Articles: []string{a1.ID, a2.ID}, Members: []news.StoryMember{member(a1, "s-a"), member(a2, "s-b")}})
	va, vb := version("s-a", "s-a"), version("s-b", "s-b")
	if again := version("s-a", "s-a"); again != va {
		t.Errorf("version changed without a change: %d then %d", va, again)
	}
	// A batch touching only s-b leaves s-a's version alone.
	putStories(store.StoryBatch{Articles: []string{a3.ID}, Members: []news.StoryMember{member(a3, "s-b")}})
	if v := version("s-a", "s-a"); v != va {
		t.Errorf("s-a's version changed when only s-b grew")
	}
	if v := version("s-b", "s-b"); v == vb {
		t.Errorf("s-b's version did not change when it grew")
	}
	if count("s-b") != 2 || count("s-a") != 1 {
		t.Errorf("listing counts s-a %d, s-b %d; want 1 and 2", count("s-a"), count("s-b"))
	}
	// Merging s-a into s-b: s-a resolves to s-b, whose version changes.
	vb = version("s-b", "s-b")
	putStories(store.StoryBatch{Members: []news.StoryMember{member(a1, "s-b")}, Redirects: map[string]string{"s-a": "s-b"}})
	if v := version("s-a", "s-b"); v == vb {
		t.Errorf("s-b's version did not change when s-a merged into it")
	}
	if count("s-b") != 3 || count("s-a") != 0 {
		t.Errorf("after the merge, listing counts s-a %d, s-b %d; want 0 (gone) and 3", count("s-a"), count("s-b"))
	}
}

// testStoryPaging: following StoryCursor one story at a time lists the
// same stories in the same order as one long page, for both sorts, and
// a story started meanwhile does not shift the pages; a cursor is bound
// to its sort.
func testStoryPaging(t *testing.T, s store.Store) {
	ctx := context.Background()
	var as []news.Article
	for i := 1; i <= 8; i++ {
		as = append(as, Article(i))
	}
	put(t, s, as...)
	// Stories of 3, 2, 1 and 1 articles (the single ones tie on size);
	// articles 7 and 8 start stories while a listing is being paged.
	place := []string{"s-a", "s-a", "s-a", "s-b", "s-b", "s-c", "s-d"}
	var b store.StoryBatch
	for i := 0; i < 6; i++ {
		b.Articles = append(b.Articles, as[i].ID)
		b.Members = append(b.Members, news.StoryMember{Article: as[i].ID, Story: place[i], Reason: "joined"})
	}
	if err := s.PutStories(ctx, b); err != nil {
		t.Fatal(err)
	}
	for k, sort := range []string{store.StoriesLatest, store.StoriesSize} {
		all, err := s.Stories(ctx, store.StoryQuery{Sort: sort, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		var paged []string
		cursor := ""
		for page := 0; page < 10; page++ {
			ss, err := s.Stories(ctx, store.StoryQuery{Sort: sort, Limit: 1, Cursor: cursor})
			if err != nil {
				t.Fatalf("%s page %d: %v", sort, page, err)
			}
			if len(ss) == 0 {
				break
			}
			paged = append(paged, ss[0].ID)
			cursor = store.StoryCursor(sort, ss[0])
			if page == 0 {
				late := as[6+k]
				if err := s.PutStories(ctx, store.StoryBatch{Articles: []string{late.ID},
					Members: []news.StoryMember{{Article: late.ID, Story: "s-late-" + sort, Reason: "started"}}}); err != nil {
					t.Fatal(err)
				}
			}
		}
		var want []string
		for _, st := range all {
			want = append(want, st.ID)
		}
		if !equalPrefix(paged, want) {
			t.Errorf("%s: paging gave %v, one page %v", sort, paged, want)
		}
	}
	for _, c := range []string{"nonsense", store.StoryCursor(store.StoriesSize, news.Story{ID: "s-a", Articles: 3})} {
		if _, err := s.Stories(ctx, store.StoryQuery{Sort: store.StoriesLatest, Cursor: c}); !errors.Is(err, news.ErrInvalid) {
			t.Errorf("cursor %q for the latest sort: %v, want ErrInvalid", c, err)
		}
	}
}

// equalPrefix reports whether got holds want's stories in want's order,
// each once (got may also hold a story started while paging).
func equalPrefix(got, want []string) bool {
	seen := map[string]bool{}
	k := 0
	for _, g := range got {
		if seen[g] {
			return false // a story twice
		}
		seen[g] = true
		if k < len(want) && g == want[k] {
			k++
		}
	}
	return k == len(want)
}
