package notify_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/ingest"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/notify"
	"github.com/dossier-news/dossier/internal/pipeline"
	"github.com/dossier-news/dossier/internal/store"
	"github.com/dossier-news/dossier/internal/store/sqlite"
)

// The invented articles the tests post. Three mention a ferry: two
// carry one event (an origin and its syndicated copy), one another
// event; one is too old for the default lookback; the library story
// never matches. orrin arrives later in the main test.
var (
	aground = article("https://wire.example/ferry-aground", "Valdren Wire", "Ferry Amber Gannet runs aground off Kellmoor", "2026-05-04T09:00:00Z",
		"The passenger ferry Amber Gannet ran aground on a sandbank outside Kellmoor Harbour early on Monday with 212 people aboard, the coastguard said.",
		"Nobody was hurt, and tugs pulled the ferry free on the rising tide by mid-morning, according to the harbour authority.")
	agroundCopy = article("https://coast.example/amber-gannet", "Coastline Daily", "Ferry Amber Gannet runs aground off Kellmoor", "2026-05-04T11:00:00Z",
		"The passenger ferry Amber Gannet ran aground on a sandbank outside Kellmoor Harbour early on Monday with 212 people aboard, the coastguard said.",
		"Nobody was hurt, and tugs pulled the ferry free on the rising tide by mid-morning, according to the harbour authority.")
	electric = article("https://yards.example/brannock-electric", "Shipyard Gazette", "Brannock yard launches its first electric ferry", "2026-05-06T14:00:00Z",
		"Workers at the Brannock shipyard floated out the Tern, a battery-powered ferry built for the short crossing to Lisk, on Wednesday afternoon.",
		"The yard's director, Osei Varga, said charging points at both quays would be finished before the summer timetable begins.")
	library = article("https://tarnby.example/library-budget", "Tarnby Herald", "Tarnby council approves new library budget", "2026-05-05T08:00:00Z",
		"Tarnby's council voted eleven to four on Tuesday to fund a new reading room and longer opening hours at the central library.",
		"Councillor Petra Holm said the money would come from the sale of an unused depot on Mill Lane.")
	oldTimetable = article("https://wire.example/winter-timetable", "Valdren Wire", "Winter ferry timetable cuts evening sailings", "2026-02-01T10:00:00Z",
		"The operator Brightwater Lines will run no ferry after seven in the evening between Kellmoor and Dunmere from February, it said in a notice.",
		"Passenger groups called the cut a blow to shift workers who rely on the late crossing.")
	orrin = article("https://isles.example/orrin-storm", "Isles Observer", "Storm halts ferry crossings to Orrin Isle", "2026-05-12T07:00:00Z",
		"Gales of up to ninety kilometres an hour kept every ferry in port on the Orrin Isle route on Tuesday, stranding islanders on the mainland.",
		"The island's only shop, run by Agnes Moray, said it had enough bread and milk to last until Thursday.")
)

// now is the fake clock's start: every article above but orrin is
// already published, oldTimetable more than thirty days before.
var now = time.Date(2026, 5, 10, 12, 0, 0, 0, time.UTC)

// article is one invented article in the JSON the API accepts.
func article(url, source, title, published string, paragraphs ...string) []byte {
	b, err := json.Marshal(map[string]string{"url": url, "source": source, "title": title, "published": published,
		"text": strings.Join(paragraphs, "\n\n")})
	if err != nil {
		panic(err)
	}
	return b
}

// clock is a fake time the tests move by hand.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) Set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.t = t }

func (c *clock) Advance(d time.Duration) { c.Set(c.Now().Add(d)) }

// fixture is a real SQLite store filled through the real pipeline.
type fixture struct {
	st store.Store
	in *pipeline.Ingester
	// ids maps each posted document to its article id.
	ids map[string]string
}

func newFixture(t *testing.T, docs ...[]byte) *fixture {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "notify.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	in, err := pipeline.Open(ctx, st, pipeline.Config{})
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{st: st, in: in, ids: map[string]string{}}
	f.add(t, docs...)
	return f
}

// add posts docs as the API would and checks each is stored and placed.
func (f *fixture) add(t *testing.T, docs ...[]byte) {
	t.Helper()
	for i, d := range docs {
		out, err := f.in.Add(context.Background(), []ingest.Document{ingest.JSONDocument("post", d)})
		if err != nil {
			t.Fatal(err)
		}
		if len(out) != 1 || out[0].Article == "" || out[0].Story == "" {
			t.Fatalf("adding document %d = %+v, want an article placed in a story", i, out)
		}
		f.ids[string(d)] = out[0].Article
	}
}

