// Package httpcache keeps the rendered answers of story-scoped GET
// routes — the story page, the story, its summary, timeline and feed —
// until the story changes. Readers return to the same stories far more
// often than stories change, and rendering a large story (its members,
// entities, quotes, summary) costs milliseconds a cached copy does not.
//
// Freshness: an answer is served only for the story's version it was
// rendered at (store.StoryVersion, which changes with its membership)
// and kept at most ttl, which bounds how long a page may lag what does
// not move a story's version: an entity renamed, storylines relinked.
//
// Memory: an answer is stored under the story and the request, not the
// version, so that a new version's answer replaces the old one. Keyed by
// version, every post that joined a story being read left its superseded
// answers behind, dead weight until the table filled and was cleared:
// under steady posting the largest stories' pages (hundreds of KB each)
// were held many times over (docs/BENCHMARKS.md, "Soak").
package httpcache

import (
	"bytes"
	"context"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"time"
)

// Versioner resolves a story id to its live id and version.
type Versioner interface {
	StoryVersion(ctx context.Context, id string) (string, int64, error)
}

// storyRoute matches the cached routes and captures the story id.
var storyRoute = regexp.MustCompile(`^(?:/stories/|/api/v1/stories/)([A-Za-z0-9_-]+)(?:/summary|/timeline|/feed)?$`)

type entry struct {
	header http.Header
	body   []byte
	at     time.Time
	// version is the story's version the answer was rendered at (0 in
	// a Micro, whose answers are kept for their ttl alone).
	version int64
}

// table holds rendered answers, bounded in number.
type table struct {
	mu  sync.Mutex
	max int
	ttl time.Duration
	m   map[string]entry
}

// get returns the answer under key if it was rendered at version and
// is younger than ttl.
func (t *table) get(key string, version int64, now time.Time) (entry, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	e, ok := t.m[key]
	return e, ok && e.version == version && now.Sub(e.at) < t.ttl
}

func (t *table) put(key string, e entry) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if _, ok := t.m[key]; !ok && len(t.m) >= t.max {
		clear(t.m) // bounded; a miss renders once
	}
	t.m[key] = e // a new version replaces the old
}

// Cache is the story-scoped middleware.
type Cache struct {
	table
	next http.Handler
	st   Versioner
	now  func() time.Time
}

// New caches next's answers to story-scoped GETs, at most max of them,
// each for at most ttl.
func New(next http.Handler, st Versioner, max int, ttl time.Duration) *Cache {
	return &Cache{table: table{max: max, ttl: ttl, m: map[string]entry{}}, next: next, st: st, now: time.Now}
}

// recorder captures a response.
type recorder struct {
	header http.Header
	code   int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }
func (r *recorder) WriteHeader(code int) {
	if r.code == 0 {
		r.code = code
	}
}
func (r *recorder) Write(p []byte) (int, error) {
	if r.code == 0 {
		r.code = http.StatusOK
	}
	return r.body.Write(p)
}

// ServeHTTP implements http.Handler.
func (c *Cache) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	m := storyRoute.FindStringSubmatch(r.URL.Path)
	if r.Method != http.MethodGet || m == nil {
		c.next.ServeHTTP(w, r)
		return
	}
	live, v, err := c.st.StoryVersion(r.Context(), m[1])
	if err != nil {
		c.next.ServeHTTP(w, r) // unknown story: the handler answers
		return
	}
	key := live + "\x00" + r.URL.RequestURI()
	now := c.now()
	if e, ok := c.get(key, v, now); ok {
		serve(w, r, e)
		return
	}
	if e, ok := render(c.next, w, r, now); ok {
		e.version = v
		c.put(key, e)
	}
}

// render runs next for r. A successful answer is returned to be cached
// and served from it; any other is passed on to w as it is.
func render(next http.Handler, w http.ResponseWriter, r *http.Request, now time.Time) (entry, bool) {
	rec := &recorder{header: http.Header{}}
	next.ServeHTTP(rec, r)
	if rec.code == 0 {
		rec.code = http.StatusOK
	}
	if rec.code != http.StatusOK {
		copyHeader(w.Header(), rec.header)
		w.WriteHeader(rec.code)
		_, _ = w.Write(rec.body.Bytes())
		return entry{}, false
	}
	// A copy of the exact length: the buffer grew by doubling and may
	// be twice the answer, and the copy is what stays in the table.
	e := entry{header: rec.header, body: bytes.Clone(rec.body.Bytes()), at: now}
	serve(w, r, e)
	return e, true
}

// serve writes a cached answer, honouring If-None-Match against its
// ETag when it has one.
func serve(w http.ResponseWriter, r *http.Request, e entry) {
	copyHeader(w.Header(), e.header)
	if tag := e.header.Get("ETag"); tag != "" {
		for _, t := range strings.Split(r.Header.Get("If-None-Match"), ",") {
			if t = strings.TrimPrefix(strings.TrimSpace(t), "W/"); t == tag || t == "*" {
				w.WriteHeader(http.StatusNotModified)
				return
			}
		}
	}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(e.body)
}

func copyHeader(dst, src http.Header) {
	for k, vs := range src {
		dst[k] = append([]string(nil), vs...)
	}
}
