package store

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"

	"github.com/dossier-news/dossier/internal/news"
)

// Keyset cursors for the listings ordered by computed keys (entities by
// how often they are named, quotes by their first carrier, storylines
// by their latest article). A cursor holds the sort key of a page's last
// item and its id, so the next page starts strictly after it: items
// added meanwhile before that point do not shift the pages, and none is
// skipped or repeated unless its own key changed.

// keyset encodes a kind and the key values as opaque text.
func keyset(kind string, vals ...any) string {
	b, _ := json.Marshal(append([]any{kind}, vals...)) // strings and integers only
	return base64.RawURLEncoding.EncodeToString(b)
}

// parseKeyset decodes a keyset cursor of kind into dst's pointers.
func parseKeyset(c, kind string, dst ...any) (ok bool, err error) {
	if c == "" {
		return false, nil
	}
	bad := fmt.Errorf("bad cursor: %w", news.ErrInvalid)
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return false, bad
	}
	var raw []json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil || len(raw) != len(dst)+1 {
		return false, bad
	}
	var k string
	if err := json.Unmarshal(raw[0], &k); err != nil || k != kind {
		return false, bad
	}
	for i, d := range dst {
		if err := json.Unmarshal(raw[i+1], d); err != nil {
			return false, bad
		}
	}
	return true, nil
}

// EntityPosition is a decoded EntityCursor: the listing's sort key
// (articles and mentions descending, then name and id ascending).
type EntityPosition struct {
	Articles, Mentions int
	Name, ID           string
}

// EntityCursor is the position after e, for EntityQuery.Cursor.
func EntityCursor(e news.Entity) string {
	return keyset("e", e.Articles, e.Mentions, e.Name, e.ID)
}

// ParseEntityCursor decodes an EntityCursor; "" gives ok false.
func ParseEntityCursor(c string) (p EntityPosition, ok bool, err error) {
	ok, err = parseKeyset(c, "e", &p.Articles, &p.Mentions, &p.Name, &p.ID)
	return p, ok, err
}

// QuotePosition is a decoded QuoteCursor: the first carrier's time (Unix
// nanoseconds) and the quote id, both ascending.
type QuotePosition struct {
	First int64
	ID    string
}

// QuoteCursor is the position after q, for QuoteQuery.Cursor.
func QuoteCursor(q news.Quote) string {
	return keyset("q", q.First.UnixNano(), q.ID)
}

// ParseQuoteCursor decodes a QuoteCursor; "" gives ok false.
func ParseQuoteCursor(c string) (p QuotePosition, ok bool, err error) {
	ok, err = parseKeyset(c, "q", &p.First, &p.ID)
	return p, ok, err
}

// StorylinePosition is a decoded StorylineCursor: the latest article's
// time descending (NoTime for a line without articles, which sorts
// last), then the id ascending.
type StorylinePosition struct {
	Last int64
	ID   string
}

// NoTime is the sort key of a storyline with no articles left.
const NoTime = math.MinInt64

// StorylineCursor is the position after l, for StorylineQuery.Cursor.
func StorylineCursor(l news.Storyline) string {
	last := int64(NoTime)
	if !l.Last.IsZero() {
		last = l.Last.UnixNano()
	}
	return keyset("l", last, l.ID)
}

// ParseStorylineCursor decodes a StorylineCursor; "" gives ok false.
func ParseStorylineCursor(c string) (p StorylinePosition, ok bool, err error) {
	ok, err = parseKeyset(c, "l", &p.Last, &p.ID)
	return p, ok, err
}
