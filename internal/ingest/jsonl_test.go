package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/news"
)

func TestJSONLHints(t *testing.T) {
	dir := t.TempDir()
	p := write(t, filepath.Join(dir, "dump.jsonl"), []byte("\xEF\xBB\xBF"+
		`{"url":"https://courier.example/a","title":" Bridge reopens ","text":"The bridge reopened.","published":"2025-02-01T08:00:00Z","source":"Valley Courier","author":["Tom Lake","Ana Reis"],"extra":{"ignored":true}}`+"\r\n"+
		`{"html":"<p>Market day moves.</p>","published":"2025-02-03 10:15:00","author":"Ana Reis"}`+"\r\n"+
		`{"text":"Both given.","html":"<p>ignored</p>","published":1738400000}`+"\n"+
		`{"TEXT":"Case-insensitive.","published":"next Tuesday"}`))
	want := []Document{
		{Origin: p + ":line 1", Kind: "jsonl", Format: FormatText, Body: []byte("The bridge reopened."),
			URL: "https://courier.example/a", Title: "Bridge reopens", Source: "Valley Courier", Author: "Tom Lake, Ana Reis",
			Published: time.Date(2025, 2, 1, 8, 0, 0, 0, time.UTC)},
		{Origin: p + ":line 2", Kind: "jsonl", Format: FormatHTML, Body: []byte("<p>Market day moves.</p>"),
			Author: "Ana Reis", Published: time.Date(2025, 2, 3, 10, 15, 0, 0, time.UTC)},
		{Origin: p + ":line 3", Kind: "jsonl", Format: FormatText, Body: []byte("Both given."),
			Published: time.Unix(1738400000, 0).UTC()},
		{Origin: p + ":line 4", Kind: "jsonl", Format: FormatText, Body: []byte("Case-insensitive.")},
	}
	got := read(t, Config{}, p)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("documents mismatch (-want +got):\n%s", diff)
	}
}

func TestJSONLBadLines(t *testing.T) {
	lines := func(ls ...string) []byte { return []byte(strings.Join(ls, "\n")) }
	tests := []struct {
		name string
		data []byte
		cfg  Config
		want []sum
		msg  string // in the first failure's text
	}{
		{"malformed line in the middle", lines(`{"text":"one"}`, `{"text": "two"`, ``, `{"text":"four"}`), Config{}, []sum{
			{Origin: "f.jsonl:line 1", Kind: "jsonl", Format: FormatText, Body: "one"},
			{Origin: "f.jsonl:line 2", Kind: "jsonl", Err: "malformed"},
			{Origin: "f.jsonl:line 4", Kind: "jsonl", Format: FormatText, Body: "four"},
		}, "line 2: malformed JSON"},
		{"not an object", lines(`["text"]`, `"text"`, `null`, `{"text":"ok"} trailing`), Config{}, []sum{
			{Origin: "f.jsonl:line 1", Kind: "jsonl", Err: "malformed"},
			{Origin: "f.jsonl:line 2", Kind: "jsonl", Err: "malformed"},
			{Origin: "f.jsonl:line 3", Kind: "jsonl", Err: "no_content"},
			{Origin: "f.jsonl:line 4", Kind: "jsonl", Err: "malformed"},
		}, "line 1: malformed JSON"},
		{"neither text nor html", lines(`{"title":"Headline only","text":"  "}`), Config{}, []sum{
			{Origin: "f.jsonl:line 1", Kind: "jsonl", Err: "no_content"},
		}, "line 1: record has neither text nor html"},
		{"over-long line", lines(`{"text":"short"}`, `{"text":"`+strings.Repeat("long ", 40)+`"}`, `{"text":"after"}`), Config{MaxDocBytes: 64}, []sum{
			{Origin: "f.jsonl:line 1", Kind: "jsonl", Format: FormatText, Body: "short"},
			{Origin: "f.jsonl:line 2", Kind: "jsonl", Err: "too_large"},
			{Origin: "f.jsonl:line 3", Kind: "jsonl", Format: FormatText, Body: "after"},
		}, "line 2: line is over the size limit of 64 bytes"},
		{"line longer than the reader's buffer", lines(`{"text":"`+strings.Repeat("x", 200<<10)+`"}`, `{"text":"next"}`), Config{}, []sum{
			{Origin: "f.jsonl:line 1", Kind: "jsonl", Format: FormatText, Body: strings.Repeat("x", 200<<10)},
			{Origin: "f.jsonl:line 2", Kind: "jsonl", Format: FormatText, Body: "next"},
		}, ""},
		{"only blank lines", lines(``, `   `, ``), Config{}, []sum{
			{Origin: "f.jsonl", Kind: "jsonl", Err: "empty"},
		}, "no records"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			p := write(t, filepath.Join(dir, "f.jsonl"), tc.data)
			docs := read(t, tc.cfg, p)
			if diff := cmp.Diff(tc.want, summarise(dir, docs)); diff != "" {
				t.Errorf("documents mismatch (-want +got):\n%s", diff)
			}
			for _, d := range docs {
				if d.Err != nil {
					if !strings.Contains(d.Err.Error(), tc.msg) {
						t.Errorf("first failure = %q, want it to contain %q", d.Err, tc.msg)
					}
					break
				}
			}
		})
	}
}

