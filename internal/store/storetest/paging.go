package storetest

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// pageAll follows a listing's cursors one item at a time and returns the
// ids in the order met; it fails on a page repeating an item.
func pageAll(t *testing.T, name string, page func(cursor string) (id, next string, ok bool)) []string {
	t.Helper()
	var got []string
	seen := map[string]bool{}
	cursor := ""
	for i := 0; i < 50; i++ {
		id, next, ok := page(cursor)
		if !ok {
			return got
		}
		if seen[id] {
			t.Fatalf("%s: %s listed twice while paging (so far %v)", name, id, got)
		}
		seen[id] = true
		got = append(got, id)
		cursor = next
	}
	t.Fatalf("%s: paging did not end", name)
	return nil
}

// testListPaging: entities, quotes and storylines paged one item at a
// time through their keyset cursors list the same items in the same
// order as one long page — ties on the sort key included — and a cursor
// of another listing is refused.
func testListPaging(t *testing.T, s store.Store) {
	ctx := context.Background()
	var as []news.Article
	for i := 1; i <= 6; i++ {
		as = append(as, Article(i))
	}
	put(t, s, as...)

	// Entities, by (articles, mentions) descending then name and id:
	// Delta and the two Echoes tie on counts, the Echoes on name too.
	ents := []news.Entity{
		{ID: "e-alpha", Type: "ORG", Name: "Alpha", Keys: []string{"alpha"}},
		{ID: "e-bravo", Type: "ORG", Name: "Bravo", Keys: []string{"bravo"}},
		{ID: "e-charlie", Type: "LOC", Name: "Charlie", Keys: []string{"charlie"}},
		{ID: "e-delta", Type: "PER", Name: "Delta", Keys: []string{"delta"}},
		{ID: "e-echo2", Type: "PER", Name: "Echo", Keys: []string{"echo two"}},
		{ID: "e-echo1", Type: "PER", Name: "Echo", Keys: []string{"echo one"}},
	}
	m := func(e string, a news.Article, span int) news.EntityMention {
		spans := [][2]int{{0, 7}, {8, 18}, {28, 33}}
		return mention(e, a, spans[span][0], spans[span][1], news.MentionName, "")
	}
	putEntities(t, s, store.EntityBatch{Entities: ents, Articles: ids(as), Mentions: []news.EntityMention{
		m("e-alpha", as[0], 0), m("e-alpha", as[1], 0), m("e-alpha", as[2], 0),
		m("e-bravo", as[0], 1), m("e-bravo", as[0], 2), m("e-bravo", as[1], 1),
		m("e-charlie", as[2], 1), m("e-charlie", as[3], 0),
		m("e-delta", as[4], 0), m("e-echo1", as[5], 0), m("e-echo2", as[3], 1),
	}})
	entityIDs := func(es []news.Entity) (out []string) {
		for _, e := range es {
			out = append(out, e.ID)
		}
		return out
	}
	long, err := s.Entities(ctx, store.EntityQuery{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	paged := pageAll(t, "entities", func(c string) (string, string, bool) {
		es, err := s.Entities(ctx, store.EntityQuery{Limit: 1, Cursor: c})
		if err != nil {
			t.Fatalf("Entities after %q: %v", c, err)
		}
		if len(es) == 0 {
			return "", "", false
		}
		return es[0].ID, store.EntityCursor(es[0]), true
	})
	want := []string{"e-alpha", "e-bravo", "e-charlie", "e-delta", "e-echo1", "e-echo2"}
	if diff := cmp.Diff(want, entityIDs(long)); diff != "" {
		t.Errorf("entities in one page (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, paged); diff != "" {
		t.Errorf("entities paged one at a time (-want +got):\n%s", diff)
	}

	// Quotes, by first carrier then id: q-a1 and q-b1 share a1's time,
	// q-a2 and q-b2 a2's.
	// Each quote has its own span, since an article carries one quote
	// at a place.
	n := 0
	quote := func(id string, carriers ...news.Article) news.Quote {
		n++
		q := news.Quote{ID: id, Kind: news.QuoteDirect, Content: "words of " + id}
		for _, a := range carriers {
			q.Carriers = append(q.Carriers, news.QuoteCarrier{Quote: id, Article: a.ID,
				Content: news.Span{Start: 2 * n, End: 2*n + 1}, Speaker: news.Speaker{Name: "someone", Type: "PER"}})
		}
		return q
	}
	if err := s.PutQuotes(ctx, store.QuoteBatch{Articles: ids(as[:3]), Quotes: []news.Quote{
		quote("q-b2", as[1]), quote("q-a2", as[1]), quote("q-c3", as[2]), quote("q-b1", as[2], as[0]), quote("q-a1", as[0]),
	}}); err != nil {
		t.Fatal(err)
	}
	paged = pageAll(t, "quotes", func(c string) (string, string, bool) {
		qs, err := s.Quotes(ctx, store.QuoteQuery{Limit: 1, Cursor: c})
		if err != nil {
			t.Fatalf("Quotes after %q: %v", c, err)
		}
		if len(qs) == 0 {
			return "", "", false
		}
		return qs[0].ID, store.QuoteCursor(qs[0]), true
	})
	if diff := cmp.Diff([]string{"q-a1", "q-b1", "q-a2", "q-b2", "q-c3"}, paged); diff != "" {
		t.Errorf("quotes paged one at a time (-want +got):\n%s", diff)
	}

	// Storylines, latest article first, lines without articles last
	// (tied, so by id).
	var b store.StoryBatch
	for i, st := range []string{"s1", "s2", "s3", "s3", "s5"} {
		b.Articles = append(b.Articles, as[i].ID)
		b.Members = append(b.Members, news.StoryMember{Article: as[i].ID, Story: st, Reason: "joined"})
	}
	if err := s.PutStories(ctx, b); err != nil {
		t.Fatal(err)
	}
	if err := s.PutStorylines(ctx, []news.Storyline{
		{ID: "l1", Stories: []string{"s1"}}, {ID: "l2", Stories: []string{"s2"}}, {ID: "l3", Stories: []string{"s3", "s-gone"}},
		{ID: "l5", Stories: []string{"s5"}}, {ID: "l-empty-b", Stories: []string{"s-gone-b"}}, {ID: "l-empty-a", Stories: []string{"s-gone-a"}},
	}); err != nil {
		t.Fatal(err)
	}
	paged = pageAll(t, "storylines", func(c string) (string, string, bool) {
		ls, err := s.Storylines(ctx, store.StorylineQuery{Limit: 1, Cursor: c})
		if err != nil {
			t.Fatalf("Storylines after %q: %v", c, err)
		}
		if len(ls) == 0 {
			return "", "", false
		}
		return ls[0].ID, store.StorylineCursor(ls[0]), true
	})
	if diff := cmp.Diff([]string{"l5", "l3", "l2", "l1", "l-empty-a", "l-empty-b"}, paged); diff != "" {
		t.Errorf("storylines paged one at a time (-want +got):\n%s", diff)
	}

	quoteCursor := store.QuoteCursor(news.Quote{ID: "q-a1"})
	if _, err := s.Entities(ctx, store.EntityQuery{Cursor: quoteCursor}); !errors.Is(err, news.ErrInvalid) {
		t.Errorf("Entities with a quote cursor: %v, want ErrInvalid", err)
	}
	if _, err := s.Storylines(ctx, store.StorylineQuery{Cursor: "nonsense"}); !errors.Is(err, news.ErrInvalid) {
		t.Errorf("Storylines with a bad cursor: %v, want ErrInvalid", err)
	}
	if _, err := s.Quotes(ctx, store.QuoteQuery{Cursor: store.EntityCursor(ents[0])}); !errors.Is(err, news.ErrInvalid) {
		t.Errorf("Quotes with an entity cursor: %v, want ErrInvalid", err)
	}
}
