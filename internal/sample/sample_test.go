package sample

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"
	"golang.org/x/text/encoding/charmap"
)

// corpusFiles lists every file of the embedded corpus, slash-separated and sorted.
func corpusFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	err := fs.WalkDir(FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("walk corpus: %v", err)
	}
	sort.Strings(files)
	return files
}

func mustLabels(t *testing.T) []Label {
	t.Helper()
	ls, err := Labels()
	if err != nil {
		t.Fatalf("Labels() error = %v", err)
	}
	return ls
}

func readFile(t *testing.T, p string) []byte {
	t.Helper()
	b, err := fs.ReadFile(FS(), p)
	if err != nil {
		t.Fatalf("read %s: %v", p, err)
	}
	return b
}

// jsonlLines returns the non-empty lines of a JSONL file.
func jsonlLines(data []byte) [][]byte {
	var lines [][]byte
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 4<<20)
	for sc.Scan() {
		if line := bytes.TrimSpace(sc.Bytes()); len(line) > 0 {
			lines = append(lines, append([]byte(nil), line...))
		}
	}
	return lines
}

type rssDoc struct {
	Channel struct {
		Items []struct {
			Title   string `xml:"title"`
			Link    string `xml:"link"`
			PubDate string `xml:"pubDate"`
			Creator string `xml:"http://purl.org/dc/elements/1.1/ creator"`
			Content string `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
		} `xml:"item"`
	} `xml:"channel"`
}

type atomDoc struct {
	Entries []struct {
		Title string `xml:"title"`
		Link  struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Updated string `xml:"updated"`
		Author  string `xml:"author>name"`
		Content struct {
			Type string `xml:"type,attr"`
			Body string `xml:",chardata"`
		} `xml:"content"`
	} `xml:"entry"`
}

// feedItem is the part of an RSS item or Atom entry the tests check.
type feedItem struct {
	title, link, date, author, content string
	dateLayout                         string
}

func feedItems(t *testing.T, p string) []feedItem {
	t.Helper()
	data := readFile(t, p)
	var items []feedItem
	switch path.Ext(p) {
	case ".rss":
		var doc rssDoc
		if err := xml.Unmarshal(data, &doc); err != nil {
			t.Fatalf("%s: unmarshal: %v", p, err)
		}
		for _, it := range doc.Channel.Items {
			items = append(items, feedItem{it.Title, it.Link, it.PubDate, it.Creator, it.Content, time.RFC1123Z})
		}
	case ".atom":
		var doc atomDoc
		if err := xml.Unmarshal(data, &doc); err != nil {
			t.Fatalf("%s: unmarshal: %v", p, err)
		}
		for _, e := range doc.Entries {
			if e.Content.Type != "html" {
				t.Errorf("%s: entry %q content type = %q, want html", p, e.Title, e.Content.Type)
			}
			items = append(items, feedItem{e.Title, e.Link.Href, e.Updated, e.Author, e.Content.Body, time.RFC3339})
		}
	default:
		t.Fatalf("%s: not a feed", p)
	}
	return items
}

// articleLocations lists every article the corpus holds, in the labels' "file" notation.
func articleLocations(t *testing.T) []string {
	t.Helper()
	var locs []string
	for _, p := range corpusFiles(t) {
		switch path.Ext(p) {
		case ".html", ".txt":
			locs = append(locs, p)
		case ".jsonl":
			for i := range jsonlLines(readFile(t, p)) {
				locs = append(locs, fmt.Sprintf("%s#%d", p, i+1))
			}
		case ".rss", ".atom":
			for i := range feedItems(t, p) {
				locs = append(locs, fmt.Sprintf("%s#%d", p, i+1))
			}
		default:
			t.Errorf("unexpected corpus file %s", p)
		}
	}
	sort.Strings(locs)
	return locs
}

func TestLabelsDescribeCorpus(t *testing.T) {
	ls := mustLabels(t)
	if got, want := len(ls), 44; got < want {
		t.Errorf("len(Labels()) = %d, want >= %d", got, want)
	}

	outlets := map[string]bool{}
	files := map[string]bool{}
	stories := map[string]int{}
	first, last := ls[0].Published, ls[0].Published
	for _, l := range ls {
		if l.Outlet == "" || l.Story == "" || l.Title == "" || l.Published.IsZero() {
			t.Errorf("label %+v: outlet, story, title and published are required", l)
		}
		if files[l.File] {
			t.Errorf("file %s labelled twice", l.File)
		}
		files[l.File] = true
		outlets[l.Outlet] = true
		stories[l.Story]++
		if l.Published.Before(first) {
			first = l.Published
		}
		if l.Published.After(last) {
			last = l.Published
		}
		if _, _, err := l.Location(); err != nil {
			t.Error(err)
		}
	}
	if got, want := len(outlets), 6; got < want {
		t.Errorf("distinct outlets = %d, want >= %d", got, want)
	}
	if got, want := last.Sub(first), 28*24*time.Hour; got < want {
		t.Errorf("date span = %v (%v .. %v), want >= %v", got, first, last, want)
	}

	// One main story and at least three smaller ones of 4–6 articles.
	var small int
	for id, n := range stories {
		switch {
		case n >= 20:
		case n >= 4 && n <= 6:
			small++
		default:
			t.Errorf("story %s has %d articles, want 4-6 (or a main story of 20+)", id, n)
		}
	}
	if small < 3 {
		t.Errorf("smaller stories = %d, want >= 3", small)
	}

	// Wire stories: each reprinted by at least four other outlets.
	wire := map[string]map[string]bool{}
	for _, l := range ls {
		if l.WireGroup == "" {
			continue
		}
		if wire[l.WireGroup] == nil {
			wire[l.WireGroup] = map[string]bool{}
		}
		wire[l.WireGroup][l.Outlet] = true
	}
	if len(wire) < 2 {
		t.Errorf("wire groups = %d, want >= 2", len(wire))
	}
	for id, outs := range wire {
		if len(outs) < 5 {
			t.Errorf("wire group %s appears at %d outlets, want >= 5 (agency + 4 reprints)", id, len(outs))
		}
	}

	// Spun and reused sources name labelled articles.
	var spun, reused int
	for _, l := range ls {
		if len(l.SpunFrom) > 0 {
			spun++
		}
		if len(l.Reuses) > 0 {
			reused++
		}
		for _, src := range append(append([]string(nil), l.SpunFrom...), l.Reuses...) {
			if !files[src] {
				t.Errorf("%s derives from %s, which is not a labelled article", l.File, src)
			}
		}
	}
	if spun == 0 || reused == 0 {
		t.Errorf("spun rewrites = %d, paragraph reusers = %d; want at least one of each", spun, reused)
	}
}

func TestLabelsMatchCorpusArticles(t *testing.T) {
	var labelled []string
	for _, l := range mustLabels(t) {
		labelled = append(labelled, l.File)
	}
	sort.Strings(labelled)
	if diff := cmp.Diff(articleLocations(t), labelled); diff != "" {
		t.Errorf("corpus articles (-) vs labels.json files (+):\n%s", diff)
	}
}

func TestFormatCounts(t *testing.T) {
	counts := map[string]int{}
	for _, loc := range articleLocations(t) {
		counts[strings.SplitN(loc, "/", 2)[0]]++
	}
	feedFiles := map[string]int{}
	for _, p := range corpusFiles(t) {
		feedFiles[path.Ext(p)]++
	}
	tests := []struct {
		name      string
		got, want int
	}{
		{"html articles", counts["html"], 20},
		{"text articles", counts["text"], 8},
		{"jsonl articles", counts["jsonl"], 8},
		{"feed items", counts["feeds"], 6},
		{"rss files", feedFiles[".rss"], 1},
		{"atom files", feedFiles[".atom"], 1},
	}
	for _, tt := range tests {
		if tt.got < tt.want {
			t.Errorf("%s = %d, want >= %d", tt.name, tt.got, tt.want)
		}
	}
}

// page is what TestHTMLPages reads from a parsed page.
type page struct {
	title  string
	meta   map[string]string // name or property → content
	jsonLD []string
}

func parsePage(r io.Reader) (page, error) {
	doc, err := html.Parse(r)
	if err != nil {
		return page{}, err
	}
	pg := page{meta: map[string]string{}}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			attrs := map[string]string{}
			for _, a := range n.Attr {
				attrs[a.Key] = a.Val
			}
			switch n.Data {
			case "title":
				if n.FirstChild != nil && pg.title == "" {
					pg.title = strings.TrimSpace(n.FirstChild.Data)
				}
			case "meta":
				key := attrs["name"]
				if key == "" {
					key = attrs["property"]
				}
				if key != "" {
					pg.meta[key] = attrs["content"]
				}
			case "script":
				if attrs["type"] == "application/ld+json" && n.FirstChild != nil {
					pg.jsonLD = append(pg.jsonLD, n.FirstChild.Data)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return pg, nil
}

func TestHTMLPages(t *testing.T) {
	byFile := map[string]Label{}
	for _, l := range mustLabels(t) {
		byFile[l.File] = l
	}
	for _, p := range corpusFiles(t) {
		if path.Ext(p) != ".html" {
			continue
		}
		t.Run(path.Base(p), func(t *testing.T) {
			data := readFile(t, p)
			var r io.Reader = bytes.NewReader(data)
			if bytes.Contains(bytes.ToLower(data), []byte(`charset="windows-1252"`)) {
				r = charmap.Windows1252.NewDecoder().Reader(r)
			}
			pg, err := parsePage(r)
			if err != nil {
				t.Fatalf("html.Parse: %v", err)
			}
			if pg.title == "" {
				t.Error("no <title>")
			}
			for _, key := range []string{"description", "author", "og:title", "og:site_name", "og:url", "article:published_time"} {
				if pg.meta[key] == "" {
					t.Errorf("meta %s missing", key)
				}
			}
			l := byFile[p]
			if got, want := pg.meta["og:title"], l.Title; got != want {
				t.Errorf("og:title = %q, want label title %q", got, want)
			}
			if got, want := pg.meta["og:site_name"], l.Outlet; got != want {
				t.Errorf("og:site_name = %q, want %q", got, want)
			}
			if !strings.HasPrefix(pg.meta["og:url"], "https://") || !strings.Contains(pg.meta["og:url"], ".example/") {
				t.Errorf("og:url = %q, want an https URL on an invented .example domain", pg.meta["og:url"])
			}
			if got, err := time.Parse(time.RFC3339, pg.meta["article:published_time"]); err != nil || !got.Equal(l.Published) {
				t.Errorf("article:published_time = %q (%v), want %v", pg.meta["article:published_time"], err, l.Published)
			}
			if len(pg.jsonLD) != 1 {
				t.Fatalf("JSON-LD blocks = %d, want 1", len(pg.jsonLD))
			}
			var ld struct {
				Type          string `json:"@type"`
				Headline      string `json:"headline"`
				DatePublished string `json:"datePublished"`
				Author        struct{ Name string }
				Publisher     struct{ Name string }
			}
			if err := json.Unmarshal([]byte(pg.jsonLD[0]), &ld); err != nil {
				t.Fatalf("JSON-LD: %v", err)
			}
			if ld.Type != "NewsArticle" || ld.Headline != l.Title || ld.DatePublished == "" || ld.Author.Name == "" || ld.Publisher.Name != l.Outlet {
				t.Errorf("JSON-LD = %+v, want a NewsArticle with headline %q, date, author and publisher %q", ld, l.Title, l.Outlet)
			}
		})
	}
}

func TestHTMLCharsets(t *testing.T) {
	tests := []struct {
		file        string
		wantCharset string // "" means no declaration at all
		wantUTF8    bool
		wantText    string // decoded text that must appear
	}{
		{"html/harbourline-courier/2026-03-16-fishers-sue-brannock.html", "windows-1252", false, "It would be naïve to keep waiting"},
		{"html/harbourline-courier/2026-03-16-fishers-sue-brannock.html", "windows-1252", false, "Harbour Café"},
		{"html/harbourline-courier/2026-03-26-brannock-charged-foreseeable-failure.html", "windows-1252", false, "“The evidence gathered so far"},
		{"html/kestrel-news/2026-03-27-verrin-hills-farmers-cafes-dry-summer.html", "", true, "The crème brûlée sells out"},
		{"html/valdren-wire/2026-03-02-solvent-leak-port-aldmere.html", "utf-8", true, "(Valdren Wire) — A storage tank"},
	}
	for _, tt := range tests {
		t.Run(path.Base(tt.file), func(t *testing.T) {
			data := readFile(t, tt.file)
			lower := strings.ToLower(string(data))
			if tt.wantCharset == "" {
				if strings.Contains(lower, "charset") {
					t.Error("page declares a charset, want none")
				}
			} else if !strings.Contains(lower, `charset="`+tt.wantCharset+`"`) {
				t.Errorf("page does not declare charset %q", tt.wantCharset)
			}
			if got := utf8.Valid(data); got != tt.wantUTF8 {
				t.Errorf("utf8.Valid = %v, want %v", got, tt.wantUTF8)
			}
			text := string(data)
			if !tt.wantUTF8 {
				dec, err := charmap.Windows1252.NewDecoder().Bytes(data)
				if err != nil {
					t.Fatalf("decode windows-1252: %v", err)
				}
				text = string(dec)
			}
			if !strings.Contains(text, tt.wantText) {
				t.Errorf("decoded page lacks %q", tt.wantText)
			}
		})
	}
}

func TestJSONLLines(t *testing.T) {
	var withHTML, withText int
	for _, p := range corpusFiles(t) {
		if path.Ext(p) != ".jsonl" {
			continue
		}
		for i, line := range jsonlLines(readFile(t, p)) {
			var rec map[string]any
			if err := json.Unmarshal(line, &rec); err != nil {
				t.Errorf("%s line %d: %v", p, i+1, err)
				continue
			}
			for _, key := range []string{"url", "title", "published", "source", "author"} {
				if s, _ := rec[key].(string); s == "" {
					t.Errorf("%s line %d: %q missing or empty", p, i+1, key)
				}
			}
			if s, _ := rec["published"].(string); s != "" {
				if _, err := time.Parse(time.RFC3339, s); err != nil {
					t.Errorf("%s line %d: published %q: %v", p, i+1, s, err)
				}
			}
			text, _ := rec["text"].(string)
			markup, _ := rec["html"].(string)
			switch {
			case text != "" && markup == "":
				withText++
			case markup != "" && text == "":
				withHTML++
			default:
				t.Errorf("%s line %d: want exactly one of text and html", p, i+1)
			}
			if _, ok := rec["section"]; !ok {
				t.Errorf("%s line %d: no extra field to exercise unknown-field handling", p, i+1)
			}
		}
	}
	if withText == 0 || withHTML == 0 {
		t.Errorf("JSONL lines with text = %d, with html = %d; want both kinds", withText, withHTML)
	}
}

func TestFeedsWellFormed(t *testing.T) {
	for _, p := range corpusFiles(t) {
		if ext := path.Ext(p); ext != ".rss" && ext != ".atom" {
			continue
		}
		t.Run(path.Base(p), func(t *testing.T) {
			dec := xml.NewDecoder(bytes.NewReader(readFile(t, p)))
			for {
				_, err := dec.Token()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatalf("not well-formed XML: %v", err)
				}
			}
			items := feedItems(t, p)
			if len(items) < 3 {
				t.Errorf("items = %d, want >= 3", len(items))
			}
			for _, it := range items {
				if it.title == "" || it.link == "" || it.author == "" {
					t.Errorf("item %+v: want title, link and author", it)
				}
				if _, err := time.Parse(it.dateLayout, it.date); err != nil {
					t.Errorf("item %q: date %q: %v", it.title, it.date, err)
				}
				if !strings.Contains(it.content, "<p>") {
					t.Errorf("item %q: content holds no HTML paragraphs", it.title)
				}
			}
		})
	}
}

func TestTextArticles(t *testing.T) {
	for _, p := range corpusFiles(t) {
		if path.Ext(p) != ".txt" {
			continue
		}
		data := readFile(t, p)
		if !utf8.Valid(data) {
			t.Errorf("%s: not valid UTF-8", p)
		}
		paras := strings.Split(strings.TrimSpace(string(data)), "\n\n")
		if len(paras) < 5 {
			t.Errorf("%s: %d blank-line separated blocks, want >= 5", p, len(paras))
		}
		if strings.HasPrefix(paras[0], "http://") || strings.HasPrefix(paras[0], "https://") {
			t.Errorf("%s: starts with a URL and could be taken for a URL list", p)
		}
		if words := len(strings.Fields(string(data))); words < 150 || words > 700 {
			t.Errorf("%s: %d words, want 150-700 including boilerplate", p, words)
		}
	}
}

func TestWriteTo(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "corpus")
	n, err := WriteTo(dir)
	if err != nil {
		t.Fatalf("WriteTo() error = %v", err)
	}
	files := corpusFiles(t)
	if n != len(files) {
		t.Errorf("WriteTo() = %d, want %d files", n, len(files))
	}
	for _, p := range files {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil {
			t.Errorf("written corpus: %v", err)
			continue
		}
		if !bytes.Equal(got, readFile(t, p)) {
			t.Errorf("%s: written bytes differ from the embedded file", p)
		}
	}
	// A second run over the same directory overwrites rather than fails.
	if n2, err := WriteTo(dir); err != nil || n2 != n {
		t.Errorf("second WriteTo() = %d, %v; want %d, nil", n2, err, n)
	}
}

func TestLabelLocation(t *testing.T) {
	tests := []struct {
		file     string
		wantPath string
		wantItem int
		wantErr  bool
	}{
		{"html/a.html", "html/a.html", 0, false},
		{"jsonl/k.jsonl#3", "jsonl/k.jsonl", 3, false},
		{"feeds/x.rss#0", "feeds/x.rss", 0, true},
		{"feeds/x.rss#two", "feeds/x.rss", 0, true},
	}
	for _, tt := range tests {
		p, item, err := Label{File: tt.file}.Location()
		if p != tt.wantPath || item != tt.wantItem || (err != nil) != tt.wantErr {
			t.Errorf("Label{File: %q}.Location() = %q, %d, %v; want %q, %d, error %v",
				tt.file, p, item, err, tt.wantPath, tt.wantItem, tt.wantErr)
		}
	}
}
