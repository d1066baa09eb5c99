package cli

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"time"

	"github.com/dossier-news/dossier/internal/loadtest"
	"github.com/dossier-news/dossier/internal/synth"
)

// runSynth writes a synthetic corpus as JSON lines, for load and scale
// tests: dossier synth --articles 100000 > corpus.jsonl.
func runSynth(ctx context.Context, env Env, args []string) int {
	fs, _ := newFlags(env, "synth")
	cfg := synth.DefaultConfig()
	fs.IntVar(&cfg.Articles, "articles", cfg.Articles, "number of articles")
	fs.IntVar(&cfg.PerStory, "per-story", cfg.PerStory, "mean articles per story")
	fs.Float64Var(&cfg.CopyRate, "copies", cfg.CopyRate, "share of articles that reprint an earlier one")
	fs.Uint64Var(&cfg.Seed, "seed", cfg.Seed, "random seed")
	out := fs.String("o", "-", "output `file` (- for stdout)")
	if _, err := parse(fs, args); err != nil {
		return exitUsage
	}
	w := env.Stdout
	if *out != "-" {
		f, err := os.Create(*out)
		if err != nil {
			return fail(env, err)
		}
		defer f.Close()
		bw := bufio.NewWriter(f)
		defer bw.Flush()
		w = bw
	}
	if err := synth.Generate(w, cfg); err != nil {
		return fail(env, err)
	}
	return exitOK
}

// runLoadtest drives a running server with a bounded reader mix and
// prints throughput and latency percentiles.
func runLoadtest(ctx context.Context, env Env, args []string) int {
	fs, _ := newFlags(env, "loadtest")
	var cfg loadtest.Config
	fs.StringVar(&cfg.Base, "url", "http://127.0.0.1:8080", "the server's base `URL`")
	fs.DurationVar(&cfg.Duration, "duration", 30*time.Second, "how long to send requests")
	fs.IntVar(&cfg.Concurrency, "c", 16, "requests in flight at once")
	fs.IntVar(&cfg.Stories, "stories", 200, "story ids to sample from the server")
	fs.BoolVar(&cfg.NoSearch, "no-search", false, "leave searches out of the mix")
	fs.BoolVar(&cfg.Warm, "warm", false, "read every sampled story once before measuring (steady state)")
	if _, err := parse(fs, args); err != nil {
		return exitUsage
	}
	res, err := loadtest.Run(ctx, cfg)
	if err != nil {
		return fail(env, err)
	}
	res.Write(env.Stdout)
	if res.All.Errors > 0 {
		fmt.Fprintf(env.Stderr, "dossier loadtest: %d requests failed\n", res.All.Errors)
		return exitFailure
	}
	return exitOK
}
