package bus

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/dossier-news/dossier/internal/ingest"
	"github.com/dossier-news/dossier/internal/news"
)

// message is an ingest.Document on the wire. JSON rather than gob: the
// stream is read by other releases of dossier, and by operators with
// the nats CLI.
type message struct {
	Origin      string        `json:"origin"`
	Kind        string        `json:"kind,omitempty"`
	Format      ingest.Format `json:"format,omitempty"`
	Body        []byte        `json:"body,omitempty"`
	URL         string        `json:"url,omitempty"`
	Title       string        `json:"title,omitempty"`
	Source      string        `json:"source,omitempty"`
	Author      string        `json:"author,omitempty"`
	Published   time.Time     `json:"published,omitzero"`
	ContentType string        `json:"content_type,omitempty"`
	// Err and ErrKind carry a document that could not be read, so that
	// its failure is recorded in the store like any other.
	Err     string `json:"error,omitempty"`
	ErrKind string `json:"error_kind,omitempty"`
}

func encode(doc ingest.Document) ([]byte, error) {
	m := message{Origin: doc.Origin, Kind: doc.Kind, Format: doc.Format, Body: doc.Body, URL: doc.URL,
		Title: doc.Title, Source: doc.Source, Author: doc.Author, Published: doc.Published, ContentType: doc.ContentType}
	if doc.Err != nil {
		m.Err, m.ErrKind = doc.Err.Error(), news.Kind(doc.Err)
	}
	return json.Marshal(m)
}

func decode(b []byte) (ingest.Document, error) {
	var m message
	if err := json.Unmarshal(b, &m); err != nil {
		return ingest.Document{}, fmt.Errorf("bus: bad document message: %v: %w", err, news.ErrMalformed)
	}
	doc := ingest.Document{Origin: m.Origin, Kind: m.Kind, Format: m.Format, Body: m.Body, URL: m.URL,
		Title: m.Title, Source: m.Source, Author: m.Author, Published: m.Published, ContentType: m.ContentType}
	if m.Err != "" {
		doc.Err = remoteError{m.Err, news.KindError(m.ErrKind)}
	}
	return doc, nil
}

// remoteError is an error that crossed the bus as text, keeping its
// class for errors.Is.
type remoteError struct {
	msg  string
	kind error
}

func (e remoteError) Error() string { return e.msg }
func (e remoteError) Unwrap() error { return e.kind }

// messageID derives a document's message id from its encoding, which
// holds everything that determines what the pipeline makes of it, so that publishing the same
// document twice is a duplicate and two different documents never are.
func messageID(encoded []byte) string {
	h := sha256.Sum256(encoded)
	return hex.EncodeToString(h[:20])
}
