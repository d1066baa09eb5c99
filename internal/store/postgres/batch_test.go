package postgres

import (
	"context"
	"slices"
	"testing"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
	"github.com/dossier-news/dossier/internal/store/storetest"
)

// The batched writes must end where the single-row loops they replaced
// ended; these cases are the ones a batch makes different: the order
// seq is taken in, and rows repeated within one batch.

func TestPutArticlesSeqFollowsBatch(t *testing.T) {
	testDSN(t)
	s := openFresh(t)
	ctx := context.Background()
	var as []news.Article
	for _, n := range []int{9, 3, 7, 1, 3, 5} {
		as = append(as, storetest.Article(n))
	}
	got, err := s.PutArticles(ctx, as)
	if err != nil {
		t.Fatal(err)
	}
	if want := []bool{true, true, true, true, false, true}; !slices.Equal(got, want) {
		t.Errorf("isNew = %v, want %v", got, want)
	}
	ids, err := s.strings(ctx, `SELECT id FROM articles ORDER BY seq`)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{as[0].ID, as[1].ID, as[2].ID, as[3].ID, as[5].ID}
	if !slices.Equal(ids, want) {
		t.Errorf("seq order = %v, want batch order %v", ids, want)
	}
}

func TestBatchRepeatsEndLikeALoop(t *testing.T) {
	testDSN(t)
	s := openFresh(t)
	ctx := context.Background()
	a, b := storetest.Article(1), storetest.Article(2)
	if _, err := s.PutArticles(ctx, []news.Article{a, b}); err != nil {
		t.Fatal(err)
	}
	// Story members: b placed twice, the second time without input.
	err := s.PutStories(ctx, store.StoryBatch{Articles: []string{a.ID, b.ID}, Members: []news.StoryMember{
		{Article: b.ID, Story: "s1", Reason: "new", Input: []byte("in-b")},
		{Article: a.ID, Story: "s1", Reason: "joined", Input: []byte("in-a")},
		{Article: b.ID, Story: "s2", Reason: "moved"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	var got []news.StoryMember
	if err := s.StoryMembers(ctx, func(m news.StoryMember, _ news.Article) error {
		got = append(got, m)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Article != b.ID || got[0].Story != "s2" || got[0].Reason != "moved" ||
		string(got[0].Input) != "in-b" || got[1].Article != a.ID || got[1].Seq != got[0].Seq+1 {
		t.Errorf("members = %+v; want b (first seq, moved to s2, input kept) then a", got)
	}
	// Time expressions: the same span twice, the last one stays.
	err = s.PutTimes(ctx, store.TimeBatch{Articles: []string{a.ID}, Expressions: []news.TimeExpression{
		{Article: a.ID, Span: news.Span{Start: 0, End: 4}, Text: "first", Type: "DATE", Value: "2026"},
		{Article: a.ID, Span: news.Span{Start: 0, End: 5}, Text: "second", Type: "DATE", Value: "2026-03"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	xs, err := s.TimeExpressions(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(xs) != 1 || xs[0].Text != "second" || xs[0].Span.End != 5 {
		t.Errorf("expressions = %+v, want the second only", xs)
	}
	// Groups: an article in two groups of one batch ends in the later.
	err = s.PutDedup(ctx, store.DedupBatch{Groups: []news.DupGroup{
		{Origin: a.ID, Members: []string{a.ID, b.ID}},
		{Origin: b.ID, Members: []string{b.ID}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	got2, err := s.Article(ctx, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got2.DupGroup != b.ID {
		t.Errorf("b's group = %q, want %q (the later group)", got2.DupGroup, b.ID)
	}
}
