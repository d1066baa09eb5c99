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
	"github.com/dossier-news/dossier/internal/pipeline"
	"github.com/dossier-news/dossier/internal/sample"
	"github.com/dossier-news/dossier/internal/store"
	"github.com/dossier-news/dossier/internal/web"
)

func runServe(ctx context.Context, env Env, args []string) int {
	fs, db := newFlags(env, "serve")
	addr := fs.String("addr", "127.0.0.1:8080", "listen `address`")
	if _, err := parse(fs, args); err != nil {
		return exitUsage
	}
	st, ok := openStore(ctx, env, *db)
	if !ok {
		return exitFailure
	}
	defer st.Close()
	return serve(ctx, env, st, *addr, false)
}

// handler mounts the API and the web pages on one mux.
func handler(st store.Store, log *slog.Logger) http.Handler {
	mux := http.NewServeMux()
	api := httpapi.New(st, log)
	mux.Handle("/api/", api)
	mux.Handle("/healthz", api)
	mux.Handle("/", web.New(st, log))
	return mux
}

// serve listens on addr until ctx is done, then shuts down gracefully.
// When fallback is set and addr is taken, it picks a free port instead,
// so that the demo works even when 8080 is in use.
func serve(ctx context.Context, env Env, st store.Store, addr string, fallback bool) int {
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
		Handler:           handler(st, log),
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
	stats, err := ingest(ctx, env, st, []string{corpus}, pipeline.Config{}, true)
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
	return serve(ctx, env, st, *addr, true)
}

func shellQuote(s string) string {
	if strings.ContainsAny(s, " '\"$`\\") {
		return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	return s
}
