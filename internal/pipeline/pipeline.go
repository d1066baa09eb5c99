// Package pipeline is Dossier's one orchestrator. It reads top to bottom:
//
//  1. read:    ingest.Reader turns inputs into raw Documents;
//  2. extract: a bounded pool of workers turns each Document into an
//     Article (or a Failure), in parallel;
//  3. store:   one writer commits Articles and Failures in batched
//     transactions and counts what was new;
//  4. dedup:   the same writer feeds each new article to the duplicate
//     index, which links it to what was stored before it, and commits
//     the links and syndication groups;
//  5. entities: the writer gives the names the workers recognised their
//     corpus-wide identities and commits them with their mentions;
//  6. time:    the writer commits the time expressions the workers
//     resolved against each article's publication date;
//  7. quotes:  the writer gives the attributions the workers extracted
//     their identities (the same statement carried by several articles
//     is one quote) and their speakers' corpus-wide entities;
//  8. stories: the writer places each article in a story — its origin's
//     when it is a copy, else the best recent story by text, entities and
//     dates, else a new one — repairs the stories it touched, and at the
//     end of the run links stories into storylines.
//
// Every stage is a small function over plain types. A run is resumable
// because storing is idempotent: an article's identity is its canonical
// URL or text hash, so running the same inputs again after a crash adds
// exactly what was missing.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/dossier-news/dossier/internal/dedup"
	"github.com/dossier-news/dossier/internal/entity"
	"github.com/dossier-news/dossier/internal/extract"
	"github.com/dossier-news/dossier/internal/ingest"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
	"github.com/dossier-news/dossier/internal/story"
)

// Config controls a pipeline run.
type Config struct {
	// Workers is the number of extraction workers; 0 means one per CPU.
	Workers int
	// BatchSize is how many results are committed per transaction.
	BatchSize int
	// FlushEvery commits a batch once the input has stalled this long;
	// MaxWait bounds how long a result waits for its batch to fill
	// under a trickle.
	FlushEvery time.Duration
	MaxWait    time.Duration
	Ingest     ingest.Config
	Extract    extract.Options
	// Dedup configures the duplicate index; zero means
	// dedup.DefaultConfig.
	Dedup dedup.Config
	// Story configures story clustering; zero means story.DefaultConfig.
	Story story.Config
	// Published and Outlet are what the user knows about inputs that do
	// not say themselves (typically plain text): they apply to every
	// document whose input carries no publication time or source of its
	// own, and take precedence over what extraction would guess.
	Published time.Time
	Outlet    string
	// DeferIndex leaves a store.Indexer's search index to others (the
	// distributed workers' background indexers) instead of building it
	// after every batch.
	DeferIndex bool
	// DocTimeout bounds the time one document may take to extract and
	// analyse; past it the document is recorded as failed and the batch
	// goes on. 0 means 30 s; negative means no limit.
	DocTimeout time.Duration
	// Now is the clock; tests fix it. Nil means time.Now.
	Now func() time.Time
	// Observe, when set, is told how long each stage took: "extract"
	// and "analyse" (fingerprints, entities, dates, quotes) for each
	// document (from the workers, concurrently), "store",
	// "dedup", "entities", "time", "quotes", "stories" and "index" (a
	// deferred search index, see DeferIndex) for each batch.
	// The server feeds it to its metrics.
	Observe func(stage string, d time.Duration)

	// beforeExtract, in tests, stands for a document that is slow to
	// extract.
	beforeExtract func(ingest.Document)
}

func (c Config) observe(stage string, d time.Duration) {
	if c.Observe != nil {
		c.Observe(stage, d)
	}
}

// WithDefaults fills zero fields.
func (c Config) WithDefaults() Config {
	if c.Workers <= 0 {
		c.Workers = runtime.NumCPU()
	}
	if c.BatchSize <= 0 {
		c.BatchSize = 256
	}
	if c.FlushEvery <= 0 {
		c.FlushEvery = 250 * time.Millisecond
	}
	if c.MaxWait <= 0 {
		c.MaxWait = 5 * time.Second
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.DocTimeout == 0 {
		c.DocTimeout = 30 * time.Second
	}
	c.Ingest = c.Ingest.WithDefaults()
	if c.Dedup.NumHashes == 0 {
		c.Dedup = dedup.DefaultConfig()
	}
	if c.Story == (story.Config{}) {
		c.Story = story.DefaultConfig()
	}
	return c
}

// Validate reports a configuration that cannot work.
func (c Config) Validate() error {
	if c.Workers > 256 {
		return fmt.Errorf("pipeline: %d workers is too many: %w", c.Workers, news.ErrInvalid)
	}
	if !c.Published.IsZero() && !news.TimeInRange(c.Published) {
		return fmt.Errorf("pipeline: publication date %s outside %d-%d: %w",
			c.Published.Format(time.DateOnly), news.MinTime.Year(), news.MaxTime.Year()-1, news.ErrInvalid)
	}
	if err := c.Dedup.Validate(); err != nil {
		return err
	}
	if err := c.Story.Validate(); err != nil {
		return err
	}
	return c.Ingest.Validate()
}

// Stats counts what a run did so far.
type Stats struct {
	// Read is the number of documents taken from the inputs.
	Read int
	// New were stored by this run; Existing were already stored.
	New      int
	Existing int
	Failed   int
	// Copies are the new articles found to copy one stored earlier.
	Copies int
	// Foreign are the Existing articles this process's stages had not
	// seen: another writer stored them while this one held its state in
	// memory (a distributed leader that lost its lease and finished one
	// more batch, or a second process on the same SQLite file). Apply
	// and Add reload the state from the store when they meet one; Run
	// only counts them.
	Foreign int
	Elapsed time.Duration
}

// Done is the number of documents fully accounted for.
func (s Stats) Done() int { return s.New + s.Existing + s.Failed }

// Rate is documents accounted for per second.
func (s Stats) Rate() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Done()) / s.Elapsed.Seconds()
}

