package httpcache

import (
	"net/http"
	"slices"
	"time"
)

// Micro keeps successful GET answers of the given paths (exact, query
// string included in the key) for ttl: listings every reader asks for
// in the same form — the latest stories, the newest articles — are
// rendered once per ttl however many ask. A listing may lag a write by
// ttl; keep it to a second or two.
type Micro struct {
	table
	next  http.Handler
	paths []string
	now   func() time.Time
}

// NewMicro caches next's answers on paths for ttl, at most max of them.
func NewMicro(next http.Handler, paths []string, max int, ttl time.Duration) *Micro {
	return &Micro{table: table{max: max, ttl: ttl, m: map[string]entry{}}, next: next, paths: paths, now: time.Now}
}

// ServeHTTP implements http.Handler.
func (c *Micro) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet || !slices.Contains(c.paths, r.URL.Path) {
		c.next.ServeHTTP(w, r)
		return
	}
	key := r.URL.RequestURI()
	now := c.now()
	if e, ok := c.get(key, 0, now); ok {
		serve(w, r, e)
		return
	}
	if e, ok := render(c.next, w, r, now); ok {
		c.put(key, e)
	}
}
