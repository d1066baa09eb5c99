package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
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
// prints throughput and latency percentiles; with --soak it also posts
// fresh articles at a fixed rate, records the server's memory over
// time, and ends with a pass or fail (docs/BENCHMARKS.md, "Soak").
func runLoadtest(ctx context.Context, env Env, args []string) int {
	fs, _ := newFlags(env, "loadtest")
	var cfg loadtest.SoakConfig
	fs.StringVar(&cfg.Base, "url", "http://127.0.0.1:8080", "the server's base `URL`")
	fs.DurationVar(&cfg.Duration, "duration", 30*time.Second, "how long to send requests")
	fs.IntVar(&cfg.Concurrency, "c", 16, "requests in flight at once")
	fs.IntVar(&cfg.Stories, "stories", 200, "story ids to sample from the server")
	fs.BoolVar(&cfg.NoSearch, "no-search", false, "leave searches out of the mix")
	fs.BoolVar(&cfg.Warm, "warm", false, "read every sampled story once before measuring (steady state)")
	soak := fs.Bool("soak", false, "soak: reads and fixed-rate posts for --duration, a row every --interval, then a verdict")
	fs.DurationVar(&cfg.Interval, "interval", 10*time.Second, "soak: how often to record a row and scrape /metrics")
	fs.Float64Var(&cfg.IngestRate, "ingest-rate", 5, "soak: fresh articles posted per second (0: reads only)")
	fs.IntVar(&cfg.IngestWorkers, "ingest-workers", 4, "soak: posts in flight at most; a post due while all are busy is skipped and counted")
	fs.IntVar(&cfg.Repost, "repost-synth", 0, "soak, a control: post the `N` articles of `dossier synth --articles N`, which the store already has, instead of fresh ones, so that the data does not grow")
	fs.StringVar(&cfg.Token, "token", env.Getenv("DOSSIER_TOKEN"), "bearer `token` for posts (dossier token create; default $DOSSIER_TOKEN)")
	csvOut := fs.String("csv", "", "soak: write the rows to this CSV `file`")
	pngOut := fs.String("png", "", "soak: draw latency, memory and throughput over time to this PNG `file`")
	maxGrowth := fs.Float64("max-growth", 0.10, "soak: allowed rise of heap in use and RSS from the middle to the last third (0.10 = 10%)")
	title := fs.String("title", "", "soak: the PNG's title (default: what was run)")
	if _, err := parse(fs, args); err != nil {
		return exitUsage
	}
	if !*soak {
		res, err := loadtest.Run(ctx, cfg.Config)
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
	if cfg.IngestRate > 0 && cfg.Token == "" {
		fmt.Fprintln(env.Stderr, "dossier loadtest: --soak with --ingest-rate needs --token (or $DOSSIER_TOKEN): posts need a token")
		return exitUsage
	}
	cfg.Progress = env.Stdout
	res, err := loadtest.Soak(ctx, cfg)
	if err != nil {
		return fail(env, err)
	}
	v := res.Verdict(*maxGrowth)
	if *csvOut != "" {
		if err := writeFile(*csvOut, res.WriteCSV); err != nil {
			return fail(env, err)
		}
	}
	if *pngOut != "" {
		t := *title
		if t == "" {
			search := "with searches"
			if cfg.NoSearch {
				search = "no searches"
			}
			t = fmt.Sprintf("dossier loadtest --soak: %v, %d readers (%s), %g posts/s: %s", cfg.Duration, cfg.Concurrency, search, cfg.IngestRate, map[bool]string{true: "PASS", false: "FAIL"}[v.Pass])
		}
		if err := writeFile(*pngOut, func(w io.Writer) error { return loadtest.PlotSoak(w, t, res) }); err != nil {
			return fail(env, err)
		}
	}
	v.Write(env.Stdout, res)
	if !v.Pass {
		return exitFailure
	}
	return exitOK
}

// writeFile creates path and fills it with write, reporting a failed
// close too: a figure cut short by a full disk must not pass silently.
func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	if err := write(bw); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
