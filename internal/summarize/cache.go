package summarize

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sync"

	"github.com/dossier-news/dossier/internal/news"
)

// Cache holds recent story summaries and timelines keyed by the story's
// membership, so readers of a story that has not changed do not pay for
// summarising it again, and a story that gained an article is
// summarised afresh. It is safe for concurrent use; the zero value is
// not usable, a nil *Cache caches nothing.
type Cache struct {
	mu  sync.Mutex
	max int
	m   map[string]cached
}

type cached struct {
	sum news.Summary
	tl  news.Timeline
}

// NewCache returns a cache of at most max entries.
func NewCache(max int) *Cache { return &Cache{max: max, m: map[string]cached{}} }

// cacheKey identifies a story's membership and the options asked for.
func cacheKey(story string, members []string, o Options, to TimelineOptions) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%+v\x00%d|%d|%s|%s", story, o, to.Dates, to.PerDate, to.From, to.To)
	for _, m := range members {
		h.Write([]byte{0})
		h.Write([]byte(m))
	}
	return hex.EncodeToString(h.Sum(nil))
}

func (c *Cache) get(key string) (cached, bool) {
	if c == nil {
		return cached{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	r, ok := c.m[key]
	return r, ok
}

func (c *Cache) put(key string, r cached) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= c.max {
		// Dropping everything is crude but bounded, and a summary is
		// cheap to recompute; an LRU would buy little here.
		clear(c.m)
	}
	c.m[key] = r
}
