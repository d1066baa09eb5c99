// Package pipelinetest holds what tests of several packages need to
// compare what the pipeline made of a corpus in different deployments
// (SQLite or PostgreSQL, one process or many workers).
package pipelinetest

import (
	"context"
	"slices"
	"testing"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// Outcome is what the pipeline made of a corpus, in a form two stores
// can be compared by: syndication groups, stories with their members,
// and quotes with their carriers and speakers.
type Outcome struct {
	Groups  map[string][]string
	Stories map[string][]string
	Quotes  map[string][]string
}

// Empty reports an outcome with nothing in one of its parts, which
// would make a comparison vacuous.
func (o Outcome) Empty() bool {
	return len(o.Groups) == 0 || len(o.Stories) == 0 || len(o.Quotes) == 0
}

// Of reads st's outcome.
func Of(t testing.TB, st store.Store) Outcome {
	t.Helper()
	ctx := context.Background()
	o := Outcome{Groups: map[string][]string{}, Stories: map[string][]string{}, Quotes: map[string][]string{}}
	gs, err := st.DupGroups(ctx, store.MaxLimit)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range gs {
		ms := slices.Clone(g.Members)
		slices.Sort(ms)
		o.Groups[g.Origin] = ms
	}
	if err := st.StoryMembers(ctx, func(m news.StoryMember, _ news.Article) error {
		o.Stories[m.Story] = append(o.Stories[m.Story], m.Article)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for id := range o.Stories {
		slices.Sort(o.Stories[id])
	}
	qs, err := st.Quotes(ctx, store.QuoteQuery{Limit: store.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range qs {
		for _, c := range q.Carriers {
			o.Quotes[q.ID] = append(o.Quotes[q.ID], c.Article+" "+q.Speaker.Entity+" "+q.Speaker.Name)
		}
	}
	return o
}
