package storetest

import (
	"context"
	"errors"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

func putEntities(t *testing.T, s store.Store, b store.EntityBatch) {
	t.Helper()
	if err := s.PutEntities(context.Background(), b); err != nil {
		t.Fatalf("PutEntities: %v", err)
	}
}

// mention builds a mention of entity in article a at [start, end) of its
// text.
func mention(entity string, a news.Article, start, end int, kind, role string) news.EntityMention {
	return news.EntityMention{Entity: entity, Article: a.ID, Span: news.Span{Start: start, End: end},
		Text: a.Text[start:end], Kind: kind, Role: role}
}

func testEntityIdentities(t *testing.T, s store.Store) {
	ctx := context.Background()
	as := []news.Article{Article(2), Article(1), Article(3)}
	put(t, s, as...)
	got, err := s.Unrecognized(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if want := ids(as); !cmp.Equal(ids(got), want) {
		t.Errorf("Unrecognized = %v, want every article in ingest order %v", ids(got), want)
	}
	council := news.Entity{ID: "e-council", Type: "ORG", Name: "council", Keys: []string{"council"},
		Votes: map[string]int{"ORG": 3, "PER": 1}}
	berth := news.Entity{ID: "e-berth", Type: "LOC", Name: "Berth", Keys: []string{"berth", "berth two"}}
	// The third article is processed and mentions nothing.
	putEntities(t, s, store.EntityBatch{
		Entities: []news.Entity{council, berth},
		Articles: []string{as[0].ID, as[2].ID},
		Mentions: []news.EntityMention{mention(council.ID, as[0], 57, 64, news.MentionName, "")},
	})
	got, _ = s.Unrecognized(ctx, 10)
	if want := []string{as[1].ID}; !cmp.Equal(ids(got), want) {
		t.Errorf("Unrecognized after put = %v, want %v", ids(got), want)
	}
	// Updating an identity keeps its place in the rebuild order.
	council.Name, council.Keys = "Harbour Council", []string{"council", "harbour council"}
	putEntities(t, s, store.EntityBatch{Entities: []news.Entity{council}})
	var loaded []news.Entity
	if err := s.EntityIdentities(ctx, func(e news.Entity) error { loaded = append(loaded, e); return nil }); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]news.Entity{council, berth}, loaded); diff != "" {
		t.Errorf("EntityIdentities (-want +got):\n%s", diff)
	}
	if err := s.PutEntities(ctx, store.EntityBatch{Mentions: []news.EntityMention{
		mention("e-unknown", as[1], 0, 7, news.MentionName, "")}}); err == nil {
		t.Error("PutEntities accepted a mention of an entity that is not stored")
	}
	if st, err := s.Stats(ctx); err != nil || st.Entities != 2 {
		t.Errorf("Stats = %+v, %v; want 2 entities", st, err)
	}
}

