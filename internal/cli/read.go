package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// filterFlags registers the listing filters shared by articles and search.
type filterFlags struct {
	outlet, lang, from, to *string
	limit                  *int
	jsonOut, all           *bool
}

func addFilterFlags(fs interface {
	String(string, string, string) *string
	Int(string, int, string) *int
	Bool(string, bool, string) *bool
}) filterFlags {
	return filterFlags{
		outlet:  fs.String("outlet", "", "only this outlet (name or domain)"),
		lang:    fs.String("lang", "", "only this language (ISO 639-1)"),
		from:    fs.String("from", "", "published on or after this date (YYYY-MM-DD)"),
		to:      fs.String("to", "", "published before the end of this date (YYYY-MM-DD)"),
		limit:   fs.Int("n", 20, "number of results"),
		jsonOut: fs.Bool("json", false, "print JSON"),
		all:     fs.Bool("all", false, "list every copy of syndicated articles (by default a group appears once)"),
	}
}

func (f filterFlags) filter() (store.Filter, error) {
	out := store.Filter{Outlet: *f.outlet, Language: *f.lang, AllCopies: *f.all}
	var err error
	if out.From, err = parseDay(*f.from); err != nil {
		return out, err
	}
	if out.To, err = parseDay(*f.to); err != nil {
		return out, err
	}
	if !out.To.IsZero() {
		out.To = out.To.AddDate(0, 0, 1)
	}
	return out, nil
}

// parseDayOrTime accepts RFC 3339 or a day (midnight UTC, which the
// duplicate index reads as "some time that day").
func parseDayOrTime(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return parseDay(s)
}

func parseDay(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return t, fmt.Errorf("date %q: want YYYY-MM-DD: %w", s, news.ErrInvalid)
	}
	return t, nil
}

func runArticles(ctx context.Context, env Env, args []string) int {
	fs, db := newFlags(env, "articles")
	ff := addFilterFlags(fs)
	if _, err := parse(fs, args); err != nil {
		return exitUsage
	}
	f, err := ff.filter()
	if err != nil {
		return fail(env, err)
	}
	st, ok := openStore(ctx, env, *db)
	if !ok {
		return exitFailure
	}
	defer st.Close()
	var list []news.Article
	q := store.ArticleQuery{Filter: f, Limit: *ff.limit}
	for len(list) < *ff.limit {
		page, err := st.Articles(ctx, q)
		if err != nil {
			return fail(env, err)
		}
		list = append(list, page.Articles...)
		if page.Next == "" {
			break
		}
		q.Cursor = page.Next
	}
	if *ff.jsonOut {
		return printJSON(env, list)
	}
	for _, a := range list {
		fmt.Fprintf(env.Stdout, "%s  %s  %-22s  %s%s\n", a.ID, day(a.Published), oneLine(a.Source.Label(), 22),
			oneLine(titleOf(a), 80), copiesNote(a, *ff.all))
	}
	if len(list) == 0 {
		fmt.Fprintln(env.Stderr, "no articles")
	}
	return exitOK
}

// copiesNote tells a reader of a collapsed listing that more outlets
// carried the article, and in a full listing which group it belongs to.
func copiesNote(a news.Article, all bool) string {
	switch {
	case a.Copies == 0:
		return ""
	case all && a.DupGroup != a.ID:
		return "  [copy of " + a.DupGroup + "]"
	case a.Copies == 1:
		return "  [+1 copy]"
	}
	return fmt.Sprintf("  [+%d copies]", a.Copies)
}

func day(t time.Time) string {
	if t.IsZero() {
		return "----------"
	}
	return t.UTC().Format("2006-01-02")
}

func titleOf(a news.Article) string {
	if a.Title == "" {
		return "(untitled)"
	}
	if a.TitleDerived {
		return a.Title + " [from lead]"
	}
	return a.Title
}

func printJSON(env Env, v any) int {
	enc := json.NewEncoder(env.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fail(env, err)
	}
	return exitOK
}

