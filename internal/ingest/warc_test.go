package ingest

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/news"
)

// warcRec renders one WARC record; the pages in these tests are our own.
func warcRec(version, typ, uri, ctype, block string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "WARC/%s\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%08d>\r\nWARC-Date: 2026-03-02T10:00:00Z\r\n", version, typ, len(block))
	if uri != "" {
		fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", uri)
	}
	if ctype != "" {
		fmt.Fprintf(&b, "Content-Type: %s\r\n", ctype)
	}
	fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n%s\r\n\r\n", len(block), block)
	return b.String()
}

func httpResp(status, ctype, extra, body string) string {
	return fmt.Sprintf("HTTP/1.1 %s\r\nContent-Type: %s\r\n%s\r\n%s", status, ctype, extra, body)
}

func gzipped(s string) string {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(s))
	zw.Close()
	return b.String()
}

const (
	pageA = "<html><head><title>Quay lamps</title></head><body><p>The east quay lamps were replaced on Monday.</p></body></html>"
	pageB = "<html><body><p>Ferry fares will rise by four per cent in April, the operator said.</p></body></html>"
	pageC = "<html><body><p>A chunked page about the lighthouse keeper's retirement.</p></body></html>"
	textD = "Tide tables for the estuary are now printed weekly."
)

var warcRecords = []string{
	warcRec("1.1", "warcinfo", "", "application/warc-fields", "software: test\r\n"),
	warcRec("1.1", "request", "https://quay.example/lamps", "application/http; msgtype=request", "GET /lamps HTTP/1.1\r\nHost: quay.example\r\n\r\n"),
	warcRec("1.1", "response", "https://quay.example/lamps", "application/http; msgtype=response", httpResp("200 OK", "text/html; charset=utf-8", "", pageA)),
	warcRec("1.0", "response", "https://quay.example/missing", "application/http; msgtype=response", httpResp("404 Not Found", "text/html", "", "<p>gone</p>")),
	warcRec("1.0", "response", "https://quay.example/logo.png", "application/http; msgtype=response", httpResp("200 OK", "image/png", "", "\x89PNG\r\n\x1a\n\x00\x00\x00")),
	warcRec("1.0", "response", "<https://ferry.example/fares>", "application/http; msgtype=response",
		httpResp("200 OK", "text/html", "Content-Encoding: gzip\r\n", gzipped(pageB))),
	warcRec("1.1", "response", "https://quay.example/keeper", "application/http; msgtype=response",
		httpResp("200 OK", "text/html", "Transfer-Encoding: chunked\r\n", fmt.Sprintf("%x\r\n%s\r\n0\r\n\r\n", len(pageC), pageC))),
	warcRec("1.1", "resource", "file:///tides.txt", "text/plain", textD),
	warcRec("1.1", "metadata", "https://quay.example/lamps", "application/warc-fields", "via: test\r\n"),
}

type warcDoc struct {
	Origin, URL, Format, Body, Err string
}

func warcDocs(docs []Document) []warcDoc {
	var out []warcDoc
	for _, d := range docs {
		w := warcDoc{Origin: filepath.Base(d.Origin), URL: d.URL, Format: string(d.Format), Body: string(d.Body)}
		if d.Err != nil {
			w.Err = news.Kind(d.Err)
		}
		out = append(out, w)
	}
	return out
}

func TestWARC(t *testing.T) {
	want := []warcDoc{
		{Origin: "a.warc#record 3", URL: "https://quay.example/lamps", Format: "html", Body: pageA},
		{Origin: "a.warc#record 6", URL: "https://ferry.example/fares", Format: "html", Body: pageB},
		{Origin: "a.warc#record 7", URL: "https://quay.example/keeper", Format: "html", Body: pageC},
		{Origin: "a.warc#record 8", URL: "file:///tides.txt", Format: "text", Body: textD},
	}
	plain := strings.Join(warcRecords, "")
	var members strings.Builder
	for _, r := range warcRecords {
		members.WriteString(gzipped(r)) // one gzip member per record, as crawlers write them
	}
	for _, tt := range []struct{ name, data string }{{"a.warc", plain}, {"a.warc.gz", members.String()}} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			got := read(t, Config{}, write(t, filepath.Join(dir, tt.name), []byte(tt.data)))
			for i := range want {
				want[i].Origin = strings.Replace(want[i].Origin, "a.warc", tt.name, 1)
			}
			if diff := cmp.Diff(want, warcDocs(got)); diff != "" {
				t.Errorf("documents (-want +got):\n%s", diff)
			}
			for i := range want {
				want[i].Origin = strings.Replace(want[i].Origin, tt.name, "a.warc", 1)
			}
		})
	}
}

