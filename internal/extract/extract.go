// Package extract turns one raw input document (an HTML page or plain text)
// into clean main text and metadata.
//
// HTML goes through go-trafilatura after we decode the bytes ourselves;
// plain text goes through line-level boilerplate rules. Both return a
// Result, which the pipeline turns into a news.Article.
package extract

import (
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// Hints is what the input already told us about a document: fields of a
// JSONL record or feed item, the HTTP Content-Type. Extracted values fill
// in what the hints leave empty; hints win where both exist.
type Hints struct {
	URL         string
	Title       string
	Source      string
	Author      string
	Published   time.Time
	ContentType string
	// Outlet is the key the caller groups documents under when it feeds
	// Options.Recurring (see LineStats.Observe). Plain-text cleaning asks
	// Recurring about the same key; when empty it uses Source, then the
	// domain of URL.
	Outlet string
}

// Result is the outcome of extracting one document.
type Result struct {
	// URL is the canonical URL (see news.CanonicalURL), or "".
	URL          string
	Title        string
	TitleDerived bool
	Source       news.Source
	Authors      []string
	Credits      []news.Credit
	Published    time.Time
	Language     string
	// Text is the clean main text with paragraphs separated by "\n\n".
	Text string
}

// Options tune extraction. The zero value is usable.
type Options struct {
	// DateTimeout bounds the publication-date search of one HTML page;
	// zero means the default (see html.go).
	DateTimeout time.Duration
	// Recurring holds normalised lines seen in many documents of the same
	// outlet; plain-text cleaning drops them as site chrome. May be nil.
	Recurring RecurringLines
}

// RecurringLines reports whether a line recurs across many articles of the
// given outlet, which marks it as site chrome rather than article text.
type RecurringLines interface {
	Recurs(outlet, line string) bool
}
