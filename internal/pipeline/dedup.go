package pipeline

import (
	"context"
	"fmt"

	"github.com/dossier-news/dossier/internal/dedup"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// deduper is the duplicate-detection stage. It is serial, after the
// store: an article is compared with everything stored before it, and
// the index's state (group membership in particular) depends on the
// order articles enter it, so only one goroutine feeds it. The expensive
// part, dedup.Analyse, runs earlier in the extraction workers.
//
// The index lives in memory for the run and is rebuilt at start from the
// fingerprints the store kept. An article the store holds without
// fingerprints (a run interrupted between the two commits, or data from
// a version that had no dedup stage) is analysed again from its text, so
// an interrupted run loses nothing.
type deduper struct {
	ix *dedup.Index
	st store.Store
}

// catchUpBatch is how many unprocessed stored articles are read at once.
const catchUpBatch = 256

func openDeduper(ctx context.Context, st store.Store, cfg dedup.Config) (*deduper, error) {
	ix, err := dedup.NewIndex(cfg)
	if err != nil {
		return nil, err
	}
	d := &deduper{ix: ix, st: st}
	var unreadable []string
	err = st.Fingerprints(ctx, func(id string, data []byte) error {
		var fp dedup.Fingerprints
		if err := fp.UnmarshalBinary(data); err != nil || fp.ID != id {
			// Stale (another tokenizer version) or damaged: recomputed
			// from the article below rather than failing the run.
			unreadable = append(unreadable, id)
			return nil
		}
		_, err := ix.AddFingerprints(fp)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("rebuilding the duplicate index: %w", err)
	}
	for _, id := range unreadable {
		a, err := st.Article(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("re-fingerprinting %s: %w", id, err)
		}
		if _, err := d.add(ctx, pending([]news.Article{a})); err != nil {
			return nil, err
		}
	}
	err = catchUp(ctx, st.Undeduplicated, func(as []news.Article) error {
		_, err := d.add(ctx, pending(as))
		return err
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// catchUp feeds stage every stored article that pending reports as not
// yet processed by it, a batch at a time, until none is left: what an
// interrupted run stored but did not get to process.
func catchUp(ctx context.Context, pending func(context.Context, int) ([]news.Article, error), stage func([]news.Article) error) error {
	for {
		as, err := pending(ctx, catchUpBatch)
		if err != nil || len(as) == 0 {
			return err
		}
		if err := stage(as); err != nil {
			return err
		}
	}
}

// add indexes newly stored articles and records what it found,
// fingerprinting those the workers did not. It returns how many of the
// articles are copies of another.
func (d *deduper) add(ctx context.Context, items []analysis) (copies int, err error) {
	var b store.DedupBatch
	touched := make(map[string]bool)
	for _, it := range items {
		a := it.article
		var fp dedup.Fingerprints
		if it.fp != nil {
			fp = *it.fp
		} else {
			fp = dedup.Analyse(dedup.DocFromArticle(a), d.ix.Config())
		}
		rep, err := d.ix.AddFingerprints(fp)
		if err != nil {
			return copies, fmt.Errorf("deduplicating %s: %w", a.ID, err)
		}
		data, err := fp.MarshalBinary()
		if err != nil {
			return copies, err
		}
		b.Fingerprints = append(b.Fingerprints, store.Fingerprint{Article: a.ID, Data: data})
		copied := false
		for _, l := range rep.Links {
			r := reuse(a.ID, l)
			b.Links = append(b.Links, r)
			copied = copied || r.Copy()
		}
		if copied {
			copies++
			touched[a.ID] = true
		}
	}
	// Groups are read after the whole batch is indexed, so each touched
	// group is written once, with its final membership and origin.
	seen := make(map[string]bool)
	for _, it := range items {
		a := it.article
		if !touched[a.ID] {
			continue
		}
		g, ok := d.ix.Group(a.ID)
		if !ok || len(g.Members) < 2 || seen[g.Origin] {
			continue
		}
		seen[g.Origin] = true
		b.Groups = append(b.Groups, news.DupGroup{Origin: g.Origin, Members: g.Members})
	}
	if err := d.st.PutDedup(ctx, b); err != nil {
		return copies, fmt.Errorf("storing duplicate links: %w", err)
	}
	return copies, nil
}

// reuse converts a detector link into the domain type the store keeps.
func reuse(id string, l dedup.Link) news.Reuse {
	r := news.Reuse{Article: id, Other: l.Other, Kind: string(l.Kind), Jaccard: l.Jaccard,
		Containment: l.Containment, OtherContainment: l.OtherContainment, Sentences: l.SharedSentences}
	for _, p := range l.SharedParagraphs {
		r.Paragraphs = append(r.Paragraphs, news.SharedParagraph{Span: p.Span, OtherSpan: p.OtherSpan, Overlap: p.Overlap})
	}
	return r
}
