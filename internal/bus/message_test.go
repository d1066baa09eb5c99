package bus

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/ingest"
	"github.com/dossier-news/dossier/internal/news"
)

// TestMessageRoundTrip: a document crosses the bus whole, a read
// failure keeps its class, and the id follows the content.
func TestMessageRoundTrip(t *testing.T) {
	doc := ingest.Document{Origin: "feed.xml#item 3", Kind: "rss", Format: ingest.FormatHTML, Body: []byte("<p>Ferry</p>"),
		URL: "https://example.org/a", Title: "Ferry", Source: "Harbour Wire", Author: "A. Writer",
		Published: time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC), ContentType: "text/html"}
	b, err := encode(doc)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decode(b)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(doc, got); diff != "" {
		t.Errorf("round trip (-sent +received):\n%s", diff)
	}
	bad := ingest.Document{Origin: "x.html", Kind: "html", Err: errors.Join(errors.New("too big"), news.ErrTooLarge)}
	b2, _ := encode(bad)
	got, err = decode(b2)
	if err != nil || !errors.Is(got.Err, news.ErrTooLarge) || got.Err.Error() != bad.Err.Error() {
		t.Errorf("failure round trip: %v, %v; want the same message wrapping ErrTooLarge", got.Err, err)
	}
	doc2 := doc
	doc2.Origin = "feed.xml#item 4"
	b3, _ := encode(doc2)
	if messageID(b) == messageID(b3) || messageID(b) != messageID(append([]byte(nil), b...)) {
		t.Error("message ids do not follow the content")
	}
}

// FuzzDecode: any bytes decode to a document or an error wrapping
// news.ErrMalformed, never a panic; what decodes re-encodes to a
// message that decodes to the same document.
func FuzzDecode(f *testing.F) {
	b, _ := encode(ingest.Document{Origin: "a.html", Format: ingest.FormatHTML, Body: []byte("<p>x</p>")})
	f.Add(b)
	f.Add([]byte(`{"origin":"x","error":"gone","error_kind":"fetch"}`))
	f.Add([]byte(`{"body":"not base64"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := decode(data)
		if err != nil {
			if !errors.Is(err, news.ErrMalformed) {
				t.Fatalf("error %v does not wrap ErrMalformed", err)
			}
			return
		}
		again, err := encode(doc)
		if err != nil {
			t.Fatal(err)
		}
		doc2, err := decode(again)
		if err != nil {
			t.Fatalf("re-encoded message does not decode: %v", err)
		}
		if doc.Origin != doc2.Origin || string(doc.Body) != string(doc2.Body) || (doc.Err == nil) != (doc2.Err == nil) {
			t.Fatalf("re-encoding changed the document: %+v vs %+v", doc, doc2)
		}
	})
}
