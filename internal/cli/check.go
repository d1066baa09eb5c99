package cli

import (
	"context"
	"fmt"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/pipeline"
	"github.com/dossier-news/dossier/internal/store"
)

// lagLimit bounds how many lagging articles check counts per stage: the
// count only has to say "some" and roughly how many.
const lagLimit = 10000

// derived lists, per stage, the articles stored without that stage's
// data.
func derived(st store.Store) []struct {
	name string
	left func(context.Context, int) ([]news.Article, error)
} {
	return []struct {
		name string
		left func(context.Context, int) ([]news.Article, error)
	}{
		{"fingerprints (duplicates)", st.Undeduplicated},
		{"entities", st.Unrecognized},
		{"time expressions", st.Untimed},
		{"quotes", st.Unquoted},
		{"story placement", st.Unstoried},
	}
}

func runCheck(ctx context.Context, env Env, args []string) int {
	fs, db := newFlags(env, "check")
	repair := fs.Bool("repair", false, "recompute missing derived data (what an interrupted run left undone) and relink storylines")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: dossier check [--db FILE] [--repair]\n\nVerify the store file's integrity and that every article went through every stage;\n--repair recomputes what is missing. Exit status 1 when problems remain.")
		fs.PrintDefaults()
	}
	if rest, err := parse(fs, args); err != nil || len(rest) > 0 {
		return exitUsage
	}
	st, ok := openStore(ctx, env, *db)
	if !ok {
		return exitFailure
	}
	defer st.Close()
	problems := 0
	if ic, ok := st.(store.IntegrityChecker); ok {
		if err := ic.Integrity(ctx); err != nil {
			// Structure cannot be recomputed: only a backup restores it.
			fmt.Fprintf(env.Stdout, "integrity: %v\n", err)
			problems++
		} else {
			fmt.Fprintln(env.Stdout, "integrity: ok")
		}
	}
	lagging, err := lag(ctx, env, st, !*repair)
	if err != nil {
		return fail(env, err)
	}
	if lagging > 0 && *repair {
		// Opening the pipeline catches every stage up on the articles
		// stored without it, in order, as a resumed run would.
		in, err := pipeline.Open(ctx, st, pipeline.Config{})
		if err != nil {
			return fail(env, err)
		}
		if err := in.Link(ctx); err != nil {
			return fail(env, err)
		}
		if lagging, err = lag(ctx, env, st, true); err != nil {
			return fail(env, err)
		}
	}
	problems += lagging
	if problems > 0 {
		fmt.Fprintln(env.Stdout, "check: problems found")
		return exitFailure
	}
	fmt.Fprintln(env.Stdout, "check: ok")
	return exitOK
}

// lag counts the stages with lagging articles, printing each when
// print is set.
func lag(ctx context.Context, env Env, st store.Store, print bool) (int, error) {
	n := 0
	for _, d := range derived(st) {
		as, err := d.left(ctx, lagLimit)
		if err != nil {
			return 0, err
		}
		if len(as) > 0 {
			n++
		}
		if print {
			more := ""
			if len(as) == lagLimit {
				more = " or more"
			}
			fmt.Fprintf(env.Stdout, "%s: %d articles without%s\n", d.name, len(as), more)
		}
	}
	return n, nil
}
