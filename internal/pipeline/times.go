package pipeline

import (
	"context"
	"fmt"
	"time"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
	"github.com/dossier-news/dossier/internal/timex"
)

// inferPublished gives an article with no publication date the latest
// full date its text mentions, marked as inferred, so that its relative
// dates ("on Tuesday") can still be resolved and it sorts near its time.
func inferPublished(a *news.Article) {
	if !a.Published.IsZero() {
		return
	}
	if t, ok := timex.InferPublished(a.Text); ok {
		a.Published, a.PublishedInferred = t, true
	}
}

// dropImplausibleDate forgets a publication date no news article can
// have (see news.TimeInRange): the article is kept, undated, rather
// than stored with a date the stores cannot order.
func dropImplausibleDate(a *news.Article) {
	if !a.Published.IsZero() && !news.TimeInRange(a.Published) {
		a.Published, a.PublishedInferred = time.Time{}, false
	}
}

// findTimes is the time stage, for one article: every time expression
// resolved against the publication date, with the sentence it dates and
// the calendar days it covers. It is stateless, so it runs entirely in
// the workers; the writer only stores what it found.
func findTimes(a news.Article) []news.TimeExpression {
	exprs := timex.Tag(a.Text, a.Published)
	if len(exprs) == 0 {
		return nil
	}
	sents := timex.Sentences(a.Text, exprs)
	out := make([]news.TimeExpression, 0, len(exprs))
	k := 0
	for _, x := range exprs {
		for k < len(sents) && sents[k].End <= x.Start {
			k++
		}
		te := news.TimeExpression{Article: a.ID, Span: news.Span{Start: x.Start, End: x.End}, Text: x.Text,
			Type: string(x.Type), Value: x.Value, Mod: x.Mod}
		if k < len(sents) && sents[k].Start <= x.Start {
			te.Sentence = news.Span{Start: sents[k].Start, End: sents[k].End}
		}
		if x.Type == timex.Date || x.Type == timex.Time {
			if first, last, ok := timex.Calendar(x.Value); ok {
				te.First, te.Last = first, last
			}
		}
		out = append(out, te)
	}
	return out
}

// timer writes the time stage's results, computing them where the
// workers did not (catching up after an interrupted run).
type timer struct{ st store.Store }

func openTimer(ctx context.Context, st store.Store) (*timer, error) {
	t := &timer{st: st}
	if err := catchUp(ctx, st.Untimed, func(as []news.Article) error { return t.add(ctx, pending(as)) }); err != nil {
		return nil, err
	}
	return t, nil
}

func (t *timer) add(ctx context.Context, items []analysis) error {
	var b store.TimeBatch
	for _, it := range items {
		b.Articles = append(b.Articles, it.article.ID)
		if it.analysed {
			b.Expressions = append(b.Expressions, it.times...)
		} else {
			b.Expressions = append(b.Expressions, findTimes(it.article)...)
		}
	}
	if err := t.st.PutTimes(ctx, b); err != nil {
		return fmt.Errorf("storing time expressions: %w", err)
	}
	return nil
}
