package loadtest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dossier-news/dossier/internal/synth"
)

// SoakConfig bounds a soak: the read mix of Config, closed-loop, for
// Config.Duration, while fresh articles are posted at a fixed rate, and
// a row of figures every Interval. A soak is for what a short load test
// cannot see — memory that creeps, latency that drifts, errors that
// appear only after caches fill and evict — so it runs for many
// minutes and keeps the figures over time rather than one summary.
type SoakConfig struct {
	Config
	// Interval is how often a row is recorded and /metrics scraped.
	Interval time.Duration
	// IngestRate is articles posted per second to POST /api/v1/articles
	// (0: reads only). Posts are open-loop, at a fixed rate whatever
	// the server's latency, as articles arrive from crawlers; a post
	// due while IngestWorkers posts are still in flight is skipped and
	// counted, so a slow server shows up as skips rather than as an
	// ever longer queue in the load generator.
	IngestRate    float64
	IngestWorkers int
	// Repost, when positive, posts the corpus `dossier synth --articles
	// Repost` writes (default seed) instead of fresh articles: the
	// articles a store made from it already holds, so the posts are
	// answered "existing" and the data does not grow. It is the
	// control for a soak whose memory rises: flat memory here and not
	// with fresh posts means the rise follows the data.
	Repost int
	// Resample is how often the story ids the readers pick from are
	// sampled again (0: every minute), so that readers follow the
	// stories the posts create and the server's caches see new keys
	// and evict old ones, as they would in service.
	Resample time.Duration
	// Progress, when set, gets one line per row as the soak runs.
	Progress io.Writer
}

// Row is one interval of a soak.
type Row struct {
	// Elapsed is the time from the start to the end of the interval.
	Elapsed time.Duration
	// Reads are completed reads in the interval, searches included,
	// with their rate and failures (transport errors and non-200
	// answers). ReadP50 and ReadP99 are of the reads other than
	// searches, and SearchP50 and SearchP99 of the searches: ranking a
	// common word takes hundreds of times longer than a cached story
	// page, and one percentile over both would show only the searches.
	Reads        int
	ReadsPerSec  float64
	ReadP50      time.Duration
	ReadP99      time.Duration
	SearchP50    time.Duration
	SearchP99    time.Duration
	ReadErrors   int
	Posts        int
	PostsPerSec  float64
	PostP50      time.Duration
	PostP99      time.Duration
	PostErrors   int
	PostExisting int // answered 200: the server already had the article
	PostSkipped  int // due while every ingest worker was busy
	// The server's own figures, scraped from /metrics at the end of the
	// interval (-1 when a series was absent; ScrapeErrors counts failed
	// scrapes).
	HeapInuse, HeapLive, GoSys, RSS float64
	Goroutines, Articles, GCCycles  float64
	ScrapeErrors                    int
	// Stored is the soak's own count of the articles the store holds:
	// the baseline's Articles plus the posts answered 201 since. The
	// server's dossier_store_articles lags it by up to its stats cache
	// (two minutes in dossier serve), which would make memory per
	// article added look larger than it is; -1 without a baseline.
	Stored float64
}

// SoakResult is what a soak measured.
type SoakResult struct {
	Rows []Row
	// Baseline is the server's figures scraped once before the first
	// request (only the /metrics fields and Stored are set): memory as
	// the server stands with its indexes loaded and nothing cached, and
	// the article count the posts add to.
	Baseline Row
	Elapsed  time.Duration
	// Totals over the whole soak.
	Reads, ReadErrors, Posts, PostErrors, PostSkipped, ScrapeErrors int
}

// window collects one interval's samples from the readers and posters.
type window struct {
	mu                        sync.Mutex
	reads, searches, posts    []time.Duration
	readErr, postErr          int
	postExisting, postSkipped int
	postCreated               int
}

func (w *window) take() (reads, searches, posts []time.Duration, readErr, postErr, existing, skipped, created int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	reads, searches, posts, readErr, postErr, existing, skipped, created = w.reads, w.searches, w.posts, w.readErr, w.postErr, w.postExisting, w.postSkipped, w.postCreated
	w.reads, w.searches, w.posts = make([]time.Duration, 0, len(reads)), nil, nil
	w.readErr, w.postErr, w.postExisting, w.postSkipped, w.postCreated = 0, 0, 0, 0, 0
	return
}

