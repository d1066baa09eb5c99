package web

import (
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// get fetches path from srv without following redirects.
func get(t *testing.T, srv *httptest.Server, path string) (*http.Response, string) {
	t.Helper()
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(b)
}

// TestPagesOverPipeline renders every page over a store the real
// pipeline filled from the sample corpus and one hostile page, and
// checks what each shows, that payloads stay text, and that headings
// and security headers are right on every page.
func TestPagesOverPipeline(t *testing.T) {
	ctx := context.Background()
	st := pipelineStore(t)
	f := facts(t, st)
	// A storyline and a merged id, which the sample run does not produce:
	// the largest story linked with the second, and an old id
	// redirecting to the largest.
	if err := st.PutStorylines(ctx, []news.Storyline{{ID: "ltest", Stories: []string{f.Second.ID, f.Largest.ID}}}); err != nil {
		t.Fatal(err)
	}
	if err := st.PutStories(ctx, store.StoryBatch{Redirects: map[string]string{"smergedaway": f.Largest.ID}}); err != nil {
		t.Fatal(err)
	}
	sum, _, err := New(st, nil).summary(ctx, f.Largest.ID)
	if err != nil || len(sum.Sentences) == 0 {
		t.Fatalf("summary: %v, %d sentences", err, len(sum.Sentences))
	}
	firstSentence := html.EscapeString(sum.Sentences[0].Text)
	outlet := ""
	for _, m := range f.Largest.Members {
		if m.Source != "" && m.Article != f.Hostile.ID {
			outlet = m.Source
			break
		}
	}
	srv := httptest.NewServer(New(st, nil))
	defer srv.Close()
	// The speaker's surname in capitals: matched as part of a name,
	// case folded.
	words := strings.Fields(f.Speaker.Name)
	surname := strings.ToUpper(words[len(words)-1])

	tests := []struct {
		name              string
		path              string
		status            int
		contains, missing []string
		// matches are regular expressions the body must match.
		matches []string
	}{
		{name: "home", path: "/", status: 200,
			contains: []string{"<h2 id=\"h-latest\">Latest stories</h2>", "Growing fastest", `href="/stories/` + f.Largest.ID + `"`,
				firstSentence, `class="lead"`, fmt.Sprintf("%d articles from %d outlets", f.Largest.Articles, f.Largest.Outlets), "Skip to content"}},
		{name: "story", path: "/stories/" + f.Largest.ID, status: 200,
			contains: []string{"<h1>" + html.EscapeString(f.Largest.Title) + "</h1>", `<h2 id="h-summary">Summary</h2>`, firstSentence,
				`<details class="cite" id="s1">`, "Carried by", `<h2 id="h-timeline">Timeline</h2>`, `<h2 id="h-quotes">Who said what</h2>`,
				`href="/entities/` + f.Speaker.ID + `"`, "first publisher", `id="a-1"`, "Storyline", `href="/stories/` + f.Second.ID + `"`,
				"(this story)"},
			missing: []string{"was merged into this one"},
			matches: []string{`<summary aria-label="Sources: \d+ articles?">\d+`, `<a href="#a-\d+">\d+</a> <a href="/articles/[0-9a-f]+">[^<]+</a>`}},
		{name: "merged story", path: "/stories/smergedaway", status: 200,
			contains: []string{"Story smergedaway was merged into this one.", "<h1>" + html.EscapeString(f.Largest.Title) + "</h1>"}},
		{name: "unknown story", path: "/stories/nope", status: 404, contains: []string{"No story with that id."}},
		{name: "entity", path: "/entities/" + f.Speaker.ID, status: 200,
			contains: []string{"<h1>" + html.EscapeString(f.Speaker.Name) + "</h1>", "What " + html.EscapeString(f.Speaker.Name) + " said",
				"<blockquote>", `In <a href="/stories/` + f.Largest.ID + `">`, "Stories naming", "Often named with"},
			missing: []string{"Story not found"}},
		{name: "unknown entity", path: "/entities/nope", status: 404, contains: []string{"No entity with that id."}},
		{name: "entities", path: "/entities?type=" + f.Speaker.Type, status: 200, contains: []string{`href="/entities/` + f.Speaker.ID + `"`}},
		{name: "people", path: "/entities?type=PER", status: 200, contains: []string{"<strong>People</strong>"}},
		{name: "entities by part of a name", path: "/entities?q=" + url.QueryEscape(surname), status: 200,
			contains: []string{`href="/entities/` + f.Speaker.ID + `"`, `value="` + html.EscapeString(surname) + `"`,
				`href="/entities?type=ORG&amp;q=` + url.QueryEscape(surname) + `"`}},
		{name: "entities matching nothing", path: "/entities?q=zzqx", status: 200, contains: []string{"name contains “zzqx”"},
			missing: []string{`<li class="item">`}},
		{name: "hostile outlet", path: "/search?q=harbour+board+vote&outlet=" + url.QueryEscape(f.Hostile.Source.Label()), status: 200,
			contains: []string{"outlet: &lt;img src=x onerror=&#34;window.__xss=1&#34;&gt; Gazette", `aria-current="true">&lt;img src=x`}},
		{name: "stories", path: "/stories?sort=size", status: 200, contains: []string{"<strong>largest first</strong>", `href="/stories/` + f.Largest.ID + `"`}},
		{name: "stories bad sort", path: "/stories?sort=nope", status: 400, contains: []string{"sort: want latest or size"}},
		{name: "search", path: "/search?q=solvent", status: 200,
			contains: []string{"Results for “solvent”", "<mark>solvent</mark>", `<h2 id="h-facets">Narrow down</h2>`, "<h3>Outlet</h3>",
				"<h3>Date</h3>", "<h3>Entity</h3>", `href="/search?outlet=`, "&amp;q=solvent"}},
		{name: "search by outlet", path: "/search?q=solvent&outlet=" + url.QueryEscape(outlet), status: 200,
			contains: []string{"Filters:", "outlet: " + html.EscapeString(outlet), `aria-current="true">` + html.EscapeString(outlet)}},
		{name: "search by entity", path: "/search?q=solvent&entity=" + f.Speaker.ID, status: 200,
			contains: []string{"entity: " + html.EscapeString(f.Speaker.Name)}},
		{name: "search by date", path: "/search?q=solvent&from=2026-03-01&to=2026-03-31", status: 200,
			contains: []string{"dates: 2026-03-01 to 2026-03-31", `value="2026-03-01"`}},
		{name: "search bad date", path: "/search?q=solvent&from=March", status: 400, contains: []string{"from: want a date as YYYY-MM-DD"}},
		{name: "search form", path: "/search", status: 200, contains: []string{"<h1>Search</h1>", `<input id="q" type="search" name="q" value="">`},
			missing: []string{"Narrow down"}},
		{name: "hostile article", path: "/articles/" + f.Hostile.ID, status: 200,
			contains: []string{"&lt;script&gt;window.__xss=1&lt;/script&gt;", "&lt;img src=x onerror=", `<mark class="q"`, `<a class="ent" href="/entities/`, `<time class="tx" datetime="2026-04-`}},
		{name: "hostile story", path: "/stories/" + f.HostileStory, status: 200, contains: []string{"&lt;script&gt;window.__xss=1&lt;/script&gt;"}},
		{name: "hostile search", path: "/search?q=harbour+board+vote", status: 200, contains: []string{"&lt;script&gt;window.__xss=1&lt;/script&gt;"}},
		{name: "articles", path: "/articles", status: 200, contains: []string{"Latest articles", "syndicated copies folded"}},
		{name: "script", path: "/static/dossier.js", status: 200, contains: []string{"details.cite"}},
		{name: "no page", path: "/nope", status: 404, contains: []string{"No page here."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := get(t, srv, tt.path)
			if resp.StatusCode != tt.status {
				t.Errorf("GET %s: status %d, want %d", tt.path, resp.StatusCode, tt.status)
			}
			for _, s := range tt.contains {
				if !strings.Contains(body, s) {
					t.Errorf("GET %s: body lacks %q", tt.path, s)
				}
			}
			for _, s := range tt.missing {
				if strings.Contains(body, s) {
					t.Errorf("GET %s: body has %q", tt.path, s)
				}
			}
			for _, re := range tt.matches {
				if !regexp.MustCompile(re).MatchString(body) {
					t.Errorf("GET %s: body does not match %s", tt.path, re)
				}
			}
			for _, p := range []string{xssScript, "<img src=x", `href="javascript:`, "onerror=\"window"} {
				if strings.Contains(body, p) {
					t.Errorf("GET %s: payload %q unescaped", tt.path, p)
				}
			}
			if !strings.Contains(resp.Header.Get("Content-Type"), "text/html") {
				return
			}
			if csp := resp.Header.Get("Content-Security-Policy"); csp != "" && !strings.Contains(csp, "script-src 'self'") {
				t.Errorf("GET %s: CSP %q", tt.path, csp)
			}
			// Attribute values are always double-quoted by html/template;
			// blank them so that escaped payloads in titles do not count.
			tags := regexp.MustCompile(`"[^"]*"`).ReplaceAllString(body, `""`)
			if strings.Contains(body, "<script>") || regexp.MustCompile(`<[^>]*\s(on[a-z]+|style)=`).MatchString(tags) {
				t.Errorf("GET %s: inline script, style or handler", tt.path)
			}
			if p := headingsInOrder(body); p != "" {
				t.Errorf("GET %s: headings: %s", tt.path, p)
			}
		})
	}
}

// TestStoryPageCitesItsArticles checks that every citation number on a
// story page points at an article listed on it, and that the same
// page is served from the cache once built.
func TestStoryPageCitesItsArticles(t *testing.T) {
	st := pipelineStore(t)
	f := facts(t, st)
	h := New(st, nil)
	srv := httptest.NewServer(h)
	defer srv.Close()
	_, body := get(t, srv, "/stories/"+f.Largest.ID)
	listed := map[string]bool{}
	for _, m := range regexp.MustCompile(`<li class="item" id="a-(\d+)">`).FindAllStringSubmatch(body, -1) {
		listed[m[1]] = true
	}
	if len(listed) != len(f.Largest.Members) {
		t.Errorf("%d articles listed, story has %d", len(listed), len(f.Largest.Members))
	}
	cites := regexp.MustCompile(`<a href="#a-(\d+)">`).FindAllStringSubmatch(body, -1)
	if len(cites) == 0 {
		t.Fatal("no citations")
	}
	for _, c := range cites {
		if !listed[c[1]] {
			t.Errorf("citation %s points at no listed article", c[1])
		}
	}
	if len(h.views.m) != 1 {
		t.Errorf("%d cached views, want 1", len(h.views.m))
	}
	_, again := get(t, srv, "/stories/"+f.Largest.ID)
	if again != body {
		t.Error("a second read of an unchanged story differs")
	}
}
