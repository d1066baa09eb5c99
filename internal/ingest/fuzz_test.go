package ingest

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/news"
)

// readFuzz ingests data as if read from a file named name, with a small
// document limit so that the fuzzer reaches the limits quickly. It skips
// the file system (covered by the other tests) for speed.
func readFuzz(t *testing.T, name string, data []byte) (string, []Document) {
	var docs []Document
	r := NewReader(Config{MaxDocBytes: 4 << 10})
	f := formatOf(name)
	r.readStream(context.Background(), source{origin: name, format: f}, bytes.NewReader(data), int64(len(data)), func(d Document) bool {
		docs = append(docs, d)
		return true
	})
	return name, docs
}

func FuzzJSONL(f *testing.F) {
	f.Add([]byte(`{"text":"one"}` + "\n" + `{"html":"<p>two</p>","published":"2025-01-02"}`))
	f.Add([]byte("{\"text\": \"unterminated\n\n{\"title\":\"no body\"}\r\n[1,2]\nnull\n"))
	f.Add([]byte("\xEF\xBB\xBF{\"text\":\"bom\"}\n\x00\x01"))
	f.Add([]byte("\n\n   \n"))
	f.Add([]byte(`{"text":"` + strings.Repeat("x", 5000) + `"}` + "\n" + `{"text":"after"}`))
	f.Add(gz([]byte(`{"text":"zipped"}` + "\n")))
	f.Add(gz([]byte(`{"text":"zipped"}` + "\n"))[:20])
	f.Fuzz(func(t *testing.T, data []byte) {
		p, docs := readFuzz(t, "f.jsonl", data)
		// Line numbers are bounded by the lines of the raw input unless it
		// was decompressed.
		lines := bytes.Count(data, []byte{'\n'}) + 1
		compressed := bytes.HasPrefix(data, []byte{0x1f, 0x8b})
		last := 0
		for _, d := range docs {
			if (d.Err == nil) == (len(d.Body) == 0) {
				t.Fatalf("%s: Err = %v with %d body bytes, want exactly one of Err and a non-empty Body", d.Origin, d.Err, len(d.Body))
			}
			if d.Err != nil && news.Kind(d.Err) == "other" {
				t.Fatalf("%s: error %v wraps no news sentinel", d.Origin, d.Err)
			}
			rest, ok := strings.CutPrefix(d.Origin, p+":line ")
			if !ok {
				if d.Origin != p || d.Err == nil {
					t.Fatalf("origin %q, want %q with a line number, or a failure of the whole file", d.Origin, p)
				}
				continue
			}
			n, err := strconv.Atoi(rest)
			if err != nil || n <= last || (!compressed && n > lines) {
				t.Fatalf("line number %q after %d, want increasing and at most %d", rest, last, lines)
			}
			last = n
		}
	})
}

func FuzzFeed(f *testing.F) {
	f.Add(rssFeed(rssItem("Tide tables", "https://gazette.example/tide", "Low water at noon.", "")))
	f.Add(rssFeed(rssItem("Ctl\x01", "/rel", "", "<p>"+longText+"</p>"), rssItem("", "", "", "")))
	f.Add([]byte(atomFeed))
	f.Add([]byte(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><item><title>x</title><description>y</description></item></rdf:RDF>`))
	f.Add([]byte(`<?xml version="1.0" encoding="windows-1252"?><rss><channel><item><description>caf` + "\xe9" + `</description></item></channel></rss>`))
	f.Add([]byte("<rss><channel><item><description>unterminated"))
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1"}`))
	f.Add(utf16LE(atomFeed))
	f.Add([]byte("plain words"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, docs := readFuzz(t, "f.rss", data)
		for _, d := range docs {
			if (d.Err == nil) == (len(d.Body) == 0) {
				t.Fatalf("%s: Err = %v with %d body bytes, want exactly one of Err and a non-empty Body", d.Origin, d.Err, len(d.Body))
			}
			if d.Err != nil && news.Kind(d.Err) == "other" {
				t.Fatalf("%s: error %v wraps no news sentinel", d.Origin, d.Err)
			}
			if d.Origin != p && !strings.HasPrefix(d.Origin, p+"#item ") {
				t.Fatalf("origin %q, want %q or an item of it", d.Origin, p)
			}
			if d.Err == nil && d.Kind != "rss" && d.Kind != "atom" {
				t.Fatalf("%s: Kind %q, want rss or atom", d.Origin, d.Kind)
			}
		}
	})
}
