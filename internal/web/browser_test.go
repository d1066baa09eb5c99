package web

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// chromium finds a Chromium or Chrome binary: $DOSSIER_CHROMIUM, Debian's
// /usr/bin/chromium, or one in PATH. "" when there is none.
func chromium() string {
	if p := os.Getenv("DOSSIER_CHROMIUM"); p != "" {
		return p
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browserTimeout bounds the whole browser session, start-up included, and
// stepTimeout each step of it, so a hung browser or a wait that cannot
// succeed fails the test quickly instead of stalling CI.
const (
	browserTimeout = 2 * time.Minute
	stepTimeout    = 15 * time.Second
)

// TestBrowser drives the pages in headless Chromium over a store the
// pipeline filled from the sample corpus and a hostile page: the home
// page, the largest story, a citation opened by click and by keyboard,
// a search narrowed by a facet, an entity page, and the hostile
// article's pages, where no payload may run. It asserts on the DOM.
func TestBrowser(t *testing.T) {
	bin := chromium()
	if bin == "" {
		t.Skip("no Chromium: install Debian's chromium (apt-get install chromium) or set DOSSIER_CHROMIUM to a Chrome binary")
	}
	st := pipelineStore(t)
	f := facts(t, st)
	srv := httptest.NewServer(New(st, nil))
	defer srv.Close()

	ctx, cancel := context.WithTimeout(context.Background(), browserTimeout)
	defer cancel()
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(bin),
		chromedp.Headless,
		chromedp.NoSandbox, // as root in CI containers; the pages are our own
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(alloc)
	defer cancelBrowser()

	// Everything the pages log — uncaught exceptions, console errors, and
	// the browser's own errors such as a Content-Security-Policy refusal —
	// is collected and checked at the end.
	var console []chromedp.ConsoleMessage
	collected := make(chan struct{})
	msgs := chromedp.Console(bctx)
	go func() {
		defer close(collected)
		for m, err := range msgs {
			if err != nil {
				return
			}
			console = append(console, m)
		}
	}()
	start := time.Now()
	do := func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		sctx, cancel := context.WithTimeout(bctx, stepTimeout)
		defer cancel()
		if err := chromedp.Do(sctx, actions...); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	count := func(sel string) int {
		t.Helper()
		n, err := chromedp.Run(bctx, chromedp.Evaluate[int](`document.querySelectorAll(`+strconv.Quote(sel)+`).length`))
		if err != nil {
			t.Fatalf("count of %s: %v", sel, err)
		}
		return n
	}
	eval := func(expr string) string {
		t.Helper()
		s, err := chromedp.Run(bctx, chromedp.Evaluate[string](expr))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		return s
	}
	// shown waits until sel's element is rendered, or not. Chromedp's
	// WaitVisible looks at layout sizes, which Chrome computes on demand
	// even inside a closed <details>; checkVisibility does not.
	shown := func(sel string, want bool) chromedp.Action[chromedp.Void] {
		return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
			_, err := chromedp.Poll[bool](`(e => !!e && e.checkVisibility() === `+strconv.FormatBool(want)+`)(document.querySelector(`+strconv.Quote(sel)+`))`)(ctx, tg)
			return chromedp.Void{}, err
		}
	}
	// noXSS asserts that no payload ran and no link has a javascript: URL.
	noXSS := func(page string) {
		t.Helper()
		if got := eval(`typeof window.__xss`); got != "undefined" {
			t.Errorf("%s: window.__xss is %s: a payload ran", page, got)
		}
		if n := count(`a[href^="javascript:" i], [onerror], [onload], [onclick]`); n != 0 {
			t.Errorf("%s: %d javascript: links or event handler attributes", page, n)
		}
	}

	// Home: the latest stories, each with a lead sentence; open the largest.
	do("home",
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS(`#h-latest`)),
	)
	if count(`li.story p.lead`) == 0 {
		t.Error("home: no story shows a lead sentence")
	}
	// j moves to the first listed story and focuses its link.
	do("j key", chromedp.KeyEvent("j"))
	if got := eval(`document.activeElement.closest('li.item') === document.querySelector('main li.item') ? document.activeElement.getAttribute('href') : ''`); got == "" {
		t.Error("j did not focus the first item's link")
	}
	do("open the largest story",
		chromedp.Click(chromedp.CSS(`a[href="/stories/`+f.Largest.ID+`"]`), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS(`#h-summary`)),
	)
	if h1 := text(`h1`); h1 != f.Largest.Title {
		t.Errorf("story page h1 %q, want %q", h1, f.Largest.Title)
	}

	// A citation is closed until clicked; then its source sentence and
	// the outlets that carried it are visible.
	if eval(`String(document.querySelector('details#s1').open || document.querySelector('details#s1 .pop').checkVisibility())`) != "false" {
		t.Error("citation s1 open or shown before any click")
	}
	sentence := strings.TrimSpace(eval(`document.querySelector('details#s1').previousElementSibling.textContent`))
	do("click a citation",
		chromedp.Click(chromedp.CSS(`details#s1 > summary`)),
		shown(`details#s1 .pop`, true),
	)
	if src := text(`details#s1 .pop .src`); sentence == "" || !strings.Contains(src, sentence[:min(len(sentence), 40)]) {
		t.Errorf("opened citation shows %q, not the sentence %q", src, sentence)
	}
	by := text(`details#s1 .pop .by`)
	if !strings.HasPrefix(by, "Carried by") || count(`details#s1 .pop ol.carriers li`) == 0 {
		t.Errorf("opened citation: %q with %d carriers", by, count(`details#s1 .pop ol.carriers li`))
	}
	outlet := text(`details#s1 .pop ol.carriers li a[href^="/articles/"]`)
	if !strings.Contains(by, outlet) {
		t.Errorf("outlets line %q lacks the first carrier's outlet %q", by, outlet)
	}
	// The keyboard opens another (a summary takes focus; Enter toggles
	// it), which closes the first (the script's doing); Escape closes it.
	do("keyboard citation",
		chromedp.Focus(chromedp.CSS(`details#s2 > summary`)),
		chromedp.KeyEvent(kb.Enter),
		shown(`details#s2 .pop`, true),
		shown(`details#s1 .pop`, false),
	)
	do("escape closes", chromedp.KeyEvent(kb.Escape), shown(`details#s2 .pop`, false))
	noXSS("story page") // the hostile article is one of its members

	// An entity page, from the story's quotes.
	do("entity page",
		chromedp.Click(chromedp.CSS(`#quotes h3 a[href="/entities/`+f.Speaker.ID+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#h-said`)),
	)
	if name, n := text(`h1`), count(`ol.said > li`); name != f.Speaker.Name || n == 0 {
		t.Errorf("entity page: h1 %q with %d quotes, want %q with some", name, n, f.Speaker.Name)
	}

	// Search from the header, then narrow by the first outlet facet.
	do("search",
		chromedp.SendKeys(chromedp.CSS(`#top-q`), "solvent"+kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(`#h-hits`)),
	)
	if count(`ol.articles > li.article`) == 0 {
		t.Fatal("search: no results")
	}
	facet := text(`.facet a`)
	do("facet",
		chromedp.Click(chromedp.CSS(`.facet a`)),
		chromedp.WaitVisible(chromedp.CSS(`.active a.filter`)),
	)
	if active := text(`.active a.filter`); !strings.Contains(active, facet) {
		t.Errorf("active filter %q, want the facet %q", active, facet)
	}
	outlets, err := chromedp.Run(bctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('li.article .meta > a:first-child')).map(a => a.textContent)`))
	if err != nil || len(outlets) == 0 {
		t.Errorf("facet: no results (%v)", err)
	}
	for _, o := range outlets {
		if o != facet {
			t.Errorf("facet %q shows a result from %q", facet, o)
		}
	}

	// The hostile article: its payloads are text, and none runs.
	do("hostile article", chromedp.Navigate(srv.URL+"/articles/"+f.Hostile.ID), chromedp.WaitVisible(chromedp.CSS(`h1`)))
	if title := text(`h1`); !strings.Contains(title, xssScript) {
		t.Errorf("hostile title shown as %q, want the payload as text", title)
	}
	noXSS("hostile article")
	do("hostile story", chromedp.Navigate(srv.URL+"/stories/"+f.HostileStory), chromedp.WaitVisible(chromedp.CSS(`#h-articles`)))
	noXSS("hostile story")
	do("hostile search", chromedp.Navigate(srv.URL+"/search?q=harbour+board+vote"), chromedp.WaitVisible(chromedp.CSS(`#h-hits`)))
	noXSS("hostile search")
	t.Logf("browser session: %v", time.Since(start).Round(time.Millisecond))

	cancelBrowser()
	<-collected
	for _, m := range console {
		if m.IsException() || m.Type == chromedp.ConsoleError {
			t.Errorf("console %s", m)
		}
	}
}
