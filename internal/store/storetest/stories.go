package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

func putStories(t *testing.T, s store.Store, b store.StoryBatch) {
	t.Helper()
	if err := s.PutStories(context.Background(), b); err != nil {
		t.Fatalf("PutStories: %v", err)
	}
}

func testStories(t *testing.T, s store.Store) {
	ctx := context.Background()
	// Published an hour apart by number; a7 a day before the others.
	a1, a2, a3, a4, a5, a6, a7 := Article(1), Article(2), Article(3), Article(4), Article(5), Article(6), Article(7)
	a2.Source = news.Source{Name: "Valdren Wire", Domain: "valdren.example"}
	a3.Source.Name = "HARBOURLINE COURIER" // a1's outlet in other case: one outlet
	a5.Source = news.Source{Domain: "quay.example"}
	a7.Published = base.Add(-10 * time.Hour)
	// a6 is undated: its ingestion time (after everything above) must not
	// stretch its story's or storyline's span.
	a6.Published = time.Time{}
	put(t, s, a2, a1, a3, a4, a5, a6) // a7 arrives later
	unstoried := func() []string {
		t.Helper()
		got, err := s.Unstoried(ctx, 10)
		if err != nil {
			t.Fatalf("Unstoried: %v", err)
		}
		return ids(got)
	}
	if got, want := unstoried(), ids([]news.Article{a2, a1, a3, a4, a5, a6}); !cmp.Equal(got, want) {
		t.Errorf("Unstoried = %v, want every article in ingest order %v", got, want)
	}

	council := news.Entity{ID: "e-council", Type: "ORG", Name: "Harbour Council"}
	mira := news.Entity{ID: "e-mira", Type: "PER", Name: "Mira Tallis"}
	putEntities(t, s, store.EntityBatch{
		Entities: []news.Entity{council, mira},
		Articles: ids([]news.Article{a1, a2, a3, a5}),
		Mentions: []news.EntityMention{
			mention(council.ID, a1, 0, 7, news.MentionName, ""),
			mention(council.ID, a1, 57, 64, news.MentionName, ""),
			mention(council.ID, a3, 57, 64, news.MentionName, ""),
			mention(council.ID, a5, 57, 64, news.MentionName, ""),
			mention(mira.ID, a2, 8, 18, news.MentionName, ""),
			mention(mira.ID, a3, 8, 18, news.MentionDemonym, ""), // linked, not counted
		},
	})

	why := func(s string) json.RawMessage { return json.RawMessage(`{"best":"` + s + `"}`) }
	// Batch 1: a2 starts sA, a1 joins it, a3 starts sB; a4 is processed
	// but placed nowhere.
	putStories(t, s, store.StoryBatch{
		Articles: ids([]news.Article{a2, a1, a3, a4}),
		Members: []news.StoryMember{
			{Article: a2.ID, Story: "sA", Reason: "started", Why: why("none"), Input: []byte("in-a2")},
			{Article: a1.ID, Story: "sA", Reason: "joined", Why: why("sA"), Input: []byte("in-a1")},
			{Article: a3.ID, Story: "sB", Reason: "started", Why: why("none"), Input: []byte("in-a3")},
		},
	})
	if got, want := unstoried(), ids([]news.Article{a5, a6}); !cmp.Equal(got, want) {
		t.Errorf("Unstoried after the first batch = %v, want %v", got, want)
	}
	// Batch 2: a5 and a6 form sC; a repair merges sB into sA, moving a3
	// (a move carries no input: the article's input is unchanged).
	putStories(t, s, store.StoryBatch{
		Articles: ids([]news.Article{a5, a6}),
		Members: []news.StoryMember{
			{Article: a5.ID, Story: "sC", Reason: "started", Why: why("none"), Input: []byte("in-a5")},
			{Article: a6.ID, Story: "sC", Reason: "joined", Why: why("sC"), Input: []byte("in-a6")},
			{Article: a3.ID, Story: "sA", Reason: "merged", Why: why("merge sB")},
		},
		Redirects: map[string]string{"sB": "sA"},
	})
	if got := unstoried(); len(got) != 0 {
		t.Errorf("Unstoried after the second batch = %v, want none", got)
	}
	// Batch 3: a7 arrives and starts sE; a6 is placed again with a new
	// input; an older merge redirects to sB, making a chain.
	put(t, s, a7)
	if got, want := unstoried(), []string{a7.ID}; !cmp.Equal(got, want) {
		t.Errorf("Unstoried after a new article = %v, want %v", got, want)
	}
	putStories(t, s, store.StoryBatch{
		Articles: []string{a7.ID},
		Members: []news.StoryMember{
			{Article: a7.ID, Story: "sE", Reason: "started", Why: why("none"), Input: []byte("in-a7")},
			{Article: a6.ID, Story: "sC", Reason: "split", Why: why("split"), Input: []byte("in-a6-v2")},
		},
		Redirects: map[string]string{"sOld": "sB"},
	})

	// StoryMembers: every member once, in order of first placement, the
	// moved ones with their new story, reason and why.
	type replayed struct {
		Member news.StoryMember
		Title  string
		Text   string
	}
	var got []replayed
	err := s.StoryMembers(ctx, func(m news.StoryMember, a news.Article) error {
		got = append(got, replayed{m, a.Title, a.Text})
		return nil
	})
	if err != nil {
		t.Fatalf("StoryMembers: %v", err)
	}
	seq := map[string]int64{}
	for i, r := range got {
		seq[r.Member.Article] = r.Member.Seq
		if i > 0 && r.Member.Seq <= got[i-1].Member.Seq {
			t.Errorf("StoryMembers: seq %d of %s does not follow seq %d", r.Member.Seq, r.Member.Article, got[i-1].Member.Seq)
		}
	}
	replay := func(a news.Article, story, reason string, w json.RawMessage, input string) replayed {
		return replayed{news.StoryMember{Article: a.ID, Story: story, Seq: seq[a.ID], Reason: reason, Why: w,
			Input: []byte(input)}, a.Title, a.Text}
	}
	want := []replayed{
		replay(a2, "sA", "started", why("none"), "in-a2"),
		replay(a1, "sA", "joined", why("sA"), "in-a1"),
		replay(a3, "sA", "merged", why("merge sB"), "in-a3"), // moved: keeps its place and input
		replay(a5, "sC", "started", why("none"), "in-a5"),
		replay(a6, "sC", "split", why("split"), "in-a6-v2"),
		replay(a7, "sE", "started", why("none"), "in-a7"),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("StoryMembers (-want +got):\n%s", diff)
	}

	redirects, err := s.StoryRedirects(ctx)
	if err != nil {
		t.Fatalf("StoryRedirects: %v", err)
	}
	if want := map[string]string{"sB": "sA", "sOld": "sB"}; !cmp.Equal(redirects, want) {
		t.Errorf("StoryRedirects = %v, want %v", redirects, want)
	}

	// Story: members in arrival order, the title of the earliest
	// published article (a1, though a2 arrived first), outlets
	// case-insensitively, entities counted like Entities.
	member := func(a news.Article, story, reason string, w json.RawMessage, source string) news.StoryMember {
		return news.StoryMember{Article: a.ID, Story: story, Seq: seq[a.ID], Reason: reason, Why: w,
			Title: a.Title, Source: source, Published: a.Published}
	}
	wantA := news.Story{ID: "sA", Title: a1.Title, Articles: 3, Outlets: 2, First: a1.Published, Last: a3.Published,
		Entities: []news.Entity{
			{ID: council.ID, Type: council.Type, Name: council.Name, Articles: 2, Mentions: 3},
			{ID: mira.ID, Type: mira.Type, Name: mira.Name, Articles: 1, Mentions: 1},
		},
		Members: []news.StoryMember{
			member(a2, "sA", "started", why("none"), "Valdren Wire"),
			member(a1, "sA", "joined", why("sA"), "Harbourline Courier"),
			member(a3, "sA", "merged", why("merge sB"), "HARBOURLINE COURIER"),
		}}
	ignoreInput := cmpopts.IgnoreFields(news.StoryMember{}, "Input")
	for _, id := range []string{"sA", "sB", "sOld"} { // sOld → sB → sA
		st, err := s.Story(ctx, id)
		if err != nil {
			t.Fatalf("Story(%s): %v", id, err)
		}
		if diff := cmp.Diff(wantA, st, ignoreInput); diff != "" {
			t.Errorf("Story(%s) (-want +got):\n%s", id, diff)
		}
	}
	if _, err := s.Story(ctx, "sNone"); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("Story(unknown) error = %v, want news.ErrNotFound", err)
	}
	sC, err := s.Story(ctx, "sC")
	if err != nil {
		t.Fatalf("Story(sC): %v", err)
	}
	// a5 has only a domain: that is its outlet and its label.
	wantC := news.Story{ID: "sC", Title: a5.Title, Articles: 2, Outlets: 2, First: a5.Published, Last: a5.Published,
		Entities: []news.Entity{{ID: council.ID, Type: council.Type, Name: council.Name, Articles: 1, Mentions: 1}},
		Members: []news.StoryMember{
			member(a5, "sC", "started", why("none"), "quay.example"),
			member(a6, "sC", "split", why("split"), "Harbourline Courier"),
		}}
	if diff := cmp.Diff(wantC, sC, ignoreInput); diff != "" {
		t.Errorf("Story(sC) (-want +got):\n%s", diff)
	}

	// Stories: listings carry counts and spans, not members or entities,
	// and never a merged story.
	listed := func(st news.Story) news.Story {
		st.Members, st.Entities = nil, nil
		return st
	}
	wantE := news.Story{ID: "sE", Title: a7.Title, Articles: 1, Outlets: 1, First: a7.Published, Last: a7.Published}
	list := func(q store.StoryQuery) []news.Story {
		t.Helper()
		ss, err := s.Stories(ctx, q)
		if err != nil {
			t.Fatalf("Stories(%+v): %v", q, err)
		}
		return ss
	}
	for _, tc := range []struct {
		name string
		q    store.StoryQuery
		want []news.Story
	}{
		{"default (latest)", store.StoryQuery{}, []news.Story{listed(wantC), listed(wantA), wantE}},
		{"latest", store.StoryQuery{Sort: store.StoriesLatest}, []news.Story{listed(wantC), listed(wantA), wantE}},
		{"size", store.StoryQuery{Sort: store.StoriesSize}, []news.Story{listed(wantA), listed(wantC), wantE}},
		{"size, limit 1", store.StoryQuery{Sort: store.StoriesSize, Limit: 1}, []news.Story{listed(wantA)}},
		{"min 2 articles", store.StoryQuery{MinArticles: 2}, []news.Story{listed(wantC), listed(wantA)}},
		{"min 3 articles", store.StoryQuery{MinArticles: 3}, []news.Story{listed(wantA)}},
		// [From, To): a2 at +2h and a3 at +3h are in sA; a5 at +5h is out.
		{"from-to", store.StoryQuery{From: a2.Published, To: a5.Published}, []news.Story{listed(wantA)}},
		{"from", store.StoryQuery{From: a5.Published}, []news.Story{listed(wantC)}},
		{"to", store.StoryQuery{To: a1.Published}, []news.Story{wantE}},
		{"entity", store.StoryQuery{Entity: council.ID}, []news.Story{listed(wantC), listed(wantA)}},
		{"entity, size", store.StoryQuery{Entity: mira.ID, Sort: store.StoriesSize}, []news.Story{listed(wantA)}},
		{"entity and time", store.StoryQuery{Entity: council.ID, To: a5.Published}, []news.Story{listed(wantA)}},
		{"unknown entity", store.StoryQuery{Entity: "e-none"}, nil},
	} {
		if diff := cmp.Diff(tc.want, list(tc.q)); diff != "" {
			t.Errorf("Stories, %s (-want +got):\n%s", tc.name, diff)
		}
	}
	if _, err := s.Stories(ctx, store.StoryQuery{Sort: "oldest"}); !errors.Is(err, news.ErrInvalid) {
		t.Errorf("Stories(sort oldest) error = %v, want news.ErrInvalid", err)
	}

	// Storylines: titled by their largest story, counted and spanned
	// from their stories' members; written whole each time.
	lines := func(q store.StorylineQuery) []news.Storyline {
		t.Helper()
		ls, err := s.Storylines(ctx, q)
		if err != nil {
			t.Fatalf("Storylines(%+v): %v", q, err)
		}
		return ls
	}
	if err := s.PutStorylines(ctx, []news.Storyline{{ID: "lOld", Stories: []string{"sE", "sA"}}}); err != nil {
		t.Fatalf("PutStorylines: %v", err)
	}
	wantOld := news.Storyline{ID: "lOld", Stories: []string{"sE", "sA"}, Title: a1.Title, Articles: 4,
		First: a7.Published, Last: a3.Published}
	if diff := cmp.Diff([]news.Storyline{wantOld}, lines(store.StorylineQuery{})); diff != "" {
		t.Errorf("Storylines (-want +got):\n%s", diff)
	}
	// Replaced: lOld goes; lY holds a story since merged away (no
	// members), which adds nothing.
	if err := s.PutStorylines(ctx, []news.Storyline{
		{ID: "lY", Stories: []string{"sE", "sGone"}},
		{ID: "lX", Stories: []string{"sA", "sC"}},
	}); err != nil {
		t.Fatalf("PutStorylines: %v", err)
	}
	wantX := news.Storyline{ID: "lX", Stories: []string{"sA", "sC"}, Title: a1.Title, Articles: 5,
		First: a1.Published, Last: a5.Published}
	wantY := news.Storyline{ID: "lY", Stories: []string{"sE", "sGone"}, Title: a7.Title, Articles: 1,
		First: a7.Published, Last: a7.Published}
	for _, tc := range []struct {
		name string
		q    store.StorylineQuery
		want []news.Storyline
	}{
		{"all, latest first", store.StorylineQuery{}, []news.Storyline{wantX, wantY}},
		{"limit 1", store.StorylineQuery{Limit: 1}, []news.Storyline{wantX}},
		{"of a story", store.StorylineQuery{Story: "sC"}, []news.Storyline{wantX}},
		{"of a story without members", store.StorylineQuery{Story: "sGone"}, []news.Storyline{wantY}},
		{"of a merged story", store.StorylineQuery{Story: "sB"}, []news.Storyline{wantX}},
		{"of a story in none", store.StorylineQuery{Story: "sNone"}, nil},
	} {
		if diff := cmp.Diff(tc.want, lines(tc.q)); diff != "" {
			t.Errorf("Storylines, %s (-want +got):\n%s", tc.name, diff)
		}
	}
	if st, err := s.Story(ctx, "sC"); err != nil || st.Storyline != "lX" {
		t.Errorf("Story(sC) = %+v, %v; want storyline lX", st, err)
	}
	if got := list(store.StoryQuery{}); len(got) != 3 || got[0].Storyline != "lX" || got[1].Storyline != "lX" || got[2].Storyline != "lY" {
		t.Errorf("Stories after storylines = %+v; want sC and sA in lX, sE in lY", got)
	}
	if err := s.PutStorylines(ctx, []news.Storyline{
		{ID: "l1", Stories: []string{"sA"}}, {ID: "l2", Stories: []string{"sA", "sC"}}}); !errors.Is(err, news.ErrInvalid) {
		t.Errorf("PutStorylines with a story in two lines: error = %v, want news.ErrInvalid", err)
	}

	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Stories != 3 || st.Storylines != 2 {
		t.Errorf("Stats = %+v; want 3 stories (sA, sC, sE) and 2 storylines", st)
	}
	if err := s.PutStorylines(ctx, nil); err != nil {
		t.Fatalf("PutStorylines(none): %v", err)
	}
	if ls := lines(store.StorylineQuery{}); len(ls) != 0 {
		t.Errorf("Storylines after replacing with none = %+v", ls)
	}
	if st, err := s.Stats(ctx); err != nil || st.Storylines != 0 {
		t.Errorf("Stats = %+v, %v; want 0 storylines", st, err)
	}
}
