// Package notify tells webhooks about new stories that match their saved
// searches.
//
// On every tick a Notifier runs each webhook's query over the articles
// published within its lookback window, maps the hits to their stories,
// and POSTs each story it has not delivered to that webhook before, once:
// a delivery is recorded per webhook and story, so a story that grows is
// not announced again. A receiver that answers anything but 2xx, or
// cannot be reached, is tried again with exponential backoff (Backoff,
// then twice that, and so on up to MaxBackoff) until MaxAttempts, after
// which the delivery is marked failed and left alone.
//
// # The request
//
// The body is JSON (see Payload). The headers are:
//
//	Content-Type: application/json
//	X-Dossier-Event: story.matched
//	X-Dossier-Delivery: <webhook id>:<story id>
//	X-Dossier-Signature: sha256=<hex HMAC-SHA256 of the body, keyed by the webhook's secret>
//
// X-Dossier-Delivery is the same on every retry of a delivery, so a
// receiver can use it to ignore a repeat (a 2xx lost on the way back
// makes one). A receiver should check the signature over the exact
// bytes it received, before parsing them, with Verify or its own
// constant-time comparison; the body's delivered_at lets it refuse a
// replay of an old request.
package notify

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"time"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// Config tunes a Notifier; zero fields take the defaults given.
type Config struct {
	// Lookback is how far back, by publication time, a query looks for
	// matches: 30 days. Older articles never trigger a delivery.
	Lookback time.Duration
	// MaxAttempts is how many POSTs a delivery gets before it is marked
	// failed: 6.
	MaxAttempts int
	// Backoff is the wait after the first refused attempt, doubled after
	// each further one and capped at MaxBackoff: 1 minute and 1 hour.
	Backoff, MaxBackoff time.Duration
	// Timeout bounds one POST, response included: 10 seconds.
	Timeout time.Duration
	// PerWebhook bounds the attempts made for one webhook in one tick
	// (retries first, then new matches), so that a tick's work stays
	// bounded however much matches: 20. The rest wait for later ticks.
	PerWebhook int
	// Client sends the requests. The default does not follow redirects,
	// which would turn a POST into a GET: a 3xx counts as refused.
	Client *http.Client
	// Now is the clock: time.Now.
	Now func() time.Time
	// Log receives what a tick could not do; nil discards it.
	Log *slog.Logger
}

