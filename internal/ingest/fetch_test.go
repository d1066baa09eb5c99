package ingest

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/news"
)

// testServer serves invented pages and feeds and records what it saw.
type testServer struct {
	*httptest.Server
	mu         sync.Mutex
	userAgents []string
	paths      []string
	inflight   atomic.Int32
	maxInlight atomic.Int32
}

func newTestServer(t *testing.T) *testServer {
	s := &testServer{}
	mux := http.NewServeMux()
	html := func(w http.ResponseWriter, body string) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, body)
	}
	mux.HandleFunc("/page", func(w http.ResponseWriter, r *http.Request) { html(w, page) })
	mux.HandleFunc("/plain", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, plain)
	})
	mux.HandleFunc("/r/{n}", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.PathValue("n"))
		if n == 0 {
			html(w, page)
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/r/%d", n-1), http.StatusFound)
	})
	mux.HandleFunc("/to-file", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	mux.HandleFunc("/missing", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "oops", http.StatusInternalServerError) })
	mux.HandleFunc("/gzip", func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			http.Error(w, "client does not accept gzip", http.StatusNotAcceptable)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(gz([]byte(page)))
	})
	mux.HandleFunc("/page.html.gz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/gzip")
		w.Write(gz([]byte(page)))
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) { html(w, strings.Repeat("<p>x</p>", 100)) })
	mux.HandleFunc("/big-chunked", func(w http.ResponseWriter, r *http.Request) {
		for range 100 {
			fmt.Fprint(w, "<p>x</p>")
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/empty", func(w http.ResponseWriter, r *http.Request) {})
	mux.HandleFunc("/image", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
	})
	mux.HandleFunc("/photo", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/jpeg")
		fmt.Fprint(w, "not really a jpeg")
	})
	feed := func(w http.ResponseWriter, ct string) {
		w.Header().Set("Content-Type", ct)
		w.Write(rssFeed(
			rssItem("Dredging to start", s.URL+"/dredging", "", "<p>"+longText+"</p>"),
			rssItem("Ferry", "/page", "Teaser only.", ""),
			rssItem("Gone", s.URL+"/missing", "Teaser only.", ""),
		))
	}
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) { feed(w, "application/rss+xml") })
	mux.HandleFunc("/feed-as-html", func(w http.ResponseWriter, r *http.Request) { feed(w, "text/html") })
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	mux.HandleFunc("/count/{n}", func(w http.ResponseWriter, r *http.Request) {
		n := s.inflight.Add(1)
		defer s.inflight.Add(-1)
		for {
			m := s.maxInlight.Load()
			if n <= m || s.maxInlight.CompareAndSwap(m, n) {
				break
			}
		}
		time.Sleep(40 * time.Millisecond)
		html(w, "<p>count "+r.PathValue("n")+"</p>")
	})
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.userAgents = append(s.userAgents, r.UserAgent())
		s.paths = append(s.paths, r.URL.Path)
		s.mu.Unlock()
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

// unpaced turns per-host pacing off unless cfg sets it: the test server
// is one host, and a second between its requests would only slow tests.
func unpaced(cfg Config) Config {
	if cfg.HostInterval == 0 {
		cfg.HostInterval = -1
	}
	return cfg
}

