package store

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// StoryCache answers Story from memory while the story's version is
// unchanged. Reading a story groups its members and counts its entities'
// mentions — tens of milliseconds for a large story — while its version
// is one indexed row; readers ask for the same stories over and over.
// Entity names inside a cached story may lag a rename by up to ttl.
type StoryCache struct {
	Store
	mu  sync.Mutex
	max int
	ttl time.Duration
	m   map[string]cachedStory
	now func() time.Time
}

type cachedStory struct {
	version int64
	story   news.Story
	at      time.Time
}

// WithStoryCache wraps st so that Story is cached, up to max stories,
// each for at most ttl.
func WithStoryCache(st Store, max int, ttl time.Duration) *StoryCache {
	return &StoryCache{Store: st, max: max, ttl: ttl, m: map[string]cachedStory{}, now: time.Now}
}

// Story implements Store.
func (c *StoryCache) Story(ctx context.Context, id string) (news.Story, error) {
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
