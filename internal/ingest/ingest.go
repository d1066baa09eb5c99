// Package ingest reads inputs — files, directories, gzip, JSONL, feeds,
// URL lists, stdin — and turns them into a stream of raw Documents for the
// pipeline. It never stops on a bad input: a Document carrying Err is
// emitted instead, so that the failure is recorded and the batch goes on.
//
// Every Err wraps one of the news sentinels (news.ErrEmpty, ErrTooLarge,
// ErrBinary, ErrMalformed, ErrNoContent, ErrFetch, ErrRead, ErrInvalid), so
// news.Kind classifies it, and its text says where and why, for example
// "line 17: malformed JSON: ...: malformed input".
package ingest

import (
	"time"
)

// Format names the kind of payload a Document carries.
type Format string

// Formats of Document payloads.
const (
	FormatHTML Format = "html"
	FormatText Format = "text"
)

// Document is one raw input for extraction.
type Document struct {
	// Origin identifies the input for users and failure records:
	// a path, "path:line N", "path#item N", a URL or "stdin".
	Origin string
	// Kind is the container the document came from: "html", "text",
	// "jsonl", "rss", "atom", "url", "stdin". It may be empty on a failure
	// whose container could not be determined.
	Kind   string
	Format Format
	Body   []byte

	// Hints from the container (JSONL fields, feed items, HTTP headers).
	// URL is the final URL after redirects when the document was fetched.
	URL         string
	Title       string
	Source      string
	Author      string
	Published   time.Time
	ContentType string

	// Err is set when the input could not be read; Body is then empty.
	Err error
}

// Document kinds.
const (
	kindHTML  = "html"
	kindText  = "text"
	kindJSONL = "jsonl"
	kindURL   = "url"
	kindStdin = "stdin"
)

// failed returns a Document that records err for origin.
func failed(origin, kind string, err error) Document {
	return Document{Origin: origin, Kind: kind, Err: err}
}