func testEntityQueries(t *testing.T, s store.Store) {
	ctx := context.Background()
	a1, a2, a3 := Article(1), Article(2), Article(3) // a3 is the newest
	put(t, s, a1, a2, a3)
	council := news.Entity{ID: "e-council", Type: "ORG", Name: "Harbour Council"}
	mira := news.Entity{ID: "e-mira", Type: "PER", Name: "Mira Tallis"}
	estuary := news.Entity{ID: "e-estuary", Type: "LOC", Name: "Estuary"}
	// "Harbour" at 0, "berth" at 29, "estuary" at 44, "council" at 57.
	putEntities(t, s, store.EntityBatch{
		Entities: []news.Entity{council, mira, estuary},
		Articles: []string{a1.ID, a2.ID, a3.ID},
		Mentions: []news.EntityMention{
			mention(council.ID, a1, 0, 7, news.MentionName, ""),
			mention(council.ID, a1, 57, 64, news.MentionName, ""),
			mention(mira.ID, a1, 29, 34, news.MentionName, "Inspector"),
			mention(council.ID, a2, 57, 64, news.MentionName, ""),
			mention(mira.ID, a2, 29, 34, news.MentionTitle, ""),
			mention(council.ID, a3, 57, 64, news.MentionName, "Chair"),
			mention(estuary.ID, a3, 44, 51, news.MentionDemonym, ""),
		},
	})
	list := func(q store.EntityQuery) []news.Entity {
		t.Helper()
		es, err := s.Entities(ctx, q)
		if err != nil {
			t.Fatalf("Entities(%+v): %v", q, err)
		}
		return es
	}
	counted := func(e news.Entity, articles, mentions int) news.Entity {
		e.Articles, e.Mentions = articles, mentions
		return e
	}
	// The estuary only has a demonym: linked, not counted, not listed.
	want := []news.Entity{counted(council, 3, 4), counted(mira, 2, 2)}
	if diff := cmp.Diff(want, list(store.EntityQuery{})); diff != "" {
		t.Errorf("Entities (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want[1:], list(store.EntityQuery{Type: "PER"})); diff != "" {
		t.Errorf("Entities(PER) (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want[:1], list(store.EntityQuery{Name: "COUNCIL"})); diff != "" {
		t.Errorf("Entities(name of a spelling, other case) (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want[:1], list(store.EntityQuery{Name: "harbour council"})); diff != "" {
		t.Errorf("Entities(canonical name) (-want +got):\n%s", diff)
	}
	if got := list(store.EntityQuery{Article: a3.ID}); len(got) != 1 || got[0].ID != council.ID || got[0].Articles != 3 {
		t.Errorf("Entities(article 3) = %+v, want the council with its corpus-wide counts", got)
	}
	if got := list(store.EntityQuery{Limit: 1}); len(got) != 1 {
		t.Errorf("Entities(limit 1) returned %d", len(got))
	}

	e, err := s.Entity(ctx, council.ID)
	if err != nil {
		t.Fatal(err)
	}
	wantDetail := counted(council, 3, 4)
	wantDetail.Aliases = []string{"council", "Harbour"}
	wantDetail.Roles = []string{"Chair"}
	if diff := cmp.Diff(wantDetail, e, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("Entity (-want +got):\n%s", diff)
	}
	if _, err := s.Entity(ctx, "e-none"); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("Entity(unknown) error = %v, want ErrNotFound", err)
	}

	ms, err := s.EntityMentions(ctx, council.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	var where []string
	for _, m := range ms {
		where = append(where, m.Article+":"+m.Text)
	}
	if want := []string{a3.ID + ":council", a2.ID + ":council", a1.ID + ":Harbour", a1.ID + ":council"}; !cmp.Equal(where, want) {
		t.Errorf("EntityMentions = %v, want newest article first, text order within %v", where, want)
	}
	if ms, _ := s.EntityMentions(ctx, estuary.ID, 5); len(ms) != 1 || ms[0].Kind != news.MentionDemonym {
		t.Errorf("EntityMentions(estuary) = %+v, want its one demonym", ms)
	}

	co, err := s.CoEntities(ctx, council.ID, 10)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]news.Entity{counted(mira, 2, 2)}, co); diff != "" {
		t.Errorf("CoEntities (-want +got):\n%s", diff)
	}

	// Processing an article again replaces its mentions.
	putEntities(t, s, store.EntityBatch{Articles: []string{a1.ID},
		Mentions: []news.EntityMention{mention(mira.ID, a1, 29, 34, news.MentionName, "")}})
	if diff := cmp.Diff([]news.Entity{counted(council, 2, 2), counted(mira, 2, 2)}, list(store.EntityQuery{})); diff != "" {
		t.Errorf("Entities after replacing article 1's mentions (-want +got):\n%s", diff)
	}
}

// testEntityMatch: Match finds entities by a fragment of any of their
// keys, across word boundaries and combined with the other filters and
// with paging, and treats LIKE's wildcards as plain characters.
func testEntityMatch(t *testing.T, s store.Store) {
	ctx := context.Background()
	a := Article(1)
	put(t, s, a)
	es := []news.Entity{
		{ID: "e-lavrov", Type: "PER", Name: "Sergei Lavrov", Keys: []string{"sergei lavrov"}},
		{ID: "e-lavra", Type: "LOC", Name: "Lavra", Keys: []string{"lavra"}},
		{ID: "e-un", Type: "ORG", Name: "United Nations", Keys: []string{"alias:united nations"}},
		{ID: "e-axb", Type: "ORG", Name: "Axb", Keys: []string{"axb", "a%b"}},
	}
	var ms []news.EntityMention
	for i, e := range es {
		ms = append(ms, mention(e.ID, a, i, i+1, news.MentionName, ""))
	}
	putEntities(t, s, store.EntityBatch{Entities: es, Articles: []string{a.ID}, Mentions: ms})
	match := func(q store.EntityQuery) []string {
		t.Helper()
		got, err := s.Entities(ctx, q)
		if err != nil {
			t.Fatalf("Entities(%+v): %v", q, err)
		}
		var out []string
		for _, e := range got {
			out = append(out, e.ID)
		}
		sort.Strings(out)
		return out
	}
	for _, tt := range []struct {
		q    store.EntityQuery
		want []string
	}{
		{store.EntityQuery{Match: "lavr"}, []string{"e-lavra", "e-lavrov"}},
		{store.EntityQuery{Match: "ei lav"}, []string{"e-lavrov"}},
		{store.EntityQuery{Match: "lavr", Type: "LOC"}, []string{"e-lavra"}},
		{store.EntityQuery{Match: "nations"}, []string{"e-un"}},
		{store.EntityQuery{Match: "lavrova"}, nil},
		{store.EntityQuery{Match: "a_b"}, nil},
		{store.EntityQuery{Match: "a%b"}, []string{"e-axb"}},
		{store.EntityQuery{Match: "%"}, []string{"e-axb"}},
	} {
		if diff := cmp.Diff(tt.want, match(tt.q)); diff != "" {
			t.Errorf("Entities(%+v) (-want +got):\n%s", tt.q, diff)
		}
	}
	// One at a time through the cursor, the same two.
	var paged []string
	q := store.EntityQuery{Match: "lavr", Limit: 1}
	for range 3 {
		got, err := s.Entities(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 {
			break
		}
		paged = append(paged, got[0].ID)
		q.Cursor = store.EntityCursor(got[0])
	}
	sort.Strings(paged)
	if diff := cmp.Diff([]string{"e-lavra", "e-lavrov"}, paged); diff != "" {
		t.Errorf("Match paged one at a time (-want +got):\n%s", diff)
	}
}