func runShow(ctx context.Context, env Env, args []string) int {
	fs, db := newFlags(env, "show")
	jsonOut := fs.Bool("json", false, "print the article as JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) != 1 {
		fmt.Fprintln(env.Stderr, "usage: dossier show [--db FILE] [--json] ID")
		return exitUsage
	}
	st, ok := openStore(ctx, env, *db)
	if !ok {
		return exitFailure
	}
	defer st.Close()
	a, err := st.Article(ctx, pos[0])
	if err != nil {
		return fail(env, err)
	}
	links, err := st.Links(ctx, store.LinkQuery{Article: a.ID})
	if err != nil {
		return fail(env, err)
	}
	ents, err := st.Entities(ctx, store.EntityQuery{Article: a.ID, Limit: store.MaxLimit})
	if err != nil {
		return fail(env, err)
	}
	times, err := st.TimeExpressions(ctx, a.ID)
	if err != nil {
		return fail(env, err)
	}
	quotes, err := st.Quotes(ctx, store.QuoteQuery{Articles: []string{a.ID}, Limit: store.MaxLimit})
	if err != nil {
		return fail(env, err)
	}
	if *jsonOut {
		if quotes == nil {
			quotes = []news.Quote{}
		}
		if times == nil {
			times = []news.TimeExpression{}
		}
		return printJSON(env, struct {
			news.Article
			Links    []news.Reuse          `json:"links"`
			Entities []news.Entity         `json:"entities"`
			Times    []news.TimeExpression `json:"times"`
			Quotes   []news.Quote          `json:"quotes"`
		}{a, nonNilLinks(links), nonNilEntities(ents), times, quotes})
	}
	w := env.Stdout
	fmt.Fprintf(w, "%s\n%s\n\n", titleOf(a), strings.Repeat("=", min(len([]rune(titleOf(a))), 78)))
	field := func(k, v string) {
		if v != "" {
			fmt.Fprintf(w, "%-10s %s\n", k+":", v)
		}
	}
	field("ID", a.ID)
	field("Outlet", a.Source.Label())
	field("URL", a.URL)
	switch {
	case a.Published.IsZero():
		field("Published", "unknown")
	case a.PublishedInferred:
		field("Published", a.Published.Format(time.DateOnly)+" (inferred: the latest date the text mentions)")
	default:
		field("Published", a.Published.Format(time.RFC3339))
	}
	field("Authors", strings.Join(a.Authors, ", "))
	var credits []string
	for _, c := range a.Credits {
		credits = append(credits, c.Name)
	}
	field("Credits", strings.Join(credits, ", "))
	field("Language", a.Language)
	field("Input", a.Format+" "+a.Origin)
	if a.DupGroup != "" {
		if a.DupGroup == a.ID {
			field("Copies", fmt.Sprintf("%d other outlets carry this article; it published first", a.Copies))
		} else {
			field("Copy of", fmt.Sprintf("%s, published first (%d copies in the group)", a.DupGroup, a.Copies))
		}
	}
	if len(ents) > 0 {
		var names []string
		for _, e := range ents[:min(len(ents), 12)] {
			names = append(names, e.Name+" ("+e.Type+")")
		}
		field("Entities", strings.Join(names, ", "))
	}
	fmt.Fprintln(w)
	for _, p := range a.Paragraphs {
		fmt.Fprintf(w, "%s\n\n", a.Text[p.Span.Start:p.Span.End])
	}
	printArticleQuotes(w, a, quotes)
	printTimes(w, times)
	if len(links) > 0 {
		fmt.Fprintf(w, "Shared text (%d related articles)\n", len(links))
		printLinks(ctx, w, st, links)
	}
	return exitOK
}

