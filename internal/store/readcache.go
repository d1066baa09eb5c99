package store

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// ReadCache answers the costliest repeated reads from memory. Story is
// served while the story's version is unchanged: reading a story groups
// its members and counts its entities' mentions — tens of milliseconds
// for a large story — while its version is one indexed row, and readers
// ask for the same stories over and over. Entity names inside a cached
// story may lag a rename by up to ttl. Stats, which counts whole tables
// (most of a second at 100,000 articles), is served for up to ttl.
type ReadCache struct {
	Store
	mu    sync.Mutex
	max   int
	ttl   time.Duration
	m     map[string]cachedStory
	stats Stats
	at    time.Time // when stats was read; zero when never
	now   func() time.Time
}

type cachedStory struct {
	version int64
	story   news.Story
	at      time.Time
}

// WithReadCache wraps st so that Story is cached, up to max stories,
// each for at most ttl, and Stats for ttl.
func WithReadCache(st Store, max int, ttl time.Duration) *ReadCache {
	return &ReadCache{Store: st, max: max, ttl: ttl, m: map[string]cachedStory{}, now: time.Now}
}

// Stats implements Store.
func (c *ReadCache) Stats(ctx context.Context) (Stats, error) {
	now := c.now()
	c.mu.Lock()
	if !c.at.IsZero() && now.Sub(c.at) < c.ttl {
		s := c.stats
		c.mu.Unlock()
		return s, nil
	}
	c.mu.Unlock()
	s, err := c.Store.Stats(ctx)
	if err != nil {
		return s, err
	}
	c.mu.Lock()
	c.stats, c.at = s, now
	c.mu.Unlock()
	return s, nil
}

// Story implements Store.
func (c *ReadCache) Story(ctx context.Context, id string) (news.Story, error) {
	live, v, err := c.Store.StoryVersion(ctx, id)
	if err != nil {
		return news.Story{}, err
	}
	now := c.now()
	c.mu.Lock()
	e, ok := c.m[live]
	c.mu.Unlock()
	if ok && e.version == v && now.Sub(e.at) < c.ttl {
		return clone(e.story), nil
	}
	s, err := c.Store.Story(ctx, live)
	if err != nil {
		return news.Story{}, err
	}
	c.mu.Lock()
	if len(c.m) >= c.max {
		clear(c.m) // bounded and simple; a miss costs one read
	}
	c.m[live] = cachedStory{version: v, story: s, at: now}
	c.mu.Unlock()
	return clone(s), nil
}

// clone copies the slices a caller might sort or append to, so that no
// caller changes the cached story under another.
func clone(s news.Story) news.Story {
	s.Members = slices.Clone(s.Members)
	s.Entities = slices.Clone(s.Entities)
	return s
}