func TestWARCDamage(t *testing.T) {
	ok := warcRecords[2]
	big := warcRec("1.1", "resource", "file:///big.txt", "text/plain", strings.Repeat("long line of text\n", 100))
	tests := []struct {
		name    string
		data    string
		want    []warcDoc
		message string
	}{
		{"truncated block", ok + ok[:len(ok)-40], []warcDoc{
			{Origin: "x.warc#record 1", URL: "https://quay.example/lamps", Format: "html", Body: pageA},
			{Origin: "x.warc#record 2", Err: "malformed"}}, fmt.Sprintf("record 2 at byte %d: truncated", len(ok))},
		{"truncated header", ok + "WARC/1.1\r\nWARC-Type: resp", []warcDoc{
			{Origin: "x.warc#record 1", URL: "https://quay.example/lamps", Format: "html", Body: pageA},
			{Origin: "x.warc#record 2", Err: "malformed"}}, "truncated header"},
		{"oversized payload, then more", big + ok, []warcDoc{
			{Origin: "x.warc#record 1", Err: "too_large"},
			{Origin: "x.warc#record 2", URL: "https://quay.example/lamps", Format: "html", Body: pageA}}, "over the limit"},
		{"not WARC", "GET / HTTP/1.1\r\n\r\n", []warcDoc{{Origin: "x.warc#record 1", Err: "malformed"}}, "expected a WARC version line"},
		{"bad length", "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: lots\r\n\r\n", []warcDoc{{Origin: "x.warc#record 1", Err: "malformed"}}, "bad Content-Length"},
		{"bad HTTP", warcRec("1.0", "response", "https://x.example/", "application/http; msgtype=response", "garbage\r\n\r\n") + ok, []warcDoc{
			{Origin: "x.warc#record 1", Err: "malformed"},
			{Origin: "x.warc#record 2", URL: "https://quay.example/lamps", Format: "html", Body: pageA}}, "unreadable HTTP response"},
		{"empty", "\r\n\r\n", []warcDoc{{Origin: "x.warc", Err: "empty"}}, "no WARC records"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := read(t, Config{MaxDocBytes: 1000}, write(t, filepath.Join(t.TempDir(), "x.warc"), []byte(tt.data)))
			if diff := cmp.Diff(tt.want, warcDocs(got)); diff != "" {
				t.Errorf("documents (-want +got):\n%s", diff)
			}
			var msgs []string
			for _, d := range got {
				if d.Err != nil {
					msgs = append(msgs, d.Err.Error())
				}
			}
			if !strings.Contains(strings.Join(msgs, "|"), tt.message) {
				t.Errorf("errors %q lack %q", msgs, tt.message)
			}
		})
	}
}

// TestWARCSniffed: a WARC on stdin or under an unknown name is recognised.
func TestWARCSniffed(t *testing.T) {
	got := read(t, Config{}, write(t, filepath.Join(t.TempDir(), "crawl.dat"), []byte(warcRecords[2])))
	if len(got) != 1 || got[0].Err != nil || string(got[0].Body) != pageA {
		t.Errorf("sniffed WARC gave %+v", warcDocs(got))
	}
}

func FuzzWARC(f *testing.F) {
	f.Add([]byte(strings.Join(warcRecords, "")))
	f.Add([]byte(gzipped(warcRecords[2]) + gzipped(warcRecords[5])))
	f.Add([]byte(warcRecords[6][:200]))
	f.Add([]byte("WARC/1.0\r\nContent-Length: 5\r\n\r\nabc"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, docs := readFuzz(t, "f.warc", data)
		last := 0
		for i, d := range docs {
			if d.Err != nil {
				if news.Kind(d.Err) == "other" {
					t.Errorf("error outside the vocabulary: %v", d.Err)
				}
				// A damaged record ends the file; a damaged payload (say,
				// truncated gzip inside an HTTP response) does not.
				msg := d.Err.Error()
				ends := strings.Contains(msg, "ends early") || strings.Contains(msg, "truncated header") ||
					strings.Contains(msg, "expected a WARC version line")
				if errors.Is(d.Err, news.ErrMalformed) && ends && i != len(docs)-1 {
					t.Errorf("documents after a truncated record: %d of %d", i, len(docs))
				}
				continue
			}
			if len(d.Body) == 0 || len(d.Body) > 4<<10 || (d.Format != FormatHTML && d.Format != FormatText) {
				t.Errorf("document %q: %d bytes, format %q", d.Origin, len(d.Body), d.Format)
			}
			var n int
			if _, err := fmt.Sscanf(d.Origin, "f.warc#record %d", &n); err != nil || n <= last {
				t.Errorf("origin %q does not number records in order (last %d)", d.Origin, last)
			}
			last = n
		}
	})
}