func runSearch(ctx context.Context, env Env, args []string) int {
	fs, db := newFlags(env, "search")
	ff := addFilterFlags(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) == 0 {
		fmt.Fprintln(env.Stderr, `usage: dossier search [--db FILE] [filters] QUERY   (words, "phrases", OR, -exclude)`)
		return exitUsage
	}
	f, err := ff.filter()
	if err != nil {
		return fail(env, err)
	}
	st, ok := openStore(ctx, env, *db)
	if !ok {
		return exitFailure
	}
	defer st.Close()
	page, err := st.Search(ctx, store.SearchQuery{Filter: f, Text: strings.Join(pos, " "), Limit: *ff.limit})
	if err != nil {
		return fail(env, err)
	}
	if *ff.jsonOut {
		return printJSON(env, page.Hits)
	}
	tty := isTerminal(env.Stdout)
	for _, h := range page.Hits {
		a := h.Article
		fmt.Fprintf(env.Stdout, "%s  %s  %s  (%.2f)%s\n    %s\n", a.ID, day(a.Published), oneLine(a.Source.Label()+" — "+titleOf(a), 90),
			h.Score, copiesNote(a, *ff.all), highlight(h.Snippet, h.Highlights, tty))
	}
	if len(page.Hits) == 0 {
		fmt.Fprintln(env.Stderr, "no matches")
	}
	if page.Window > 0 {
		fmt.Fprintf(env.Stderr, "many articles match: the best of the %d stored most recently are shown (--from/--to reach older ones)\n", page.Window)
	}
	return exitOK
}

// highlight marks matched terms: bold on a terminal, [brackets] in pipes.
func highlight(s string, spans []news.Span, tty bool) string {
	open, close := "[", "]"
	if tty {
		open, close = "\033[1m", "\033[0m"
	}
	var b strings.Builder
	last := 0
	for _, sp := range spans {
		if sp.Start < last || sp.End > len(s) {
			continue
		}
		b.WriteString(s[last:sp.Start] + open + s[sp.Start:sp.End] + close)
		last = sp.End
	}
	b.WriteString(s[last:])
	return strings.Join(strings.Fields(b.String()), " ")
}

func runErrors(ctx context.Context, env Env, args []string) int {
	fs, db := newFlags(env, "errors")
	limit := fs.Int("n", 100, "number of failures to list")
	jsonOut := fs.Bool("json", false, "print JSON")
	if _, err := parse(fs, args); err != nil {
		return exitUsage
	}
	st, ok := openStore(ctx, env, *db)
	if !ok {
		return exitFailure
	}
	defer st.Close()
	fails, err := st.Failures(ctx, *limit)
	if err != nil {
		return fail(env, err)
	}
	if *jsonOut {
		return printJSON(env, fails)
	}
	for _, f := range fails {
		fmt.Fprintf(env.Stdout, "%s  %-10s %s\n    %s\n", f.At.Local().Format("2006-01-02 15:04:05"), f.Kind, f.Origin, f.Reason)
	}
	if len(fails) == 0 {
		fmt.Fprintln(env.Stderr, "no failures recorded")
	}
	return exitOK
}

func runStats(ctx context.Context, env Env, args []string) int {
	fs, db := newFlags(env, "stats")
	if _, err := parse(fs, args); err != nil {
		return exitUsage
	}
	st, ok := openStore(ctx, env, *db)
	if !ok {
		return exitFailure
	}
	defer st.Close()
	s, err := st.Stats(ctx)
	if err != nil {
		return fail(env, err)
	}
	fmt.Fprintf(env.Stdout, "%d articles from %d outlets, %d failed inputs\n", s.Articles, s.Outlets, s.Failures)
	fmt.Fprintf(env.Stdout, "%d syndication groups holding %d copies\n", s.DupGroups, s.Copies)
	fmt.Fprintf(env.Stdout, "%d entities, %d quotes\n", s.Entities, s.Quotes)
	fmt.Fprintf(env.Stdout, "%d stories, %d storylines\n", s.Stories, s.Storylines)
	return exitOK
}