// result is what an extraction worker hands to the writer: an analysed
// article or a failure.
type result struct {
	analysis *analysis
	failure  *news.Failure
}

// analysis is one extracted article with what the workers computed for
// the stages after the store. The costly, stateless half of every stage
// runs in the workers; the serial stages only fold it into their state.
type analysis struct {
	article news.Article
	fp      *dedup.Fingerprints // nil when not computed
	// analysed is false for articles a stage catches up on after an
	// interrupted run: each stage then computes its own part.
	analysed bool
	entities []entity.Entity
	times    []news.TimeExpression
	quotes   []foundQuote
}

// pending wraps stored articles that a stage has to catch up on.
func pending(as []news.Article) []analysis {
	out := make([]analysis, len(as))
	for i, a := range as {
		out[i].article = a
	}
	return out
}

// Run ingests inputs into st. progress, when non-nil, is called from one
// goroutine after every committed batch. Run returns when every input has
// been read and every result committed, or when ctx is cancelled — then
// after committing what was already extracted, so that nothing extracted
// is thrown away.
func Run(ctx context.Context, st store.Store, inputs []string, cfg Config, progress func(Stats)) (Stats, error) {
	in, err := Open(ctx, st, cfg)
	if err != nil {
		return Stats{}, err
	}
	return in.Run(ctx, inputs, progress)
}

// Ingester is the pipeline held open: the serial stages' state (the
// duplicate index, entity identities, quotes, stories) is loaded from
// the store once, and documents are then added run after run — or one
// request at a time, as the API's POST does. Its methods serialise on
// one lock, the single writer a store expects; a second Ingester (or a
// second process) writing the same store would not see this one's
// in-memory state, except that Apply and Add reload it when a batch
// meets an article stored behind their back (Stats.Foreign), which is
// how a distributed leader picks up the last batch of one that lost
// its lease.
type Ingester struct {
	mu  sync.Mutex
	st  store.Store
	cfg Config
	sg  stages
}

// Open loads the stages' state from st, catching up on articles an
// interrupted run stored without finishing every stage.
func Open(ctx context.Context, st store.Store, cfg Config) (*Ingester, error) {
	cfg = cfg.WithDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.Extract.Recurring == nil {
		cfg.Extract.Recurring = extract.NewLineStats()
	}
	sg, err := openStages(ctx, st, cfg)
	if err != nil {
		return nil, err
	}
	return &Ingester{st: st, cfg: cfg, sg: sg}, nil
}

// openStages loads the serial stages' state from st.
func openStages(ctx context.Context, st store.Store, cfg Config) (stages, error) {
	// The duplicate index is rebuilt from the store before anything new
	// arrives, catching up on articles an interrupted run left behind.
	dd, err := openDeduper(ctx, st, cfg.Dedup)
	if err != nil {
		return stages{}, err
	}
	rec, err := openRecognizer(ctx, st)
	if err != nil {
		return stages{}, err
	}
	tm, err := openTimer(ctx, st)
	if err != nil {
		return stages{}, err
	}
	qt, err := openQuoter(ctx, st, rec.reg)
	if err != nil {
		return stages{}, err
	}
	sr, err := openStorier(ctx, st, cfg.Story, dd, rec)
	if err != nil {
		return stages{}, err
	}
	return stages{dd, rec, tm, qt, sr}, nil
}

// Run reads inputs through the stages; see the package Run.
func (in *Ingester) Run(ctx context.Context, inputs []string, progress func(Stats)) (Stats, error) {
	in.mu.Lock()
	defer in.mu.Unlock()
	cfg := in.cfg
	start := cfg.Now()

	// 1. read
	docs := make(chan ingest.Document, cfg.Workers*4)
	readErr := make(chan error, 1)
	go func() {
		defer close(docs)
		readErr <- ingest.NewReader(cfg.Ingest).Read(ctx, inputs, docs)
	}()

	// 2. extract, in parallel, delivered in read order
	results := extractInOrder(docs, cfg.Workers, cfg.Workers*4+cfg.BatchSize, func(d ingest.Document) result {
		return process(d, cfg)
	})

	// 3. store, 4. dedup, 5. entities, 6. time, 7. quotes and 8. stories
	stats, err := write(in.st, in.sg, results, cfg, start, progress)
	if err == nil {
		// Storylines span the whole store; they are linked once the
		// run's articles are placed (an interrupted run too).
		err = in.sg.stories.finish(context.Background())
	}
	if rerr := <-readErr; err == nil && rerr != nil && !errors.Is(rerr, context.Canceled) {
		err = rerr
	}
	if err == nil && ctx.Err() != nil {
		err = ctx.Err()
	}
	return stats, err
}

