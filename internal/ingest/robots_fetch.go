package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

const (
	// robotsTTL is how long a robots.txt verdict is used: RFC 9309 §2.4
	// asks crawlers not to cache one for more than 24 hours.
	robotsTTL = 24 * time.Hour
	// robotsRetry is how long an unreachable robots.txt (5xx, 429, network
	// error) keeps its host closed before it is asked again. RFC 9309
	// §2.3.1.4 says to assume complete disallow then: the site may be
	// struggling, and a server error is no evidence that it consents.
	// A few minutes lets a run that outlasts a brief outage resume the
	// host, without asking for robots.txt before every page of a host
	// that is down.
	robotsRetry = 5 * time.Minute
	// robotsMaxRedirects is how many redirects a robots.txt fetch follows:
	// at least five, says RFC 9309 §2.3.1.2; past that the file counts as
	// unavailable.
	robotsMaxRedirects = 5
)

// robotsEntry is what a Reader knows about one origin's robots.txt.
// The fields are set once, before ready is closed.
type robotsEntry struct {
	ready chan struct{}
	// rules are the parsed rules for us; nil allows everything.
	rules *robotsRules
	// deny, when set, refuses every URL of the origin for this reason.
	deny    error
	expires time.Time
	// retry says the fetch was abandoned (its context ended) and nothing
	// was learnt: a waiter with a live context must ask again.
	retry bool
}

// errRobotsUnavailable marks a robots.txt redirect chain we do not
// follow (too long, or off http(s)): RFC 9309 lets the file count as
// unavailable, which allows everything.
var errRobotsUnavailable = errors.New("robots.txt unavailable")

// robotsCheck refuses u when the robots.txt of its origin disallows it
// for us. The error wraps news.ErrFetch and names the rule; a cancelled
// ctx gives ctx.Err(). Config.IgnoreRobots turns the check off.
func (r *Reader) robotsCheck(ctx context.Context, u *url.URL) error {
	if r.cfg.IgnoreRobots {
		return nil
	}
	e, err := r.robotsFor(ctx, u.Scheme, strings.ToLower(u.Host))
	if err != nil {
		return err
	}
	if e.deny != nil {
		return e.deny
	}
	path := robotsPath(u)
	if ok, rule := e.rules.decide(path); !ok {
		return fmt.Errorf("robots.txt of %s://%s disallows %s (%q): %w", u.Scheme, u.Host, clip(path, 200), rule.String(), news.ErrFetch)
	}
	return nil
}

// robotsFor returns the robots.txt verdict for scheme://host, fetching it
// once per Reader (per robotsTTL): concurrent callers wait for the one
// fetch in flight.
func (r *Reader) robotsFor(ctx context.Context, scheme, host string) (*robotsEntry, error) {
	for {
		r.mu.Lock()
		h, leave := r.hostRef(host)
		e := h.robots[scheme]
		if e != nil && e.done() && time.Now().After(e.expires) {
			e = nil
		}
		if e == nil {
			e = &robotsEntry{ready: make(chan struct{})}
			if h.robots == nil {
				h.robots = map[string]*robotsEntry{}
			}
			h.robots[scheme] = e
			r.mu.Unlock()
			r.fetchRobots(ctx, scheme, host, e)
			if e.retry {
				r.mu.Lock()
				if h.robots[scheme] == e {
					delete(h.robots, scheme)
				}
				r.mu.Unlock()
			}
			close(e.ready)
		} else {
			r.mu.Unlock()
		}
		select {
		case <-e.ready:
		case <-ctx.Done():
			leave()
			return nil, ctx.Err()
		}
		leave()
		if !e.retry {
			return e, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
	}
}

// done reports whether e's fields are set.
func (e *robotsEntry) done() bool {
	select {
	case <-e.ready:
		return true
	default:
		return false
	}
}

// fetchRobots fetches scheme://host/robots.txt and fills in e, following
// RFC 9309 §2.3.1: a 2xx is parsed; any other 4xx means there are no
// rules (everything allowed); 429, 5xx and network errors mean complete
// disallow for robotsRetry. A refusal by the address guard closes the
// host for robotsRetry with that refusal as the reason, so that the
// rest of a list on a refused host fails at once instead of each URL
// waiting its pacing turn to be refused again.
func (r *Reader) fetchRobots(ctx context.Context, scheme, host string, e *robotsEntry) {
	origin := scheme + "://" + host
	now := time.Now()
	e.expires = now.Add(robotsTTL)
	status, body, err := r.getRobots(ctx, origin+"/robots.txt")
	switch {
	case ctx.Err() != nil:
		e.retry = true
	case isRefused(err):
		var refused *refusedError
		errors.As(err, &refused)
		e.deny = fmt.Errorf("%s: %w", host, refused)
		e.expires = now.Add(robotsRetry)
	case errors.Is(err, errRobotsUnavailable):
	case err != nil:
		e.deny = fmt.Errorf("robots.txt of %s unreachable, so nothing there is fetched for now: %v: %w", origin, err, news.ErrFetch)
		e.expires = now.Add(robotsRetry)
	case status >= 200 && status <= 299:
		e.rules = parseRobots(body, r.robotsAgents()...)
	case status == http.StatusTooManyRequests || status >= 500:
		e.deny = fmt.Errorf("robots.txt of %s answered HTTP %d, so nothing there is fetched for now: %w", origin, status, news.ErrFetch)
		e.expires = now.Add(robotsRetry)
	default:
		// 4xx: no robots.txt, no rules. A 3xx we were not redirected by
		// (no Location) is read the same way: unavailable.
	}
}

// getRobots GETs a robots.txt through the Reader's client (same dialer,
// same address guard, same pacing) and returns its status and at most
// robotsMaxBytes of its decoded body.
func (r *Reader) getRobots(ctx context.Context, raw string) (int, []byte, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return 0, nil, err
	}
	if err := r.checkLiteral(u); err != nil {
		return 0, nil, err
	}
	if err := r.pace(ctx, strings.ToLower(u.Host)); err != nil {
		return 0, nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, raw, nil)
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("User-Agent", r.cfg.UserAgent)
	req.Header.Set("Accept", "text/plain,*/*;q=0.5")
	c := *r.client
	c.CheckRedirect = r.robotsRedirect
	resp, err := c.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return resp.StatusCode, nil, nil
	}
	// Past the cap the file is cut, not refused (see robotsMaxBytes).
	body, err := io.ReadAll(io.LimitReader(resp.Body, robotsMaxBytes))
	if err != nil {
		return 0, nil, fmt.Errorf("reading robots.txt: %w", err)
	}
	return resp.StatusCode, body, nil
}

// robotsRedirect is the redirect policy of a robots.txt fetch: up to
// robotsMaxRedirects hops, http(s) only, each hop checked by the address
// guard and paced like any request. It does not consult robots.txt.
func (r *Reader) robotsRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > robotsMaxRedirects {
		return fmt.Errorf("more than %d redirects: %w", robotsMaxRedirects, errRobotsUnavailable)
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return fmt.Errorf("redirect to scheme %q: %w", req.URL.Scheme, errRobotsUnavailable)
	}
	if err := r.checkLiteral(req.URL); err != nil {
		return err
	}
	return r.pace(req.Context(), strings.ToLower(req.URL.Host))
}

// robotsAgents are the product tokens we answer to: robotsAgent, and the
// one Config.UserAgent starts with when that differs.
func (r *Reader) robotsAgents() []string {
	agents := []string{robotsAgent}
	if tok := agentToken(r.cfg.UserAgent); tok != "" && tok != "*" && tok != robotsAgent {
		agents = append(agents, tok)
	}
	return agents
}