// Soak runs cfg's reads and posts for cfg.Duration and records a row
// every cfg.Interval. It fails only when it cannot start (no stories to
// read, no fresh articles to post); errors during the soak are counted
// in the rows, for the verdict.
func Soak(ctx context.Context, cfg SoakConfig) (SoakResult, error) {
	if cfg.Concurrency <= 0 {
		cfg.Concurrency = 16
	}
	if cfg.Stories <= 0 {
		cfg.Stories = 200
	}
	if cfg.Interval <= 0 {
		cfg.Interval = 10 * time.Second
	}
	if cfg.IngestWorkers <= 0 {
		cfg.IngestWorkers = 4
	}
	if cfg.Resample <= 0 {
		cfg.Resample = time.Minute
	}
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: cfg.Concurrency + cfg.IngestWorkers + 1}}
	ids, words, err := storyIDs(ctx, client, cfg.Config)
	if err != nil {
		return SoakResult{}, err
	}
	// The baseline comes before any warming, so that it shows the
	// server with nothing cached but its indexes.
	var res SoakResult
	res.Baseline = scrapeRow(ctx, client, cfg)
	res.Baseline.Stored = res.Baseline.Articles // -1 if absent
	res.ScrapeErrors = res.Baseline.ScrapeErrors
	stored := res.Baseline.Stored
	var curMu sync.RWMutex
	cur := &sampled{ids, words}
	current := func() *sampled {
		curMu.RLock()
		defer curMu.RUnlock()
		return cur
	}
	if cfg.Warm {
		warm(ctx, client, cfg.Config, ids)
	}
	var fresh []synth.Article
	if cfg.IngestRate > 0 {
		if fresh, err = freshArticles(cfg); err != nil {
			return SoakResult{}, err
		}
	}

	// stop ends the soak: workers start nothing after it, but requests
	// in flight finish under ctx, so that the end of a soak does not
	// hang up on the server (which would log every cancelled request).
	stop, cancel := context.WithTimeout(ctx, cfg.Duration)
	defer cancel()
	var win window
	var wg sync.WaitGroup
	m := newMix(cfg.NoSearch)
	for w := 0; w < cfg.Concurrency; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewPCG(cfg.Seed, uint64(w)))
			for stop.Err() == nil && ctx.Err() == nil {
				t := m.next(r)
				t0 := time.Now()
				ok := get(ctx, client, cfg.Base+t.url(r, current()), cfg.Token)
				d := time.Since(t0)
				if ctx.Err() != nil {
					return // interrupted, not the server's fault
				}
				win.mu.Lock()
				if t.kind == searchKind {
					win.searches = append(win.searches, d)
				} else {
					win.reads = append(win.reads, d)
				}
				if !ok {
					win.readErr++
				}
				win.mu.Unlock()
			}
		}(w)
	}
	if cfg.IngestRate > 0 {
		jobs := make(chan synth.Article)
		for w := 0; w < cfg.IngestWorkers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for a := range jobs {
					t0 := time.Now()
					code := post(ctx, client, cfg.Base, cfg.Token, a)
					d := time.Since(t0)
					if ctx.Err() != nil && code == 0 {
						continue // interrupted
					}
					win.mu.Lock()
					win.posts = append(win.posts, d)
					switch code {
					case http.StatusCreated:
						win.postCreated++
					case http.StatusOK:
						win.postExisting++
					default:
						win.postErr++
					}
					win.mu.Unlock()
				}
			}()
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer close(jobs)
			tick := time.NewTicker(time.Duration(float64(time.Second) / cfg.IngestRate))
			defer tick.Stop()
			next := 0
			for {
				select {
				case <-stop.Done():
					return
				case <-tick.C:
				}
				if next == len(fresh) {
					next = 0 // only if the corpus runs out (or with Repost): posts become "existing"
				}
				select {
				case jobs <- fresh[next]:
					next++
				default:
					win.mu.Lock()
					win.postSkipped++
					win.mu.Unlock()
				}
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(cfg.Resample)
		defer t.Stop()
		for {
			select {
			case <-stop.Done():
				return
			case <-t.C:
			}
			if ids, words, err := storyIDs(ctx, client, cfg.Config); err == nil {
				curMu.Lock()
				cur = &sampled{ids, words}
				curMu.Unlock()
			}
		}
	}()

	start := time.Now()
	last := start
	tick := time.NewTicker(cfg.Interval)
	defer tick.Stop()
	record := func(now time.Time) {
		reads, searches, posts, readErr, postErr, existing, skipped, created := win.take()
		secs := now.Sub(last).Seconds()
		last = now
		nr := len(reads) + len(searches)
		row := Row{Elapsed: now.Sub(start), Reads: nr, ReadsPerSec: float64(nr) / secs, ReadErrors: readErr,
			Posts: len(posts), PostsPerSec: float64(len(posts)) / secs, PostErrors: postErr, PostExisting: existing, PostSkipped: skipped}
		row.ReadP50, row.ReadP99 = quantile(reads, 0.5), quantile(reads, 0.99)
		row.SearchP50, row.SearchP99 = quantile(searches, 0.5), quantile(searches, 0.99)
		row.PostP50, row.PostP99 = quantile(posts, 0.5), quantile(posts, 0.99)
		sc := scrapeRow(context.Background(), client, cfg)
		row.HeapInuse, row.HeapLive, row.GoSys, row.RSS = sc.HeapInuse, sc.HeapLive, sc.GoSys, sc.RSS
		row.Goroutines, row.Articles, row.GCCycles, row.ScrapeErrors = sc.Goroutines, sc.Articles, sc.GCCycles, sc.ScrapeErrors
		row.Stored = -1
		if stored >= 0 {
			stored += float64(created)
			row.Stored = stored
		}
		res.Rows = append(res.Rows, row)
		res.Reads += row.Reads
		res.ReadErrors += row.ReadErrors
		res.Posts += row.Posts
		res.PostErrors += row.PostErrors
		res.PostSkipped += row.PostSkipped
		res.ScrapeErrors += row.ScrapeErrors
		if cfg.Progress != nil {
			fmt.Fprintf(cfg.Progress, "%6s  reads %5.0f/s p50 %7v p99 %7v search p99 %7v err %d  posts %4.1f/s p99 %7v err %d skip %d  heap %6.1f MB  live %6.1f MB  rss %6.1f MB  goroutines %.0f  articles %.0f\n",
				row.Elapsed.Round(time.Second), row.ReadsPerSec, row.ReadP50.Round(10*time.Microsecond), row.ReadP99.Round(10*time.Microsecond), row.SearchP99.Round(time.Millisecond), row.ReadErrors,
				row.PostsPerSec, row.PostP99.Round(time.Millisecond), row.PostErrors, row.PostSkipped,
				row.HeapInuse/(1<<20), row.HeapLive/(1<<20), row.RSS/(1<<20), row.Goroutines, row.Articles)
		}
	}
