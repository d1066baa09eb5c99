package pipeline

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
	"github.com/dossier-news/dossier/internal/store/sqlite"
)

func openStore(t *testing.T) *sqlite.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func writeFile(t testing.TB, path string, body []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, body, 0o644); err != nil {
		t.Fatal(err)
	}
}

func gz(b []byte) []byte {
	var sb strings.Builder
	w := gzip.NewWriter(&sb)
	w.Write(b)
	w.Close()
	return []byte(sb.String())
}

const textArticle = `Tram depot reopens after flood repairs

The Eastbank tram depot reopened on Monday after three weeks of repairs to its flooded inspection pits, the city transport office said.

Engineers replaced the pumps and raised the electrical cabinets by half a metre, according to a statement from the office.

"We have built this depot to cope with the next flood, not the last one," the depot manager, Orla Fenwick, told reporters.
`

const htmlArticle = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Library extends opening hours | Meridian Post</title>
<meta property="og:site_name" content="Meridian Post">
<meta property="og:url" content="https://meridian.example/city/library-hours?utm_source=feed">
<meta property="article:published_time" content="2026-03-04T08:30:00Z">
</head><body><nav><a href="/">Home</a> <a href="/city">City</a></nav>
<article><h1>Library extends opening hours</h1>
<p>The central library on Quay Street will stay open until ten in the evening from next week, the council's culture committee decided on Tuesday after a petition signed by more than four thousand residents.</p>
<p>Students had asked for longer hours during the examination season, when the reading rooms fill before noon and queues form outside the building.</p>
<p>The committee said the extra hours would be paid for by closing two smaller branch libraries on Sunday mornings, a decision the branch staff union said it would contest.</p>
</article><footer>© Meridian Post</footer></body></html>`

func TestRunStoresResumesAndRecordsFailures(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.txt"), []byte(textArticle))
	writeFile(t, filepath.Join(dir, "sub", "b.html.gz"), gz([]byte(htmlArticle)))
	writeFile(t, filepath.Join(dir, "sub", "empty.html"), nil)
	writeFile(t, filepath.Join(dir, "bin.txt"), []byte("\x00\x01\x02\x03binary\x00\x00"))
	writeFile(t, filepath.Join(dir, "notes.md"), []byte("ignored: not an input type"))
	st := openStore(t)
	ctx := context.Background()
	fixed := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	cfg := Config{Workers: 2, Now: func() time.Time { return fixed }}

	var calls int
	got, err := Run(ctx, st, []string{dir}, cfg, func(Stats) { calls++ })
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	want := Stats{Read: 4, New: 2, Existing: 0, Failed: 2}
	if diff := cmp.Diff(want, got, cmp.FilterPath(func(p cmp.Path) bool { return p.String() == "Elapsed" }, cmp.Ignore())); diff != "" {
		t.Errorf("first run stats (-want +got):\n%s", diff)
	}
	if calls == 0 {
		t.Error("progress was never reported")
	}

	got, err = Run(ctx, st, []string{dir}, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.New != 0 || got.Existing != 2 || got.Failed != 2 {
		t.Errorf("second run = %+v, want 0 new, 2 existing, 2 failed", got)
	}

	fails, err := st.Failures(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]string{}
	for _, f := range fails {
		kinds[filepath.Base(f.Origin)] = f.Kind
	}
	if diff := cmp.Diff(map[string]string{"empty.html": "empty", "bin.txt": "binary"}, kinds); diff != "" {
		t.Errorf("failure kinds (-want +got):\n%s", diff)
	}

	page, err := st.Articles(ctx, store.ArticleQuery{})
	if err != nil {
		t.Fatal(err)
	}
	byFormat := map[string]news.Article{}
	for _, a := range page.Articles {
		byFormat[a.Format] = a
	}
	h := byFormat["html"]
	if h.URL != "https://meridian.example/city/library-hours" {
		t.Errorf("html URL = %q, want canonical without tracking", h.URL)
	}
	if h.Source.Name != "Meridian Post" || h.Title != "Library extends opening hours" || h.Language != "en" {
		t.Errorf("html metadata = source %+v, title %q, lang %q", h.Source, h.Title, h.Language)
	}
	if !h.Published.Equal(time.Date(2026, 3, 4, 8, 30, 0, 0, time.UTC)) {
		t.Errorf("html published = %v", h.Published)
	}
	x := byFormat["text"]
	if x.Title != "Tram depot reopens after flood repairs" || x.TitleDerived {
		t.Errorf("text title = %q (derived %v)", x.Title, x.TitleDerived)
	}
	if len(x.Paragraphs) != 3 {
		t.Errorf("text has %d paragraphs, want 3", len(x.Paragraphs))
	}
	for _, p := range x.Paragraphs {
		if s := x.Text[p.Span.Start:p.Span.End]; strings.TrimSpace(s) != s || s == "" {
			t.Errorf("paragraph span %+v selects %q", p.Span, s)
		}
	}
	if !x.IngestedAt.Equal(fixed) {
		t.Errorf("IngestedAt = %v, want the injected clock %v", x.IngestedAt, fixed)
	}
}

func TestRunCancelledCommitsExtracted(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.txt"), []byte(textArticle))
	st := openStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	stats, err := Run(ctx, st, []string{dir}, Config{}, nil)
	if err == nil {
		t.Fatal("Run on a cancelled context returned no error")
	}
	s, _ := st.Stats(context.Background())
	if s.Articles != stats.New {
		t.Errorf("store has %d articles but run reported %d new", s.Articles, stats.New)
	}
}

// TestSeeds runs the real articles in ../shared/seeds end to end.
func TestSeeds(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "seeds")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("../shared/seeds not present")
	}
	st := openStore(t)
	stats, err := Run(context.Background(), st, []string{dir}, Config{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if stats.New != 5 || stats.Failed != 0 {
		t.Fatalf("seeds: %+v, want 5 new, 0 failed", stats)
	}
	page, err := st.Articles(context.Background(), store.ArticleQuery{})
	if err != nil {
		t.Fatal(err)
	}
	byFile := map[string]news.Article{}
	for _, a := range page.Articles {
		byFile[filepath.Base(a.Origin)[:3]] = a
	}
	boilerplate := []string{"Share", "Share this article", "Advertisement", "Read more", "Also Read",
		"Support The Moscow Times!", "WhatsApp WhatsApp us", "More from News", "Most Read"}
	for n, a := range byFile {
		for _, p := range a.Paragraphs {
			para := a.Text[p.Span.Start:p.Span.End]
			for _, line := range strings.Split(para, "\n") {
				for _, b := range boilerplate {
					if strings.TrimSpace(line) == b {
						t.Errorf("seed %s keeps boilerplate line %q", n, b)
					}
				}
			}
		}
		if n != "000" && (a.Title == "" || a.TitleDerived) {
			t.Errorf("seed %s: title %q derived=%v, want its headline", n, a.Title, a.TitleDerived)
		}
	}
	if a := byFile["000"]; a.Title != "" && !a.TitleDerived {
		t.Errorf("seed 000 has no headline but got title %q not marked derived", a.Title)
	}
	var credits []string
	for _, c := range byFile["003"].Credits {
		credits = append(credits, c.Name)
	}
	for _, want := range []string{"Al Jazeera", "Reuters"} {
		if !strings.Contains(strings.Join(credits, "|"), want) {
			t.Errorf("seed 003 credits %v lack %s", credits, want)
		}
	}
	if strings.Contains(byFile["003"].Text, "Source : Al Jazeera") {
		t.Error("seed 003 keeps its credit line in the body")
	}

	// Duplicates: 003 and 004 share about seven wire paragraphs without
	// being copies; nothing else is related, the mash-up 002 included.
	ctx := context.Background()
	links, err := st.Links(ctx, store.LinkQuery{})
	if err != nil {
		t.Fatal(err)
	}
	pair := map[string]bool{byFile["003"].ID: true, byFile["004"].ID: true}
	if len(links) != 1 || !pair[links[0].Article] || !pair[links[0].Other] {
		t.Fatalf("seed links = %+v, want exactly one, between 003 and 004", links)
	}
	if l := links[0]; l.Kind != "shares-paragraphs" || len(l.Paragraphs) < 6 || len(l.Paragraphs) > 8 {
		t.Errorf("003/004: %s with %d shared paragraphs, want shares-paragraphs with about 7", l.Kind, len(l.Paragraphs))
	}
	if gs, _ := st.DupGroups(ctx, 0); len(gs) != 0 {
		t.Errorf("seed groups = %v, want none", gs)
	}
}

// TestUserSuppliedPublishedAndOutlet: what the user states about inputs
// fills what they lack, and never overrides what a document says itself.
func TestUserSuppliedPublishedAndOutlet(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "plain.txt"), []byte("Quay lights replaced\n\nThe harbour board replaced every lamp on the east quay after a winter of complaints from night fishermen.\n"))
	writeFile(t, filepath.Join(dir, "lines.jsonl"), []byte(`{"url":"https://x.example/a","title":"Pier reopens","text":"The north pier reopened to walkers on Saturday after a month of repairs to its railings.","published":"2026-01-05T10:00:00Z","source":"Pier Weekly"}`+"\n"))
	st := openStore(t)
	day := time.Date(2015, 12, 15, 0, 0, 0, 0, time.UTC)
	if _, err := Run(context.Background(), st, []string{dir}, Config{Published: day, Outlet: "Quay Notes"}, nil); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, a := range allArticles(t, st) {
		got[filepath.Base(a.Origin)] = a.Published.Format(time.DateOnly) + " " + a.Source.Label()
	}
	want := map[string]string{"plain.txt": "2015-12-15 Quay Notes", "lines.jsonl:line 1": "2026-01-05 Pier Weekly"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("published/outlet (-want +got):\n%s", diff)
	}
}

// Dates no news article can have (placeholders, misparses) are dropped:
// the article is stored undated, or with the date its text gives, and
// sorts among the others rather than at a wrapped-around time.
func TestImplausiblePublishedDropped(t *testing.T) {
	dir := t.TempDir()
	var lines strings.Builder
	for i, c := range []struct{ published, text string }{
		{"9999-12-31T00:00:00Z", "The ferry ran late again because of fog over the bay, the operator said."},
		{"1600-06-01T00:00:00Z", "The ferry ran late on every crossing because of fog, the operator said."},
		// A bad date given, a good one in the text: the text's is inferred.
		{"9999-12-31T00:00:00Z", "The ferry ran late on March 3, 2015, because of fog, the operator said."},
		// No date given and an impossible one in the text: undated.
		{"", "The ferry has crossed the bay since its first run on October 12, 1492, the operator said in jest."},
		{"2015-12-15T10:00:00Z", "The ferry ran on time despite the fog, the operator said."},
	} {
		fmt.Fprintf(&lines, `{"url":"https://x.example/%d","title":"Ferry %d","text":%q,"published":%q}`+"\n", i, i, c.text, c.published)
	}
	writeFile(t, filepath.Join(dir, "dates.jsonl"), []byte(lines.String()))
	st := openStore(t)
	if _, err := Run(context.Background(), st, []string{dir}, Config{}, nil); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, a := range allArticles(t, st) {
		got[a.Title] = "undated"
		if !a.Published.IsZero() {
			got[a.Title] = a.Published.Format(time.DateOnly)
		}
		if a.PublishedInferred {
			got[a.Title] += " inferred"
		}
	}
	want := map[string]string{"Ferry 0": "undated", "Ferry 1": "undated", "Ferry 2": "2015-03-03 inferred",
		"Ferry 3": "undated", "Ferry 4": "2015-12-15"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("published (-want +got):\n%s", diff)
	}
	cfg := Config{Published: time.Date(2500, 1, 1, 0, 0, 0, 0, time.UTC)}
	if err := cfg.Validate(); !errors.Is(err, news.ErrInvalid) {
		t.Errorf("Validate with --published 2500-01-01 = %v, want news.ErrInvalid", err)
	}
}
