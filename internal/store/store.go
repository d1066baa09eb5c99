// Package store defines how Dossier persists articles and failures, and
// the queries every backend must answer. Backends live in sub-packages
// (store/sqlite today, store/postgres later) and must all pass the
// conformance suite in store/storetest unchanged.
package store

import (
	"context"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// Store is the persistence interface. Implementations are safe for
// concurrent use.
type Store interface {
	// PutArticles stores a batch in one transaction. An article whose Key
	// is already stored is left untouched. The result says, per article,
	// whether it was new. A successful put also clears failures recorded
	// for the same origins, since those inputs now succeeded.
	PutArticles(ctx context.Context, articles []news.Article) ([]bool, error)
	// Article returns one article by ID, or an error wrapping
	// news.ErrNotFound.
	Article(ctx context.Context, id string) (news.Article, error)
	// Articles lists articles newest first (by publication time, else
	// ingestion time) with keyset pagination.
	Articles(ctx context.Context, q ArticleQuery) (ArticlePage, error)
	// Search runs a full-text query ranked by BM25.
	Search(ctx context.Context, q SearchQuery) (SearchPage, error)
	// PutFailures records inputs that failed; a later failure of the same
	// origin replaces the earlier one.
	PutFailures(ctx context.Context, failures []news.Failure) error
	// Failures lists recorded failures, most recent first.
	Failures(ctx context.Context, limit int) ([]news.Failure, error)
	// Stats summarises the store's contents.
	Stats(ctx context.Context) (Stats, error)
	// Close releases the store.
	Close() error
}

// Filter narrows article listings and searches. Zero fields do not filter.
type Filter struct {
	// Outlet matches the source name or domain, case-insensitively.
	Outlet   string
	Language string
	// From and To bound the publication time, inclusive From, exclusive To.
	From, To time.Time
}

// ArticleQuery asks for one page of articles.
type ArticleQuery struct {
	Filter
	// Limit is the page size; 0 means DefaultLimit, capped at MaxLimit.
	Limit int
	// Cursor is the opaque Next of the previous page, or "".
	Cursor string
}

// ArticlePage is one page of articles. Next is "" on the last page.
type ArticlePage struct {
	Articles []news.Article
	Next     string
}

// SearchQuery asks for one page of full-text results.
type SearchQuery struct {
	Filter
	// Text is the user's query: words (all required), "quoted phrases",
	// OR between alternatives, and a leading - to exclude a word.
	Text   string
	Limit  int
	Cursor string
}

// SearchHit is one search result.
type SearchHit struct {
	Article news.Article
	// Score is the BM25 relevance; higher is better.
	Score float64
	// Snippet is a short plain-text excerpt around the matches, and
	// Highlights the byte spans of matched terms within it.
	Snippet    string
	Highlights []news.Span
}

// SearchPage is one page of search results.
type SearchPage struct {
	Hits []SearchHit
	Next string
}

// Stats summarises a store.
type Stats struct {
	Articles int
	Failures int
	Outlets  int
}

// Page size bounds shared by every backend.
const (
	DefaultLimit = 20
	MaxLimit     = 500
)

// ClampLimit applies DefaultLimit and MaxLimit.
func ClampLimit(n int) int {
	switch {
	case n <= 0:
		return DefaultLimit
	case n > MaxLimit:
		return MaxLimit
	}
	return n
}

// SortTime is the instant articles are ordered by: publication time when
// known, else ingestion time.
func SortTime(a news.Article) time.Time {
	if !a.Published.IsZero() {
		return a.Published
	}
	return a.IngestedAt
}

// KeysetCursor encodes the position after the last article of a page.
// Keyset (not offset) cursors keep pages stable while articles arrive.
func KeysetCursor(t time.Time, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte("k" + strconv.FormatInt(t.UnixNano(), 10) + "|" + id))
}

// ParseKeysetCursor decodes a KeysetCursor.
func ParseKeysetCursor(c string) (time.Time, string, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || len(b) < 2 || b[0] != 'k' {
		return time.Time{}, "", fmt.Errorf("bad cursor: %w", news.ErrInvalid)
	}
	ns, id, ok := strings.Cut(string(b[1:]), "|")
	n, err := strconv.ParseInt(ns, 10, 64)
	if !ok || err != nil || id == "" {
		return time.Time{}, "", fmt.Errorf("bad cursor: %w", news.ErrInvalid)
	}
	return time.Unix(0, n).UTC(), id, nil
}

// OffsetCursor encodes a result offset. Search uses offsets because BM25
// scores have no stable key to seek on.
func OffsetCursor(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("o" + strconv.Itoa(offset)))
}

// ParseOffsetCursor decodes an OffsetCursor; "" is offset 0.
func ParseOffsetCursor(c string) (int, error) {
	if c == "" {
		return 0, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || len(b) < 2 || b[0] != 'o' {
		return 0, fmt.Errorf("bad cursor: %w", news.ErrInvalid)
	}
	n, err := strconv.Atoi(string(b[1:]))
	if err != nil || n < 0 {
		return 0, fmt.Errorf("bad cursor: %w", news.ErrInvalid)
	}
	return n, nil
}
