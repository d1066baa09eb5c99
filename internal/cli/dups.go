package cli

import (
	"context"
	"fmt"
	"slices"

	"github.com/dossier-news/dossier/internal/dedup"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// runDups lists syndication groups and text reuse. Until the duplicate
// index is persisted (issue 3), it is rebuilt from the stored articles on
// every call, feeding them oldest first as the pipeline will.
func runDups(ctx context.Context, env Env, args []string) int {
	fs, db := newFlags(env, "dups")
	links := fs.Bool("links", false, "also list paragraph and sentence reuse between articles")
	if _, err := parse(fs, args); err != nil {
		return exitUsage
	}
	st, ok := openStore(ctx, env, *db)
	if !ok {
		return exitFailure
	}
	defer st.Close()
	var all []news.Article
	q := store.ArticleQuery{Limit: store.MaxLimit}
	for {
		page, err := st.Articles(ctx, q)
		if err != nil {
			return fail(env, err)
		}
		all = append(all, page.Articles...)
		if page.Next == "" {
			break
		}
		q.Cursor = page.Next
	}
	slices.Reverse(all)
	ix, err := dedup.NewIndex(dedup.DefaultConfig())
	if err != nil {
		return fail(env, err)
	}
	byID := make(map[string]news.Article, len(all))
	var reports []dedup.Report
	for _, a := range all {
		byID[a.ID] = a
		r, err := ix.Add(dedup.DocFromArticle(a))
		if err != nil {
			return fail(env, err)
		}
		reports = append(reports, r)
	}
	label := func(id string) string {
		a := byID[id]
		return fmt.Sprintf("%s  %s  %-22s %s", id, day(a.Published), oneLine(a.Source.Label(), 22), oneLine(titleOf(a), 60))
	}
	groups := 0
	for _, g := range ix.Groups() {
		if len(g.Members) < 2 {
			continue
		}
		groups++
		fmt.Fprintf(env.Stdout, "group of %d, first published by:\n  %s\n", len(g.Members), label(g.Origin))
		for _, m := range g.Members {
			if m != g.Origin {
				fmt.Fprintf(env.Stdout, "    copy %s\n", label(m))
			}
		}
	}
	fmt.Fprintf(env.Stdout, "%d syndication groups among %d articles\n", groups, len(all))
	if *links {
		for _, r := range reports {
			for _, l := range r.Links {
				fmt.Fprintf(env.Stdout, "%s  %-17s %s  (jaccard %.2f, %d shared paragraphs, %d shared sentences)\n",
					r.ID, l.Kind, l.Other, l.Jaccard, len(l.SharedParagraphs), l.SharedSentences)
			}
		}
	}
	return exitOK
}