// storyOf is the story a posted document's article is in.
func (f *fixture) storyOf(t *testing.T, doc []byte) string {
	t.Helper()
	s, err := f.st.StoryOf(context.Background(), f.ids[string(doc)])
	if err != nil {
		t.Fatalf("StoryOf: %v", err)
	}
	return s
}

// webhook stores a webhook for query pointing at url.
func (f *fixture) webhook(t *testing.T, query, url string) news.Webhook {
	t.Helper()
	w, err := news.NewWebhook(query, url, now)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.st.PutWebhook(context.Background(), w); err != nil {
		t.Fatal(err)
	}
	return w
}

func (f *fixture) deliveries(t *testing.T, webhook string) []news.Delivery {
	t.Helper()
	ds, err := f.st.Deliveries(context.Background(), webhook, 0)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// request is one POST a receiver got, with the status it answered.
type request struct {
	header http.Header
	body   []byte
	status int
}

// receiver records requests and answers each with what answer says,
// given how many earlier requests it got for the same delivery.
type receiver struct {
	*httptest.Server
	mu     sync.Mutex
	got    []request
	answer func(earlier int) int
}

func newReceiver(t *testing.T, answer func(earlier int) int) *receiver {
	r := &receiver{answer: answer}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		id := req.Header.Get("X-Dossier-Delivery")
		earlier := 0
		for _, g := range r.got {
			if g.header.Get("X-Dossier-Delivery") == id {
				earlier++
			}
		}
		code := r.answer(earlier)
		r.got = append(r.got, request{header: req.Header.Clone(), body: body, status: code})
		r.mu.Unlock()
		w.WriteHeader(code)
		io.WriteString(w, http.StatusText(code))
	}))
	t.Cleanup(r.Close)
	return r
}

func (r *receiver) requests() []request {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.got)
}

// statuses lists, per delivery id, the answers given in order.
func (r *receiver) statuses() map[string][]int {
	out := map[string][]int{}
	for _, g := range r.requests() {
		id := g.header.Get("X-Dossier-Delivery")
		out[id] = append(out[id], g.status)
	}
	return out
}

func tick(t *testing.T, n *notify.Notifier) notify.Report {
	t.Helper()
	rep, err := n.Tick(context.Background())
	if err != nil {
		t.Fatalf("Tick: %v", err)
	}
	return rep
}

// settle ticks, an hour apart, until a tick attempts nothing.
func settle(t *testing.T, n *notify.Notifier, clk *clock) {
	t.Helper()
	for range 20 {
		clk.Advance(time.Hour)
		if tick(t, n).Attempted == 0 {
			return
		}
	}
	t.Fatal("deliveries still being attempted after 20 ticks")
}

