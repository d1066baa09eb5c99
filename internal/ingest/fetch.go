package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dossier-news/dossier/internal/news"
)

// acceptHeader says what we can use, so that content-negotiating servers
// send a page or a feed rather than JSON.
const acceptHeader = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"

// newClient builds the HTTP client for cfg. The transport bounds
// connections per host as a second line of defence behind the per-host
// semaphore (which also covers a caller-supplied client), and its own
// gzip support stays on: we never set Accept-Encoding ourselves.
func newClient(cfg Config, checkRedirect func(*http.Request, []*http.Request) error) *http.Client {
	d := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	if !cfg.AllowPrivate {
		d.Control = addrGuard{allow: cfg.AllowNets}.control
	}
	t := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           d.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		MaxConnsPerHost:       cfg.MaxConnsPerHost,
		MaxIdleConnsPerHost:   cfg.MaxConnsPerHost,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: cfg.Timeout,
		ExpectContinueTimeout: time.Second,
	}
	return &http.Client{Transport: t, Timeout: cfg.Timeout, CheckRedirect: checkRedirect}
}

// checkRedirect caps redirect chains at MaxRedirects, refuses to leave
// http(s), refuses a non-public IP literal before asking (the dialer
// checks every address anyway), refuses a target its robots.txt
// disallows, and paces the next hop like any request to its host. Those
// waits count against the request's Timeout: the client gives
// CheckRedirect no other context.
func (r *Reader) checkRedirect(req *http.Request, via []*http.Request) error {
	limit := max(r.cfg.MaxRedirects, 0)
	if len(via) > limit {
		return fmt.Errorf("stopped after %d redirects: %w", limit, news.ErrFetch)
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return fmt.Errorf("redirect to unsupported scheme %q: %w", req.URL.Scheme, news.ErrFetch)
	}
	if err := r.checkLiteral(req.URL); err != nil {
		return err
	}
	if err := r.robotsCheck(req.Context(), req.URL); err != nil {
		return err
	}
	return r.pace(req.Context(), strings.ToLower(req.URL.Host))
}

// checkLiteral applies the address guard to an IP-literal URL, unless
// AllowPrivate lifts it.
func (r *Reader) checkLiteral(u *url.URL) error {
	if r.cfg.AllowPrivate {
		return nil
	}
	return addrGuard{allow: r.cfg.AllowNets}.checkLiteral(u)
}

// hostSlots is what a Reader keeps about one host: its connection
// semaphore, the number of requests holding, waiting for or otherwise
// using the entry, when the next request may start (pacing) and its
// robots.txt verdicts. An entry is dropped once unused and holding
// nothing worth keeping, so that a list spanning many hosts does not
// leave one behind per host; see hostRef and sweepHosts.
type hostSlots struct {
	sem    chan struct{}
	users  int
	next   time.Time               // earliest start of the next request; see pace
	robots map[string]*robotsEntry // by scheme; see robotsFor
}

// idle reports whether h may be dropped at now: nobody uses it,
// forgetting it would not let a request start early, and it holds no
// robots.txt verdict.
func (h *hostSlots) idle(now time.Time) bool {
	return h.users == 0 && !h.next.After(now) && len(h.robots) == 0
}

// hostSweepAt is the number of tracked hosts above which hostRef drops
// idle entries, then if need be the robots.txt verdicts of unused ones.
// Pacing keeps an entry for up to one HostInterval after its last
// request and robots.txt verdicts are kept for the run, so without a
// sweep a long list over many hosts would grow the map by one entry per
// host; with it, a host revisited after a thousand others may have its
// robots.txt asked for again, which is cheap and allowed.
const hostSweepAt = 1024

// hostRef returns host's entry with a reference taken; the returned func
// drops the reference, and the entry with it when it is idle. Call with
// r.mu held; the returned func takes r.mu itself.
func (r *Reader) hostRef(host string) (*hostSlots, func()) {
	h, ok := r.hosts[host]
	if !ok {
		if len(r.hosts) >= hostSweepAt {
			r.sweepHosts(time.Now())
		}
		h = &hostSlots{sem: make(chan struct{}, r.cfg.MaxConnsPerHost)}
		r.hosts[host] = h
	}
	h.users++
	return h, func() {
		r.mu.Lock()
		h.users--
		if h.idle(time.Now()) && r.hosts[host] == h {
			delete(r.hosts, host)
		}
		r.mu.Unlock()
	}
}

