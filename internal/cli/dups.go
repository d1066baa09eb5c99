package cli

import (
	"context"
	"fmt"
	"io"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// runDups lists syndication groups, and with --links every reuse link, as
// the ingest pipeline's duplicate stage recorded them.
func runDups(ctx context.Context, env Env, args []string) int {
	fs, db := newFlags(env, "dups")
	links := fs.Bool("links", false, "also list paragraph and sentence reuse between articles")
	limit := fs.Int("n", 0, "at most this many groups (0: all)")
	jsonOut := fs.Bool("json", false, "print JSON")
	if _, err := parse(fs, args); err != nil {
		return exitUsage
	}
	st, ok := openStore(ctx, env, *db)
	if !ok {
		return exitFailure
	}
	defer st.Close()
	groups, err := st.DupGroups(ctx, *limit)
	if err != nil {
		return fail(env, err)
	}
	var reuse []news.Reuse
	if *links {
		if reuse, err = st.Links(ctx, store.LinkQuery{}); err != nil {
			return fail(env, err)
		}
	}
	if *jsonOut {
		return printJSON(env, struct {
			Groups []news.DupGroup `json:"groups"`
			Links  []news.Reuse    `json:"links,omitempty"`
		}{nonNilGroups(groups), reuse})
	}
	w := env.Stdout
	label := articleLabeler(ctx, st)
	for _, g := range groups {
		fmt.Fprintf(w, "group of %d, first published by:\n  %s\n", len(g.Members), label(g.Origin))
		for _, m := range g.Members[1:] {
			fmt.Fprintf(w, "    copy %s\n", label(m))
		}
	}
	fmt.Fprintf(w, "%d syndication groups\n", len(groups))
	if *links {
		printLinks(ctx, w, st, reuse)
	}
	return exitOK
}

// printLinks writes one line per reuse link, naming both articles.
func printLinks(ctx context.Context, w io.Writer, st store.Store, links []news.Reuse) {
	label := articleLabeler(ctx, st)
	for _, l := range links {
		fmt.Fprintf(w, "  %s  %-17s %s\n      jaccard %.2f, %.0f%% of it in the other, %d shared paragraphs, %d shared sentences\n",
			l.Article, l.Kind, label(l.Other), l.Jaccard, 100*l.Containment, len(l.Paragraphs), l.Sentences)
	}
}

// articleLabeler returns a function naming an article by id, date, outlet
// and title, reading each article once.
func articleLabeler(ctx context.Context, st store.Store) func(id string) string {
	seen := map[string]string{}
	return func(id string) string {
		if s, ok := seen[id]; ok {
			return s
		}
		s := id + "  (not found)"
		if a, err := st.Article(ctx, id); err == nil {
			s = fmt.Sprintf("%s  %s  %-22s %s", id, day(a.Published), oneLine(a.Source.Label(), 22), oneLine(titleOf(a), 60))
		}
		seen[id] = s
		return s
	}
}

func nonNilGroups(gs []news.DupGroup) []news.DupGroup {
	if gs == nil {
		return []news.DupGroup{}
	}
	return gs
}

func nonNilLinks(ls []news.Reuse) []news.Reuse {
	if ls == nil {
		return []news.Reuse{}
	}
	return ls
}