// TestDeliversEachMatchingStoryOnce: through a receiver that refuses
// each delivery twice, every story matching the query reaches it exactly
// once, signed, after retries that wait for their time; stories that do
// not match, or only match before the lookback, never do; a quiet tick
// sends nothing; a matching story posted later is delivered too.
func TestDeliversEachMatchingStoryOnce(t *testing.T) {
	f := newFixture(t, aground, agroundCopy, electric, library, oldTimetable)
	recv := newReceiver(t, func(earlier int) int {
		if earlier < 2 {
			return http.StatusServiceUnavailable
		}
		return http.StatusNoContent
	})
	w := f.webhook(t, "ferry", recv.URL+"/hooks/dossier")
	clk := &clock{t: now}
	n := notify.New(f.st, notify.Config{Now: clk.Now, Client: recv.Client()})
	key := func(doc []byte) string { return w.ID + ":" + f.storyOf(t, doc) }
	if f.storyOf(t, aground) != f.storyOf(t, agroundCopy) || f.storyOf(t, aground) == f.storyOf(t, electric) {
		t.Fatalf("fixture: the aground articles must share a story and the electric ferry have its own")
	}

	// The clock does not move: each story is tried once, and a refused
	// one is not tried again before its backoff ends.
	for range 3 {
		tick(t, n)
	}
	want := map[string][]int{key(aground): {503}, key(electric): {503}}
	if diff := cmp.Diff(want, recv.statuses()); diff != "" {
		t.Fatalf("answers before the clock moves, by delivery (-want +got):\n%s", diff)
	}
	for _, d := range f.deliveries(t, w.ID) {
		if d.Status != news.DeliveryPending || d.Attempts != 1 || !d.NextAttempt.Equal(now.Add(time.Minute)) ||
			!strings.Contains(d.LastError, "503") {
			t.Errorf("delivery after one refusal = %+v; want pending, 1 attempt, next in a minute, the 503 kept", d)
		}
	}

	settle(t, n, clk)
	want = map[string][]int{key(aground): {503, 503, 204}, key(electric): {503, 503, 204}}
	if diff := cmp.Diff(want, recv.statuses()); diff != "" {
		t.Errorf("answers once settled, by delivery (-want +got):\n%s", diff)
	}
	for _, d := range f.deliveries(t, w.ID) {
		if d.Status != news.DeliveryDelivered || d.Attempts != 3 || d.LastError != "" || !d.NextAttempt.IsZero() {
			t.Errorf("delivery once settled = %+v; want delivered on the third attempt", d)
		}
	}
	for _, never := range [][]byte{library, oldTimetable} {
		if got := recv.statuses()[key(never)]; got != nil {
			t.Errorf("a story the query does not match within the lookback was sent: %v", got)
		}
	}
	other, err := news.NewWebhook("ferry", recv.URL, now)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recv.requests() {
		checkRequest(t, f, w, r)
		if notify.Verify(other.Secret, r.body, r.header.Get("X-Dossier-Signature")) {
			t.Errorf("signature of %s verifies with another webhook's secret", r.header.Get("X-Dossier-Delivery"))
		}
	}

	if rep := tick(t, n); rep != (notify.Report{}) {
		t.Errorf("a tick with nothing new = %+v, want nothing done", rep)
	}
	clk.Set(time.Date(2026, 5, 12, 9, 0, 0, 0, time.UTC))
	f.add(t, orrin)
	if f.storyOf(t, orrin) == f.storyOf(t, aground) || f.storyOf(t, orrin) == f.storyOf(t, electric) {
		t.Fatalf("fixture: the Orrin Isle storm must start a story of its own")
	}
	settle(t, n, clk)
	want[key(orrin)] = []int{503, 503, 204}
	if diff := cmp.Diff(want, recv.statuses()); diff != "" {
		t.Errorf("answers after a matching story arrived (-want +got):\n%s", diff)
	}
}

