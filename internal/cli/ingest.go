package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/dossier-news/dossier/internal/bus"
	"github.com/dossier-news/dossier/internal/ingest"
	"github.com/dossier-news/dossier/internal/pipeline"
	"github.com/dossier-news/dossier/internal/store"
)

func runIngest(ctx context.Context, env Env, args []string) int {
	fs, db := newFlags(env, "ingest")
	quiet := fs.Bool("q", false, "quiet: print only the final summary line and errors")
	workers := fs.Int("workers", 0, "extraction workers (default: one per CPU)")
	logEvery := fs.Duration("log-every", 2*time.Second, "when stderr is not a terminal, log progress at most this often (0: after every committed batch)")
	allowPrivate := fs.Bool("allow-private", false, "let URL inputs and feed links reach loopback, private and link-local addresses (refused by default)")
	hostInterval := fs.Duration("host-interval", time.Second, "least time between request starts to one host when fetching (negative: no pacing)")
	ignoreRobots := fs.Bool("ignore-robots", false, "fetch URLs that a site's robots.txt disallows")
	docTimeout := fs.Duration("doc-timeout", 30*time.Second, "a document taking longer to extract and analyse is recorded as failed (negative: no limit)")
	batch := fs.Int("batch", 256, "documents committed per transaction: smaller loses less to a crash, larger ingests faster")
	maxSize := fs.Int64("max-size", 10<<20, "per-document size limit in `bytes`")
	published := fs.String("published", "", "publication `date` (YYYY-MM-DD or RFC 3339) of inputs that carry none, e.g. plain text")
	outlet := fs.String("outlet", "", "outlet `name` of inputs that carry none")
	busURL := fs.String("bus", env.Getenv("DOSSIER_BUS"), "publish to the NATS JetStream `servers` (nats://host:4222, comma-separated) for 'dossier worker' to ingest, instead of ingesting here (default $DOSSIER_BUS)")
	busName := fs.String("bus-name", "dossier", "the bus stream's `name`: one per store")
	replicas := fs.Int("replicas", 1, "replicas of the bus stream when this publish creates it (3 in a cluster)")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: dossier ingest [--db FILE] [-q] INPUT...\n\nINPUT is a file or directory of .html/.htm, .txt, .jsonl, .rss/.atom/.xml feeds or .urls lists\n(any of them .gz), an http(s) URL, or - for stdin.")
		fs.PrintDefaults()
	}
	inputs, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(inputs) == 0 {
		fs.Usage()
		return exitUsage
	}
	if *busURL != "" {
		rcfg := ingest.Config{MaxDocBytes: *maxSize, Stdin: env.Stdin, AllowPrivate: *allowPrivate,
			HostInterval: *hostInterval, IgnoreRobots: *ignoreRobots}
		return publish(ctx, env, bus.Config{URL: *busURL, Name: *busName, Replicas: *replicas}, rcfg, inputs, *outlet, *published)
	}
	cfg := pipeline.Config{Workers: *workers, BatchSize: *batch, DocTimeout: *docTimeout, Outlet: *outlet}
	if *published != "" {
		if cfg.Published, err = parseDayOrTime(*published); err != nil {
			return fail(env, err)
		}
	}
	st, ok := openStore(ctx, env, *db)
	if !ok {
		return exitFailure
	}
	defer st.Close()
	cfg.Ingest.MaxDocBytes = *maxSize
	cfg.Ingest.AllowPrivate = *allowPrivate
	cfg.Ingest.HostInterval, cfg.Ingest.IgnoreRobots = *hostInterval, *ignoreRobots
	cfg.Ingest.Stdin = env.Stdin
	stats, err := ingestHere(ctx, env, st, inputs, cfg, *quiet, *logEvery)
	if err != nil && !errors.Is(err, context.Canceled) {
		return fail(env, err)
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(env.Stderr, "dossier: interrupted; what was extracted is stored — run the same command again to resume")
		return exitFailure
	}
	if stats.Failed > 0 {
		return exitFailure
	}
	return exitOK
}

// ingestHere runs the pipeline with progress reporting and prints the summary.
func ingestHere(ctx context.Context, env Env, st store.Store, inputs []string, cfg pipeline.Config, quiet bool, logEvery time.Duration) (pipeline.Stats, error) {
	var progress func(pipeline.Stats)
	if !quiet {
		progress = newProgress(env.Stderr, isTerminal(env.Stderr), logEvery)
	}
	stats, err := pipeline.Run(ctx, st, inputs, cfg, progress)
	if progress != nil && isTerminal(env.Stderr) {
		fmt.Fprint(env.Stderr, "\r\033[K")
	}
	fmt.Fprintln(env.Stdout, summary(stats))
	if stats.Failed > 0 {
		fmt.Fprintf(env.Stdout, "%d failed: run 'dossier errors' to see why\n", stats.Failed)
	}
	return stats, err
}

func summary(s pipeline.Stats) string {
	return fmt.Sprintf("ingest: %d new, %d already stored, %d failed (%d documents in %s, %.0f/s); %d of the new copy earlier articles",
		s.New, s.Existing, s.Failed, s.Done(), s.Elapsed.Round(time.Millisecond), s.Rate(), s.Copies)
}

// newProgress returns a progress callback: a redrawn status line on a
// terminal, a plain log line at most every logEvery otherwise (CI logs,
// pipes). A logged "stored" count is committed: a crash cannot lose it.
func newProgress(w io.Writer, tty bool, logEvery time.Duration) func(pipeline.Stats) {
	var last time.Time
	return func(s pipeline.Stats) {
		now := time.Now()
		if tty {
			if now.Sub(last) < 100*time.Millisecond {
				return
			}
			last = now
			fmt.Fprintf(w, "\r\033[K%s %d done · %.0f docs/s · %d stored · %d skipped · %d failed",
				spinner(s.Done()), s.Done(), s.Rate(), s.New, s.Existing, s.Failed)
			return
		}
		if now.Sub(last) < logEvery {
			return
		}
		last = now
		fmt.Fprintf(w, "progress: %d done, %.0f docs/s, %d stored, %d skipped, %d failed\n",
			s.Done(), s.Rate(), s.New, s.Existing, s.Failed)
	}
}

func spinner(n int) string {
	frames := []string{"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"}
	return frames[n%len(frames)]
}