// numbered returns n JSONL records whose text is "record N".
func numbered(n int) []byte {
	var b bytes.Buffer
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, `{"text":"record %d","source":"Test Wire"}`+"\n", i)
	}
	return b.Bytes()
}

func TestJSONLTruncatedGzip(t *testing.T) {
	dir := t.TempDir()
	full := gz(numbered(2000))
	p := write(t, filepath.Join(dir, "f.jsonl.gz"), full[:len(full)*2/3])
	docs := read(t, Config{}, p)
	if len(docs) < 2 {
		t.Fatalf("got %d documents, want the lines before the truncation and one failure", len(docs))
	}
	last := docs[len(docs)-1]
	for i, d := range docs[:len(docs)-1] {
		wantOrigin := fmt.Sprintf("%s:line %d", p, i+1)
		if d.Err != nil || d.Origin != wantOrigin || string(d.Body) != fmt.Sprintf("record %d", i+1) {
			t.Fatalf("document %d = {%s %q %v}, want {%s %q <nil>}", i, d.Origin, d.Body, d.Err, wantOrigin, fmt.Sprintf("record %d", i+1))
		}
	}
	wantOrigin := fmt.Sprintf("%s:line %d", p, len(docs))
	if !errors.Is(last.Err, news.ErrMalformed) || !strings.Contains(last.Err.Error(), "truncated gzip") || last.Origin != wantOrigin {
		t.Errorf("last document = {%s %v}, want {%s truncated gzip ... malformed}", last.Origin, last.Err, wantOrigin)
	}
}

func TestJSONLGzipTotalLimit(t *testing.T) {
	// 100 × 100 bytes may be decompressed; 3,000 records are far more.
	dir := t.TempDir()
	p := write(t, filepath.Join(dir, "f.jsonl.gz"), gz(numbered(3000)))
	docs := read(t, Config{MaxDocBytes: 100}, p)
	last := docs[len(docs)-1]
	if !errors.Is(last.Err, news.ErrTooLarge) {
		t.Fatalf("last document error = %v, want news.ErrTooLarge", last.Err)
	}
	ok := 0
	for _, d := range docs[:len(docs)-1] {
		if d.Err == nil {
			ok++
		}
	}
	if ok < 100 || ok >= 3000 {
		t.Errorf("%d records read before the limit, want between 100 and 3000", ok)
	}
}

func TestParsePublished(t *testing.T) {
	utc := func(y int, mo time.Month, d, h, mi int) time.Time { return time.Date(y, mo, d, h, mi, 0, 0, time.UTC) }
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2025-03-04T09:30:00Z", utc(2025, 3, 4, 9, 30)},
		{"2025-03-04T10:30:00+01:00", utc(2025, 3, 4, 9, 30)},
		{"2025-03-04T09:30:00.123Z", utc(2025, 3, 4, 9, 30).Add(123 * time.Millisecond)},
		{"2025-03-04T09:30:00", utc(2025, 3, 4, 9, 30)},
		{"2025-03-04 09:30:00", utc(2025, 3, 4, 9, 30)},
		{"2025-03-04", utc(2025, 3, 4, 0, 0)},
		{"Tue, 04 Mar 2025 09:30:00 +0000", utc(2025, 3, 4, 9, 30)},
		{"Tue, 4 Mar 2025 09:30:00 +0000", utc(2025, 3, 4, 9, 30)},
		{"yesterday", time.Time{}},
		{"", time.Time{}},
	}
	for _, tc := range tests {
		raw, _ := json.Marshal(tc.in)
		if got := jsonTime(raw); !got.Equal(tc.want) {
			t.Errorf("jsonTime(%s) = %v, want %v", raw, got, tc.want)
		}
	}
}