// sweepHosts drops every idle entry, and if that leaves hostSweepAt or
// more, every unused one whose pacing has passed, robots.txt verdicts and
// all. Call with r.mu held.
func (r *Reader) sweepHosts(now time.Time) {
	for k, h := range r.hosts {
		if h.idle(now) {
			delete(r.hosts, k)
		}
	}
	if len(r.hosts) < hostSweepAt {
		return
	}
	for k, h := range r.hosts {
		if h.users == 0 && !h.next.After(now) {
			delete(r.hosts, k)
		}
	}
}

// acquireHost takes one of the host's MaxConnsPerHost slots, so that a
// list full of one site's links never opens more than that many requests
// to it at once, whatever the client. The returned func releases it.
func (r *Reader) acquireHost(ctx context.Context, host string) (func(), error) {
	r.mu.Lock()
	h, leave := r.hostRef(host)
	r.mu.Unlock()
	select {
	case h.sem <- struct{}{}:
		return func() { <-h.sem; leave() }, nil
	case <-ctx.Done():
		leave()
		return nil, ctx.Err()
	}
}

// fetched is a successful HTTP response, body decompressed and limited.
type fetched struct {
	url         string // final URL after redirects
	contentType string
	body        []byte
}

// fetch GETs raw, after the address guard, the connection slot, the
// origin's robots.txt and the host's pacing have let it. Errors wrap
// news.ErrFetch (network, status, redirects, a refused address, a
// robots.txt refusal), ErrTooLarge, ErrEmpty, ErrBinary, ErrMalformed (broken gzip) or
// ErrInvalid (not a URL); a cancelled ctx returns ctx.Err().
func (r *Reader) fetch(ctx context.Context, raw string) (fetched, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return fetched{}, fmt.Errorf("not a valid http(s) URL: %w", news.ErrInvalid)
	}
	if err := r.checkLiteral(u); err != nil {
		return fetched{}, err
	}
	host := strings.ToLower(u.Host)
	release, err := r.acquireHost(ctx, host)
	if err != nil {
		return fetched{}, err
	}
	defer release()
	if err := r.robotsCheck(ctx, u); err != nil {
		if ctx.Err() != nil {
			return fetched{}, ctx.Err()
		}
		return fetched{}, err
	}
	// Paced while holding the slot, so that waiting requests do not
	// book start times they cannot use yet; and outside client.Do, so
	// that the wait does not count against the request's Timeout.
	if err := r.pace(ctx, host); err != nil {
		return fetched{}, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return fetched{}, fmt.Errorf("%v: %w", err, news.ErrInvalid)
	}
	req.Header.Set("User-Agent", r.cfg.UserAgent)
	req.Header.Set("Accept", acceptHeader)
	resp, err := r.client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return fetched{}, ctx.Err()
		}
		return fetched{}, asFetchError(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		// Draining a little lets the connection be reused.
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return fetched{}, fmt.Errorf("HTTP %s: %w", resp.Status, news.ErrFetch)
	}
	if resp.ContentLength > r.cfg.MaxDocBytes {
		return fetched{}, tooLarge(resp.ContentLength, r.cfg.MaxDocBytes)
	}
	// The transport decodes gzip it asked for. A body that is still gzip
	// (Content-Encoding the transport did not handle, or a .gz file served
	// as is) is recognised by its magic bytes.
	in, _, err := openStream(&netReader{r: resp.Body})
	if err != nil {
		return fetched{}, err
	}
	body, err := readLimited(in, r.cfg.MaxDocBytes)
	if err != nil {
		if ctx.Err() != nil {
			return fetched{}, ctx.Err()
		}
		return fetched{}, err
	}
	switch {
	case isBlank(body):
		return fetched{}, fmt.Errorf("empty response body: %w", news.ErrEmpty)
	case binaryOffset(head(body)) >= 0:
		return fetched{}, fmt.Errorf("response is not text (NUL bytes): %w", news.ErrBinary)
	}
	return fetched{url: resp.Request.URL.String(), contentType: resp.Header.Get("Content-Type"), body: body}, nil
}

// asFetchError makes err a news.ErrFetch, unless it already is one (a
// refusal or a redirect error of ours, which the client wraps in a
// *url.Error), so that the message does not say "fetch failed" twice.
func asFetchError(err error) error {
	if errors.Is(err, news.ErrFetch) {
		return err
	}
	return fmt.Errorf("%v: %w", err, news.ErrFetch)
}

// netReader marks body read errors as fetch failures, not file errors.
type netReader struct{ r io.Reader }

func (n *netReader) Read(p []byte) (int, error) {
	k, err := n.r.Read(p)
	if err != nil && err != io.EOF {
		err = fmt.Errorf("reading response body: %v: %w", err, news.ErrFetch)
	}
	return k, err
}

