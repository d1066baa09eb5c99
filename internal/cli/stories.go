package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
	"github.com/dossier-news/dossier/internal/story"
	"github.com/dossier-news/dossier/internal/summarize"
)

// runStories lists stories: the latest or the largest, in a date range,
// or those naming one entity.
func runStories(ctx context.Context, env Env, args []string) int {
	fs, db := newFlags(env, "stories")
	sort := fs.String("sort", store.StoriesLatest, "order: latest (latest article first) or size (most articles first)")
	from := fs.String("from", "", "with an article published on or after this date (YYYY-MM-DD)")
	to := fs.String("to", "", "with an article published before the end of this date (YYYY-MM-DD)")
	entity := fs.String("entity", "", "only stories naming this entity (`name` or id)")
	minArticles := fs.Int("min", 1, "only stories of at least this many articles")
	limit := fs.Int("n", 20, "number of stories (max 500)")
	jsonOut := fs.Bool("json", false, "print JSON")
	if _, err := parse(fs, args); err != nil {
		return exitUsage
	}
	if *sort != store.StoriesLatest && *sort != store.StoriesSize {
		fmt.Fprintf(env.Stderr, "dossier stories: --sort %q: want latest or size\n", *sort)
		return exitUsage
	}
	q := store.StoryQuery{Sort: *sort, MinArticles: *minArticles, Limit: store.ClampLimit(*limit)}
	var err error
	if q.From, err = parseDay(*from); err != nil {
		return fail(env, err)
	}
	if q.To, err = parseDay(*to); err != nil {
		return fail(env, err)
	}
	if !q.To.IsZero() {
		q.To = q.To.AddDate(0, 0, 1)
	}
	st, ok := openStore(ctx, env, *db)
	if !ok {
		return exitFailure
	}
	defer st.Close()
	if *entity != "" {
		e, err := findEntity(ctx, st, *entity)
		if err != nil {
			return fail(env, err)
		}
		q.Entity = e.ID
	}
	ss, err := st.Stories(ctx, q)
	if err != nil {
		return fail(env, err)
	}
	if *jsonOut {
		if ss == nil {
			ss = []news.Story{}
		}
		return printJSON(env, ss)
	}
	for _, s := range ss {
		fmt.Fprintf(env.Stdout, "%-22s %s  %3d articles, %2d outlets  %s\n", s.ID, span(s.First, s.Last), s.Articles, s.Outlets, oneLine(s.Title, 70))
	}
	return exitOK
}

// span prints a time span as days.
func span(first, last time.Time) string {
	if first.IsZero() {
		return "undated               "
	}
	a, b := first.Format(time.DateOnly), last.Format(time.DateOnly)
	if a == b {
		return a + "            "
	}
	return a + "…" + b[5:] + (strings.Repeat(" ", 6))
}

// runStory shows one story: its articles with outlets and dates, its
// top entities and storyline, and with --why each placement decision.
func runStory(ctx context.Context, env Env, args []string) int {
	fs, db := newFlags(env, "story")
	why := fs.Bool("why", false, "explain why each article joined the story")
	words := fs.Int("words", summarize.DefaultOptions().Words, "summary length budget in words")
	jsonOut := fs.Bool("json", false, "print JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) != 1 {
		fmt.Fprintln(env.Stderr, "usage: dossier story [--db FILE] [--why] [--words N] [--json] ID")
		return exitUsage
	}
	st, ok := openStore(ctx, env, *db)
	if !ok {
		return exitFailure
	}
	defer st.Close()
	s, err := st.Story(ctx, pos[0])
	if err != nil {
		return fail(env, err)
	}
	var line *news.Storyline
	if s.Storyline != "" {
		ls, err := st.Storylines(ctx, store.StorylineQuery{Story: s.ID, Limit: 1})
		if err != nil {
			return fail(env, err)
		}
		if len(ls) == 1 {
			line = &ls[0]
		}
	}
	sum, tl, err := summarize.Story(ctx, st, s.ID, summarize.Options{Words: *words}, summarize.TimelineOptions{}, nil)
	if err != nil {
		return fail(env, err)
	}
	if *jsonOut {
		return printJSON(env, struct {
			news.Story
			Line     *news.Storyline `json:"storyline_detail,omitempty"`
			Summary  news.Summary    `json:"summary"`
			Timeline news.Timeline   `json:"timeline"`
		}{s, line, sum, tl})
	}
	w := env.Stdout
	fmt.Fprintf(w, "%s\n%s\n\n", s.Title, strings.Repeat("=", min(len([]rune(s.Title)), 78)))
	if s.ID != pos[0] {
		fmt.Fprintf(w, "%-10s %s (merged into it: %s)\n", "ID:", s.ID, pos[0])
	} else {
		fmt.Fprintf(w, "%-10s %s\n", "ID:", s.ID)
	}
	fmt.Fprintf(w, "%-10s %d articles from %d outlets, %s\n", "Size:", s.Articles, s.Outlets, strings.TrimSpace(span(s.First, s.Last)))
	if len(s.Entities) > 0 {
		var names []string
		for _, e := range s.Entities[:min(len(s.Entities), 10)] {
			names = append(names, fmt.Sprintf("%s (%d)", e.Name, e.Articles))
		}
		fmt.Fprintf(w, "%-10s %s\n", "Entities:", strings.Join(names, ", "))
	}
	if line != nil {
		fmt.Fprintf(w, "%-10s %s: %d stories, %d articles, %s\n", "Storyline:", line.ID, len(line.Stories), line.Articles, strings.TrimSpace(span(line.First, line.Last)))
	}
	// Citations point into the numbered article list below.
	num := map[string]int{}
	for i, m := range s.Members {
		num[m.Article] = i + 1
	}
	if len(sum.Sentences) > 0 {
		fmt.Fprintf(w, "\nSummary\n")
		for _, x := range sum.Sentences {
			fmt.Fprintf(w, "  %s %s\n", x.Text, cites(x.Citations, num))
		}
	}
	if len(tl.Entries) > 0 {
		fmt.Fprintf(w, "\nTimeline\n")
		for _, e := range tl.Entries {
			for i, x := range e.Sentences {
				date := strings.Repeat(" ", 10)
				if i == 0 {
					date = e.Date.Format(time.DateOnly)
				}
				fmt.Fprintf(w, "  %s  %s %s\n", date, x.Text, cites(x.Citations, num))
			}
		}
	}
	// Decisions name entities by id; readers want their names.
	names := map[string]string{}
	name := func(id string) string {
		if n, ok := names[id]; ok {
			return n
		}
		names[id] = id
		if e, err := st.Entity(ctx, id); err == nil {
			names[id] = e.Name
		}
		return names[id]
	}
	fmt.Fprintf(w, "\nArticles (in the order they joined)\n")
	for i, m := range s.Members {
		date := "undated   "
		if !m.Published.IsZero() {
			date = m.Published.Format(time.DateOnly)
		}
		fmt.Fprintf(w, "  [%d] %s  %s  %-18s %-8s %s\n", i+1, date, m.Article, oneLine(m.Source, 18), m.Reason, oneLine(m.Title, 60))
		if *why {
			printWhy(w, m, name)
		}
	}
	return exitOK
}

