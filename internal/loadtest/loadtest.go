// Package loadtest drives a running Dossier server with a bounded,
// closed-loop mix of reader requests — story pages, story and listing
// API calls, searches — and reports throughput and latency percentiles.
// It is a Go load generator so that the measurement needs nothing but
// the binary (docs/BENCHMARKS.md records its figures).
package loadtest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// Config bounds a run.
type Config struct {
	// Base is the server's URL, e.g. http://127.0.0.1:8080.
	Base string
	// Duration is how long to send requests; Concurrency how many
	// requests are in flight at once.
	Duration    time.Duration
	Concurrency int
	// Stories is how many story ids to sample from the server.
	Stories int
	Seed    uint64
	// Warm reads every sampled story once before measuring, so that the
	// figures are the steady state of a server whose readers keep
	// returning to the same stories; Result.Warmup says what that took.
	Warm bool
	// NoSearch leaves full-text searches out of the mix, to see the
	// rest of the reads without their CPU (a common word ranks tens of
	// thousands of matches).
	NoSearch bool
	// Token is sent as a bearer token with every request: reads of a
	// server with --read-auth, and a soak's posts.
	Token string
}

// Stats are latency figures for one kind of request or for all.
type Stats struct {
	Requests, Errors int
	P50, P90, P99    time.Duration
	Max              time.Duration
}

// Result is what a run measured.
type Result struct {
	// Warmup is how long the warming pass took (zero without Warm).
	Warmup  time.Duration
	Elapsed time.Duration
	// PerSecond is completed requests per second.
	PerSecond float64
	All       Stats
	ByKind    map[string]Stats
}

// target is one kind of request with its share of the mix.
type target struct {
	kind   string
	weight int
	url    func(r *rand.Rand, s *sampled) string
}

// sampled is what the mix reads from: story ids and search words taken
// from the server's listings. A soak replaces it as new stories arrive.
type sampled struct {
	ids, words []string
}

// searchKind names the searches of the mix, which a soak times apart.
const searchKind = "api search"

// mix is the weighted reader mix.
type mix struct {
	targets []target
	total   int
}

func newMix(noSearch bool) mix {
	pick := func(r *rand.Rand, xs []string) string { return xs[r.IntN(len(xs))] }
	m := mix{targets: []target{
		{"web story page", 35, func(r *rand.Rand, s *sampled) string { return "/stories/" + pick(r, s.ids) }},
		{"api story", 25, func(r *rand.Rand, s *sampled) string { return "/api/v1/stories/" + pick(r, s.ids) }},
		{"api summary", 10, func(r *rand.Rand, s *sampled) string { return "/api/v1/stories/" + pick(r, s.ids) + "/summary" }},
		{"api stories", 10, func(r *rand.Rand, s *sampled) string { return "/api/v1/stories?limit=20" }},
		{"api articles", 10, func(r *rand.Rand, s *sampled) string { return "/api/v1/articles?limit=20" }},
	}}
	if !noSearch {
		m.targets = append(m.targets, target{searchKind, 10, func(r *rand.Rand, s *sampled) string { return "/api/v1/search?limit=20&q=" + pick(r, s.words) }})
	}
	for _, t := range m.targets {
		m.total += t.weight
	}
	return m
}

// next draws one request of the mix.
func (m mix) next(r *rand.Rand) target {
	n := r.IntN(m.total)
	for _, t := range m.targets {
		if n < t.weight {
			return t
		}
		n -= t.weight
	}
	return m.targets[len(m.targets)-1]
}

// warm reads every sampled story's page and summary once.
func warm(ctx context.Context, client *http.Client, cfg Config, ids []string) time.Duration {
	t0 := time.Now()
	var wg sync.WaitGroup
	next := make(chan string)
	for w := 0; w < cfg.Concurrency; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range next {
				get(ctx, client, cfg.Base+"/stories/"+id, cfg.Token)
				get(ctx, client, cfg.Base+"/api/v1/stories/"+id+"/summary", cfg.Token)
			}
		}()
	}
	for _, id := range ids {
		next <- id
	}
	close(next)
	wg.Wait()
	return time.Since(t0)
}