func head(b []byte) []byte {
	if len(b) > sniffBytes {
		return b[:sniffBytes]
	}
	return b
}

// fetchJob fetches one URL and emits its Document, or its feed's items.
func (r *Reader) fetchJob(origin, raw string) job {
	return func(ctx context.Context, emit emitFunc) {
		res, err := r.fetch(ctx, raw)
		if err != nil {
			if ctx.Err() == nil {
				emit(failed(origin, kindURL, err))
			}
			return
		}
		d := Document{Origin: origin, Kind: kindURL, URL: res.url, ContentType: res.contentType, Body: res.body}
		switch f := responseFormat(res); f {
		case fmtFeed:
			r.emitFeed(ctx, origin, res.body, res.url, emit)
			return
		case fmtText:
			d.Format = FormatText
		case "":
			d.Body, d.Err = nil, fmt.Errorf("unsupported content type %q: %w", res.contentType, news.ErrBinary)
		default:
			d.Format = FormatHTML
		}
		emit(d)
	}
}

// itemFetchJob fetches the page of a feed item whose feed carried only a
// teaser, keeping the item's hints.
func (r *Reader) itemFetchJob(d Document) job {
	return func(ctx context.Context, emit emitFunc) {
		res, err := r.fetch(ctx, d.URL)
		if err != nil {
			if ctx.Err() == nil {
				d.Format, d.Err = "", fmt.Errorf("item link %s: %w", d.URL, err)
				emit(d)
			}
			return
		}
		d.URL, d.ContentType, d.Body = res.url, res.contentType, res.body
		switch responseFormat(res) {
		case fmtText:
			d.Format = FormatText
		case "":
			d.Format, d.Body = "", nil
			d.Err = fmt.Errorf("item link %s: unsupported content type %q: %w", res.url, res.contentType, news.ErrBinary)
		}
		emit(d)
	}
}

// responseFormat decides what a response holds: fmtFeed, fmtHTML, fmtText,
// or "" for media we cannot read. A feed is recognised by its media type
// or by its root element, since many servers label feeds text/xml or
// even text/html.
func responseFormat(res fetched) string {
	mt, _, _ := mime.ParseMediaType(res.contentType)
	mt = strings.ToLower(mt)
	h := head(res.body)
	if strings.Contains(mt, "rss") || strings.Contains(mt, "atom") || sniffFormat(h) == fmtFeed {
		return fmtFeed
	}
	switch {
	case mt == "text/html" || mt == "application/xhtml+xml":
		return fmtHTML
	case mt == "text/plain":
		return fmtText
	case mt == "application/pdf" || mt == "application/zip" ||
		strings.HasPrefix(mt, "image/") || strings.HasPrefix(mt, "audio/") ||
		strings.HasPrefix(mt, "video/") || strings.HasPrefix(mt, "font/"):
		return ""
	}
	if sniffFormat(h) == fmtHTML || bytes.Contains(bytes.ToLower(h), []byte("<html")) {
		return fmtHTML
	}
	return fmtText
}

// listJobs turns the lines of a URL list into fetch jobs. Blank lines and
// '#' comments are skipped; a line that is not an http(s) URL becomes a
// failure naming its line. A list with no URL at all is one failure.
func (r *Reader) listJobs(origin string, lr *lineReader) iter.Seq[job] {
	return func(yield func(job) bool) {
		urls := 0
		for {
			n, line, err, ok := lr.next()
			if !ok {
				break
			}
			lineOrigin := fmt.Sprintf("%s:line %d", origin, n)
			if err != nil {
				if !yield(failJob(failed(lineOrigin, kindURL, fmt.Errorf("line %d: %w", n, err)))) {
					return
				}
				continue
			}
			s := string(bytes.TrimSpace(bytes.TrimPrefix(line, utf8BOM)))
			if s == "" || s[0] == '#' {
				continue
			}
			urls++
			j := r.fetchJob(s, s)
			if _, ok := parseListURL(s); !ok {
				j = failJob(failed(lineOrigin, kindURL, fmt.Errorf("line %d: not an http(s) URL: %q: %w", n, clip(s, 80), news.ErrMalformed)))
			}
			if !yield(j) {
				return
			}
		}
		if urls == 0 {
			yield(failJob(failed(origin, kindURL, fmt.Errorf("URL list holds no URLs: %w", news.ErrEmpty))))
		}
	}
}

// failJob emits one prepared failure.
func failJob(d Document) job {
	return func(_ context.Context, emit emitFunc) { emit(d) }
}

// clip shortens s for an error message.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
