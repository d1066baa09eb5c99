package pipeline

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/dossier-news/dossier/internal/entity"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/quote"
	"github.com/dossier-news/dossier/internal/store"
)

// foundQuote is what a worker finds: an attribution, who its source is,
// and the article's own entity the source names, if any (its corpus-wide
// identity is only known to the writer).
type foundQuote struct {
	att     quote.Attribution
	speaker quote.Speaker
	local   *entity.Entity
}

// findQuotes is the worker half of the quote stage: extract the
// attributions and resolve each source against the article's entities.
func findQuotes(a news.Article, ents []entity.Entity) []foundQuote {
	atts := quote.Extract(a.Text)
	if len(atts) == 0 {
		return nil
	}
	var names []quote.Name
	for i, e := range ents {
		for _, m := range e.Mentions {
			names = append(names, quote.Name{Start: m.Span.Start, End: m.Span.End, Type: string(e.Type), Key: strconv.Itoa(i)})
		}
	}
	slices.SortFunc(names, func(x, y quote.Name) int { return x.Start - y.Start })
	speakers := quote.Resolve(a.Text, atts, names)
	out := make([]foundQuote, 0, len(atts))
	for i, att := range atts {
		if !worthKeeping(att) {
			continue
		}
		f := foundQuote{att: att, speaker: speakers[i]}
		if k, err := strconv.Atoi(speakers[i].Key); err == nil && k >= 0 && k < len(ents) {
			f.local = &ents[k]
		}
		out = append(out, f)
	}
	return out
}

// quoteMinWords is the shortest content worth listing as a statement.
const quoteMinWords = 3

// worthKeeping separates statements from the rest of what the extractor
// finds. PolNeAR, which it learned from, annotates every attribution of
// a proposition — "backers want him to go", "the US backs what" — which
// a reader asking "who said what" does not want listed: reported speech
// with no source, and contents of one or two words, are not stored.
func worthKeeping(att quote.Attribution) bool {
	if att.Source.End <= att.Source.Start && att.Kind == quote.Indirect {
		return false
	}
	return len(strings.Fields(att.ContentText)) >= quoteMinWords
}

// quoter is the quote stage's serial half. It gives each quote its
// identity — the same statement carried by several articles is one quote
// — which depends on what came before, and names speakers by their
// corpus-wide entity. The index is rebuilt from the store at start;
// articles stored without a quote record are processed again.
type quoter struct {
	st  store.Store
	ix  *quote.Index
	reg *entity.Registry
}

func openQuoter(ctx context.Context, st store.Store, reg *entity.Registry) (*quoter, error) {
	q := &quoter{st: st, ix: quote.NewIndex(), reg: reg}
	err := st.QuoteContents(ctx, func(id, content string) error {
		q.ix.Add(id, content)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("rebuilding the quote index: %w", err)
	}
	if err := catchUp(ctx, st.Unquoted, func(as []news.Article) error { return q.add(ctx, pending(as)) }); err != nil {
		return nil, err
	}
	return q, nil
}

func (q *quoter) add(ctx context.Context, items []analysis) error {
	var b store.QuoteBatch
	for _, it := range items {
		a := it.article
		b.Articles = append(b.Articles, a.ID)
		found := it.quotes
		if !it.analysed {
			found = findQuotes(a, findEntities(a))
		}
		for _, f := range found {
			content := f.att.ContentText
			end := f.att.Content.End
			if n := len(f.att.More); n > 0 {
				end = f.att.More[n-1].End
			}
			id, known := q.ix.Match(content)
			if !known {
				id = news.QuoteID(a.ID, content, f.att.Content.Start)
				q.ix.Add(id, content)
			}
			c := news.QuoteCarrier{Quote: id, Article: a.ID,
				Source:     news.Span{Start: f.att.Source.Start, End: f.att.Source.End},
				Cue:        news.Span{Start: f.att.Cue.Start, End: f.att.Cue.End},
				Content:    news.Span{Start: f.att.Content.Start, End: end},
				SourceText: f.att.SourceText, CueText: f.att.CueText, Speaker: q.speaker(f)}
			b.Quotes = append(b.Quotes, news.Quote{ID: id, Kind: string(f.att.Kind), Content: content,
				Carriers: []news.QuoteCarrier{c}})
		}
	}
	if err := q.st.PutQuotes(ctx, b); err != nil {
		return fmt.Errorf("storing quotes: %w", err)
	}
	return nil
}

// speaker names a quote's source for readers: the entity it resolves to,
// an anonymous or institutional source as written, or nothing.
func (q *quoter) speaker(f foundQuote) news.Speaker {
	if f.local != nil {
		if e, ok := q.reg.Lookup(*f.local); ok {
			return news.Speaker{Entity: e.ID, Name: e.Name, Type: e.Type}
		}
	}
	if f.speaker.Type == "" {
		// A source the resolver could not type ("organisers") is still
		// who the article says spoke.
		return news.Speaker{Name: f.att.SourceText}
	}
	return news.Speaker{Name: f.speaker.Text, Type: f.speaker.Type}
}
