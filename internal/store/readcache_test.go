package store_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
	"github.com/dossier-news/dossier/internal/store/sqlite"
	"github.com/dossier-news/dossier/internal/store/storetest"
)

// counting counts the Story reads that reach the store.
type counting struct {
	store.Store
	reads int
}

func (c *counting) Story(ctx context.Context, id string) (news.Story, error) {
	c.reads++
	return c.Store.Story(ctx, id)
}

func TestReadCache(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a1, a2 := storetest.Article(1), storetest.Article(2)
	if _, err := st.PutArticles(ctx, []news.Article{a1, a2}); err != nil {
		t.Fatal(err)
	}
	put := func(b store.StoryBatch) {
		if err := st.PutStories(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	put(store.StoryBatch{Articles: []string{a1.ID}, Members: []news.StoryMember{{Article: a1.ID, Story: "s-a", Reason: "started"}}})
	under := &counting{Store: st}
	c := store.WithReadCache(under, 10, time.Hour)
	read := func(wantMembers int) news.Story {
		t.Helper()
		s, err := c.Story(ctx, "s-a")
		if err != nil || len(s.Members) != wantMembers {
			t.Fatalf("Story = %d members, %v; want %d", len(s.Members), err, wantMembers)
		}
		return s
	}
	first := read(1)
	first.Members[0].Title = "changed by a caller"
	if s := read(1); s.Members[0].Title == "changed by a caller" || under.reads != 1 {
		t.Errorf("second read: %d store reads (want 1), title %q (a caller's change must not reach the cache)", under.reads, s.Members[0].Title)
	}
	put(store.StoryBatch{Articles: []string{a2.ID}, Members: []news.StoryMember{{Article: a2.ID, Story: "s-a", Reason: "joined"}}})
	read(2)
	if under.reads != 2 {
		t.Errorf("after the story grew: %d store reads, want 2", under.reads)
	}
	if _, err := c.Story(ctx, "s-none"); err == nil {
		t.Error("an unknown story was found")
	}
	// Stats is served from memory within the ttl.
	s1, err := c.Stats(ctx)
	if err != nil || s1.Articles != 2 {
		t.Fatalf("Stats = %+v, %v", s1, err)
	}
	if _, err := st.PutArticles(ctx, []news.Article{storetest.Article(3)}); err != nil {
		t.Fatal(err)
	}
	if s2, _ := c.Stats(ctx); s2.Articles != 2 {
		t.Errorf("Stats within the ttl = %d articles, want the cached 2", s2.Articles)
	}
	if s3, _ := store.WithReadCache(st, 10, 0).Stats(ctx); s3.Articles != 3 {
		t.Errorf("Stats with no ttl = %d articles, want 3", s3.Articles)
	}
}
