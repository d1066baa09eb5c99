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