func TestFetch(t *testing.T) {
	srv := newTestServer(t)
	small := Config{MaxDocBytes: 200}
	tests := []struct {
		name string
		path string
		cfg  Config
		want []sum
		url  string // final URL; "" means the requested one
		msg  string // in the error text
	}{
		{"html", "/page", Config{}, []sum{{Origin: "page", Kind: "url", Format: FormatHTML, Body: page}}, "", ""},
		{"plain text", "/plain", Config{}, []sum{{Origin: "plain", Kind: "url", Format: FormatText, Body: plain}}, "", ""},
		{"redirects within the cap", "/r/3", Config{MaxRedirects: 3}, []sum{{Origin: "r/3", Kind: "url", Format: FormatHTML, Body: page}}, "/r/0", ""},
		{"redirects over the cap", "/r/4", Config{MaxRedirects: 3}, []sum{{Origin: "r/4", Kind: "url", Err: "fetch"}}, "", "stopped after 3 redirects"},
		{"no redirects allowed", "/r/1", Config{MaxRedirects: -1}, []sum{{Origin: "r/1", Kind: "url", Err: "fetch"}}, "", "stopped after 0 redirects"},
		{"redirect off http(s)", "/to-file", Config{}, []sum{{Origin: "to-file", Kind: "url", Err: "fetch"}}, "", `unsupported scheme "file"`},
		{"not found", "/missing", Config{}, []sum{{Origin: "missing", Kind: "url", Err: "fetch"}}, "", "HTTP 404 Not Found"},
		{"server error", "/broken", Config{}, []sum{{Origin: "broken", Kind: "url", Err: "fetch"}}, "", "HTTP 500"},
		{"gzip response", "/gzip", Config{}, []sum{{Origin: "gzip", Kind: "url", Format: FormatHTML, Body: page}}, "", ""},
		{"gzip file served as is", "/page.html.gz", Config{}, []sum{{Origin: "page.html.gz", Kind: "url", Format: FormatHTML, Body: page}}, "", ""},
		{"over the size limit", "/big", small, []sum{{Origin: "big", Kind: "url", Err: "too_large"}}, "", "limit of 200"},
		{"over the size limit, no length", "/big-chunked", small, []sum{{Origin: "big-chunked", Kind: "url", Err: "too_large"}}, "", "limit of 200"},
		{"empty body", "/empty", Config{}, []sum{{Origin: "empty", Kind: "url", Err: "empty"}}, "", ""},
		{"binary body", "/image", Config{}, []sum{{Origin: "image", Kind: "url", Err: "binary"}}, "", ""},
		{"media type we cannot read", "/photo", Config{}, []sum{{Origin: "photo", Kind: "url", Err: "binary"}}, "", "image/jpeg"},
		{"timeout", "/slow", Config{Timeout: 200 * time.Millisecond}, []sum{{Origin: "slow", Kind: "url", Err: "fetch"}}, "", "timeout"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			docs := read(t, unpaced(tc.cfg), srv.URL+tc.path)
			if diff := cmp.Diff(tc.want, summarise(srv.URL, docs)); diff != "" {
				t.Fatalf("documents mismatch (-want +got):\n%s", diff)
			}
			d := docs[0]
			if d.Err != nil {
				if !strings.Contains(strings.ToLower(d.Err.Error()), strings.ToLower(tc.msg)) {
					t.Errorf("Err = %q, want it to contain %q", d.Err, tc.msg)
				}
				return
			}
			wantURL := srv.URL + tc.path
			if tc.url != "" {
				wantURL = srv.URL + tc.url
			}
			if d.URL != wantURL || d.ContentType == "" {
				t.Errorf("URL, ContentType = %q, %q; want %q and the response's Content-Type", d.URL, d.ContentType, wantURL)
			}
		})
	}
}

func TestFetchFeed(t *testing.T) {
	srv := newTestServer(t)
	for _, path := range []string{"/feed", "/feed-as-html"} {
		t.Run(path, func(t *testing.T) {
			docs := read(t, unpaced(Config{}), srv.URL+path)
			want := []sum{
				{Origin: path[1:] + "#item 1", Kind: "rss", Format: FormatHTML, Body: "<p>" + longText + "</p>"},
				{Origin: path[1:] + "#item 2", Kind: "rss", Format: FormatHTML, Body: page},
				{Origin: path[1:] + "#item 3", Kind: "rss", Err: "fetch"},
			}
			if diff := cmp.Diff(want, summarise(srv.URL, docs)); diff != "" {
				t.Fatalf("items mismatch (-want +got):\n%s", diff)
			}
			if d := docs[1]; d.URL != srv.URL+"/page" || d.Title != "Ferry" || d.Source != "Harbour Gazette" || !strings.HasPrefix(d.ContentType, "text/html") {
				t.Errorf("fetched item hints = {%q %q %q %q}, want the page URL, item title, feed title and page Content-Type", d.URL, d.Title, d.Source, d.ContentType)
			}
			if !strings.Contains(docs[2].Err.Error(), "item link "+srv.URL+"/missing") {
				t.Errorf("item 3 error = %q, want it to name the link", docs[2].Err)
			}
		})
	}
}

