package ingest

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

func TestPublicAddr(t *testing.T) {
	tests := []struct {
		addr string
		want bool
	}{
		{"93.184.216.34", true},
		{"2606:2800:220:1:248:1893:25c8:1946", true},
		{"127.0.0.1", false},
		{"127.3.4.5", false},
		{"::1", false},
		{"10.1.2.3", false},
		{"172.16.0.1", false},
		{"172.32.0.1", true},
		{"192.168.1.1", false},
		{"169.254.169.254", false}, // cloud metadata
		{"fd00:ec2::254", false},   // cloud metadata, IPv6
		{"fe80::1", false},
		{"100.64.0.1", false}, // carrier-grade NAT
		{"0.0.0.0", false},
		{"::", false},
		{"::ffff:127.0.0.1", false}, // IPv4-mapped loopback
		{"::ffff:10.0.0.1", false},
		{"::ffff:169.254.169.254", false},
		{"::ffff:100.64.0.1", false},
		{"::ffff:93.184.216.34", true},
		{"::127.0.0.1", false},  // IPv4-compatible (deprecated) loopback
		{"fe80::1%eth0", false}, // a zone must not hide link-local
		{"fe80::a9fe:a9fe%1", false},
		{"fc00::1", false},
		{"fdff:ffff::1", false},
		{"ff02::1", false},
		{"192.0.2.1", false}, // documentation
		{"198.18.0.1", false},
		{"100.128.0.1", true}, // just past carrier-grade NAT
		{"9.255.255.255", true},
		{"11.0.0.0", true},
		{"224.0.0.1", false},
		{"255.255.255.255", false},
	}
	for _, tt := range tests {
		if got := publicAddr(netip.MustParseAddr(tt.addr)); got != tt.want {
			t.Errorf("publicAddr(%s) = %v, want %v", tt.addr, got, tt.want)
		}
	}
}

// TestAllowNets: an allow-list opens exactly its ranges, mapped and zoned
// forms included, and nothing else.
func TestAllowNets(t *testing.T) {
	g := addrGuard{allow: []netip.Prefix{netip.MustParsePrefix("10.20.0.0/16"), netip.MustParsePrefix("fe80::/64")}}
	tests := []struct {
		addr string
		want bool
	}{
		{"10.20.3.4", true},
		{"::ffff:10.20.3.4", true},
		{"10.21.0.1", false},
		{"127.0.0.1", false},
		{"169.254.169.254", false},
		{"fe80::1%eth0", true},
		{"fe80:0:0:1::1", false},
		{"93.184.216.34", true},
	}
	for _, tt := range tests {
		if got := g.permits(netip.MustParseAddr(tt.addr)); got != tt.want {
			t.Errorf("permits(%s) = %v, want %v", tt.addr, got, tt.want)
		}
	}
	if err := (Config{AllowNets: []netip.Prefix{{}}}).WithDefaults().Validate(); !errors.Is(err, news.ErrInvalid) {
		t.Errorf("Validate with a zero prefix = %v, want ErrInvalid", err)
	}
}

// fetchOne reads one input with cfg and returns its first Document.
func fetchOne(t *testing.T, cfg Config, input string) Document {
	t.Helper()
	out := make(chan Document, 16)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := NewReader(cfg).Read(ctx, []string{input}, out); err != nil {
		t.Fatal(err)
	}
	close(out)
	return <-out
}

// listenOn starts an HTTP server on addr (e.g. "127.0.0.2:0"), or skips
// the test where the system has no such address (127.0.0.2 is loopback
// on Linux, not on macOS).
func listenOn(t *testing.T, addr string, h http.Handler) *httptest.Server {
	t.Helper()
	l, err := net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("cannot listen on %s: %v", addr, err)
	}
	srv := httptest.NewUnstartedServer(h)
	srv.Listener.Close()
	srv.Listener = l
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

