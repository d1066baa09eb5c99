package ingest

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/news"
)

func TestFeedFile(t *testing.T) {
	dir := t.TempDir()
	long := "<p>" + longText + "</p>"
	p := write(t, filepath.Join(dir, "gazette.rss"), rssFeed(
		rssItem("Dredging to start", "https://gazette.example/dredging", "Teaser.", long),
		rssItem("Quay works", "/quay", long, ""),
		rssItem("Short item", "https://gazette.example/short", "Only a teaser.", ""),
		rssItem("Empty item", "https://gazette.example/empty", "", ""),
	))
	got := read(t, Config{}, p)
	pub := time.Date(2025, 3, 4, 9, 30, 0, 0, time.UTC)
	item := func(n, title, url, body string) Document {
		return Document{Origin: p + "#item " + n, Kind: "rss", Format: FormatHTML, Body: []byte(body),
			URL: url, Title: title, Source: "Harbour Gazette", Author: "Ana Reis", Published: pub}
	}
	want := []Document{
		item("1", "Dredging to start", "https://gazette.example/dredging", long),
		item("2", "Quay works", "https://gazette.example/quay", long),
		item("3", "Short item", "https://gazette.example/short", "Only a teaser."),
		item("4", "Empty item", "https://gazette.example/empty", ""),
	}
	want[3].Format, want[3].Body = "", nil
	var gotErr error
	if len(got) == 4 {
		gotErr, got[3].Err = got[3].Err, nil
	}
	if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })); diff != "" {
		t.Errorf("items mismatch (-want +got):\n%s", diff)
	}
	if !errors.Is(gotErr, news.ErrNoContent) || !strings.Contains(gotErr.Error(), "feed item without content") {
		t.Errorf("item 4 error = %v, want \"feed item without content\" (news.ErrNoContent)", gotErr)
	}
}

func TestFeedAtom(t *testing.T) {
	dir := t.TempDir()
	p := write(t, filepath.Join(dir, "courier.atom"), []byte(atomFeed))
	want := []Document{{Origin: p + "#item 1", Kind: "atom", Format: FormatHTML,
		Body: []byte("<p>The old stone bridge reopened after repairs.</p>"), URL: "https://courier.example/bridge",
		Title: "Bridge reopens", Source: "Valley Courier", Author: "Tom Lake", Published: time.Date(2025, 2, 1, 8, 0, 0, 0, time.UTC)}}
	if diff := cmp.Diff(want, read(t, Config{}, p)); diff != "" {
		t.Errorf("items mismatch (-want +got):\n%s", diff)
	}
}

func utf16LE(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

func TestFeedRepairsAndFailures(t *testing.T) {
	item := rssItem("Tide\x01 tables\x0B", "https://gazette.example/tide", "Low\x0C water\x1F at noon.", "")
	padding := "<!-- " + strings.Repeat("padding ", 1200) + " -->"
	tests := []struct {
		name string
		file string
		data []byte
		want []sum
	}{
		{"control characters", "f.rss", rssFeed(item), []sum{
			{Origin: "f.rss#item 1", Kind: "rss", Format: FormatHTML, Body: "Low water at noon."}}},
		{"control character before the root", "f.rss", append([]byte("\x01\x02"), rssFeed(item)...), []sum{
			{Origin: "f.rss#item 1", Kind: "rss", Format: FormatHTML, Body: "Low water at noon."}}},
		{"NUL after the sniffed head", "f.xml", rssFeed(padding, strings.Replace(item, "Low", "Lo\x00w", 1)), []sum{
			{Origin: "f.xml#item 1", Kind: "rss", Format: FormatHTML, Body: "Low water at noon."}}},
		{"invalid UTF-8", "f.rss", rssFeed(rssItem("Caf\xe9", "https://gazette.example/cafe", "Caf\xe9 reopens.", "")), []sum{
			{Origin: "f.rss#item 1", Kind: "rss", Format: FormatHTML, Body: "Caf\uFFFD reopens."}}},
		{"declared Latin-1", "f.rss", []byte(strings.Replace(string(rssFeed(rssItem("Caf\xe9", "https://gazette.example/cafe", "Caf\xe9 reopens.", ""))), "UTF-8", "ISO-8859-1", 1)), []sum{
			{Origin: "f.rss#item 1", Kind: "rss", Format: FormatHTML, Body: "Café reopens."}}},
		{"UTF-16 with BOM", "f.atom", utf16LE(strings.Replace(atomFeed, "utf-8", "utf-16", 1)), []sum{
			{Origin: "f.atom#item 1", Kind: "atom", Format: FormatHTML, Body: "<p>The old stone bridge reopened after repairs.</p>"}}},
		{"gzip", "f.rss.gz", gz(rssFeed(item)), []sum{
			{Origin: "f.rss.gz#item 1", Kind: "rss", Format: FormatHTML, Body: "Low water at noon."}}},
		{"not XML", "f.rss", []byte("this is a plain note, not a feed"), []sum{{Origin: "f.rss", Err: "malformed"}}},
		{"JSON", "f.xml", []byte(`{"version":"https://jsonfeed.org/version/1","items":[]}`), []sum{{Origin: "f.xml", Err: "malformed"}}},
		{"HTML", "f.xml", []byte(page), []sum{{Origin: "f.xml", Err: "malformed"}}},
		{"no items", "f.rss", rssFeed(), []sum{{Origin: "f.rss", Kind: "rss", Err: "empty"}}},
		{"empty", "f.atom", nil, []sum{{Origin: "f.atom", Err: "empty"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			p := write(t, filepath.Join(dir, tc.file), tc.data)
			if diff := cmp.Diff(tc.want, summarise(dir, read(t, Config{}, p))); diff != "" {
				t.Errorf("documents mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestVisibleTextLen(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"  \n ", 0},
		{"<p>ab  cd</p>", 5},
		{"<p>ab</p>\n<p>cd</p>", 5},
		{"a &amp; b", 5},
	}
	for _, tc := range tests {
		if got := visibleTextLen(tc.in); got != tc.want {
			t.Errorf("visibleTextLen(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}
