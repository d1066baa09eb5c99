package web

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/pipeline"
	"github.com/dossier-news/dossier/internal/sample"
	"github.com/dossier-news/dossier/internal/store"
	"github.com/dossier-news/dossier/internal/store/sqlite"
)

// xssPayloads are what the hostile article carries in its title, outlet,
// author, body and links. None may ever run: pages must show them as
// text.
const (
	xssScript = `<script>window.__xss=1</script>`
	xssImg    = `<img src=x onerror="window.__xss=1">`
	xssHref   = `javascript:window.__xss=1`
)

// hostileHTML is a news page whose metadata and text are attacks. Its
// payloads are escaped in the HTML source, so extraction yields them as
// text, which is what an outlet (or an attacker posing as one) can make
// Dossier store. It quotes a named person and names dates so that its
// page has every kind of mark around the payloads.
var hostileHTML = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour board ` + escapeHTML(xssScript) + ` vote delayed</title>
<meta property="og:title" content="Harbour board ` + escapeHTML(xssScript) + ` vote delayed">
<meta property="og:site_name" content="` + escapeHTML(xssImg) + ` Gazette">
<meta name="author" content="` + escapeHTML(xssImg) + `">
<meta property="og:url" content="https://hostile.example/news/harbour-board-vote">
<meta property="article:published_time" content="2026-04-04T10:00:00+00:00">
</head><body><article>
<h1>Harbour board ` + escapeHTML(xssScript) + ` vote delayed</h1>
<p>The Port Aldmere harbour board delayed its vote on the Tansy Wharf terminal licence on Friday after a member read out ` + escapeHTML(xssImg) + ` as a test of the board's new website, officials said.</p>
<p>"We will not vote on the licence until the canal is clean ` + escapeHTML(xssScript) + ` and the inquiry has reported," Teodora Quill, the mayor of Port Aldmere, told reporters on Friday.</p>
<p>The board will meet again next Tuesday. Residents can read the papers at <a href="` + xssHref + `">` + xssHref + `</a> or at the town hall, the board said in a statement.</p>
<p>The terminal's operator, Brannock Chemical Works, said it had cooperated fully with the Calloway Environment Agency and expected the licence to be renewed later this month.</p>
</article></body></html>
`

func escapeHTML(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

var (
	corpusOnce sync.Once
	corpusDir  string
	corpusErr  error
)

// sampleCorpus writes the bundled sample corpus and the hostile page into
// one directory, once per test binary, and returns it.
func sampleCorpus(t testing.TB) string {
	t.Helper()
	corpusOnce.Do(func() {
		corpusDir, corpusErr = os.MkdirTemp("", "dossier-web-corpus-")
		if corpusErr != nil {
			return
		}
		if _, corpusErr = sample.WriteTo(filepath.Join(corpusDir, "sample")); corpusErr != nil {
			return
		}
		corpusErr = os.WriteFile(filepath.Join(corpusDir, "hostile.html"), []byte(hostileHTML), 0o644)
	})
	if corpusErr != nil {
		t.Fatal(corpusErr)
	}
	return corpusDir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if corpusDir != "" {
		os.RemoveAll(corpusDir)
	}
	os.Exit(code)
}

// pipelineStore runs the real pipeline over the sample corpus and the
// hostile page into a fresh SQLite store, as `dossier demo` does.
func pipelineStore(t testing.TB) store.Store {
	t.Helper()
	dir := sampleCorpus(t)
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "web.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	stats, err := pipeline.Run(ctx, st, []string{dir}, pipeline.Config{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Failed > 0 {
		t.Fatalf("pipeline: %d inputs failed", stats.Failed)
	}
	return st
}

// corpusFacts are ids in the pipeline store the tests visit.
type corpusFacts struct {
	Largest news.Story // the story with the most articles, full
	// Second is the second largest story.
	Second  news.Story
	Hostile news.Article
	// HostileStory is the story holding the hostile article.
	HostileStory string
	// Speaker is the entity with the most quotes in the largest story.
	Speaker news.Entity
}

// facts finds the pages worth visiting in st.
func facts(t testing.TB, st store.Store) corpusFacts {
	t.Helper()
	ctx := context.Background()
	var f corpusFacts
	ss, err := st.Stories(ctx, store.StoryQuery{Sort: store.StoriesSize, Limit: store.MaxLimit})
	if err != nil || len(ss) == 0 {
		t.Fatalf("stories: %v, %d", err, len(ss))
	}
	if len(ss) < 2 {
		t.Fatalf("%d stories, want two or more", len(ss))
	}
	if f.Largest, err = st.Story(ctx, ss[0].ID); err != nil {
		t.Fatal(err)
	}
	f.Second = ss[1]
	page, err := st.Search(ctx, store.SearchQuery{Text: "harbour board vote delayed", Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range page.Hits {
		if strings.Contains(h.Article.Title, xssScript) {
			f.Hostile = h.Article
		}
	}
	if f.Hostile.ID == "" {
		t.Fatal("the hostile article was not stored with its payload title")
	}
	for _, s := range ss {
		full, err := st.Story(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range full.Members {
			if m.Article == f.Hostile.ID {
				f.HostileStory = s.ID
			}
		}
	}
	if f.HostileStory == "" {
		t.Fatal("the hostile article is in no story")
	}
	var ids []string
	for _, m := range f.Largest.Members {
		ids = append(ids, m.Article)
	}
	qs, err := st.Quotes(ctx, store.QuoteQuery{Articles: ids, Limit: store.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	best := ""
	for _, q := range qs {
		if id := q.Speaker.Entity; id != "" {
			count[id]++
			if count[id] > count[best] {
				best = id
			}
		}
	}
	if best == "" {
		t.Fatal("no named speaker in the largest story")
	}
	if f.Speaker, err = st.Entity(ctx, best); err != nil {
		t.Fatal(err)
	}
	return f
}

var headingRE = regexp.MustCompile(`<h([1-6])[ >]`)

// headingsInOrder reports the first heading that skips a level (an h3
// straight after an h1), and whether the page has exactly one h1.
func headingsInOrder(body string) (problem string) {
	prev, h1s := 0, 0
	for _, m := range headingRE.FindAllStringSubmatch(body, -1) {
		lvl := int(m[1][0] - '0')
		if lvl == 1 {
			h1s++
		}
		if lvl > prev+1 {
			return "h" + m[1] + " after h" + string(rune('0'+prev))
		}
		prev = lvl
	}
	if h1s != 1 {
		return "not exactly one h1"
	}
	return ""
}
