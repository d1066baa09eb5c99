package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/httpapi"
	"github.com/dossier-news/dossier/internal/httpcache"
	"github.com/dossier-news/dossier/internal/metrics"
	"github.com/dossier-news/dossier/internal/pipeline"
	"github.com/dossier-news/dossier/internal/sample"
	"github.com/dossier-news/dossier/internal/store"
	"github.com/dossier-news/dossier/internal/web"
)

func runServe(ctx context.Context, env Env, args []string) int {
	fs, db := newFlags(env, "serve")
	addr := fs.String("addr", "127.0.0.1:8080", "listen `address`")
	writes := fs.Bool("writes", false, "accept articles on POST /api/v1/articles from token holders (dossier token create)")
	readAuth := fs.Bool("read-auth", false, "require a token for reads too")
	openReads := fs.Bool("open-reads", false, "allow unauthenticated reads on a non-loopback address")
	webhooks := fs.Bool("webhooks", false, "POST new stories matching saved searches to their webhooks (dossier webhook add)")
	webhookEvery := fs.Duration("webhook-every", 30*time.Second, "how often --webhooks looks for new matches and due retries")
	pprofAddr := fs.String("pprof-addr", "", "serve Go's profiles (net/http/pprof: heap, goroutines, CPU) on this `address`, apart from the API; off by default, loopback only unless --pprof-public")
	pprofPublic := fs.Bool("pprof-public", false, "allow --pprof-addr on an address reachable beyond this machine (profiles are unauthenticated)")
	if _, err := parse(fs, args); err != nil {
		return exitUsage
	}
	if *pprofAddr != "" && !*pprofPublic && !loopback(*pprofAddr) {
		fmt.Fprintf(env.Stderr, "dossier serve: --pprof-addr %s is reachable beyond this machine and profiles have no authentication; use a loopback address or add --pprof-public\n", *pprofAddr)
		return exitUsage
	}
	if *webhookEvery <= 0 {
		fmt.Fprintln(env.Stderr, "dossier serve: --webhook-every must be positive")
		return exitUsage
	}
	if !*readAuth && !*openReads && !loopback(*addr) {
		fmt.Fprintf(env.Stderr, "dossier serve: %s is reachable beyond this machine and reads are open; add --read-auth (tokens for reads) or --open-reads (deliberately public)\n", *addr)
		return exitUsage
	}
	st, ok := openStore(ctx, env, *db)
	if !ok {
		return exitFailure
	}
	defer st.Close()
	o := httpapi.Options{ReadAuth: *readAuth, Metrics: metrics.NewRegistry()}
	o.Metrics.RegisterRuntime() // heap, goroutines and RSS for operators and `dossier loadtest --soak`
	stageSeconds := o.Metrics.Histogram("dossier_pipeline_stage_seconds",
		"Time per pipeline stage: extract and analyse per document, the others per batch.", metrics.LatencyBuckets, "stage")
	if *writes {
		in, err := pipeline.Open(ctx, st, pipeline.Config{Observe: func(stage string, d time.Duration) {
			stageSeconds.Observe(d.Seconds(), stage)
		}})
		if err != nil {
			return fail(env, err)
		}
		o.Ingester = in
		go relink(ctx, env, in)
	}
	if *webhooks {
		defer startNotifier(ctx, env, st, *webhookEvery)() // stopped before the store closes
	}
	if *pprofAddr != "" {
		stop, err := startPprof(env, *pprofAddr)
		if err != nil {
			return fail(env, err)
		}
		defer stop()
	}
	return serve(ctx, env, st, *addr, false, o)
}

// loopback reports whether addr listens on a loopback address only.
func loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// relink relinks storylines every minute while a server takes writes,
// as a run does at its end: they span the whole store, so not on every
// post.
func relink(ctx context.Context, env Env, in *pipeline.Ingester) {
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := in.Link(ctx); err != nil && ctx.Err() == nil {
				fmt.Fprintf(env.Stderr, "dossier serve: linking storylines: %v\n", err)
			}
		}
	}
}

