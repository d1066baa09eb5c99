package pipeline

import (
	"bytes"
	"context"
	"encoding/gob"
	"fmt"

	"github.com/dossier-news/dossier/internal/dedup"
	"github.com/dossier-news/dossier/internal/entity"
	"github.com/dossier-news/dossier/internal/extract"
	"github.com/dossier-news/dossier/internal/ingest"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/quote"
)

// The pipeline splits in two halves that distributed workers run apart:
// the stateless half (extract and analyse: fingerprints, entities,
// dates, quotes), which any worker may run on any document, and the
// serial half, which folds the results into the stages' state in order.
// Result carries one document from the first half to the second, over a
// wire when they run in different processes.

// Result is one document extracted and analysed, or the failure to.
type Result struct{ r result }

// Article is the extracted article's id, or "" for a failure.
func (r Result) Article() string {
	if r.r.analysis == nil {
		return ""
	}
	return r.r.analysis.article.ID
}

// Analyser runs the stateless half of the pipeline.
type Analyser struct{ cfg Config }

// NewAnalyser validates cfg and fills its defaults.
func NewAnalyser(cfg Config) (*Analyser, error) {
	cfg = cfg.WithDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.Extract.Recurring == nil {
		// Recurring lines are learnt from what this process sees; on
		// several workers each learns from its share (see SCALING.md).
		cfg.Extract.Recurring = extract.NewLineStats()
	}
	return &Analyser{cfg: cfg}, nil
}

// Analyse extracts and analyses one document. It is safe for
// concurrent use.
func (a *Analyser) Analyse(doc ingest.Document) Result {
	return Result{process(doc, a.cfg)}
}

// Apply runs results through the serial stages, in the order given, as
// one batch, and returns what was new. It is the second half of what
// Run does; the results may come from other processes' Analysers. When
// the batch meets articles another writer stored without this state
// seeing them (Stats.Foreign), the state is reloaded from the store
// before Apply returns, so the next batch sees them.
func (in *Ingester) Apply(ctx context.Context, rs []Result) (Stats, error) {
	in.mu.Lock()
	defer in.mu.Unlock()
	cfg := in.cfg
	cfg.BatchSize = max(cfg.BatchSize, len(rs))
	plain := make([]result, len(rs))
	for i, r := range rs {
		plain[i] = r.r
	}
	return in.writeAll(ctx, plain, cfg)
}

// writeAll runs rs through the serial stages as one batch (cfg's
// BatchSize must hold them); the caller holds in.mu.
func (in *Ingester) writeAll(ctx context.Context, rs []result, cfg Config) (Stats, error) {
	ch := make(chan result, len(rs))
	for _, r := range rs {
		ch <- r
	}
	close(ch)
	stats, err := write(in.st, in.sg, ch, cfg, cfg.Now(), nil)
	if err == nil && stats.Foreign > 0 {
		// Another writer stored articles this state has not seen; the
		// store has them with every stage's results, so reloading from
		// it is what a restart would do.
		sg, rerr := openStages(ctx, in.st, in.cfg)
		if rerr != nil {
			return stats, fmt.Errorf("reloading after %d articles stored by another writer: %w", stats.Foreign, rerr)
		}
		in.sg = sg
	}
	return stats, err
}

// wireResult is Result with exported fields, for gob.
type wireResult struct {
	Article  *news.Article
	FP       *dedup.Fingerprints
	Entities []entity.Entity
	Times    []news.TimeExpression
	Quotes   []wireQuote
	Failure  *news.Failure
}

type wireQuote struct {
	Att     quote.Attribution
	Speaker quote.Speaker
	Local   *entity.Entity
}

// MarshalBinary encodes r for another process's Apply.
func (r Result) MarshalBinary() ([]byte, error) {
	var w wireResult
	if r.r.failure != nil {
		w.Failure = r.r.failure
	}
	if an := r.r.analysis; an != nil {
		if !an.analysed {
			return nil, fmt.Errorf("pipeline: encoding an article that was not analysed: %w", news.ErrInvalid)
		}
		w.Article, w.FP, w.Entities, w.Times = &an.article, an.fp, an.entities, an.times
		for _, q := range an.quotes {
			w.Quotes = append(w.Quotes, wireQuote{q.att, q.speaker, q.local})
		}
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(w); err != nil {
		return nil, fmt.Errorf("pipeline: encoding result: %w", err)
	}
	return buf.Bytes(), nil
}

// UnmarshalBinary decodes what MarshalBinary encoded.
func (r *Result) UnmarshalBinary(b []byte) error {
	var w wireResult
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&w); err != nil {
		return fmt.Errorf("pipeline: decoding result: %w: %w", err, news.ErrInvalid)
	}
	switch {
	case w.Failure != nil:
		*r = Result{result{failure: w.Failure}}
	case w.Article != nil:
		an := &analysis{article: *w.Article, fp: w.FP, analysed: true, entities: w.Entities, times: w.Times}
		for _, q := range w.Quotes {
			an.quotes = append(an.quotes, foundQuote{q.Att, q.Speaker, q.Local})
		}
		*r = Result{result{analysis: an}}
	default:
		return fmt.Errorf("pipeline: decoding result: neither article nor failure: %w", news.ErrInvalid)
	}
	return nil
}
