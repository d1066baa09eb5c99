package summarize

import (
	"context"
	"fmt"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// Load reads the given articles from st with their stored time
// expressions and quotations, ready to summarise. Reading what the
// earlier stages stored, rather than tagging again, keeps a summary
// consistent with what the rest of Dossier shows about the articles.
func Load(ctx context.Context, st store.Store, ids []string) ([]Doc, error) {
	quotes := map[string][]news.Span{}
	if len(ids) > 0 {
		qs, err := st.Quotes(ctx, store.QuoteQuery{Articles: ids, Limit: store.MaxLimit})
		if err != nil {
			return nil, fmt.Errorf("loading quotes: %w", err)
		}
		for _, q := range qs {
			for _, c := range q.Carriers {
				quotes[c.Article] = append(quotes[c.Article], c.Content)
			}
		}
	}
	docs := make([]Doc, 0, len(ids))
	for _, id := range ids {
		a, err := st.Article(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("loading article %s: %w", id, err)
		}
		times, err := st.TimeExpressions(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("loading times of %s: %w", id, err)
		}
		if times == nil {
			times = []news.TimeExpression{} // known to have none: do not tag again
		}
		docs = append(docs, DocFromArticle(a, times, quotes[id]))
	}
	return docs, nil
}

// Story summarises a stored story and draws its timeline. id may be a
// story merged into another; the result is for the story it redirects
// to. cache, when not nil, keeps results until the story's membership
// changes, so a story is summarised again only when it has grown.
func Story(ctx context.Context, st store.Store, id string, o Options, to TimelineOptions, cache *Cache) (news.Summary, news.Timeline, error) {
	s, err := st.Story(ctx, id)
	if err != nil {
		return news.Summary{}, news.Timeline{}, err
	}
	ids := make([]string, 0, len(s.Members))
	for _, m := range s.Members {
		ids = append(ids, m.Article)
	}
	key := cacheKey(s.ID, ids, o, to)
	if r, ok := cache.get(key); ok {
		return r.sum, r.tl, nil
	}
	docs, err := Load(ctx, st, ids)
	if err != nil {
		return news.Summary{}, news.Timeline{}, err
	}
	c := prepare(docs)
	sum := c.summary(o.withDefaults())
	sum.Story = s.ID
	tl := buildTimeline(c, to)
	tl.Story = s.ID
	cache.put(key, cached{sum, tl})
	return sum, tl, nil
}

// Storyline draws the timeline of a stored storyline over the articles
// of all its stories.
func Storyline(ctx context.Context, st store.Store, line news.Storyline, to TimelineOptions) (news.Timeline, error) {
	var ids []string
	for _, sid := range line.Stories {
		s, err := st.Story(ctx, sid)
		if err != nil {
			return news.Timeline{}, err
		}
		for _, m := range s.Members {
			ids = append(ids, m.Article)
		}
	}
	docs, err := Load(ctx, st, ids)
	if err != nil {
		return news.Timeline{}, err
	}
	tl := buildTimeline(prepare(docs), to)
	tl.Storyline = line.ID
	return tl, nil
}
