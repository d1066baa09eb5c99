package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/news"
)

// robotsAllowed parses robots for the given agents (default: ours) and
// decides the URL path or path?query p.
func robotsAllowed(t testing.TB, robots, p string, agents ...string) (bool, *robotsRule) {
	t.Helper()
	if len(agents) == 0 {
		agents = []string{robotsAgent}
	}
	u, err := url.Parse("https://news.example" + p)
	if err != nil {
		t.Fatalf("bad test path %q: %v", p, err)
	}
	return parseRobots([]byte(robots), agents...).decide(robotsPath(u))
}

func TestParseRobots(t *testing.T) {
	tests := []struct {
		name, robots, path string
		want               bool
		rule               string // the deciding rule; "" for none
	}{
		{"empty file", "", "/a", true, ""},
		{"disallow all", "User-agent: *\nDisallow: /", "/a", false, "Disallow: /"},
		{"robots.txt itself is always allowed", "User-agent: *\nDisallow: /", "/robots.txt", true, ""},
		{"empty disallow allows all", "User-agent: *\nDisallow:", "/a", true, ""},
		{"empty allow is no rule", "User-agent: *\nAllow:\nDisallow: /", "/a", false, "Disallow: /"},
		{"prefix match", "User-agent: *\nDisallow: /private", "/private-eye/x", false, "Disallow: /private"},
		{"no match", "User-agent: *\nDisallow: /private", "/public", true, ""},
		{"other agents' rules do not apply", "User-agent: otherbot\nDisallow: /", "/a", true, ""},
		{"our group beats *", "User-agent: *\nDisallow: /\n\nUser-agent: dossier\nDisallow: /private", "/a", true, ""},
		{"our group's rules apply", "User-agent: *\nDisallow: /\n\nUser-agent: dossier\nDisallow: /private", "/private/x", false, "Disallow: /private"},
		{"an empty group of ours allows all", "User-agent: *\nDisallow: /\n\nUser-agent: dossier\n", "/a", true, ""},
		{"agent is case-insensitive, version ignored", "User-agent: DOSSIER/2.0 (+https://x)\nDisallow: /a", "/a", false, "Disallow: /a"},
		{"agent must match the whole token", "User-agent: dossierbot\nDisallow: /a", "/a", true, ""},
		{"groups naming us are combined", "User-agent: dossier\nDisallow: /a\n\nUser-agent: x\nDisallow: /b\n\nUser-agent: dossier\nDisallow: /c", "/c", false, "Disallow: /c"},
		{"combined groups leave others out", "User-agent: dossier\nDisallow: /a\n\nUser-agent: x\nDisallow: /b\n\nUser-agent: dossier\nDisallow: /c", "/b", true, ""},
		{"several agents, one group", "User-agent: a\nUser-agent: dossier\nDisallow: /x", "/x", false, "Disallow: /x"},
		{"user-agent after rules starts a group", "User-agent: dossier\nDisallow: /a\nUser-agent: other\nDisallow: /b", "/b", true, ""},
		{"rules before any user-agent apply to no one", "Disallow: /\nUser-agent: *\nDisallow: /x", "/a", true, ""},
		{"sitemap and crawl-delay do not split a group", "User-agent: dossier\nCrawl-delay: 5\nSitemap: https://x/s.xml\nDisallow: /x", "/x", false, "Disallow: /x"},
		{"longest match wins: allow", "User-agent: *\nDisallow: /\nAllow: /news", "/news/today", true, "Allow: /news"},
		{"longest match wins: disallow", "User-agent: *\nAllow: /news\nDisallow: /news/drafts", "/news/drafts/1", false, "Disallow: /news/drafts"},
		{"order does not matter", "User-agent: *\nDisallow: /news/drafts\nAllow: /news", "/news/drafts/1", false, "Disallow: /news/drafts"},
		{"tie goes to allow", "User-agent: *\nDisallow: /page\nAllow: /page", "/page", true, "Allow: /page"},
		{"wildcard", "User-agent: *\nDisallow: /*/print", "/2026/03/print/x", false, "Disallow: /*/print"},
		{"wildcard needs its pieces in order", "User-agent: *\nDisallow: /*/print", "/print", true, ""},
		{"end anchor", "User-agent: *\nDisallow: /*.pdf$", "/files/a.pdf", false, "Disallow: /*.pdf$"},
		{"end anchor, longer path", "User-agent: *\nDisallow: /*.pdf$", "/files/a.pdf?download=1", true, ""},
		{"root only", "User-agent: *\nDisallow: /$", "/", false, "Disallow: /$"},
		{"root only, not below", "User-agent: *\nDisallow: /$", "/a", true, ""},
		{"trailing * is a prefix", "User-agent: *\nDisallow: /fish*", "/fish.html", false, "Disallow: /fish*"},
		{"query strings", "User-agent: *\nDisallow: /*?", "/search?q=port", false, "Disallow: /*?"},
		{"query strings, none", "User-agent: *\nDisallow: /*?", "/search", true, ""},
		{"$ inside a pattern is literal", "User-agent: *\nDisallow: /a$b", "/a$b/c", false, "Disallow: /a$b"},
		{"encoded unreserved equals plain", "User-agent: *\nDisallow: /%7Euser", "/~user/x", false, "Disallow: /~user"},
		{"non-ASCII pattern", "User-agent: *\nDisallow: /café", "/caf%c3%a9", false, "Disallow: /caf%C3%A9"},
		{"reserved escapes stay distinct", "User-agent: *\nDisallow: /a%2Fb", "/a/b", true, ""},
		{"relative value is rooted", "User-agent: *\nDisallow: private", "/private/x", false, "Disallow: /private"},
		{"comments, spacing, case, CRLF", "# hello\r\nuser-AGENT :  dossier # us\r\n  disallow :  /x  # no\r\n", "/x/y", false, "Disallow: /x"},
		{"CR line ends", "User-agent: *\rDisallow: /x\r", "/x", false, "Disallow: /x"},
		{"byte order mark", "\ufeffUser-agent: *\nDisallow: /x", "/x", false, "Disallow: /x"},
		{"lines without a colon are skipped", "User-agent *\nUser-agent: *\nDisallow /a\nDisallow: /b", "/a", true, ""},
		{"HTML served as robots.txt", "<html><body>Not found</body></html>", "/a", true, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, rule := robotsAllowed(t, tc.robots, tc.path)
			gotRule := ""
			if rule != nil {
				gotRule = rule.String()
			}
			if got != tc.want || gotRule != tc.rule {
				t.Errorf("path %q: allowed %v by %q, want %v by %q", tc.path, got, gotRule, tc.want, tc.rule)
			}
		})
	}
}