// checkRequest checks one request's headers, signature and payload
// against the store.
func checkRequest(t *testing.T, f *fixture, w news.Webhook, r request) {
	t.Helper()
	ctx := context.Background()
	id := r.header.Get("X-Dossier-Delivery")
	for h, want := range map[string]string{"Content-Type": "application/json", "X-Dossier-Event": "story.matched"} {
		if got := r.header.Get(h); got != want {
			t.Errorf("%s: header %s = %q, want %q", id, h, got, want)
		}
	}
	sig := r.header.Get("X-Dossier-Signature")
	if !notify.Verify(w.Secret, r.body, sig) {
		t.Errorf("%s: signature %q does not verify with the webhook's secret", id, sig)
	}
	var p notify.Payload
	if err := json.Unmarshal(r.body, &p); err != nil {
		t.Fatalf("%s: payload %s: %v", id, r.body, err)
	}
	a, err := f.st.Article(ctx, p.Article.ID)
	if err != nil {
		t.Fatalf("%s: payload names article %q: %v", id, p.Article.ID, err)
	}
	story, err := f.st.StoryOf(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	s, err := f.st.Story(ctx, story)
	if err != nil {
		t.Fatal(err)
	}
	want := notify.Payload{
		Webhook: w.ID, Query: w.Query,
		Story: notify.PayloadStory{ID: s.ID, Title: s.Title, Articles: s.Articles, Outlets: s.Outlets,
			First: s.First, Last: s.Last},
		Article:     notify.PayloadArticle{ID: a.ID, Title: a.Title, URL: a.URL},
		DeliveredAt: p.DeliveredAt,
	}
	if diff := cmp.Diff(want, p); diff != "" {
		t.Errorf("%s: payload (-want +got):\n%s", id, diff)
	}
	if p.DeliveredAt.IsZero() {
		t.Errorf("%s: payload without delivered_at", id)
	}
	if got := w.ID + ":" + s.ID; id != got {
		t.Errorf("X-Dossier-Delivery = %q, want %q", id, got)
	}
	if !strings.Contains(strings.ToLower(a.Title+" "+a.Text), "ferry") {
		t.Errorf("%s: delivered article %q does not match the query", id, a.Title)
	}
}

// TestGivesUp: a receiver that never accepts is tried MaxAttempts times,
// each wait double the last up to MaxBackoff and never cut short, and
// then left alone with the delivery failed and its last reason kept.
// The default client does not follow redirects, and a receiver slower
// than Timeout counts as refusing.
func TestGivesUp(t *testing.T) {
	f := newFixture(t, aground)
	tests := []struct {
		name    string
		handler http.HandlerFunc
		cfg     notify.Config
		waits   []time.Duration // between attempts
		reason  string          // in LastError
	}{
		{
			name: "server error, default attempts",
			handler: func(w http.ResponseWriter, r *http.Request) {
				http.Error(w, "disk full", http.StatusInternalServerError)
			},
			cfg:    notify.Config{Backoff: time.Minute, MaxBackoff: 4 * time.Minute},
			waits:  []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute, 4 * time.Minute, 4 * time.Minute},
			reason: "500 Internal Server Error: disk full",
		},
		{
			name:    "redirect",
			handler: func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/elsewhere", http.StatusFound) },
			cfg:     notify.Config{MaxAttempts: 3, Backoff: time.Second},
			waits:   []time.Duration{time.Second, 2 * time.Second},
			reason:  "302 Found",
		},
		{
			name: "slower than the timeout",
			handler: func(w http.ResponseWriter, r *http.Request) {
				select {
				case <-r.Context().Done():
				case <-time.After(5 * time.Second):
				}
			},
			cfg:    notify.Config{MaxAttempts: 2, Timeout: 50 * time.Millisecond},
			waits:  []time.Duration{time.Minute},
			reason: "deadline exceeded",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var mu sync.Mutex
			posts := 0
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				// Reading the body lets the server notice the client
				// giving up, which ends the slow handler.
				io.Copy(io.Discard, r.Body)
				mu.Lock()
				posts++
				mu.Unlock()
				tt.handler(w, r)
			}))
			defer srv.Close()
			w := f.webhook(t, "ferry", srv.URL)
			defer f.st.DeleteWebhook(context.Background(), w.ID)
			clk := &clock{t: now}
			tt.cfg.Now = clk.Now
			n := notify.New(f.st, tt.cfg)
			attempts := len(tt.waits) + 1
			for i := 1; i <= attempts; i++ {
				if rep := tick(t, n); rep.Attempted != 1 {
					t.Fatalf("tick %d attempted %d deliveries, want 1", i, rep.Attempted)
				}
				ds := f.deliveries(t, w.ID)
				if len(ds) != 1 || ds[0].Attempts != i || !strings.Contains(ds[0].LastError, tt.reason) {
					t.Fatalf("after attempt %d: deliveries %+v; want one with %d attempts and %q", i, ds, i, tt.reason)
				}
				d := ds[0]
				if i == attempts {
					if d.Status != news.DeliveryFailed || !d.NextAttempt.IsZero() {
						t.Errorf("after the last attempt: %+v, want failed with nothing due", d)
					}
					break
				}
				if got, want := d.NextAttempt.Sub(d.At), tt.waits[i-1]; d.Status != news.DeliveryPending || got != want {
					t.Errorf("after attempt %d: %s, next in %v; want pending, next in %v", i, d.Status, got, want)
				}
				clk.Set(d.NextAttempt.Add(-time.Nanosecond))
				if rep := tick(t, n); rep.Attempted != 0 {
					t.Errorf("a tick before the backoff ended attempted %d", rep.Attempted)
				}
				clk.Set(d.NextAttempt)
			}
			clk.Advance(24 * time.Hour)
			if rep := tick(t, n); rep.Attempted != 0 {
				t.Errorf("a tick after giving up attempted %d", rep.Attempted)
			}
			// The receiver counts a post once its handler runs, which may
			// be after the client has given up; wait for it a little. A
			// request that timed out may never have reached the handler
			// at all on a loaded machine, so with a timeout fewer posts
			// are allowed — never more.
			got := func() int { mu.Lock(); defer mu.Unlock(); return posts }
			for deadline := time.Now().Add(2 * time.Second); got() < attempts && time.Now().Before(deadline); {
				time.Sleep(10 * time.Millisecond)
			}
			if p := got(); p > attempts || (p < attempts && tt.cfg.Timeout == 0) {
				t.Errorf("receiver got %d posts, want %d", p, attempts)
			}
		})
	}
}