loop:
	for {
		select {
		case <-stop.Done():
			break loop
		case now := <-tick.C:
			record(now)
		}
	}
	wg.Wait()
	// The tail shorter than an interval is left out: its rates would be
	// taken over a fraction of the time and its percentiles over a few
	// requests.
	res.Elapsed = time.Since(start)
	return res, nil
}

// scrapeRow reads the server's /metrics into a Row's server fields
// (-1 for an absent series; every one and ScrapeErrors = 1 when the
// scrape failed).
func scrapeRow(ctx context.Context, c *http.Client, cfg SoakConfig) Row {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	var row Row
	sc, err := scrape(ctx, c, cfg.Base, cfg.Token)
	if err != nil {
		row.ScrapeErrors = 1
	}
	series := func(name string) float64 {
		if v, ok := sc[name]; ok {
			return v
		}
		return -1
	}
	row.HeapInuse, row.HeapLive, row.GoSys = series("go_memstats_heap_inuse_bytes"), series("go_gc_heap_live_bytes"), series("go_memstats_sys_bytes")
	row.RSS, row.Goroutines = series("process_resident_memory_bytes"), series("go_goroutines")
	row.Articles, row.GCCycles = series("dossier_store_articles"), series("go_gc_cycles_total")
	return row
}

// quantile is the q-quantile of ds (sorted in place), 0 for none.
func quantile(ds []time.Duration, q float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	slices.Sort(ds)
	return ds[min(len(ds)-1, int(q*float64(len(ds))))]
}