// TestRobotsAgents: the product token of a custom UserAgent is honoured
// beside "dossier".
func TestRobotsAgents(t *testing.T) {
	r := NewReader(Config{UserAgent: "HarbourBot/3 (+mailto:desk@x)"})
	if diff := cmp.Diff([]string{"dossier", "harbourbot"}, r.robotsAgents()); diff != "" {
		t.Errorf("agents mismatch (-want +got):\n%s", diff)
	}
	if ok, _ := robotsAllowed(t, "User-agent: harbourbot\nDisallow: /", "/a", r.robotsAgents()...); ok {
		t.Error("a group naming our custom agent was ignored")
	}
	if diff := cmp.Diff([]string{"dossier"}, NewReader(Config{}).robotsAgents()); diff != "" {
		t.Errorf("default agents mismatch (-want +got):\n%s", diff)
	}
}

func TestRobotsSizeCap(t *testing.T) {
	big := "User-agent: *\nDisallow: /early\n" + strings.Repeat("# padding\n", robotsMaxBytes/10) + "Disallow: /late\n"
	if ok, _ := robotsAllowed(t, big, "/early"); ok {
		t.Error("a rule before the cap was dropped")
	}
	if ok, _ := robotsAllowed(t, big, "/late"); !ok {
		t.Error("a rule past the cap was applied")
	}
}