// TestBoundedAndLookback: a tick attempts at most PerWebhook deliveries
// for a webhook, leaving the rest to the next; Lookback decides which
// publications can still trigger one.
func TestBoundedAndLookback(t *testing.T) {
	f := newFixture(t, aground, electric, library, oldTimetable)
	recv := newReceiver(t, func(int) int { return http.StatusOK })
	tests := []struct {
		name     string
		cfg      notify.Config
		attempts []int // per tick, until one attempts nothing
		stories  [][]byte
	}{
		{"defaults", notify.Config{}, []int{2, 0}, [][]byte{aground, electric}},
		{"one per tick", notify.Config{PerWebhook: 1}, []int{1, 1, 0}, [][]byte{aground, electric}},
		{"lookback of 120 days", notify.Config{Lookback: 120 * 24 * time.Hour}, []int{3, 0}, [][]byte{aground, electric, oldTimetable}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := f.webhook(t, "ferry", recv.URL)
			defer f.st.DeleteWebhook(context.Background(), w.ID)
			tt.cfg.Now = func() time.Time { return now }
			n := notify.New(f.st, tt.cfg)
			var attempts []int
			for range tt.attempts {
				attempts = append(attempts, tick(t, n).Attempted)
			}
			if !cmp.Equal(attempts, tt.attempts) {
				t.Errorf("attempts per tick = %v, want %v", attempts, tt.attempts)
			}
			var got, want []string
			for _, d := range f.deliveries(t, w.ID) {
				got = append(got, d.Story)
			}
			for _, doc := range tt.stories {
				want = append(want, f.storyOf(t, doc))
			}
			slices.Sort(got)
			slices.Sort(want)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("stories delivered (-want +got):\n%s", diff)
			}
		})
	}
}

// TestVerify: only the exact body under the right secret verifies.
func TestVerify(t *testing.T) {
	body := []byte(`{"webhook":"w1","story":{"id":"s1"}}`)
	sig := notify.Sign("whsec_right", body)
	tests := []struct {
		name   string
		secret string
		body   []byte
		header string
		want   bool
	}{
		{"right secret", "whsec_right", body, sig, true},
		{"surrounding space", "whsec_right", body, " " + sig + " ", true},
		{"wrong secret", "whsec_wrong", body, sig, false},
		{"body changed", "whsec_right", append(slices.Clone(body), ' '), sig, false},
		{"no scheme", "whsec_right", body, strings.TrimPrefix(sig, "sha256="), false},
		{"other scheme", "whsec_right", body, "sha1=" + strings.TrimPrefix(sig, "sha256="), false},
		{"not hex", "whsec_right", body, "sha256=zz", false},
		{"truncated", "whsec_right", body, sig[:len(sig)-2], false},
		{"empty", "whsec_right", body, "", false},
	}
	for _, tt := range tests {
		if got := notify.Verify(tt.secret, tt.body, tt.header); got != tt.want {
			t.Errorf("Verify with %s = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestNewWebhook: a webhook needs a query and an absolute http(s) URL,
// and gets an id and secret of its own.
func TestNewWebhook(t *testing.T) {
	tests := []struct {
		query, url string
		ok         bool
	}{
		{"ferry", "https://hooks.example/dossier", true},
		{"ferry", "http://127.0.0.1:8081/in", true},
		{"  ", "https://hooks.example/", false},
		{"ferry", "ftp://hooks.example/", false},
		{"ferry", "https:///no-host", false},
		{"ferry", "/relative", false},
		{"ferry", "", false},
	}
	for _, tt := range tests {
		w, err := news.NewWebhook(tt.query, tt.url, now)
		if (err == nil) != tt.ok || (err != nil && !errors.Is(err, news.ErrInvalid)) {
			t.Errorf("NewWebhook(%q, %q) error = %v, want ok %v (else ErrInvalid)", tt.query, tt.url, err, tt.ok)
		}
		if tt.ok && (w.ID == "" || !strings.HasPrefix(w.Secret, "whsec_") || strings.Contains(w.Secret, w.ID[1:])) {
			t.Errorf("NewWebhook(%q, %q) = %+v, want an id and a whsec_ secret unrelated to it", tt.query, tt.url, w)
		}
	}
	a, _ := news.NewWebhook("ferry", "https://hooks.example/", now)
	b, _ := news.NewWebhook("ferry", "https://hooks.example/", now)
	if a.ID == b.ID || a.Secret == b.Secret {
		t.Errorf("two webhooks share an id or secret: %+v, %+v", a, b)
	}
}
