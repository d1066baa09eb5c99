package cli

import (
	"context"
	"fmt"
)

// runMigrate brings a store's schema up to date — opening a store
// applies every migration it lacks — and prints its version. Run it
// once before starting workers against a new PostgreSQL database.
func runMigrate(ctx context.Context, env Env, args []string) int {
	fs, db := newFlags(env, "migrate")
	if _, err := parse(fs, args); err != nil {
		return exitUsage
	}
	st, ok := openStore(ctx, env, *db)
	if !ok {
		return exitFailure
	}
	defer st.Close()
	v, ok := st.(interface {
		SchemaVersion(context.Context) (int, error)
	})
	if !ok {
		return fail(env, fmt.Errorf("the store at %s reports no schema version", *db))
	}
	n, err := v.SchemaVersion(ctx)
	if err != nil {
		return fail(env, err)
	}
	fmt.Fprintf(env.Stdout, "schema at version %d\n", n)
	return exitOK
}