// robotsServer is a test site whose robots.txt answer is set per test;
// it counts robots.txt requests. It listens on loopback, so the Readers
// of these tests set AllowPrivate.
type robotsServer struct {
	*httptest.Server
	mu     sync.Mutex
	status int
	body   string
	hits   int
	delay  time.Duration
}

func newRobotsServer(t *testing.T, status int, body string) *robotsServer {
	s := &robotsServer{status: status, body: body}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/robots.txt":
			s.mu.Lock()
			s.hits++
			status, body, delay := s.status, s.body, s.delay
			s.mu.Unlock()
			if delay > 0 {
				select {
				case <-time.After(delay):
				case <-r.Context().Done():
					return
				}
			}
			if status == http.StatusMovedPermanently {
				http.Redirect(w, r, "/moved-robots.txt", status)
				return
			}
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(status)
			fmt.Fprint(w, body)
		case r.URL.Path == "/moved-robots.txt":
			w.Header().Set("Content-Type", "text/plain")
			fmt.Fprint(w, "User-agent: *\nDisallow: /private\n")
		case strings.HasPrefix(r.URL.Path, "/go/"):
			http.Redirect(w, r, strings.TrimPrefix(r.URL.Path, "/go"), http.StatusFound)
		default:
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, "<p>"+r.URL.Path+"</p>")
		}
	}))
	t.Cleanup(s.Close)
	return s
}

// robotsCfg is the configuration of these tests: loopback allowed, no
// pacing.
func robotsCfg() Config { return Config{AllowPrivate: true, HostInterval: -1} }

// TestRobotsFetch: a crawl honours robots.txt — fetched once per host,
// disallowed URLs refused with a reason naming the rule, the rest of the
// list going on — for URL inputs, list lines and redirect targets;
// IgnoreRobots turns it off.
func TestRobotsFetch(t *testing.T) {
	srv := newRobotsServer(t, 200, "User-agent: *\nDisallow: /private\nAllow: /private/ok\n")
	list := strings.Join([]string{srv.URL + "/news/1", srv.URL + "/private/x", srv.URL + "/private/ok", srv.URL + "/go/private/y", srv.URL + "/news/2"}, "\n")
	p := write(t, filepath.Join(t.TempDir(), "l.urls"), []byte(list))
	docs := read(t, robotsCfg(), p, srv.URL+"/private/z")
	want := []sum{
		{Origin: "news/1", Kind: "url", Format: FormatHTML, Body: "<p>/news/1</p>"},
		{Origin: "private/x", Kind: "url", Err: "fetch"},
		{Origin: "private/ok", Kind: "url", Format: FormatHTML, Body: "<p>/private/ok</p>"},
		{Origin: "go/private/y", Kind: "url", Err: "fetch"},
		{Origin: "news/2", Kind: "url", Format: FormatHTML, Body: "<p>/news/2</p>"},
		{Origin: "private/z", Kind: "url", Err: "fetch"},
	}
	if diff := cmp.Diff(want, summarise(srv.URL, docs)); diff != "" {
		t.Fatalf("documents mismatch (-want +got):\n%s", diff)
	}
	for _, i := range []int{1, 3, 5} {
		if msg := docs[i].Err.Error(); !strings.Contains(msg, "robots.txt of "+srv.URL+" disallows /private/") || !strings.Contains(msg, `"Disallow: /private"`) {
			t.Errorf("%s: error %q, want it to name robots.txt, the path and the rule", docs[i].Origin, msg)
		}
	}
	srv.mu.Lock()
	if srv.hits != 1 { // the list and the URL input share one Reader
		t.Errorf("robots.txt fetched %d times, want once", srv.hits)
	}
	srv.hits = 0
	srv.mu.Unlock()

	cfg := robotsCfg()
	cfg.IgnoreRobots = true
	if d := read(t, cfg, srv.URL+"/private/x"); d[0].Err != nil {
		t.Errorf("IgnoreRobots: %v", d[0].Err)
	}
	srv.mu.Lock()
	defer srv.mu.Unlock()
	if srv.hits != 0 {
		t.Errorf("IgnoreRobots: robots.txt fetched %d times, want 0", srv.hits)
	}
}

