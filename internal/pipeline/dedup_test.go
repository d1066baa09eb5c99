package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/ingest"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/sample"
	"github.com/dossier-news/dossier/internal/store"
)

// labelFile turns an article's Origin back into the sample corpus's label
// file name: "dir/x.jsonl:line 2" and "dir/x.rss#item 2" become "x.jsonl#2".
func labelFile(t *testing.T, root, origin string) string {
	t.Helper()
	rel, err := filepath.Rel(root, origin)
	if err != nil {
		t.Fatal(err)
	}
	rel = filepath.ToSlash(rel)
	for _, sep := range []string{":line ", "#item "} {
		if p, n, ok := strings.Cut(rel, sep); ok {
			return p + "#" + n
		}
	}
	return rel
}

func allArticles(t *testing.T, st store.Store) []news.Article {
	t.Helper()
	page, err := st.Articles(context.Background(), store.ArticleQuery{Filter: store.Filter{AllCopies: true}, Limit: store.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	return page.Articles
}

// sampleRun ingests the bundled corpus and returns the store and the
// article id of every label file.
func sampleRun(t *testing.T) (store.Store, map[string]string, []sample.Label) {
	return sampleRunWith(t, Config{})
}

// sampleRunWith is sampleRun with a configuration of the caller's.
func sampleRunWith(t *testing.T, cfg Config) (store.Store, map[string]string, []sample.Label) {
	dir := t.TempDir()
	if _, err := sample.WriteTo(dir); err != nil {
		t.Fatal(err)
	}
	st := openStore(t)
	stats, err := Run(context.Background(), st, []string{dir}, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	labels, err := sample.Labels()
	if err != nil {
		t.Fatal(err)
	}
	if stats.New != len(labels) {
		t.Fatalf("stored %d articles, want %d", stats.New, len(labels))
	}
	ids := make(map[string]string)
	for _, a := range allArticles(t, st) {
		ids[labelFile(t, dir, a.Origin)] = a.ID
	}
	return st, ids, labels
}

// TestSampleDuplicates checks the stage against the corpus's labels: each
// wire story is one group headed by its earliest publisher, spun and
// reusing articles are linked to their sources, and nothing else is
// called a copy.
func TestSampleDuplicates(t *testing.T) {
	ctx := context.Background()
	st, ids, labels := sampleRun(t)
	var want []news.DupGroup
	byWire := map[string]*news.DupGroup{}
	for _, l := range labels { // publication order, so the first is the origin
		if l.WireGroup == "" {
			continue
		}
		g := byWire[l.WireGroup]
		if g == nil {
			want = append(want, news.DupGroup{Origin: ids[l.File]})
			g = &want[len(want)-1]
			byWire[l.WireGroup] = g
		}
		g.Members = append(g.Members, ids[l.File])
	}
	got, err := st.DupGroups(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	sortGroups := func(gs []news.DupGroup) {
		for _, g := range gs {
			slices.Sort(g.Members[1:])
		}
		slices.SortFunc(gs, func(a, b news.DupGroup) int { return strings.Compare(a.Origin, b.Origin) })
	}
	sortGroups(want)
	sortGroups(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("syndication groups differ from the labels (-want +got):\n%s", diff)
	}

	for _, l := range labels {
		links, err := st.Links(ctx, store.LinkQuery{Article: ids[l.File]})
		if err != nil {
			t.Fatal(err)
		}
		byOther := map[string]news.Reuse{}
		for _, r := range links {
			byOther[r.Other] = r
		}
		// The mash-up rewrites every sentence with synonyms; two of its
		// three sources keep enough words in a sentence to be found.
		found := 0
		for _, src := range l.SpunFrom {
			if r, ok := byOther[ids[src]]; ok && r.Sentences > 0 {
				found++
			} else {
				t.Logf("spun %s: no sentence link to its source %s", l.File, src)
			}
		}
		if n := len(l.SpunFrom); n > 0 && found < n-1 {
			t.Errorf("spun %s: linked to %d of its %d sources (links %+v)", l.File, found, n, links)
		}
		for _, src := range l.Reuses {
			if r, ok := byOther[ids[src]]; !ok || len(r.Paragraphs) == 0 {
				t.Errorf("%s reuses paragraphs of %s but the link is %+v", l.File, src, r)
			}
		}
		for _, r := range links {
			if r.Copy() && l.WireGroup == "" {
				t.Errorf("%s is no copy but has a %s link to %s", l.File, r.Kind, r.Other)
			}
		}
	}

	// Listings and stats see each group once.
	page, err := st.Articles(ctx, store.ArticleQuery{Limit: store.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	copies := 0
	for _, g := range want {
		copies += len(g.Members) - 1
	}
	if len(page.Articles) != len(labels)-copies {
		t.Errorf("collapsed listing has %d articles, want %d", len(page.Articles), len(labels)-copies)
	}
	s, _ := st.Stats(ctx)
	if s.DupGroups != len(want) || s.Copies != copies {
		t.Errorf("stats: %d groups, %d copies; want %d, %d", s.DupGroups, s.Copies, len(want), copies)
	}
}

// TestDedupCatchesUp interrupts a run between storing articles and
// deduplicating them (by storing some directly) and checks that the next
// run finishes the job: same groups and links as one uninterrupted run,
// and running again changes nothing.
func TestDedupCatchesUp(t *testing.T) {
	ctx := context.Background()
	ref, _, _ := sampleRun(t)
	dir := t.TempDir()
	if _, err := sample.WriteTo(dir); err != nil {
		t.Fatal(err)
	}
	st := openStore(t)
	half := filepath.Join(dir, "html")
	if _, err := Run(ctx, st, []string{half}, Config{}, nil); err != nil {
		t.Fatal(err)
	}
	// The text articles are stored but never deduplicated, as if the
	// process died after the article commit.
	texts, _ := filepath.Glob(filepath.Join(dir, "text", "*.txt"))
	var direct []news.Article
	for _, f := range texts {
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		a, err := Extract(ingest.Document{Origin: f, Format: ingest.FormatText, Body: body}, Config{}.WithDefaults().Extract)
		if err != nil {
			t.Fatal(err)
		}
		direct = append(direct, a)
	}
	if _, err := st.PutArticles(ctx, direct); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(ctx, st, []string{dir}, Config{}, nil); err != nil {
		t.Fatal(err)
	}
	snapshot := func(s store.Store) ([]news.DupGroup, int) {
		gs, err := s.DupGroups(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		ls, err := s.Links(ctx, store.LinkQuery{})
		if err != nil {
			t.Fatal(err)
		}
		return gs, len(ls)
	}
	wantGroups, wantLinks := snapshot(ref)
	gotGroups, gotLinks := snapshot(st)
	if diff := cmp.Diff(wantGroups, gotGroups); diff != "" || gotLinks != wantLinks {
		t.Errorf("after catching up: %d links (want %d); groups differ (-uninterrupted +resumed):\n%s", gotLinks, wantLinks, diff)
	}
	if left, _ := st.Undeduplicated(ctx, 10); len(left) != 0 {
		t.Errorf("%d articles still without fingerprints", len(left))
	}
	// The entity stage caught up too: every article's mentions are
	// recorded. (Identities themselves may differ: which spelling comes
	// first decides some joins, and the arrival order differs.)
	mentions := func(s store.Store) (n int) {
		es, err := s.Entities(ctx, store.EntityQuery{Limit: store.MaxLimit})
		if err != nil {
			t.Fatal(err)
		}
		if len(es) == store.MaxLimit {
			t.Fatal("more entities than one page; the test needs paging")
		}
		for _, e := range es {
			n += e.Mentions
		}
		return n
	}
	if want, got := mentions(ref), mentions(st); got != want {
		t.Errorf("after catching up: %d mentions, want %d as in one uninterrupted run", got, want)
	}
	if left, _ := st.Unrecognized(ctx, 10); len(left) != 0 {
		t.Errorf("%d articles still without entities", len(left))
	}
	stats, err := Run(ctx, st, []string{dir}, Config{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	againGroups, againLinks := snapshot(st)
	if stats.New != 0 || againLinks != gotLinks || !cmp.Equal(againGroups, gotGroups) {
		t.Errorf("re-ingest changed things: %+v, %d links (was %d)", stats, againLinks, gotLinks)
	}
}
