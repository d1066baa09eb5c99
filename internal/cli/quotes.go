package cli

import (
	"context"
	"fmt"
	"io"
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