// handler mounts the API and the web pages on one mux.
func handler(st store.Store, log *slog.Logger, o httpapi.Options) http.Handler {
	// Readers ask for the same stories over and over; a story is read
	// and rendered again only when it changed, or after storyTTL (what
	// does not change a story's version — a renamed entity, relinked
	// storylines — may lag that long); the store's counts at most every
	// storyTTL; listings at most every 2 s; a search's answer at most
	// every searchTTL.
	const storyTTL, searchTTL = 2 * time.Minute, 30 * time.Second
	st = store.WithReadCache(st, 4096, storyTTL)
	o.StoryCache, o.StoryTTL = 2048, storyTTL
	o.ListingTTL, o.SearchTTL = 2*time.Second, searchTTL
	mux := http.NewServeMux()
	api := httpapi.NewServer(st, log, o)
	mux.Handle("/api/", api)
	mux.Handle("/healthz", api)
	mux.Handle("/readyz", api)
	mux.Handle("/metrics", api)
	// With --read-auth the pages are as closed as the API: a browser
	// gets 401, a client sending a token gets the page.
	pages := httpcache.NewMicro(httpcache.New(web.New(st, log), st, 2048, storyTTL),
		[]string{"/", "/stories", "/entities", "/articles"}, 1024, o.ListingTTL)
	pages = httpcache.NewMicro(pages, []string{"/search"}, 1024, o.SearchTTL)
	mux.Handle("/", api.Protect(pages))
	return mux
}

// serve listens on addr until ctx is done, then shuts down gracefully.
// When fallback is set and addr is taken, it picks a free port instead,
// so that the demo works even when 8080 is in use.
func serve(ctx context.Context, env Env, st store.Store, addr string, fallback bool, o httpapi.Options) int {
	log := slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	ln, err := net.Listen("tcp", addr)
	if err != nil && fallback {
		host, _, _ := net.SplitHostPort(addr)
		ln, err = net.Listen("tcp", net.JoinHostPort(host, "0"))
	}
	if err != nil {
		return fail(env, err)
	}
	srv := &http.Server{
		Handler:           handler(st, log, o),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    1 << 16,
	}
	fmt.Fprintf(env.Stdout, "serving on http://%s/  (API: http://%s/api/v1/articles) — Ctrl-C to stop\n", ln.Addr(), ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fail(env, err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return fail(env, err)
	}
	return exitOK
}

func runDemo(ctx context.Context, env Env, args []string) int {
	fs, _ := newFlags(env, "demo")
	dbFlag := fs.Lookup("db")
	dbFlag.DefValue, _ = "", dbFlag.Value.Set("")
	dbFlag.Usage = "SQLite database `file` (default: a fresh one in a temporary directory)"
	addr := fs.String("addr", "127.0.0.1:8080", "listen `address` (another port is chosen if it is taken)")
	noServe := fs.Bool("no-serve", false, "ingest and report, then exit without serving")
	if _, err := parse(fs, args); err != nil {
		return exitUsage
	}
	dir, err := os.MkdirTemp("", "dossier-demo-")
	if err != nil {
		return fail(env, err)
	}
	defer os.RemoveAll(dir)
	db := dbFlag.Value.String()
	if db == "" {
		db = filepath.Join(dir, "demo.db")
	} else if _, err := os.Stat(db); err == nil {
		return fail(env, fmt.Errorf("demo wants a fresh store, and %s exists: %w", db, errors.New("refusing to touch it")))
	}
	corpus := filepath.Join(dir, "corpus")
	n, err := sample.WriteTo(corpus)
	if err != nil {
		return fail(env, err)
	}
	fmt.Fprintf(env.Stdout, "demo: %d sample files (HTML, text, JSONL, RSS, Atom) → %s\n", n, db)
	st, ok := openStore(ctx, env, db)
	if !ok {
		return exitFailure
	}
	defer st.Close()
	stats, err := ingestHere(ctx, env, st, []string{corpus}, pipeline.Config{}, true, 0)
	if err != nil {
		return fail(env, err)
	}
	if stats.Failed > 0 {
		fmt.Fprintln(env.Stderr, "demo: some sample documents failed — this is a bug; see 'dossier errors --db "+db+"'")
	}
	if *noServe {
		fmt.Fprintf(env.Stdout, "try: dossier articles --db %s\n", shellQuote(db))
		if stats.Failed > 0 {
			return exitFailure
		}
		return exitOK
	}
	return serve(ctx, env, st, *addr, true, httpapi.Options{})
}

func shellQuote(s string) string {
	if strings.ContainsAny(s, " '\"$`\\") {
		return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	return s
}
