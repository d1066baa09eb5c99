package ingest

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"syscall"

	"github.com/dossier-news/dossier/internal/news"
)

// nonPublic are address ranges a fetch of a URL from the open web must
// not reach unless Config.AllowPrivate or Config.AllowNets says so: the
// machine itself, its networks, link-local (where cloud metadata services
// answer, e.g. 169.254.169.254 and fd00:ec2::254), carrier-grade NAT,
// benchmarking, documentation and reserved ranges. IPv4-mapped IPv6
// addresses are unmapped before the check; ::/96 also covers the
// deprecated IPv4-compatible form (::127.0.0.1).
var nonPublic = func() []netip.Prefix {
	var ps []netip.Prefix
	for _, s := range []string{
		"0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
		"192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
		"224.0.0.0/4", "240.0.0.0/4",
		"::/96", "::1/128", "64:ff9b::/96", "100::/64", "2001:db8::/32", "fc00::/7", "fe80::/10", "ff00::/8",
	} {
		ps = append(ps, netip.MustParsePrefix(s))
	}
	return ps
}()

// refusedError is a refusal by the address guard. It is a news.ErrFetch
// (the document's failure kind), and its own type lets the robots.txt
// fetch tell "this host may not be reached" from "its robots.txt is down"
// and leave the refusal to the page's own fetch, whose message is clearer.
type refusedError struct{ msg string }

func (e *refusedError) Error() string        { return e.msg }
func (e *refusedError) Is(target error) bool { return target == news.ErrFetch }

// isRefused reports whether err is, or wraps, a refusal by the guard.
func isRefused(err error) bool {
	var r *refusedError
	return errors.As(err, &r)
}

// canonAddr strips what would make a prefix test miss: an IPv4-mapped IPv6
// address is compared as IPv4, and an IPv6 zone ("fe80::1%eth0") is
// dropped, since netip.Prefix.Contains is false for any zoned address and
// a zone would otherwise carry a link-local address past the check.
func canonAddr(a netip.Addr) netip.Addr {
	return a.Unmap().WithZone("")
}

// publicAddr reports whether a may be fetched from by default.
func publicAddr(a netip.Addr) bool {
	a = canonAddr(a)
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

// addrGuard decides which addresses a Reader may connect to: public ones,
// plus those in allow (Config.AllowNets).
type addrGuard struct {
	allow []netip.Prefix
}

// permits reports whether a may be connected to.
func (g addrGuard) permits(a netip.Addr) bool {
	if publicAddr(a) {
		return true
	}
	a = canonAddr(a)
	for _, p := range g.allow {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// refusal is the error for a refused address.
func refusal(a netip.Addr) error {
	return &refusedError{fmt.Sprintf("refusing to connect to %s: a loopback, private, link-local or reserved address (allow with --allow-private)", canonAddr(a))}
}

// control is a net.Dialer Control function: it runs after DNS
// resolution, for every address a connection is attempted to —
// redirects and retries included — so neither a hostname that resolves
// to a private address nor one that changes its answer between checks
// (DNS rebinding) gets a connection.
func (g addrGuard) control(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		host, _, _ := net.SplitHostPort(address)
		return &refusedError{fmt.Sprintf("refusing to connect to %q: not an IP address", host)}
	}
	if !g.permits(ap.Addr()) {
		return refusal(ap.Addr())
	}
	return nil
}

// guardDial is the control function of the default guard (no AllowNets).
func guardDial(network, address string, c syscall.RawConn) error {
	return addrGuard{}.control(network, address, c)
}

// checkLiteral refuses a URL whose host is a non-public IP literal before
// any request is made. The dial-time check is the one that counts; this
// one gives the same answer earlier, and still holds when an HTTP proxy
// (HTTP_PROXY) makes the connection, where the dial-time check sees only
// the proxy's address. Hostnames are left to the dial-time check, since
// only the resolver knows where they point.
func (g addrGuard) checkLiteral(u *url.URL) error {
	a, err := netip.ParseAddr(u.Hostname())
	if err != nil {
		return nil
	}
	if !g.permits(a) {
		return refusal(a)
	}
	return nil
}
