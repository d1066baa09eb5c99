package ingest

import (
	"fmt"
	"net"
	"net/netip"
	"syscall"

	"github.com/dossier-news/dossier/internal/news"
)

// nonPublic are address ranges a fetch of a URL from the open web must
// not reach unless Config.AllowPrivate says so: the machine itself, its
// networks, link-local (where cloud metadata services answer, e.g.
// 169.254.169.254 and fd00:ec2::254), carrier-grade NAT, benchmarking,
// documentation and reserved ranges. IPv4-mapped IPv6 addresses are
// unmapped before the check.
var nonPublic = func() []netip.Prefix {
	var ps []netip.Prefix
	for _, s := range []string{
		"0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
		"192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
		"224.0.0.0/4", "240.0.0.0/4",
		"::/128", "::1/128", "64:ff9b::/96", "100::/64", "2001:db8::/32", "fc00::/7", "fe80::/10", "ff00::/8",
	} {
		ps = append(ps, netip.MustParsePrefix(s))
	}
	return ps
}()

// publicAddr reports whether a may be fetched from by default.
func publicAddr(a netip.Addr) bool {
	a = a.Unmap()
	if !a.IsValid() {
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(a) {
			return false
		}
	}
	return true
}

// guardDial is a net.Dialer Control function: it runs after DNS
// resolution, for every address a connection is attempted to —
// redirects and retries included — so neither a hostname that resolves
// to a private address nor one that changes its answer between checks
// (DNS rebinding) gets a connection.
func guardDial(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		host, _, _ := net.SplitHostPort(address)
		return fmt.Errorf("refusing to connect to %q: not an IP address: %w", host, news.ErrFetch)
	}
	if !publicAddr(ap.Addr()) {
		return fmt.Errorf("refusing to connect to %s: a loopback, private, link-local or reserved address (allow with --allow-private): %w", ap.Addr().Unmap(), news.ErrFetch)
	}
	return nil
}