func (c Config) withDefaults() Config {
	if c.Lookback <= 0 {
		c.Lookback = 30 * 24 * time.Hour
	}
	if c.MaxAttempts <= 0 {
		c.MaxAttempts = 6
	}
	if c.Backoff <= 0 {
		c.Backoff = time.Minute
	}
	if c.MaxBackoff <= 0 {
		c.MaxBackoff = time.Hour
	}
	if c.Timeout <= 0 {
		c.Timeout = 10 * time.Second
	}
	if c.PerWebhook <= 0 {
		c.PerWebhook = 20
	}
	if c.Client == nil {
		c.Client = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
	return c
}

// Notifier delivers matching stories to the webhooks of one store. Its
// methods are safe for concurrent use; ticks do not overlap.
type Notifier struct {
	st  store.Store
	cfg Config
	// tick serialises ticks: two at once would both see a story as
	// undelivered and send it twice.
	tick chan struct{}
}

// New returns a Notifier for the webhooks stored in st.
func New(st store.Store, cfg Config) *Notifier {
	return &Notifier{st: st, cfg: cfg.withDefaults(), tick: make(chan struct{}, 1)}
}

// Report counts what one tick did.
type Report struct {
	// Attempted counts POSTs made. Delivered, Retrying (a later attempt
	// is due) and Failed (given up, or the story is gone) count
	// deliveries by how the tick left them.
	Attempted, Delivered, Retrying, Failed int
}

func (r *Report) add(status string) {
	r.Attempted++
	switch status {
	case news.DeliveryDelivered:
		r.Delivered++
	case news.DeliveryPending:
		r.Retrying++
	case news.DeliveryFailed:
		r.Failed++
	}
}

// Run ticks now and then every interval until ctx is done. A tick's
// error is logged, not returned: the store or a receiver may be back by
// the next one.
func (n *Notifier) Run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if _, err := n.Tick(ctx); err != nil && ctx.Err() == nil {
			n.cfg.Log.Warn("webhooks: tick failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Tick makes one round over every webhook: due retries first, then
// stories newly matching. It returns early only when the store fails; a
// refusing receiver is recorded, not an error.
func (n *Notifier) Tick(ctx context.Context) (Report, error) {
	select {
	case n.tick <- struct{}{}:
		defer func() { <-n.tick }()
	case <-ctx.Done():
		return Report{}, ctx.Err()
	}
	hooks, err := n.st.Webhooks(ctx)
	if err != nil {
		return Report{}, fmt.Errorf("notify: %w", err)
	}
	var rep Report
	for _, w := range hooks {
		if err := n.round(ctx, w, &rep); err != nil {
			return rep, fmt.Errorf("notify: webhook %s: %w", w.ID, err)
		}
	}
	return rep, nil
}

// round is one webhook's share of a tick.
func (n *Notifier) round(ctx context.Context, w news.Webhook, rep *Report) error {
	now := n.cfg.Now()
	budget := n.cfg.PerWebhook
	ds, err := n.st.Deliveries(ctx, w.ID, 0)
	if err != nil {
		return err
	}
	known := make(map[string]bool, len(ds))
	var due []news.Delivery
	for _, d := range ds {
		known[d.Story] = true
		if d.Status == news.DeliveryPending && !d.NextAttempt.After(now) {
			due = append(due, d)
		}
	}
	slices.SortFunc(due, func(a, b news.Delivery) int { return a.NextAttempt.Compare(b.NextAttempt) })
	for _, d := range due {
		if budget == 0 {
			return nil
		}
		budget--
		next, err := n.attempt(ctx, w, d, rep)
		if err != nil || !next {
			return err
		}
	}
	page, err := n.st.Search(ctx, store.SearchQuery{Text: w.Query, Filter: store.Filter{From: now.Add(-n.cfg.Lookback)}, Limit: 100})
	if errors.Is(err, news.ErrInvalid) {
		// A query the store cannot run is the webhook's fault, not the
		// tick's: the other webhooks still get theirs.
		n.cfg.Log.Warn("webhooks: query refused", "webhook", w.ID, "query", w.Query, "err", err)
		return nil
	}
	if err != nil {
		return err
	}
	for _, h := range page.Hits {
		story, err := n.st.StoryOf(ctx, h.Article.ID)
		if errors.Is(err, news.ErrNotFound) {
			continue // not placed in a story (yet): nothing to announce
		}
		if err != nil {
			return err
		}
		if known[story] {
			continue
		}
		known[story] = true
		if budget == 0 {
			return nil
		}
		budget--
		next, err := n.attempt(ctx, w, news.Delivery{Webhook: w.ID, Story: story, Article: h.Article.ID}, rep)
		if err != nil || !next {
			return err
		}
	}
	return nil
}

// attempt POSTs one delivery and records how it went. It reports
// whether the round should go on: not after the receiver looked down
// (no answer, 5xx, 429), when the rest would only pile up attempts.
func (n *Notifier) attempt(ctx context.Context, w news.Webhook, d news.Delivery, rep *Report) (bool, error) {
	body, err := n.payload(ctx, w, d)
	if errors.Is(err, news.ErrNotFound) {
		// The story or article is gone: no attempt can ever succeed.
		d.Status, d.LastError, d.At, d.NextAttempt = news.DeliveryFailed, err.Error(), n.cfg.Now(), time.Time{}
		rep.Failed++
		return true, n.record(ctx, d)
	}
	if err != nil {
		return false, err
	}
	code, failure := n.post(ctx, w, d, body)
	d.Attempts++
	d.At = n.cfg.Now()
	switch {
	case failure == "":
		d.Status, d.LastError, d.NextAttempt = news.DeliveryDelivered, "", time.Time{}
	case d.Attempts >= n.cfg.MaxAttempts:
		d.Status, d.LastError, d.NextAttempt = news.DeliveryFailed, failure, time.Time{}
		n.cfg.Log.Warn("webhooks: giving up on a delivery", "webhook", w.ID, "story", d.Story, "attempts", d.Attempts, "err", failure)
	default:
		d.Status, d.LastError, d.NextAttempt = news.DeliveryPending, failure, d.At.Add(n.backoff(d.Attempts))
	}
	rep.add(d.Status)
	if err := n.record(ctx, d); err != nil {
		return false, err
	}
	down := failure != "" && (code == 0 || code >= 500 || code == http.StatusTooManyRequests)
	return !down, nil
}

// record stores d; a webhook deleted while its round ran is no error.
func (n *Notifier) record(ctx context.Context, d news.Delivery) error {
	if err := n.st.RecordDelivery(ctx, d); err != nil && !errors.Is(err, news.ErrNotFound) {
		return err
	}
	return nil
}

// backoff is the wait after the attempts-th refused attempt.
func (n *Notifier) backoff(attempts int) time.Duration {
	wait := n.cfg.Backoff
	for i := 1; i < attempts && wait < n.cfg.MaxBackoff; i++ {
		wait *= 2
	}
	return min(wait, n.cfg.MaxBackoff)
}

// post sends body and returns the status code (0 when there was no
// answer) and, when the delivery was refused, why.
func (n *Notifier) post(ctx context.Context, w news.Webhook, d news.Delivery, body []byte) (int, string) {
	ctx, cancel := context.WithTimeout(ctx, n.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.URL, bytes.NewReader(body))
	if err != nil {
		return 0, err.Error()
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "dossier-webhooks/1")
	req.Header.Set("X-Dossier-Event", "story.matched")
	req.Header.Set("X-Dossier-Delivery", d.Webhook+":"+d.Story)
	req.Header.Set("X-Dossier-Signature", Sign(w.Secret, body))
	resp, err := n.cfg.Client.Do(req)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	// What the receiver says is kept, briefly, to explain a refusal; the
	// rest is drained (within reason) so the connection can be reused.
	said, _ := io.ReadAll(io.LimitReader(resp.Body, 200))
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return resp.StatusCode, ""
	}
	why := resp.Status
	if s := oneLine(string(said)); s != "" {
		why += ": " + s
	}
	return resp.StatusCode, why
}