// Run sends the mix for cfg.Duration and measures it.
func Run(ctx context.Context, cfg Config) (Result, error) {
	if cfg.Concurrency <= 0 {
		cfg.Concurrency = 16
	}
	if cfg.Stories <= 0 {
		cfg.Stories = 200
	}
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: cfg.Concurrency}}
	ids, words, err := storyIDs(ctx, client, cfg)
	if err != nil {
		return Result{}, err
	}
	cur := &sampled{ids, words}
	m := newMix(cfg.NoSearch)
	var warmup time.Duration
	if cfg.Warm {
		warmup = warm(ctx, client, cfg, ids)
	}
	type sample struct {
		kind string
		d    time.Duration
		ok   bool
	}
	var mu sync.Mutex
	var samples []sample
	deadline := time.Now().Add(cfg.Duration)
	start := time.Now()
	var wg sync.WaitGroup
	for w := 0; w < cfg.Concurrency; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewPCG(cfg.Seed, uint64(w)))
			var local []sample
			for time.Now().Before(deadline) && ctx.Err() == nil {
				t := m.next(r)
				t0 := time.Now()
				ok := get(ctx, client, cfg.Base+t.url(r, cur), cfg.Token)
				local = append(local, sample{t.kind, time.Since(t0), ok})
			}
			mu.Lock()
			samples = append(samples, local...)
			mu.Unlock()
		}(w)
	}
	wg.Wait()
	res := Result{Warmup: warmup, Elapsed: time.Since(start), ByKind: map[string]Stats{}}
	by := map[string][]time.Duration{}
	var all []time.Duration
	errs := map[string]int{}
	for _, s := range samples {
		all = append(all, s.d)
		by[s.kind] = append(by[s.kind], s.d)
		if !s.ok {
			errs[s.kind]++
			res.All.Errors++
		}
	}
	res.All = stats(all, res.All.Errors)
	for k, ds := range by {
		res.ByKind[k] = stats(ds, errs[k])
	}
	res.PerSecond = float64(len(samples)) / res.Elapsed.Seconds()
	return res, nil
}

// get reads url to the end and reports whether it answered 200; token,
// when set, is sent as a bearer token (a server with --read-auth).
func get(ctx context.Context, c *http.Client, url, token string) bool {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return false
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := c.Do(req)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return err == nil && resp.StatusCode == http.StatusOK
}

func stats(ds []time.Duration, errs int) Stats {
	if len(ds) == 0 {
		return Stats{}
	}
	slices.Sort(ds)
	q := func(p float64) time.Duration { return ds[min(len(ds)-1, int(p*float64(len(ds))))] }
	return Stats{Requests: len(ds), Errors: errs, P50: q(0.50), P90: q(0.90), P99: q(0.99), Max: ds[len(ds)-1]}
}

// storyIDs samples story ids from the server's listings, the largest
// and the latest, so the mix reads both heavy and typical stories; and
// search words from their titles, what a reader would look for.
func storyIDs(ctx context.Context, c *http.Client, cfg Config) (ids, words []string, err error) {
	for _, sort := range []string{"size", "latest"} {
		url := fmt.Sprintf("%s/api/v1/stories?sort=%s&limit=%d", cfg.Base, sort, max(1, cfg.Stories/2))
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return nil, nil, err
		}
		if cfg.Token != "" {
			req.Header.Set("Authorization", "Bearer "+cfg.Token)
		}
		resp, err := c.Do(req)
		if err != nil {
			return nil, nil, err
		}
		var body struct {
			Stories []struct {
				ID    string `json:"id"`
				Title string `json:"title"`
			} `json:"stories"`
		}
		err = json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		if err != nil {
			return nil, nil, fmt.Errorf("listing stories: %w", err)
		}
		for _, s := range body.Stories {
			ids = append(ids, s.ID)
			// Names (capitalised words after the first) are what readers
			// search for, rather than the headline's verbs.
			for i, w := range strings.Fields(s.Title) {
				if w = strings.Trim(w, ":,.—-"); i > 0 && len(w) > 3 && strings.ToUpper(w[:1]) == w[:1] {
					words = append(words, w)
				}
			}
		}
	}
	if len(ids) == 0 || len(words) == 0 {
		return nil, nil, fmt.Errorf("the server at %s has no stories to read", cfg.Base)
	}
	return ids, words, nil
}

// Write prints a result as a table.
func (r Result) Write(w io.Writer) {
	if r.Warmup > 0 {
		fmt.Fprintf(w, "warm-up (every sampled story's page and summary read once): %v\n", r.Warmup.Round(time.Millisecond))
	}
	fmt.Fprintf(w, "%d requests in %v: %.0f requests/s, %d errors\n", r.All.Requests, r.Elapsed.Round(time.Millisecond), r.PerSecond, r.All.Errors)
	fmt.Fprintf(w, "%-16s %8s %7s %9s %9s %9s %9s\n", "kind", "requests", "errors", "p50", "p90", "p99", "max")
	kinds := make([]string, 0, len(r.ByKind))
	for k := range r.ByKind {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	row := func(k string, s Stats) {
		fmt.Fprintf(w, "%-16s %8d %7d %9v %9v %9v %9v\n", k, s.Requests, s.Errors, s.P50.Round(10*time.Microsecond), s.P90.Round(10*time.Microsecond), s.P99.Round(10*time.Microsecond), s.Max.Round(10*time.Microsecond))
	}
	for _, k := range kinds {
		row(k, r.ByKind[k])
	}
	row("all", r.All)
}
