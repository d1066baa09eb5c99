package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// runToken manages API tokens: create prints a new token's secret, the
// only time it is shown (the store keeps its hash); list shows names and
// dates.
func runToken(ctx context.Context, env Env, args []string) int {
	fs, db := newFlags(env, "token")
	pos, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) == 0 || (pos[0] == "create" && len(pos) != 2) || (pos[0] == "list" && len(pos) != 1) || (pos[0] != "create" && pos[0] != "list") {
		fmt.Fprintln(env.Stderr, "usage: dossier token [--db FILE] create NAME | list")
		return exitUsage
	}
	st, ok := openStore(ctx, env, *db)
	if !ok {
		return exitFailure
	}
	defer st.Close()
	if pos[0] == "list" {
		ts, err := st.Tokens(ctx)
		if err != nil {
			return fail(env, err)
		}
		for _, t := range ts {
			fmt.Fprintf(env.Stdout, "%s  %s  %s\n", t.ID, t.Created.Format(time.DateOnly), t.Name)
		}
		return exitOK
	}
	t, secret, err := news.NewToken(pos[1], time.Now())
	if err != nil {
		return fail(env, err)
	}
	if err := st.PutToken(ctx, t); err != nil {
		return fail(env, err)
	}
	fmt.Fprintf(env.Stderr, "token %s (%s) created; its secret is shown this once:\n", t.ID, t.Name)
	fmt.Fprintln(env.Stdout, secret)
	return exitOK
}
