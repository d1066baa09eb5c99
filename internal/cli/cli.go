// Package cli implements the dossier command line: flag parsing, one
// function per subcommand, and human-readable output. It holds no logic
// of its own beyond presentation; the work happens in pipeline, store,
// httpapi and eval.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
	"github.com/dossier-news/dossier/internal/store/postgres"
	"github.com/dossier-news/dossier/internal/store/sqlite"
)

// Env is the process environment a command runs in, passed explicitly so
// that tests can run commands in-process.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
}

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1 // the command ran but something failed (e.g. a document)
	exitUsage   = 2
)

type command struct {
	summary string
	run     func(ctx context.Context, env Env, args []string) int
}

func commands() map[string]command {
	return map[string]command{
		"ingest":     {"ingest files, directories, feeds, URLs or - (stdin)", runIngest},
		"articles":   {"list stored articles (filter by outlet, language, dates)", runArticles},
		"show":       {"show one article", runShow},
		"search":     {"full-text search", runSearch},
		"errors":     {"list inputs that failed, with their reasons", runErrors},
		"serve":      {"serve the HTTP API and web pages", runServe},
		"demo":       {"ingest the bundled sample corpus into a fresh store and serve it", runDemo},
		"eval":       {"measure quality against ../shared evaluation sets (extract, dedup, ner, timex, quotes, stories, summaries, timelines)", runEval},
		"stats":      {"summarise the store", runStats},
		"dups":       {"list syndication groups (earliest publisher first) and text reuse", runDups},
		"entities":   {"list the people, organisations and places mentioned most", runEntities},
		"entity":     {"show one entity: spellings, roles, mentions, who it appears with", runEntity},
		"quotes":     {"list who said what, earliest first (by speaker, story or article)", runQuotes},
		"stories":    {"list stories: latest, by size, by date range, by entity", runStories},
		"story":      {"show one story: articles, outlets, dates, entities, storyline (--why explains)", runStory},
		"storylines": {"list storylines: stories linked across months", runStorylines},
		"synth":      {"write a synthetic corpus as JSON lines, for load and scale tests", runSynth},
		"loadtest":   {"drive a running server with a bounded reader mix; print requests/s and latency percentiles", runLoadtest},
		"migrate":    {"apply the store's schema migrations (SQLite file or postgres:// URL) and print its version", runMigrate},
		"token":      {"create or list API tokens for writes (token create NAME | token list)", runToken},
		"webhook":    {"POST new stories matching a saved search to a URL, signed (webhook add|list|rm|deliveries)", runWebhook},
		"worker":     {"consume what 'ingest --bus' published into a PostgreSQL store; run one per core or machine", runWorker},
		"check":      {"verify the store's integrity and that every article went through every stage (--repair recomputes)", runCheck},
		"train":      {"retrain the embedded models from ../shared (train ner|quotes)", runTrain},
	}
}

// Main runs the command line and returns the process exit code.
func Main(ctx context.Context, args []string, env Env) int {
	if env.Getenv == nil {
		env.Getenv = func(string) string { return "" }
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(env.Stderr)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	cmd, ok := commands()[args[0]]
	if !ok {
		fmt.Fprintf(env.Stderr, "dossier: unknown command %q\n\n", args[0])
		usage(env.Stderr)
		return exitUsage
	}
	return cmd.run(ctx, env, args[1:])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: dossier COMMAND [flags] [args]\n\ncommands:")
	cmds := commands()
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-9s %s\n", n, cmds[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'dossier COMMAND -h' for a command's flags. The store defaults to ./dossier.db or $DOSSIER_DB.")
}

// newFlags returns a flag set with the flags every store-using command
// shares.
func newFlags(env Env, name string) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet("dossier "+name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	def := env.Getenv("DOSSIER_DB")
	if def == "" {
		def = "dossier.db"
	}
	db := fs.String("db", def, "SQLite database `file`, or a postgres:// URL (default $DOSSIER_DB, else dossier.db)")
	return fs, db
}

// parse parses flags allowing them after positional arguments too
// ("dossier ingest dir/ --db x.db"), which users type all the time.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if rest[0] == "--" {
			return append(pos, rest[1:]...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func openStore(ctx context.Context, env Env, path string) (store.Store, bool) {
	var st store.Store
	var err error
	if isPostgres(path) {
		st, err = postgres.Open(ctx, path)
	} else {
		st, err = sqlite.Open(ctx, path)
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "dossier: %v\n", err)
		return nil, false
	}
	return st, true
}

// isPostgres tells a PostgreSQL connection URL from an SQLite file
// path: --db takes either.
func isPostgres(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

// fail prints err and returns the exit code for it.
func fail(env Env, err error) int {
	fmt.Fprintf(env.Stderr, "dossier: %v\n", err)
	if errors.Is(err, news.ErrInvalid) {
		return exitUsage
	}
	return exitFailure
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func oneLine(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > max {
		return string(r[:max-1]) + "…"
	}
	return s
}
