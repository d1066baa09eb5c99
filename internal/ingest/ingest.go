// Package ingest reads inputs — files, directories, gzip, JSONL, feeds,
// URL lists, stdin — and turns them into a stream of raw Documents for the
// pipeline. It never stops on a bad input: a Document carrying Err is
// emitted instead, so that the failure is recorded and the batch goes on.
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
	// "jsonl", "rss", "atom", "url", "stdin".
	Kind   string
	Format Format
	Body   []byte

	// Hints from the container (JSONL fields, feed items, HTTP headers).
	URL         string
	Title       string
	Source      string
	Author      string
	Published   time.Time
	ContentType string

	// Err is set when the input could not be read; Body is then empty.
	Err error
}
