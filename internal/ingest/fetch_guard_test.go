package ingest

import (
	"context"
	"errors"
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
		{"::ffff:93.184.216.34", true},
		{"224.0.0.1", false},
		{"255.255.255.255", false},
	}
	for _, tt := range tests {
		if got := publicAddr(netip.MustParseAddr(tt.addr)); got != tt.want {
			t.Errorf("publicAddr(%s) = %v, want %v", tt.addr, got, tt.want)
		}
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
	if d := fetch(Config{AllowPrivate: true}, srv.URL+"/page"); d.Err != nil {
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
