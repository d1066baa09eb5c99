package cli

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/notify"
	"github.com/dossier-news/dossier/internal/store"
)

const webhookUsage = "usage: dossier webhook [--db FILE] add --query Q --url URL | list | rm ID | deliveries [-n N] ID"

// runWebhook manages webhooks: saved searches whose new stories
// `dossier serve --webhooks` POSTs to a URL. add prints the secret that
// signs the deliveries, the only time it is shown; list never does.
func runWebhook(ctx context.Context, env Env, args []string) int {
	fs, db := newFlags(env, "webhook")
	query := fs.String("query", "", "saved `search` whose new stories are sent (add), in the syntax of dossier search")
	url := fs.String("url", "", "receiver `URL`, http:// or https:// (add)")
	limit := fs.Int("n", 50, "deliveries to list, latest first (deliveries)")
	pos, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	want := map[string]int{"add": 1, "list": 1, "rm": 2, "deliveries": 2}
	if len(pos) == 0 || want[pos[0]] != len(pos) || (pos[0] == "add") != (*query != "" || *url != "") {
		fmt.Fprintln(env.Stderr, webhookUsage)
		return exitUsage
	}
	st, ok := openStore(ctx, env, *db)
	if !ok {
		return exitFailure
	}
	defer st.Close()
	switch pos[0] {
	case "add":
		return addWebhook(ctx, env, st, *query, *url)
	case "list":
		hooks, err := st.Webhooks(ctx)
		if err != nil {
			return fail(env, err)
		}
		for _, w := range hooks {
			fmt.Fprintf(env.Stdout, "%s  %s  %q  %s\n", w.ID, w.Created.Format(time.DateOnly), w.Query, w.URL)
		}
	case "rm":
		if err := st.DeleteWebhook(ctx, pos[1]); err != nil {
			return fail(env, err)
		}
		fmt.Fprintf(env.Stderr, "webhook %s removed, with its deliveries\n", pos[1])
	case "deliveries":
		return listDeliveries(ctx, env, st, pos[1], *limit)
	}
	return exitOK
}

func addWebhook(ctx context.Context, env Env, st store.Store, query, url string) int {
	w, err := news.NewWebhook(query, url, time.Now())
	if err != nil {
		return fail(env, err)
	}
	// A query the store cannot run would only fail at every tick; say so
	// now, while the user is here to fix it.
	if _, err := st.Search(ctx, store.SearchQuery{Text: w.Query, Limit: 1}); err != nil {
		return fail(env, fmt.Errorf("webhook query %q: %w", w.Query, err))
	}
	if err := st.PutWebhook(ctx, w); err != nil {
		return fail(env, err)
	}
	fmt.Fprintf(env.Stderr, "webhook %s created for %q → %s. Its secret, shown this once, signs every delivery:\n"+
		"X-Dossier-Signature: sha256=<hex HMAC-SHA256 of the body>. Deliveries start with dossier serve --webhooks.\n",
		w.ID, w.Query, w.URL)
	fmt.Fprintf(env.Stdout, "%s %s\n", w.ID, w.Secret)
	return exitOK
}

func listDeliveries(ctx context.Context, env Env, st store.Store, id string, limit int) int {
	hooks, err := st.Webhooks(ctx)
	if err != nil {
		return fail(env, err)
	}
	known := false
	for _, w := range hooks {
		known = known || w.ID == id
	}
	if !known {
		return fail(env, fmt.Errorf("webhook %s: %w", id, news.ErrNotFound))
	}
	ds, err := st.Deliveries(ctx, id, limit)
	if err != nil {
		return fail(env, err)
	}
	for _, d := range ds {
		line := fmt.Sprintf("%s  %-9s  %d attempt(s)  %s", d.Story, d.Status, d.Attempts, d.At.Format(time.RFC3339))
		if !d.NextAttempt.IsZero() {
			line += "  next " + d.NextAttempt.Format(time.RFC3339)
		}
		if d.LastError != "" {
			line += "  " + oneLine(d.LastError, 120)
		}
		fmt.Fprintln(env.Stdout, line)
	}
	return exitOK
}

// startNotifier runs the webhook notifier in the background, ticking
// every interval, and returns the function that stops it and waits for
// it: the caller closes the store only after that.
func startNotifier(ctx context.Context, env Env, st store.Store, every time.Duration) (stop func()) {
	log := slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	n := notify.New(st, notify.Config{Log: log})
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		n.Run(ctx, every)
	}()
	return func() { cancel(); <-done }
}
