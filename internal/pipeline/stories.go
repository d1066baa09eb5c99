package pipeline

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
	"github.com/dossier-news/dossier/internal/story"
)

// storyInput is what the clusterer is given besides an article's title,
// text and date. It is stored with each placement so that a restart can
// replay the decisions without recomputing entities and dates, which
// would in any case have to come out the same.
type storyInput struct {
	Entities  []string    `json:"entities,omitempty"`
	EventDays []time.Time `json:"event_days,omitempty"`
	CopyOf    string      `json:"copy_of,omitempty"`
}

// storier is the story stage. It is serial and last, because a story
// depends on every article placed before it and an article's place
// depends on its canonical entities, dates and syndication origin,
// which the earlier stages settle. The clusterer is rebuilt at start by
// replaying the stored placements in their order, then catches up on
// articles an interrupted run stored without placing them.
type storier struct {
	st  store.Store
	c   *story.Clusterer
	dd  *deduper
	rec *recognizer
}

func openStorier(ctx context.Context, st store.Store, cfg story.Config, dd *deduper, rec *recognizer) (*storier, error) {
	s := &storier{st: st, c: story.New(cfg), dd: dd, rec: rec}
	err := st.StoryMembers(ctx, func(m news.StoryMember, a news.Article) error {
		var in storyInput
		if len(m.Input) > 0 {
			if err := json.Unmarshal(m.Input, &in); err != nil {
				return fmt.Errorf("story input of %s: %w", m.Article, err)
			}
		}
		return s.c.Restore(doc(a, in), m.Story)
	})
	if err != nil {
		return nil, fmt.Errorf("replaying story placements: %w", err)
	}
	redirects, err := st.StoryRedirects(ctx)
	if err != nil {
		return nil, fmt.Errorf("loading story redirects: %w", err)
	}
	for from, into := range redirects {
		if err := s.c.RestoreRedirect(from, into); err != nil {
			return nil, err
		}
	}
	if err := catchUp(ctx, st.Unstoried, func(as []news.Article) error { return s.add(ctx, pending(as)) }); err != nil {
		return nil, err
	}
	return s, nil
}

func doc(a news.Article, in storyInput) story.Doc {
	return story.Doc{ID: a.ID, Title: a.Title, Text: a.Text, Published: a.Published,
		Entities: in.Entities, EventDays: in.EventDays, CopyOf: in.CopyOf}
}

// input gathers what the earlier stages found about an article: its
// entities' corpus-wide ids, the single days its dates name, and the
// origin of its syndication group.
func (s *storier) input(it analysis) storyInput {
	var in storyInput
	ents := it.entities
	if !it.analysed && ents == nil {
		ents = findEntities(it.article)
	}
	for _, e := range ents {
		if id, ok := s.rec.reg.Lookup(e); ok && !slices.Contains(in.Entities, id.ID) {
			in.Entities = append(in.Entities, id.ID)
		}
	}
	times := it.times
	if !it.analysed {
		times = findTimes(it.article)
	}
	for _, x := range times {
		if x.Type == news.TimeDate && !x.First.IsZero() && x.First.Equal(x.Last) && !slices.Contains(in.EventDays, x.First) {
			in.EventDays = append(in.EventDays, x.First)
		}
	}
	if o, ok := s.dd.ix.Origin(it.article.ID); ok && o != it.article.ID {
		in.CopyOf = o
	}
	return in
}

// add places newly stored articles, then lets the clusterer repair the
// stories they touched, and records placements and moves together.
func (s *storier) add(ctx context.Context, items []analysis) error {
	var b store.StoryBatch
	for _, it := range items {
		a := it.article
		in := s.input(it)
		d := s.c.Add(doc(a, in))
		why, err := json.Marshal(d)
		if err != nil {
			return err
		}
		input, err := json.Marshal(in)
		if err != nil {
			return err
		}
		b.Articles = append(b.Articles, a.ID)
		b.Members = append(b.Members, news.StoryMember{Article: a.ID, Story: d.Story, Reason: string(d.Reason), Why: why, Input: input})
	}
	rep := s.c.Repair()
	moved := map[string]int{} // article → index in b.Members
	for i, m := range b.Members {
		moved[m.Article] = i
	}
	move := func(docs []string, reason string, why any) error {
		w, err := json.Marshal(why)
		if err != nil {
			return err
		}
		for _, id := range docs {
			now, _ := s.c.StoryOf(id)
			if i, ok := moved[id]; ok {
				b.Members[i].Story = now
				continue
			}
			moved[id] = len(b.Members)
			b.Members = append(b.Members, news.StoryMember{Article: id, Story: now, Reason: reason, Why: w})
		}
		return nil
	}
	for _, m := range rep.Merges {
		if err := move(m.Docs, "merged", m); err != nil {
			return err
		}
	}
	for _, sp := range rep.Splits {
		if err := move(sp.Docs, "split", sp); err != nil {
			return err
		}
	}
	b.Redirects = rep.Redirects()
	if err := s.st.PutStories(ctx, b); err != nil {
		return fmt.Errorf("storing stories: %w", err)
	}
	return nil
}

// finish links the stories into storylines. Lines are recomputed from
// every story's profile, so they are written whole at the end of a run
// rather than per batch.
func (s *storier) finish(ctx context.Context) error {
	var lines []news.Storyline
	for _, l := range s.c.Storylines() {
		if len(l.Stories) < 2 {
			continue // a story alone is not a storyline
		}
		lines = append(lines, news.Storyline{ID: l.ID, Stories: l.Stories, Articles: l.Articles, First: l.First, Last: l.Last})
	}
	if err := s.st.PutStorylines(ctx, lines); err != nil {
		return fmt.Errorf("storing storylines: %w", err)
	}
	return nil
}