// TestRedirectToLoopbackRefused: a server the allow-list lets through
// (standing in for a public host) redirects to a name that resolves to
// loopback, and to a loopback IP literal. Both hops are refused — the
// first after DNS resolution, at connect time — and become failed
// documents wrapping ErrFetch that name the refused address.
func TestRedirectToLoopbackRefused(t *testing.T) {
	inner := newTestServer(t) // 127.0.0.1: the target the redirects aim at
	_, port, _ := net.SplitHostPort(inner.Listener.Addr().String())
	outer := listenOn(t, "127.0.0.2:0", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			http.NotFound(w, r)
		case "/to-name":
			http.Redirect(w, r, "http://localhost:"+port+"/page", http.StatusFound)
		case "/to-literal":
			http.Redirect(w, r, "http://[::ffff:127.0.0.1]:"+port+"/page", http.StatusMovedPermanently)
		default:
			w.Header().Set("Content-Type", "text/html")
			io.WriteString(w, page)
		}
	}))
	cfg := Config{AllowNets: []netip.Prefix{netip.MustParsePrefix("127.0.0.2/32")}, HostInterval: -1}
	if d := fetchOne(t, cfg, outer.URL+"/page"); d.Err != nil {
		t.Fatalf("the allowed host itself: %v", d.Err)
	}
	for _, path := range []string{"/to-name", "/to-literal"} {
		d := fetchOne(t, cfg, outer.URL+path)
		if !errors.Is(d.Err, news.ErrFetch) || !strings.Contains(d.Err.Error(), "refusing to connect to ") ||
			(!strings.Contains(d.Err.Error(), "127.0.0.1") && !strings.Contains(d.Err.Error(), "::1")) {
			t.Errorf("redirect %s to loopback: err = %v, want a refusal naming the loopback address", path, d.Err)
		}
		if strings.Contains(d.Err.Error(), "127.0.0.2") {
			t.Errorf("redirect %s: refusal names the allowed first hop: %v", path, d.Err)
		}
	}
	// With AllowPrivate the same redirect is followed.
	if d := fetchOne(t, Config{AllowPrivate: true, HostInterval: -1}, outer.URL+"/to-name"); d.Err != nil || string(d.Body) != page {
		t.Errorf("with AllowPrivate: err = %v, body %q", d.Err, d.Body)
	}
}

// TestNameResolvingToLoopback: a hostname (not an IP literal) is checked
// on the address it resolves to.
func TestNameResolvingToLoopback(t *testing.T) {
	srv := newTestServer(t)
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	d := fetchOne(t, Config{}, "http://localhost:"+port+"/page")
	if !errors.Is(d.Err, news.ErrFetch) || !strings.Contains(d.Err.Error(), "refusing to connect to") {
		t.Errorf("fetch of localhost: err = %v, want a refusal at connect time", d.Err)
	}
	srv.mu.Lock()
	defer srv.mu.Unlock()
	if n := len(srv.userAgents); n != 0 {
		t.Errorf("the server saw %d requests, want none", n)
	}
}

// TestFetchRefusesLoopback: by default a URL on a loopback address — and
// a redirect to one from a server that is itself allowed — is a failed
// document with a clear reason; AllowPrivate lets it through.
func TestFetchRefusesLoopback(t *testing.T) {
	srv := newTestServer(t)
	fetch := func(cfg Config, url string) Document {
		out := make(chan Document, 4)
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		if err := NewReader(cfg).Read(ctx, []string{url}, out); err != nil {
			t.Fatal(err)
		}
		close(out)
		return <-out
	}
	d := fetch(Config{}, srv.URL+"/page")
	if !errors.Is(d.Err, news.ErrFetch) || !strings.Contains(d.Err.Error(), "refusing to connect to 127.0.0.1") {
		t.Errorf("default fetch of a loopback URL: err = %v, want a refusal wrapping ErrFetch", d.Err)
	}
	if d := fetch(Config{AllowPrivate: true, HostInterval: -1}, srv.URL+"/page"); d.Err != nil {
		t.Errorf("with AllowPrivate: %v", d.Err)
	}
	// A redirect is a new connection, checked the same way: guardDial
	// refuses the redirect's target by its resolved address, whatever
	// the first hop was.
	if err := guardDial("tcp", "[::ffff:169.254.169.254]:80", nil); err == nil || !errors.Is(err, news.ErrFetch) {
		t.Errorf("guardDial to mapped metadata address: %v, want a refusal", err)
	}
	if err := guardDial("tcp", "93.184.216.34:443", nil); err != nil {
		t.Errorf("guardDial to a public address: %v", err)
	}
}