// TestRobotsStatus: how the robots.txt answer decides (RFC 9309 §2.3.1):
// 2xx is parsed, other 4xx allows everything, 429, 5xx and unreachable
// refuse everything for a while, and a redirected robots.txt is
// followed.
func TestRobotsStatus(t *testing.T) {
	tests := []struct {
		name    string
		status  int
		body    string
		delay   time.Duration
		allowed bool
		msg     string
	}{
		{"found", 200, "User-agent: *\nDisallow: /\n", 0, false, `disallows /a ("Disallow: /")`},
		{"found, empty", 200, "", 0, true, ""},
		{"not found", 404, "", 0, true, ""},
		{"gone", 410, "", 0, true, ""},
		{"forbidden", 403, "", 0, true, ""},
		{"server error", 503, "", 0, false, "answered HTTP 503"},
		{"too many requests", 429, "", 0, false, "answered HTTP 429"},
		{"timeout", 200, "", 2 * time.Second, false, "unreachable"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := newRobotsServer(t, tc.status, tc.body)
			srv.delay = tc.delay
			cfg := robotsCfg()
			if tc.delay > 0 {
				cfg.Timeout = 300 * time.Millisecond
			}
			docs := read(t, cfg, srv.URL+"/a", srv.URL+"/b")
			for _, d := range docs {
				if tc.allowed != (d.Err == nil) {
					t.Errorf("%s: err = %v, want allowed %v", d.Origin, d.Err, tc.allowed)
				}
			}
			if !tc.allowed {
				if !errors.Is(docs[0].Err, news.ErrFetch) || !strings.Contains(docs[0].Err.Error(), tc.msg) {
					t.Errorf("err = %v, want ErrFetch mentioning %q", docs[0].Err, tc.msg)
				}
			}
			srv.mu.Lock()
			defer srv.mu.Unlock()
			if srv.hits != 1 {
				t.Errorf("robots.txt asked for %d times, want once for both URLs", srv.hits)
			}
		})
	}
	t.Run("redirected", func(t *testing.T) {
		srv := newRobotsServer(t, http.StatusMovedPermanently, "")
		docs := read(t, robotsCfg(), srv.URL+"/private/a", srv.URL+"/public")
		if docs[0].Err == nil || docs[1].Err != nil {
			t.Errorf("errors %v, %v; want the moved robots.txt to refuse only the first", docs[0].Err, docs[1].Err)
		}
	})
}

// TestRobotsCancelled: a fetch of robots.txt abandoned with its context is
// not cached as a verdict; the next Read asks again.
func TestRobotsCancelled(t *testing.T) {
	srv := newRobotsServer(t, 200, "User-agent: *\nDisallow: /a\n")
	srv.delay = 5 * time.Second
	r := NewReader(robotsCfg())
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	u, _ := url.Parse(srv.URL + "/a")
	if err := r.robotsCheck(ctx, u); !errors.Is(err, ctx.Err()) || ctx.Err() == nil {
		t.Fatalf("robotsCheck with an expiring context = %v, want the context's error", err)
	}
	srv.mu.Lock()
	srv.delay = 0
	srv.mu.Unlock()
	ctx2, cancel2 := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel2()
	if err := r.robotsCheck(ctx2, u); err == nil || !strings.Contains(err.Error(), "disallows /a") {
		t.Errorf("second robotsCheck = %v, want the rule's refusal", err)
	}
}

// robotsReference decides a path from the parsed rules independently of
// globMatch and decide: each pattern becomes a regular expression, and
// the winner is the longest match, Allow on ties.
func robotsReference(rr *robotsRules, path string) bool {
	if path == "/robots.txt" {
		return true
	}
	bestLen, allowed := -1, true
	for _, r := range rr.rules {
		var re strings.Builder
		re.WriteString(`^`)
		for i, piece := range strings.Split(r.pattern, "*") {
			if i > 0 {
				re.WriteString(`.*`)
			}
			re.WriteString(regexp.QuoteMeta(piece))
		}
		if r.anchored {
			re.WriteString(`$`)
		}
		if !regexp.MustCompile(`(?s)` + re.String()).MatchString(path) {
			continue
		}
		switch n := r.specificity(); {
		case n > bestLen:
			bestLen, allowed = n, r.allow
		case n == bestLen && r.allow:
			allowed = true
		}
	}
	return allowed
}

