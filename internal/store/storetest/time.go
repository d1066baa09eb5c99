package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

func testTimes(t *testing.T, s store.Store) {
	ctx := context.Background()
	a1, a2 := Article(1), Article(2)
	a2.Published, a2.PublishedInferred = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), true
	put(t, s, a1, a2)
	if got, err := s.Article(ctx, a2.ID); err != nil || !got.PublishedInferred || !got.Published.Equal(a2.Published) {
		t.Errorf("Article = %v %v, %v; want the inferred date kept and marked", got.Published, got.PublishedInferred, err)
	}
	got, err := s.Untimed(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if want := ids([]news.Article{a1, a2}); !cmp.Equal(ids(got), want) {
		t.Errorf("Untimed = %v, want %v", ids(got), want)
	}
	day := func(d int) time.Time { return time.Date(2026, 3, d, 0, 0, 0, 0, time.UTC) }
	sentence := news.Span{Start: 0, End: 52}
	x1 := news.TimeExpression{Article: a1.ID, Span: news.Span{Start: 8, End: 18}, Sentence: sentence,
		Text: "on Tuesday", Type: news.TimeDate, Value: "2026-03-03", First: day(3), Last: day(3)}
	x2 := news.TimeExpression{Article: a1.ID, Span: news.Span{Start: 30, End: 39}, Sentence: sentence,
		Text: "last week", Type: news.TimeDate, Value: "2026-W09", First: day(23).AddDate(0, -1, 0), Last: day(1)}
	x3 := news.TimeExpression{Article: a1.ID, Span: news.Span{Start: 40, End: 50}, Sentence: sentence,
		Text: "four years", Type: news.TimeDuration, Value: "P4Y", Mod: "APPROX"}
	if err := s.PutTimes(ctx, store.TimeBatch{Articles: []string{a1.ID, a2.ID}, Expressions: []news.TimeExpression{x3, x1, x2}}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Untimed(ctx, 10); len(got) != 0 {
		t.Errorf("Untimed after put = %v, want none", ids(got))
	}
	xs, err := s.TimeExpressions(ctx, a1.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]news.TimeExpression{x1, x2, x3}, xs); diff != "" {
		t.Errorf("TimeExpressions (-want +got):\n%s", diff)
	}
	// Processing again replaces the article's expressions.
	if err := s.PutTimes(ctx, store.TimeBatch{Articles: []string{a1.ID}, Expressions: []news.TimeExpression{x2}}); err != nil {
		t.Fatal(err)
	}
	if xs, _ := s.TimeExpressions(ctx, a1.ID); !cmp.Equal(xs, []news.TimeExpression{x2}) {
		t.Errorf("after replacing: %+v, want only %+v", xs, x2)
	}
	if xs, err := s.TimeExpressions(ctx, a2.ID); err != nil || len(xs) != 0 {
		t.Errorf("article without expressions: %v, %v", xs, err)
	}
}
