// Package news holds Dossier's domain types: articles, the outlets that
// publish them, credits, paragraphs and spans into the clean text.
//
// Every other package speaks in these types; they carry no behaviour beyond
// small helpers that keep offsets and identities consistent.
package news

import (
	"time"
)

// Span is a half-open byte range [Start, End) into an article's clean Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len returns the number of bytes the span covers.
func (s Span) Len() int { return s.End - s.Start }

// Paragraph is one block of the clean text.
type Paragraph struct {
	Span Span `json:"span"`
}

// Source is the outlet that published an article.
type Source struct {
	// Name is the outlet's display name ("The Moscow Times"), possibly empty.
	Name string `json:"name,omitempty"`
	// Domain is the registrable host of the article URL ("themoscowtimes.com").
	Domain string `json:"domain,omitempty"`
}

// Label returns the best human-readable name of the outlet.
func (s Source) Label() string {
	if s.Name != "" {
		return s.Name
	}
	return s.Domain
}

// Credit names an agency or outlet an article credits for its content, such
// as a wire service at the foot of a syndicated story ("Source: Reuters").
type Credit struct {
	Name string `json:"name"`
	// Line is the credit line as it appeared in the input, kept so that
	// readers can see why the credit was recorded.
	Line string `json:"line,omitempty"`
}

// Article is one extracted news article.
type Article struct {
	// ID is stable: derived from Key, so re-ingesting the same input yields
	// the same ID.
	ID string `json:"id"`
	// Key is the identity the ID derives from: "url:" + canonical URL when
	// there is one, else "text:" + ContentHash.
	Key string `json:"key"`
	URL string `json:"url,omitempty"`

	Title string `json:"title,omitempty"`
	// TitleDerived is true when the input had no headline and Title was
	// taken from the lead sentence.
	TitleDerived bool `json:"title_derived,omitempty"`

	Source  Source   `json:"source"`
	Authors []string `json:"authors,omitempty"`
	Credits []Credit `json:"credits,omitempty"`

	// Published is the publication time; zero when unknown.
	Published time.Time `json:"published,omitempty"`
	// PublishedInferred is true when the input gave no publication date
	// and Published is the latest date the text mentions.
	PublishedInferred bool `json:"published_inferred,omitempty"`
	// Language is an ISO 639-1 code, or "" when undetermined.
	Language string `json:"language,omitempty"`

	// Text is the clean main text, paragraphs separated by a blank line.
	Text       string      `json:"text"`
	Paragraphs []Paragraph `json:"paragraphs,omitempty"`
	// ContentHash is the hex SHA-256 of the normalised text; exact
	// duplicates share it.
	ContentHash string `json:"content_hash"`

	// Format is the kind of input the article came from (html, text, ...).
	Format string `json:"format"`
	// Origin says where the input came from: a path, "path:line N", a URL.
	Origin     string    `json:"origin"`
	IngestedAt time.Time `json:"ingested_at"`

	// DupGroup is the ID of the origin of the article's syndication group
	// (its own ID when it is the origin), or "" when no copy of it is
	// known; Copies counts the other members. Both are derived by the
	// duplicate detector and filled in by the store on reading.
	DupGroup string `json:"dup_group,omitempty"`
	Copies   int    `json:"copies,omitempty"`
}

// Failure records one input that could not be turned into an article.
type Failure struct {
	// Origin identifies the input as Article.Origin does.
	Origin string `json:"origin"`
	// Kind is a short machine-readable class, e.g. "too_large".
	Kind   string    `json:"kind"`
	Reason string    `json:"reason"`
	At     time.Time `json:"at"`
}

// The times Dossier keeps. The stores order articles by nanoseconds since
// 1970 in 64 bits, which reach from 1678 to 2262; a publication date
// outside these bounds is a placeholder or a misparse ("9999-12-31"), not
// when a news article appeared, and is treated as unknown.
var (
	MinTime = time.Date(1700, 1, 1, 0, 0, 0, 0, time.UTC)
	MaxTime = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
)

// TimeInRange says whether t lies within [MinTime, MaxTime).
func TimeInRange(t time.Time) bool {
	return !t.Before(MinTime) && t.Before(MaxTime)
}