// robotsEmptyDisallows rewrites every Disallow line of robots to an empty
// "Disallow:", the way parseRobots splits lines.
func robotsEmptyDisallows(robots []byte) []byte {
	if len(robots) > robotsMaxBytes {
		robots = robots[:robotsMaxBytes]
	}
	robots = bytes.TrimPrefix(robots, utf8BOM)
	lines := bytes.FieldsFunc(robots, func(r rune) bool { return r == '\n' || r == '\r' })
	for i, l := range lines {
		if j := bytes.IndexByte(l, '#'); j >= 0 {
			l = l[:j]
		}
		if k, _, ok := bytes.Cut(l, []byte(":")); ok && strings.EqualFold(string(bytes.TrimSpace(k)), "disallow") {
			lines[i] = []byte("Disallow:")
		}
	}
	return bytes.Join(lines, []byte("\n"))
}

// FuzzRobots: on any robots.txt and any path the parser does not panic,
// and its decision has the properties the RFC promises.
func FuzzRobots(f *testing.F) {
	f.Add([]byte("User-agent: *\nDisallow: /private\nAllow: /private/ok\n"), "/private/x?y=1")
	f.Add([]byte("User-agent: dossier\nDisallow: /*.pdf$\nAllow: /*?\n"), "/a.pdf")
	f.Add([]byte("User-agent: *\nDisallow:\n"), "/anything")
	f.Add([]byte("\ufeffuser-agent:dossier/1\r\ndisallow: *\r\nallow: /$\r\n"), "/")
	f.Add([]byte("User-agent: *\nDisallow: /%7e%E9%zz*%\n"), "/~%c3%a9")
	f.Add([]byte("Disallow: /\nUser-agent: x\nUser-agent: *\nCrawl-delay: 9\nDisallow: /a**b$$\n"), "/a/b$")
	f.Fuzz(func(t *testing.T, robots []byte, path string) {
		if !strings.HasPrefix(path, "/") {
			path = "/" + path
		}
		path = normRobotsPath(path)
		rr := parseRobots(robots, robotsAgent)
		got, rule := rr.decide(path)
		// Deterministic, and the deciding rule agrees with the decision.
		if again, _ := rr.decide(path); again != got {
			t.Fatalf("decide(%q) changed its mind", path)
		}
		if rule != nil && (rule.allow != got || !rule.matches(path)) {
			t.Fatalf("decide(%q) = %v by %v, which does not match or says otherwise", path, got, rule)
		}
		if rule == nil && !got {
			t.Fatalf("decide(%q) disallowed without a rule", path)
		}
		// No contradiction: the decision is the one the longest match
		// (Allow on ties) gives, found by a separate matcher.
		if want := robotsReference(rr, path); got != want {
			t.Fatalf("decide(%q) = %v, reference says %v (rules %+v)", path, got, want, rr.rules)
		}
		// Normalising is idempotent, so matching does not depend on
		// which of two equivalent spellings a URL used.
		if n := normRobotsPath(path); n != path {
			t.Fatalf("normRobotsPath not idempotent: %q -> %q", path, n)
		}
		// Without a Disallow there is nothing to refuse, and with every
		// Disallow emptied ("Disallow:" allows everything) neither.
		disallows := false
		for _, r := range rr.rules {
			disallows = disallows || !r.allow
		}
		if !disallows && !got {
			t.Fatalf("decide(%q) disallowed with no Disallow rule", path)
		}
		if ok, _ := parseRobots(robotsEmptyDisallows(robots), robotsAgent).decide(path); !ok {
			t.Fatalf("decide(%q) disallowed after every Disallow was emptied", path)
		}
		// robots.txt is always allowed.
		if ok, _ := rr.decide("/robots.txt"); !ok {
			t.Fatal("/robots.txt disallowed")
		}
	})
}