// cites renders citations as the numbers of the cited articles in the
// story's list, earliest publisher first.
func cites(cs []news.Citation, num map[string]int) string {
	var b strings.Builder
	for _, c := range cs {
		if n, ok := num[c.Article]; ok {
			fmt.Fprintf(&b, "[%d]", n)
		}
	}
	return b.String()
}

// printWhy explains one placement from the decision the clusterer
// recorded.
func printWhy(w io.Writer, m news.StoryMember, name func(string) string) {
	switch m.Reason {
	case "merged":
		var g story.Merge
		if json.Unmarshal(m.Why, &g) == nil {
			fmt.Fprintf(w, "      repair merged its story %s into %s (similarity %.3f, %d articles moved)\n", g.From, g.Into, g.Score, len(g.Docs))
		}
		return
	case "split":
		var sp story.Split
		if json.Unmarshal(m.Why, &sp) == nil {
			fmt.Fprintf(w, "      repair split it from %s with %d articles that had drifted apart\n", sp.From, len(sp.Docs))
		}
		return
	}
	var d story.Decision
	if len(m.Why) == 0 || json.Unmarshal(m.Why, &d) != nil {
		return
	}
	switch d.Reason {
	case story.Copied:
		fmt.Fprintln(w, "      a syndicated copy: follows its origin's story")
	case story.Started:
		if d.Best == nil {
			fmt.Fprintf(w, "      started a story: no recent story shared its terms or entities (%d considered)\n", d.Considered)
		} else {
			fmt.Fprintf(w, "      started a story: best candidate %s scored %.3f < threshold %.3f\n", d.Best.Story, d.Best.Score, d.Threshold)
		}
	case story.Joined:
		fmt.Fprintf(w, "      joined: score %.3f ≥ threshold %.3f (of %d candidates)\n", d.Best.Score, d.Threshold, d.Considered)
	}
	for _, c := range []struct {
		label string
		c     *story.Candidate
	}{{"best", d.Best}, {"runner-up", d.RunnerUp}} {
		if c.c == nil {
			continue
		}
		ignored := ""
		if c.c.EntitiesIgnored {
			ignored = " (not counted: text similarity under the entity floor)"
		}
		fmt.Fprintf(w, "      %-9s %s (%d articles): text %.3f, nearest %.3f, entities %.3f%s, time ×%.2f (%.0f days apart)\n",
			c.label, c.c.Story, c.c.Size, c.c.Text, c.c.Nearest, c.c.Entities, ignored, c.c.Time, c.c.GapDays)
		if len(c.c.SharedTerms) > 0 {
			fmt.Fprintf(w, "                shared terms: %s\n", strings.Join(c.c.SharedTerms[:min(len(c.c.SharedTerms), 10)], ", "))
		}
		if len(c.c.SharedEntities) > 0 {
			var names []string
			for _, id := range c.c.SharedEntities[:min(len(c.c.SharedEntities), 8)] {
				names = append(names, name(id))
			}
			fmt.Fprintf(w, "                shared entities: %s\n", strings.Join(names, ", "))
		}
	}
}

// runStorylines lists storylines, latest first.
func runStorylines(ctx context.Context, env Env, args []string) int {
	fs, db := newFlags(env, "storylines")
	limit := fs.Int("n", 20, "number of storylines (max 500)")
	jsonOut := fs.Bool("json", false, "print JSON")
	if _, err := parse(fs, args); err != nil {
		return exitUsage
	}
	st, ok := openStore(ctx, env, *db)
	if !ok {
		return exitFailure
	}
	defer st.Close()
	ls, err := st.Storylines(ctx, store.StorylineQuery{Limit: store.ClampLimit(*limit)})
	if err != nil {
		return fail(env, err)
	}
	if *jsonOut {
		if ls == nil {
			ls = []news.Storyline{}
		}
		return printJSON(env, ls)
	}
	for _, l := range ls {
		fmt.Fprintf(env.Stdout, "%-22s %s  %2d stories, %3d articles  %s\n", l.ID, span(l.First, l.Last), len(l.Stories), l.Articles, oneLine(l.Title, 60))
		fmt.Fprintf(env.Stdout, "    stories: %s\n", strings.Join(l.Stories, ", "))
	}
	return exitOK
}
