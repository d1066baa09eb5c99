package cli

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// runQuotes lists who said what, earliest first: all quotes, one
// speaker's across the corpus, or one article's.
func runQuotes(ctx context.Context, env Env, args []string) int {
	fs, db := newFlags(env, "quotes")
	speaker := fs.String("speaker", "", "only quotes attributed to this entity (`name` or id)")
	article := fs.String("article", "", "only quotes one article `id` carries")
	storyID := fs.String("story", "", "only quotes carried by the articles of one story `id`")
	limit := fs.Int("n", 50, "at most this many quotes (max 500)")
	jsonOut := fs.Bool("json", false, "print JSON")
	if _, err := parse(fs, args); err != nil {
		return exitUsage
	}
	st, ok := openStore(ctx, env, *db)
	if !ok {
		return exitFailure
	}
	defer st.Close()
	q := store.QuoteQuery{Limit: store.ClampLimit(*limit)}
	if *article != "" {
		q.Articles = []string{*article}
	}
	if *storyID != "" {
		s, err := st.Story(ctx, *storyID)
		if err != nil {
			return fail(env, err)
		}
		for _, m := range s.Members {
			q.Articles = append(q.Articles, m.Article)
		}
	}
	if *speaker != "" {
		e, err := findEntity(ctx, st, *speaker)
		if err != nil {
			return fail(env, err)
		}
		q.Speaker = e.ID
	}
	qs, err := st.Quotes(ctx, q)
	if err != nil {
		return fail(env, err)
	}
	if *jsonOut {
		if qs == nil {
			qs = []news.Quote{}
		}
		return printJSON(env, qs)
	}
	printQuotes(env.Stdout, qs)
	return exitOK
}

// printQuotes prints each quote with its date, speaker, kind and the
// articles carrying it.
func printQuotes(w io.Writer, qs []news.Quote) {
	for _, q := range qs {
		fmt.Fprintf(w, "%s  %s (%s)  [%s]\n", q.First.Format(time.DateOnly), speakerLabel(q.Speaker), q.Kind, q.ID)
		fmt.Fprintf(w, "    %s\n", oneLine(q.Content, 300))
		var carriers []string
		for _, c := range q.Carriers {
			cue := c.CueText
			if c.SourceText != "" {
				cue = c.SourceText + " " + cue
			}
			carriers = append(carriers, fmt.Sprintf("%s (%s)", c.Article, strings.TrimSpace(cue)))
		}
		fmt.Fprintf(w, "    carried by %d: %s\n\n", len(q.Carriers), strings.Join(carriers, ", "))
	}
}

// speakerLabel names a speaker for a reader: the entity's name, an
// anonymous source as written and marked, else "unattributed".
func speakerLabel(s news.Speaker) string {
	switch {
	case s.Type == news.SpeakerAnonymous:
		return "anonymous: " + s.Name
	case s.Name != "":
		return s.Name
	}
	return "unattributed"
}

// printArticleQuotes prints who said what in one article, in text
// order, noting the other articles that carry the same statement.
func printArticleQuotes(w io.Writer, a news.Article, qs []news.Quote) {
	type line struct {
		q news.Quote
		c news.QuoteCarrier
	}
	var lines []line
	for _, q := range qs {
		for _, c := range q.Carriers {
			if c.Article == a.ID {
				lines = append(lines, line{q, c})
			}
		}
	}
	if len(lines) == 0 {
		return
	}
	slices.SortFunc(lines, func(x, y line) int { return x.c.Content.Start - y.c.Content.Start })
	fmt.Fprintf(w, "Who said what (%d)\n", len(lines))
	for _, l := range lines {
		content := l.q.Content
		if l.c.Content.End <= len(a.Text) && l.c.Content.Start < l.c.Content.End {
			content = a.Text[l.c.Content.Start:l.c.Content.End]
		}
		fmt.Fprintf(w, "  %s (%s): %s\n", speakerLabel(l.c.Speaker), l.q.Kind, oneLine(content, 240))
		switch n := len(l.q.Carriers) - 1; {
		case n == 1:
			fmt.Fprintf(w, "      also carried by 1 other article [%s]\n", l.q.ID)
		case n > 1:
			fmt.Fprintf(w, "      also carried by %d other articles [%s]\n", n, l.q.ID)
		}
	}
	fmt.Fprintln(w)
}