// freshArticles generates articles the store does not have: another
// seed than `dossier synth`'s default gives other places, people,
// outlets and prose, and dates after its two years make them the latest
// news. Enough are made for the whole soak, so none is posted twice.
//
// With cfg.Repost it generates the stored corpus instead (see
// SoakConfig.Repost): the same config as `dossier synth`, so the same
// articles.
func freshArticles(cfg SoakConfig) ([]synth.Article, error) {
	sc := synth.DefaultConfig()
	if cfg.Repost > 0 {
		sc.Articles = cfg.Repost
	} else {
		sc.Articles = int(cfg.IngestRate*cfg.Duration.Seconds()) + 100
		sc.Seed = cfg.Seed ^ uint64(time.Now().UnixNano())
		sc.Start = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	var b bytes.Buffer
	if err := synth.Generate(&b, sc); err != nil {
		return nil, err
	}
	out := make([]synth.Article, 0, sc.Articles)
	s := bufio.NewScanner(&b)
	s.Buffer(nil, 1<<24)
	for s.Scan() {
		var a synth.Article
		if err := json.Unmarshal(s.Bytes(), &a); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, s.Err()
}

// post sends one article to POST /api/v1/articles and returns the
// status code, 0 when there was no answer.
func post(ctx context.Context, c *http.Client, base, token string, a synth.Article) int {
	body, err := json.Marshal(a)
	if err != nil {
		return 0
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/api/v1/articles", bytes.NewReader(body))
	if err != nil {
		return 0
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return 0
	}
	return resp.StatusCode
}

// scrape reads the server's /metrics and returns its unlabelled series.
func scrape(ctx context.Context, c *http.Client, base, token string) (map[string]float64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/metrics", nil)
	if err != nil {
		return nil, err
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET /metrics: %s", resp.Status)
	}
	return parseMetrics(resp.Body)
}

// parseMetrics reads the unlabelled samples of a Prometheus text
// exposition; labelled series (histograms, counters by route) are not
// what a soak plots.
func parseMetrics(r io.Reader) (map[string]float64, error) {
	out := map[string]float64{}
	s := bufio.NewScanner(r)
	s.Buffer(nil, 1<<20)
	for s.Scan() {
		f := strings.Fields(s.Text())
		if len(f) != 2 || strings.HasPrefix(f[0], "#") || strings.ContainsRune(f[0], '{') {
			continue
		}
		if v, err := strconv.ParseFloat(f[1], 64); err == nil {
			out[f[0]] = v
		}
	}
	return out, s.Err()
}

// WriteCSV writes the rows with a header; durations in milliseconds and
// memory in bytes, so that a spreadsheet needs no units parsed.
func (r SoakResult) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"elapsed_s", "reads", "reads_per_s", "read_p50_ms", "read_p99_ms", "search_p50_ms", "search_p99_ms", "read_errors",
		"posts", "posts_per_s", "post_p50_ms", "post_p99_ms", "post_errors", "post_existing", "post_skipped",
		"heap_inuse_bytes", "heap_live_bytes", "go_sys_bytes", "rss_bytes", "goroutines", "articles", "gc_cycles", "scrape_errors", "stored_articles"})
	ms := func(d time.Duration) string { return strconv.FormatFloat(float64(d)/1e6, 'f', 3, 64) }
	f := func(v float64, prec int) string { return strconv.FormatFloat(v, 'f', prec, 64) }
	for _, x := range r.Rows {
		cw.Write([]string{f(x.Elapsed.Seconds(), 1), strconv.Itoa(x.Reads), f(x.ReadsPerSec, 1), ms(x.ReadP50), ms(x.ReadP99), ms(x.SearchP50), ms(x.SearchP99), strconv.Itoa(x.ReadErrors),
			strconv.Itoa(x.Posts), f(x.PostsPerSec, 2), ms(x.PostP50), ms(x.PostP99), strconv.Itoa(x.PostErrors), strconv.Itoa(x.PostExisting), strconv.Itoa(x.PostSkipped),
			f(x.HeapInuse, 0), f(x.HeapLive, 0), f(x.GoSys, 0), f(x.RSS, 0), f(x.Goroutines, 0), f(x.Articles, 0), f(x.GCCycles, 0), strconv.Itoa(x.ScrapeErrors), f(x.Stored, 0)})
	}
	cw.Flush()
	return cw.Error()
}