func TestUserAgent(t *testing.T) {
	srv := newTestServer(t)
	read(t, unpaced(Config{}), srv.URL+"/page")
	read(t, unpaced(Config{UserAgent: "DossierTest/1"}), srv.URL+"/r/1")
	// Each Reader asks for robots.txt first, with the same agent.
	want := []string{DefaultUserAgent, DefaultUserAgent, "DossierTest/1", "DossierTest/1", "DossierTest/1"}
	wantPaths := []string{"/robots.txt", "/page", "/robots.txt", "/r/1", "/r/0"}
	srv.mu.Lock()
	defer srv.mu.Unlock()
	if diff := cmp.Diff(want, srv.userAgents); diff != "" {
		t.Errorf("User-Agent headers mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantPaths, srv.paths); diff != "" {
		t.Errorf("requested paths mismatch (-want +got):\n%s", diff)
	}
}

func TestPerHostLimit(t *testing.T) {
	tests := []struct {
		name   string
		cfg    Config
		client bool // use a caller's client without a per-host limit
	}{
		{"default", Config{}, false},
		{"one per host", Config{MaxConnsPerHost: 1}, false},
		{"caller's client", Config{}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := newTestServer(t)
			var list strings.Builder
			var want []sum
			for i := range 10 {
				fmt.Fprintf(&list, "%s/count/%d\n", srv.URL, i)
				want = append(want, sum{Origin: fmt.Sprintf("count/%d", i), Kind: "url", Format: FormatHTML, Body: fmt.Sprintf("<p>count %d</p>", i)})
			}
			p := write(t, filepath.Join(t.TempDir(), "list.urls"), []byte(list.String()))
			cfg := tc.cfg
			if tc.client {
				cfg.HTTPClient = &http.Client{Transport: &http.Transport{}}
			}
			got := summarise(srv.URL, read(t, unpaced(cfg), p))
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("documents mismatch (-want +got):\n%s", diff)
			}
			limit := int32(cfg.WithDefaults().MaxConnsPerHost)
			if m := srv.maxInlight.Load(); m != limit {
				t.Errorf("at most %d concurrent requests, want exactly %d (bounded, but concurrent)", m, limit)
			}
		})
	}
}