// process runs extraction and analysis for one document within
// cfg.DocTimeout. A document past it is recorded as failed, so that one
// pathological page costs itself, not the batch; its work is abandoned
// to finish in the background, since extraction cannot be interrupted —
// the CPU it still takes is the price of not stalling every other
// document behind it.
func process(doc ingest.Document, cfg Config) result {
	if cfg.DocTimeout <= 0 {
		return processNow(doc, cfg)
	}
	done := make(chan result, 1)
	go func() { done <- processNow(doc, cfg) }()
	t := time.NewTimer(cfg.DocTimeout)
	defer t.Stop()
	select {
	case r := <-done:
		return r
	case <-t.C:
		return failure(doc, fmt.Errorf("extraction and analysis took longer than %s: %w", cfg.DocTimeout, news.ErrTimeout), cfg.Now())
	}
}

// processNow is process without the time limit. A panic in an extractor
// is a bug, but it must cost one document, not the batch.
func processNow(doc ingest.Document, cfg Config) (r result) {
	defer func() {
		if p := recover(); p != nil {
			r = failure(doc, fmt.Errorf("internal error while extracting: %v", p), cfg.Now())
		}
	}()
	if doc.Err != nil {
		return failure(doc, doc.Err, cfg.Now())
	}
	if doc.Published.IsZero() {
		doc.Published = cfg.Published
	}
	if doc.Source == "" {
		doc.Source = cfg.Outlet
	}
	if cfg.beforeExtract != nil {
		cfg.beforeExtract(doc)
	}
	t0 := time.Now()
	a, err := Extract(doc, cfg.Extract)
	cfg.observe("extract", time.Since(t0))
	if err != nil {
		return failure(doc, err, cfg.Now())
	}
	a.IngestedAt = cfg.Now().UTC()
	// Drop an impossible given date first, so that one can be inferred
	// from the text, then an impossible inferred one.
	dropImplausibleDate(&a)
	inferPublished(&a)
	dropImplausibleDate(&a)
	t0 = time.Now()
	fp := dedup.Analyse(dedup.DocFromArticle(a), cfg.Dedup)
	ents := findEntities(a)
	r = result{analysis: &analysis{article: a, fp: &fp, analysed: true, entities: ents,
		times: findTimes(a), quotes: findQuotes(a, ents)}}
	cfg.observe("analyse", time.Since(t0))
	return r
}

func failure(doc ingest.Document, err error, now time.Time) result {
	return result{failure: &news.Failure{Origin: doc.Origin, Kind: news.Kind(err), Reason: err.Error(), At: now.UTC()}}
}

// Extract turns one document into an article with its identity, without
// storing it.
func Extract(doc ingest.Document, opts extract.Options) (news.Article, error) {
	h := extract.Hints{URL: doc.URL, Title: doc.Title, Source: doc.Source, Author: doc.Author,
		Published: doc.Published, ContentType: doc.ContentType, Outlet: outletKey(doc)}
	var res extract.Result
	var err error
	switch doc.Format {
	case ingest.FormatHTML:
		res, err = extract.HTML(doc.Body, h, opts)
	case ingest.FormatText:
		if ls, ok := opts.Recurring.(*extract.LineStats); ok {
			ls.Observe(h.Outlet, string(doc.Body))
		}
		res, err = extract.Text(doc.Body, h, opts)
	default:
		err = fmt.Errorf("unknown document format %q: %w", doc.Format, news.ErrInvalid)
	}
	if err != nil {
		return news.Article{}, err
	}
	return newArticle(doc, res), nil
}

// outletKey groups documents for recurring-line detection: the outlet
// when known, else the directory, since one directory of scraped text
// usually comes from one site.
func outletKey(doc ingest.Document) string {
	switch {
	case doc.Source != "":
		return doc.Source
	case doc.URL != "":
		return news.Domain(doc.URL)
	}
	return "dir:" + filepath.Dir(doc.Origin)
}

func newArticle(doc ingest.Document, res extract.Result) news.Article {
	hash := news.ContentHash(res.Text)
	key := news.IdentityKey(res.URL, hash)
	return news.Article{
		ID:           news.IDFromKey(key),
		Key:          key,
		URL:          res.URL,
		Title:        res.Title,
		TitleDerived: res.TitleDerived,
		Source:       res.Source,
		Authors:      res.Authors,
		Credits:      res.Credits,
		Published:    res.Published,
		Language:     res.Language,
		Text:         res.Text,
		Paragraphs:   news.SplitParagraphs(res.Text),
		ContentHash:  hash,
		Format:       doc.Kind,
		Origin:       doc.Origin,
	}
}
