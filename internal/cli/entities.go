package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/dossier-news/dossier/internal/entity"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// runEntities lists the entities mentioned in the most articles.
func runEntities(ctx context.Context, env Env, args []string) int {
	fs, db := newFlags(env, "entities")
	typ := fs.String("type", "", "only this class: PER, ORG, LOC or MISC")
	article := fs.String("article", "", "only the entities one article `id` mentions")
	match := fs.String("match", "", "only entities with a name containing this `fragment` (\"lavr\", \"sergey lav\"), spelling variants folded")
	limit := fs.Int("n", 30, "at most this many entities (max 500)")
	jsonOut := fs.Bool("json", false, "print JSON")
	if _, err := parse(fs, args); err != nil {
		return exitUsage
	}
	q := store.EntityQuery{Type: strings.ToUpper(*typ), Article: *article, Limit: *limit}
	if *match != "" {
		if q.Match = entity.NameKey(*match); q.Match == "" {
			fmt.Fprintf(env.Stderr, "dossier entities: --match %q has no letters or digits\n", *match)
			return exitUsage
		}
	}
	switch q.Type {
	case "", "PER", "ORG", "LOC", "MISC":
	default:
		fmt.Fprintf(env.Stderr, "dossier entities: unknown type %q (have PER, ORG, LOC, MISC)\n", *typ)
		return exitUsage
	}
	st, ok := openStore(ctx, env, *db)
	if !ok {
		return exitFailure
	}
	defer st.Close()
	es, err := st.Entities(ctx, q)
	if err != nil {
		return fail(env, err)
	}
	if *jsonOut {
		return printJSON(env, nonNilEntities(es))
	}
	printEntityTable(env.Stdout, es)
	return exitOK
}

func printEntityTable(w io.Writer, es []news.Entity) {
	fmt.Fprintf(w, "%-4s %8s %8s  %-34s %s\n", "TYPE", "ARTICLES", "MENTIONS", "NAME", "ID")
	for _, e := range es {
		fmt.Fprintf(w, "%-4s %8d %8d  %-34s %s\n", e.Type, e.Articles, e.Mentions, oneLine(e.Name, 34), e.ID)
	}
}

// runEntity shows one entity: found by id, or by any name it was
// written under.
func runEntity(ctx context.Context, env Env, args []string) int {
	fs, db := newFlags(env, "entity")
	limit := fs.Int("n", 20, "at most this many mentions and co-occurring entities")
	jsonOut := fs.Bool("json", false, "print JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) == 0 {
		fmt.Fprintln(env.Stderr, "usage: dossier entity [--db FILE] [--json] NAME|ID")
		return exitUsage
	}
	name := strings.Join(pos, " ")
	st, ok := openStore(ctx, env, *db)
	if !ok {
		return exitFailure
	}
	defer st.Close()
	e, err := findEntity(ctx, st, name)
	if err != nil {
		return fail(env, err)
	}
	mentions, err := st.EntityMentions(ctx, e.ID, *limit)
	if err != nil {
		return fail(env, err)
	}
	co, err := st.CoEntities(ctx, e.ID, *limit)
	if err != nil {
		return fail(env, err)
	}
	if *jsonOut {
		return printJSON(env, struct {
			news.Entity
			Mentions []news.EntityMention `json:"recent_mentions"`
			Related  []news.Entity        `json:"related"`
		}{e, nonNilMentions(mentions), nonNilEntities(co)})
	}
	w := env.Stdout
	fmt.Fprintf(w, "%s (%s)\n%s\n", e.Name, typeName(e.Type), strings.Repeat("=", min(len([]rune(e.Name))+len(typeName(e.Type))+3, 78)))
	fmt.Fprintf(w, "%-9s %s\n", "ID:", e.ID)
	fmt.Fprintf(w, "%-9s %d articles, %d mentions\n", "Seen in:", e.Articles, e.Mentions)
	if len(e.Aliases) > 0 {
		fmt.Fprintf(w, "%-9s %s\n", "Also:", strings.Join(e.Aliases, "; "))
	}
	if len(e.Roles) > 0 {
		fmt.Fprintf(w, "%-9s %s\n", "Roles:", strings.Join(e.Roles, "; "))
	}
	if len(mentions) > 0 {
		fmt.Fprintf(w, "\nRecent mentions\n")
		arts := map[string]news.Article{}
		for _, m := range mentions {
			a, ok := arts[m.Article]
			if !ok {
				if a, err = st.Article(ctx, m.Article); err != nil {
					return fail(env, err)
				}
				arts[m.Article] = a
			}
			fmt.Fprintf(w, "  %s %-10s %s\n    %s\n", dateOf(a), "["+m.Kind+"]", oneLine(titleOf(a), 70), context40(a.Text, m.Span))
		}
	}
	if len(co) > 0 {
		fmt.Fprintf(w, "\nMentioned with\n")
		for _, c := range co {
			fmt.Fprintf(w, "  %-4s %-34s in %d shared articles\n", c.Type, oneLine(c.Name, 34), c.Articles)
		}
	}
	return exitOK
}

