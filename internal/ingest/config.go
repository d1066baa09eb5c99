package ingest

import (
	"fmt"
	"io"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// Defaults applied by Config.WithDefaults.
const (
	DefaultMaxDocBytes     = 10 << 20
	DefaultUserAgent       = "Dossier/0.1 (+https://github.com/dossier-news/dossier)"
	DefaultTimeout         = 20 * time.Second
	DefaultMaxConnsPerHost = 2
	DefaultMaxRedirects    = 5
	// DefaultHostInterval spaces request starts to one host by a second.
	// One request a second is the customary politeness bound for a
	// crawler that has not been told otherwise: a news site serves that
	// to a single reader clicking through, while a list of a thousand of
	// one outlet's links still finishes in about seventeen minutes. It
	// also keeps us under most sites' rate-limit bans, which would
	// otherwise turn a big list into a run of 429s and 503s.
	DefaultHostInterval = time.Second
)

// Upper bounds checked by Validate. They are far above any sensible
// setting and exist to catch unit mistakes (bytes for megabytes, a count
// typed into a duration) before they cost memory or hammer a server.
const (
	maxMaxDocBytes     = 1 << 30
	maxMaxConnsPerHost = 64
	maxMaxRedirects    = 30
	maxHostInterval    = time.Minute
)

// Config controls a Reader. The zero value, after WithDefaults, is usable.
type Config struct {
	// MaxDocBytes is the per-document size limit, applied after
	// decompression: to a file, a fetched page, a feed and each JSONL line.
	// Default 10 MB.
	MaxDocBytes int64
	// UserAgent is sent with every HTTP request. Default DefaultUserAgent.
	UserAgent string
	// Timeout bounds one HTTP request, body included. Default 20s.
	Timeout time.Duration
	// MaxConnsPerHost bounds concurrent connections to one host. Default 2.
	MaxConnsPerHost int
	// MaxRedirects is how many redirects one request may follow. Default 5;
	// a negative value follows none.
	MaxRedirects int
	// HostInterval is the least time between the starts of two requests
	// to one host (host:port): pages, redirect hops and robots.txt alike,
	// on top of the MaxConnsPerHost bound. Zero means DefaultHostInterval
	// (1s; WithDefaults leaves it zero); a negative value disables pacing
	// (tests against a local server).
	HostInterval time.Duration
	// AllowPrivate lets fetches reach loopback, private, link-local and
	// reserved addresses. Off by default: a URL list or feed from the web
	// must not make Dossier read the machine's own services or a cloud
	// metadata endpoint. The check is on the address connected to, so
	// behind an HTTP proxy (HTTP_PROXY) on such an address it must be on,
	// and the proxy must enforce the policy.
	AllowPrivate bool
	// AllowNets lets fetches reach these address ranges even though they
	// are not public, e.g. 10.20.0.0/16 for an internal archive, without
	// opening every private address the way AllowPrivate does.
	AllowNets []netip.Prefix
	// IgnoreRobots stops fetches from consulting robots.txt. By default
	// every fetched URL — inputs, URL-list lines, feed item links and
	// redirect targets — is checked against the robots.txt of its origin
	// for the "dossier" agent (and the product token of UserAgent), and a
	// disallowed one is a failed document.
	IgnoreRobots bool
	// Stdin is read for the input "-". When nil, "-" is a failed Document.
	Stdin io.Reader
	// HTTPClient, when set, is used instead of a client built from the
	// fields above (tests). Its redirect policy and timeout are filled in
	// from this Config when the client leaves them unset. Its dialer is
	// the caller's: the connect-time address guard is not installed, and
	// only IP-literal URLs are checked against AllowPrivate and AllowNets.
	HTTPClient *http.Client
}

// WithDefaults returns c with zero fields set to their defaults.
func (c Config) WithDefaults() Config {
	if c.MaxDocBytes == 0 {
		c.MaxDocBytes = DefaultMaxDocBytes
	}
	if c.UserAgent == "" {
		c.UserAgent = DefaultUserAgent
	}
	if c.Timeout == 0 {
		c.Timeout = DefaultTimeout
	}
	if c.MaxConnsPerHost == 0 {
		c.MaxConnsPerHost = DefaultMaxConnsPerHost
	}
	if c.MaxRedirects == 0 {
		c.MaxRedirects = DefaultMaxRedirects
	}
	return c
}

// Validate reports a configuration that cannot work; the error wraps
// news.ErrInvalid. Call it after WithDefaults: zero values are invalid.
func (c Config) Validate() error {
	switch {
	case c.MaxDocBytes <= 0 || c.MaxDocBytes > maxMaxDocBytes:
		return fmt.Errorf("ingest: max document size %d bytes is outside 1..%d: %w", c.MaxDocBytes, int64(maxMaxDocBytes), news.ErrInvalid)
	case c.Timeout <= 0:
		return fmt.Errorf("ingest: HTTP timeout %v is not positive: %w", c.Timeout, news.ErrInvalid)
	case c.MaxConnsPerHost <= 0 || c.MaxConnsPerHost > maxMaxConnsPerHost:
		return fmt.Errorf("ingest: %d connections per host is outside 1..%d: %w", c.MaxConnsPerHost, maxMaxConnsPerHost, news.ErrInvalid)
	case c.MaxRedirects > maxMaxRedirects:
		return fmt.Errorf("ingest: %d redirects is more than %d: %w", c.MaxRedirects, maxMaxRedirects, news.ErrInvalid)
	case c.HostInterval > maxHostInterval:
		return fmt.Errorf("ingest: %v between requests to one host is more than %v: %w", c.HostInterval, maxHostInterval, news.ErrInvalid)
	case strings.TrimSpace(c.UserAgent) == "" || strings.ContainsAny(c.UserAgent, "\r\n"):
		// A CR or LF would let the value inject headers.
		return fmt.Errorf("ingest: user agent %q is empty or spans lines: %w", c.UserAgent, news.ErrInvalid)
	}
	for _, p := range c.AllowNets {
		if !p.IsValid() {
			return fmt.Errorf("ingest: allowed network %v is not a valid prefix: %w", p, news.ErrInvalid)
		}
	}
	return nil
}

// hostInterval is the pacing interval in force: HostInterval, its
// default for zero, or none for a negative value.
func (c Config) hostInterval() time.Duration {
	switch {
	case c.HostInterval < 0:
		return 0
	case c.HostInterval == 0:
		return DefaultHostInterval
	}
	return c.HostInterval
}

// usable returns c with defaults applied and invalid fields replaced by
// defaults, so that a Reader built without Validate still behaves safely.
func (c Config) usable() Config {
	c = c.WithDefaults()
	d := Config{}.WithDefaults()
	if c.MaxDocBytes < 0 || c.MaxDocBytes > maxMaxDocBytes {
		c.MaxDocBytes = d.MaxDocBytes
	}
	if c.Timeout < 0 {
		c.Timeout = d.Timeout
	}
	if c.MaxConnsPerHost < 0 || c.MaxConnsPerHost > maxMaxConnsPerHost {
		c.MaxConnsPerHost = d.MaxConnsPerHost
	}
	if c.MaxRedirects > maxMaxRedirects {
		c.MaxRedirects = d.MaxRedirects
	}
	if c.HostInterval > maxHostInterval {
		c.HostInterval = 0 // the default
	}
	if strings.TrimSpace(c.UserAgent) == "" || strings.ContainsAny(c.UserAgent, "\r\n") {
		c.UserAgent = d.UserAgent
	}
	// An invalid prefix contains nothing, so keeping it would be harmless;
	// dropping it keeps the guard's list honest.
	nets := c.AllowNets[:0:0]
	for _, p := range c.AllowNets {
		if p.IsValid() {
			nets = append(nets, p.Masked())
		}
	}
	c.AllowNets = nets
	return c
}
