package storetest

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

func testQuotes(t *testing.T, s store.Store) {
	ctx := context.Background()
	a1, a2, a3 := Article(1), Article(2), Article(3) // published an hour apart, a1 first
	put(t, s, a1, a2, a3)
	got, err := s.Unquoted(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if want := ids([]news.Article{a1, a2, a3}); !cmp.Equal(ids(got), want) {
		t.Errorf("Unquoted = %v, want %v", ids(got), want)
	}
	inspector := news.Speaker{Entity: "e-tallis", Name: "Mira Tallis", Type: "PER"}
	anon := news.Speaker{Name: "a port official", Type: news.SpeakerAnonymous}
	content := "the survey of the pier would finish soon"
	shared := news.QuoteID("", content, 0)
	carrier := func(a news.Article, sp news.Speaker) news.QuoteCarrier {
		return news.QuoteCarrier{Quote: shared, Article: a.ID, Source: news.Span{Start: 54, End: 65},
			Cue: news.Span{Start: 66, End: 70}, Content: news.Span{Start: 71, End: 108},
			SourceText: "The council", CueText: "said", Speaker: sp}
	}
	// a3 carries the statement too but names no speaker: the quote keeps
	// the identified one. a2 has a second, short quote of its own.
	q1 := news.Quote{ID: shared, Kind: news.QuoteIndirect, Content: content,
		Carriers: []news.QuoteCarrier{carrier(a1, inspector)}}
	q1b := news.Quote{ID: shared, Kind: news.QuoteIndirect, Content: content,
		Carriers: []news.QuoteCarrier{carrier(a3, news.Speaker{}), carrier(a2, inspector)}}
	short := news.QuoteID(a2.ID, "soon", 10)
	q2 := news.Quote{ID: short, Kind: news.QuoteDirect, Content: "soon", Carriers: []news.QuoteCarrier{{
		Quote: short, Article: a2.ID, Cue: news.Span{Start: 0, End: 4}, Content: news.Span{Start: 10, End: 14}, Speaker: anon}}}
	if err := s.PutQuotes(ctx, store.QuoteBatch{Articles: []string{a1.ID}, Quotes: []news.Quote{q1}}); err != nil {
		t.Fatal(err)
	}
	if err := s.PutQuotes(ctx, store.QuoteBatch{Articles: []string{a2.ID, a3.ID}, Quotes: []news.Quote{q1b, q2}}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Unquoted(ctx, 10); len(got) != 0 {
		t.Errorf("Unquoted after put = %v, want none", ids(got))
	}
	withTime := func(c news.QuoteCarrier, a news.Article) news.QuoteCarrier {
		c.Published = a.Published
		return c
	}
	want := []news.Quote{
		{ID: shared, Kind: news.QuoteIndirect, Content: content, Speaker: inspector, First: a1.Published,
			Carriers: []news.QuoteCarrier{withTime(carrier(a1, inspector), a1), withTime(carrier(a2, inspector), a2),
				withTime(carrier(a3, news.Speaker{}), a3)}},
		{ID: short, Kind: news.QuoteDirect, Content: "soon", Speaker: anon, First: a2.Published,
			Carriers: []news.QuoteCarrier{withTime(q2.Carriers[0], a2)}},
	}
	all, err := s.Quotes(ctx, store.QuoteQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, all); diff != "" {
		t.Errorf("Quotes (-want +got):\n%s", diff)
	}
	bySpeaker, err := s.Quotes(ctx, store.QuoteQuery{Speaker: "e-tallis"})
	if err != nil {
		t.Fatal(err)
	}
	if len(bySpeaker) != 1 || bySpeaker[0].ID != shared || len(bySpeaker[0].Carriers) != 3 {
		t.Errorf("Quotes by speaker = %+v; want the shared quote with all 3 carriers", bySpeaker)
	}
	byArticle, err := s.Quotes(ctx, store.QuoteQuery{Articles: []string{a2.ID}, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(byArticle) != 1 || byArticle[0].ID != shared {
		t.Errorf("Quotes of a2, limit 1 = %+v; want the earliest, shared quote", byArticle)
	}
	contents := map[string]string{}
	err = s.QuoteContents(ctx, func(id, content string) error {
		contents[id] = content
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]string{shared: content, short: "soon"}; !cmp.Equal(contents, want) {
		t.Errorf("QuoteContents = %v, want %v", contents, want)
	}
	// Processing an article again replaces its carriers.
	if err := s.PutQuotes(ctx, store.QuoteBatch{Articles: []string{a2.ID}}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Quotes(ctx, store.QuoteQuery{Articles: []string{a2.ID}}); len(got) != 0 {
		t.Errorf("a2's quotes after replacing with none: %+v", got)
	}
	if got, _ := s.Quotes(ctx, store.QuoteQuery{Speaker: "e-tallis"}); len(got) != 1 || len(got[0].Carriers) != 2 {
		t.Errorf("after replacing a2: %+v; want the shared quote with 2 carriers", got)
	}
}