// findEntity resolves what a user typed: an id, else the name or a
// spelling; several entities under one spelling is an error listing them.
func findEntity(ctx context.Context, st store.Store, name string) (news.Entity, error) {
	if e, err := st.Entity(ctx, name); err == nil {
		return e, nil
	} else if !errors.Is(err, news.ErrNotFound) {
		return e, err
	}
	es, err := st.Entities(ctx, store.EntityQuery{Name: name, Limit: 10})
	if err != nil {
		return news.Entity{}, err
	}
	switch len(es) {
	case 0:
		// Offer the entities whose names contain what was typed.
		if k := entity.NameKey(name); k != "" {
			if near, err := st.Entities(ctx, store.EntityQuery{Match: k, Limit: 5}); err == nil && len(near) > 0 {
				var alts []string
				for _, e := range near {
					alts = append(alts, fmt.Sprintf("%s %s (%s, %d articles)", e.ID, e.Name, e.Type, e.Articles))
				}
				return news.Entity{}, fmt.Errorf("no entity is called %q (%w); names containing it:\n  %s",
					name, news.ErrNotFound, strings.Join(alts, "\n  "))
			}
		}
		return news.Entity{}, fmt.Errorf("no entity is called %q: %w", name, news.ErrNotFound)
	case 1:
		return st.Entity(ctx, es[0].ID)
	}
	var alts []string
	for _, e := range es {
		alts = append(alts, fmt.Sprintf("%s %s (%s, %d articles)", e.ID, e.Name, e.Type, e.Articles))
	}
	return news.Entity{}, fmt.Errorf("%q names %d entities (%w); give an id:\n  %s",
		name, len(es), news.ErrInvalid, strings.Join(alts, "\n  "))
}

func typeName(t string) string {
	switch t {
	case "PER":
		return "person"
	case "ORG":
		return "organisation"
	case "LOC":
		return "place"
	}
	return "other"
}

func dateOf(a news.Article) string {
	if a.Published.IsZero() {
		return "          "
	}
	return a.Published.Format("2006-01-02")
}

// context40 is the mention with up to 40 bytes of text either side, on
// one line, the mention in brackets.
func context40(text string, sp news.Span) string {
	if sp.Start < 0 || sp.End > len(text) || sp.Start > sp.End {
		return ""
	}
	from, to := max(0, sp.Start-40), min(len(text), sp.End+40)
	for from > 0 && from < sp.Start && !isRuneStart(text[from]) {
		from++
	}
	for to < len(text) && to > sp.End && !isRuneStart(text[to]) {
		to--
	}
	return oneLine("…"+text[from:sp.Start]+"["+text[sp.Start:sp.End]+"]"+text[sp.End:to]+"…", 120)
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

func nonNilEntities(es []news.Entity) []news.Entity {
	if es == nil {
		return []news.Entity{}
	}
	return es
}

func nonNilMentions(ms []news.EntityMention) []news.EntityMention {
	if ms == nil {
		return []news.EntityMention{}
	}
	return ms
}