func TestURLLists(t *testing.T) {
	srv := newTestServer(t)
	tests := []struct {
		name, file, data string
		want             []sum
	}{
		{".urls with comments and a bad line", "l.urls",
			"# morning run\n" + srv.URL + "/page\n\n  " + srv.URL + "/plain  \nnot a url\n" + srv.URL + "/missing\n",
			[]sum{
				{Origin: "page", Kind: "url", Format: FormatHTML, Body: page},
				{Origin: "plain", Kind: "url", Format: FormatText, Body: plain},
				{Origin: "l.urls:line 5", Kind: "url", Err: "malformed"},
				{Origin: "missing", Kind: "url", Err: "fetch"},
			}},
		{".txt holding only URLs", "l.txt", srv.URL + "/plain\r\n" + srv.URL + "/page\r\n",
			[]sum{
				{Origin: "plain", Kind: "url", Format: FormatText, Body: plain},
				{Origin: "page", Kind: "url", Format: FormatHTML, Body: page},
			}},
		{".txt mentioning a URL is text", "t.txt", "See " + srv.URL + "/page\n",
			[]sum{{Origin: "t.txt", Kind: "text", Format: FormatText, Body: "See " + srv.URL + "/page\n"}}},
		{"sniffed list", "LIST", srv.URL + "/page\n",
			[]sum{{Origin: "page", Kind: "url", Format: FormatHTML, Body: page}}},
		{"comments only", "l.urls", "# nothing yet\n", []sum{{Origin: "l.urls", Kind: "url", Err: "empty"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			p := write(t, filepath.Join(dir, tc.file), []byte(tc.data))
			got := summarise(srv.URL, read(t, unpaced(Config{}), p))
			for i := range got {
				got[i].Origin = relOrigin(dir, got[i].Origin)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("documents mismatch (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("gzip list", func(t *testing.T) {
		p := write(t, filepath.Join(t.TempDir(), "l.urls.gz"), gz([]byte(srv.URL+"/page\n")))
		got := summarise(srv.URL, read(t, unpaced(Config{}), p))
		if diff := cmp.Diff([]sum{{Origin: "page", Kind: "url", Format: FormatHTML, Body: page}}, got); diff != "" {
			t.Errorf("documents mismatch (-want +got):\n%s", diff)
		}
	})
}

func TestUnreachable(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL + "/page"
	srv.Close()
	docs := read(t, unpaced(Config{}), url, "https://", "http://[::1")
	if len(docs) != 3 {
		t.Fatalf("got %d documents, want 3", len(docs))
	}
	for i, want := range []error{news.ErrFetch, news.ErrInvalid, news.ErrInvalid} {
		if !errors.Is(docs[i].Err, want) {
			t.Errorf("document %d (%s) error = %v, want %v", i, docs[i].Origin, docs[i].Err, want)
		}
	}
}

func TestFetchCancelled(t *testing.T) {
	srv := newTestServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	out := make(chan Document, 10)
	errc := make(chan error, 1)
	go func() {
		errc <- NewReader(Config{AllowPrivate: true}).Read(ctx, []string{srv.URL + "/slow", srv.URL + "/slow"}, out)
	}()
	time.Sleep(100 * time.Millisecond)
	cancel()
	select {
	case err := <-errc:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Read = %v, want context.Canceled", err)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("Read did not return after cancel")
	}
	if n := len(out); n != 0 {
		t.Errorf("%d documents emitted for cancelled fetches, want 0", n)
	}
}

func TestHostSlots(t *testing.T) {
	r := NewReader(Config{MaxConnsPerHost: 2})
	ctx := context.Background()
	rel1, err1 := r.acquireHost(ctx, "a.example")
	rel2, err2 := r.acquireHost(ctx, "a.example")
	relB, errB := r.acquireHost(ctx, "b.example")
	if err1 != nil || err2 != nil || errB != nil {
		t.Fatalf("acquireHost errors %v, %v, %v; want nil", err1, err2, errB)
	}
	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	if _, err := r.acquireHost(short, "a.example"); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("third slot for one host = %v, want to wait until the deadline", err)
	}
	rel1()
	rel2()
	relB()
	if n := len(r.hosts); n != 0 {
		t.Errorf("%d hosts still tracked after every slot was released, want 0", n)
	}
}

// TestReserve: bookings to one host are spaced by the interval, first
// come first served, from whenever the host was last booked; other hosts
// are independent (a fake clock: no timing).
func TestReserve(t *testing.T) {
	t0 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	const iv = time.Second
	var a, b hostSlots
	steps := []struct {
		h    *hostSlots
		at   time.Duration // since t0
		want time.Duration // wait
	}{
		{&a, 0, 0},
		{&a, 0, iv},
		{&a, 0, 2 * iv},
		{&b, 0, 0}, // another host does not wait for a's queue
		{&a, 500 * time.Millisecond, 2*iv + 500*time.Millisecond},
		{&a, 10 * time.Second, 0}, // long idle: no debt carried over
		{&a, 10*time.Second + 300*time.Millisecond, 700 * time.Millisecond},
	}
	for i, st := range steps {
		if got := st.h.reserve(t0.Add(st.at), iv); got != st.want {
			t.Errorf("step %d: reserve at +%v = wait %v, want %v", i, st.at, got, st.want)
		}
	}
	if !a.next.Equal(t0.Add(12 * time.Second)) {
		t.Errorf("a.next = t0+%v, want t0+12s", a.next.Sub(t0))
	}
}

// TestHostIntervalConfig: zero is the default, negative is none, and an
// interval over a minute (a unit slip) is invalid.
func TestHostIntervalConfig(t *testing.T) {
	for _, tt := range []struct {
		in, want time.Duration
	}{{0, DefaultHostInterval}, {-1, 0}, {250 * time.Millisecond, 250 * time.Millisecond}} {
		if got := (Config{HostInterval: tt.in}).usable().hostInterval(); got != tt.want {
			t.Errorf("HostInterval %v: in force %v, want %v", tt.in, got, tt.want)
		}
	}
	if err := (Config{HostInterval: time.Hour}).WithDefaults().Validate(); !errors.Is(err, news.ErrInvalid) {
		t.Errorf("an hour between requests: Validate = %v, want ErrInvalid", err)
	}
	if got := (Config{HostInterval: time.Hour}).usable().hostInterval(); got != DefaultHostInterval {
		t.Errorf("an hour, unvalidated: in force %v, want the default", got)
	}
}

// TestHostInterval: with a 150 ms interval, the last of n requests to one
// host (robots.txt and the redirect hop included) cannot start before
// (n-1) intervals have passed. Only a lower bound is asserted, never a
// speed.
func TestHostInterval(t *testing.T) {
	srv := newTestServer(t)
	var mu sync.Mutex
	var starts []time.Time
	client := &http.Client{Transport: roundTripFunc(func(req *http.Request) (*http.Response, error) {
		mu.Lock()
		starts = append(starts, time.Now())
		mu.Unlock()
		return http.DefaultTransport.RoundTrip(req)
	})}
	const iv = 150 * time.Millisecond
	list := srv.URL + "/page\n" + srv.URL + "/plain\n" + srv.URL + "/r/1\n"
	p := write(t, filepath.Join(t.TempDir(), "l.urls"), []byte(list))
	t0 := time.Now()
	docs := read(t, Config{HostInterval: iv, HTTPClient: client}, p)
	for _, d := range docs {
		if d.Err != nil {
			t.Fatalf("%s: %v", d.Origin, d.Err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(starts) != 5 {
		t.Fatalf("%d requests, want 5 (robots.txt, three pages and a redirect hop)", len(starts))
	}
	if last := starts[len(starts)-1].Sub(t0); last < 4*iv {
		t.Errorf("5th request started %v after the first could, want at least %v", last, 4*iv)
	}
}

// roundTripFunc adapts a function to http.RoundTripper.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(req *http.Request) (*http.Response, error) { return f(req) }

// TestPaceCancelled: a request waiting for its turn gives up when its
// context ends, with the context's error.
func TestPaceCancelled(t *testing.T) {
	r := NewReader(Config{HostInterval: time.Minute})
	if err := r.pace(context.Background(), "a.example"); err != nil {
		t.Fatalf("first request: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.pace(ctx, "a.example") }()
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("pace = %v, want context.Canceled", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("pace did not return after cancel")
	}
	if err := r.pace(context.Background(), "b.example"); err != nil {
		t.Errorf("another host: %v, want no wait", err)
	}
}

// TestHostSweep: entries kept only for pacing are dropped once their
// booking has passed, so many hosts do not accumulate.
func TestHostSweep(t *testing.T) {
	r := NewReader(Config{HostInterval: time.Millisecond})
	for i := range 3 * hostSweepAt {
		if err := r.pace(context.Background(), fmt.Sprintf("h%d.example", i)); err != nil {
			t.Fatal(err)
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if n := len(r.hosts); n > hostSweepAt+1 {
		t.Errorf("%d hosts tracked, want at most %d", n, hostSweepAt+1)
	}
	r.sweepHosts(time.Now().Add(time.Second))
	if n := len(r.hosts); n != 0 {
		t.Errorf("%d hosts tracked after every booking passed, want 0", n)
	}
}
