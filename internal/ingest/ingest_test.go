package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/news"
)

// sum is the part of a Document most tests compare. Err holds news.Kind
// of the error, so that tables stay readable.
type sum struct {
	Origin string
	Kind   string
	Format Format
	Body   string
	Err    string
}

func summarise(dir string, docs []Document) []sum {
	out := make([]sum, 0, len(docs))
	for _, d := range docs {
		s := sum{Origin: relOrigin(dir, d.Origin), Kind: d.Kind, Format: d.Format, Body: string(d.Body)}
		if d.Err != nil {
			s.Err = news.Kind(d.Err)
		}
		out = append(out, s)
	}
	return out
}

// relOrigin strips the temporary directory so that tables can name files.
func relOrigin(dir, origin string) string {
	if dir == "" {
		return origin
	}
	if rel, ok := strings.CutPrefix(origin, dir+string(filepath.Separator)); ok {
		return filepath.ToSlash(rel)
	}
	return origin
}

// read runs a Reader over inputs and returns everything it emitted.
func read(t testing.TB, cfg Config, inputs ...string) []Document {
	t.Helper()
	cfg.AllowPrivate = true // the test servers listen on loopback
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out := make(chan Document)
	errc := make(chan error, 1)
	go func() {
		errc <- NewReader(cfg).Read(ctx, inputs, out)
		close(out)
	}()
	var docs []Document
	for d := range out {
		docs = append(docs, d)
	}
	if err := <-errc; err != nil {
		t.Fatalf("Read(%q) = %v, want nil", inputs, err)
	}
	return docs
}

func write(t testing.TB, path string, data []byte) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func gz(data []byte) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

// Invented fixtures.
const (
	page     = "<html><head><title>Ferry timetable</title></head><body><p>The island ferry adds a late crossing on Fridays.</p></body></html>"
	plain    = "Library extends hours\n\nThe central library will open until nine on weekdays from March."
	longText = "The harbour authority said on Tuesday that dredging of the northern channel would begin after the spring tides, " +
		"allowing larger fishing boats to reach the inner quay at low water for the first time in a decade. " +
		"Skippers had complained for years that they were forced to wait offshore for the tide, losing a morning's trade. " +
		"The work is expected to last six weeks and will be paid for from the port's maintenance reserve rather than harbour dues."
)

func rssFeed(items ...string) []byte {
	return []byte(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Harbour Gazette</title><link>https://gazette.example/</link>
` + strings.Join(items, "\n") + `
</channel></rss>`)
}

func rssItem(title, link, desc, content string) string {
	s := "<item><title>" + title + "</title><link>" + link + "</link>" +
		"<pubDate>Tue, 04 Mar 2025 09:30:00 +0000</pubDate><author>desk@gazette.example (Ana Reis)</author>"
	if desc != "" {
		s += "<description><![CDATA[" + desc + "]]></description>"
	}
	if content != "" {
		s += "<content:encoded><![CDATA[" + content + "]]></content:encoded>"
	}
	return s + "</item>"
}

const atomFeed = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Valley Courier</title>
<entry><title>Bridge reopens</title><link href="https://courier.example/bridge"/>
<updated>2025-02-01T08:00:00Z</updated><author><name>Tom Lake</name></author>
<content type="html">&lt;p&gt;The old stone bridge reopened after repairs.&lt;/p&gt;</content></entry>
</feed>`

func TestFiles(t *testing.T) {
	small := Config{MaxDocBytes: 200}
	tests := []struct {
		name  string
		files map[string][]byte
		input string // relative to the directory; "" means the directory
		cfg   Config
		want  []sum
	}{
		{"html", map[string][]byte{"a.html": []byte(page)}, "a.html", Config{},
			[]sum{{Origin: "a.html", Kind: "html", Format: FormatHTML, Body: page}}},
		{"htm upper case", map[string][]byte{"A.HTM": []byte(page)}, "A.HTM", Config{},
			[]sum{{Origin: "A.HTM", Kind: "html", Format: FormatHTML, Body: page}}},
		{"text", map[string][]byte{"a.txt": []byte(plain)}, "a.txt", Config{},
			[]sum{{Origin: "a.txt", Kind: "text", Format: FormatText, Body: plain}}},
		{"invalid UTF-8 is not an ingest error", map[string][]byte{"a.txt": []byte("Caf\xe9 opens\n")}, "a.txt", Config{},
			[]sum{{Origin: "a.txt", Kind: "text", Format: FormatText, Body: "Caf\xe9 opens\n"}}},
		{"UTF-16 with BOM is not binary", map[string][]byte{"a.txt": {0xFF, 0xFE, 'H', 0, 'i', 0}}, "a.txt", Config{},
			[]sum{{Origin: "a.txt", Kind: "text", Format: FormatText, Body: "\xff\xfeH\x00i\x00"}}},
		{"gzip by extension", map[string][]byte{"a.html.gz": gz([]byte(page))}, "a.html.gz", Config{},
			[]sum{{Origin: "a.html.gz", Kind: "html", Format: FormatHTML, Body: page}}},
		{"gzip by magic bytes", map[string][]byte{"a.txt": gz([]byte(plain))}, "a.txt", Config{},
			[]sum{{Origin: "a.txt", Kind: "text", Format: FormatText, Body: plain}}},
		{"empty", map[string][]byte{"a.html": nil}, "a.html", Config{},
			[]sum{{Origin: "a.html", Kind: "html", Err: "empty"}}},
		{"white space only", map[string][]byte{"a.txt": []byte(" \n\t\n")}, "a.txt", Config{},
			[]sum{{Origin: "a.txt", Kind: "text", Err: "empty"}}},
		{"empty gzip", map[string][]byte{"a.txt.gz": gz(nil)}, "a.txt.gz", Config{},
			[]sum{{Origin: "a.txt.gz", Kind: "text", Err: "empty"}}},
		{"binary", map[string][]byte{"a.html": []byte("GIF89a\x01\x00\x00\x00")}, "a.html", Config{},
			[]sum{{Origin: "a.html", Kind: "html", Err: "binary"}}},
		{"binary inside gzip", map[string][]byte{"a.txt.gz": gz([]byte("ab\x00cd"))}, "a.txt.gz", Config{},
			[]sum{{Origin: "a.txt.gz", Kind: "text", Err: "binary"}}},
		{"truncated gzip", map[string][]byte{"a.html.gz": gz([]byte(strings.Repeat(page, 20)))[:60]}, "a.html.gz", Config{},
			[]sum{{Origin: "a.html.gz", Kind: "html", Err: "malformed"}}},
		{"over size limit", map[string][]byte{"a.txt": []byte(strings.Repeat("word ", 50))}, "a.txt", small,
			[]sum{{Origin: "a.txt", Kind: "text", Err: "too_large"}}},
		{"decompression bomb", map[string][]byte{"a.txt.gz": gz(bytes.Repeat([]byte("a"), 1<<20))}, "a.txt.gz", small,
			[]sum{{Origin: "a.txt.gz", Kind: "text", Err: "too_large"}}},
		{"missing path", nil, "nope.html", Config{},
			[]sum{{Origin: "nope.html", Err: "read"}}},
		{"path through a file", map[string][]byte{"a.txt": []byte(plain)}, "a.txt/b.txt", Config{},
			[]sum{{Origin: "a.txt/b.txt", Err: "read"}}},
		{"explicit unknown extension: text", map[string][]byte{"NOTES": []byte(plain)}, "NOTES", Config{},
			[]sum{{Origin: "NOTES", Kind: "text", Format: FormatText, Body: plain}}},
		{"explicit unknown extension: html", map[string][]byte{"page.php": []byte(page)}, "page.php", Config{},
			[]sum{{Origin: "page.php", Kind: "html", Format: FormatHTML, Body: page}}},
		{"explicit unknown extension: feed", map[string][]byte{"feed": []byte(atomFeed)}, "feed", Config{},
			[]sum{{Origin: "feed#item 1", Kind: "atom", Format: FormatHTML, Body: "<p>The old stone bridge reopened after repairs.</p>"}}},
		{"explicit unknown extension: jsonl", map[string][]byte{"dump": []byte(`{"text":"one"}` + "\n" + `{"text":"two"}`)}, "dump", Config{},
			[]sum{{Origin: "dump:line 1", Kind: "jsonl", Format: FormatText, Body: "one"}, {Origin: "dump:line 2", Kind: "jsonl", Format: FormatText, Body: "two"}}},
		{"unsupported scheme", nil, "ftp://files.example/a.txt", Config{},
			[]sum{{Origin: "ftp://files.example/a.txt", Kind: "url", Err: "invalid"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, data := range tc.files {
				write(t, filepath.Join(dir, name), data)
			}
			in := tc.input
			if !strings.Contains(in, "://") {
				in = filepath.Join(dir, in)
			}
			got := summarise(dir, read(t, tc.cfg, in))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("documents mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestErrorMessages(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, file string
		data       []byte
		want       string // in the error text
		sentinel   error
	}{
		{"truncated gzip", "a.html.gz", gz([]byte(strings.Repeat(page, 20)))[:60], "truncated gzip", news.ErrMalformed},
		{"corrupt gzip", "b.html.gz", append(gz([]byte(page))[:12], bytes.Repeat([]byte{0xff}, 40)...), "gzip", news.ErrMalformed},
		{"binary", "c.txt", []byte("x\x00y"), "NUL byte at offset 1", news.ErrBinary},
		{"missing", "", nil, "no such file", news.ErrRead},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(dir, tc.name+".html")
			if tc.file != "" {
				p = write(t, filepath.Join(dir, tc.file), tc.data)
			}
			docs := read(t, Config{}, p)
			if len(docs) != 1 {
				t.Fatalf("got %d documents, want 1", len(docs))
			}
			err := docs[0].Err
			if !errors.Is(err, tc.sentinel) || !strings.Contains(fmt.Sprint(err), tc.want) {
				t.Errorf("Err = %v, want %v containing %q", err, tc.sentinel, tc.want)
			}
		})
	}
}

func TestPermissionDenied(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads any file")
	}
	dir := t.TempDir()
	p := write(t, filepath.Join(dir, "secret.txt"), []byte(plain))
	if err := os.Chmod(p, 0); err != nil {
		t.Fatal(err)
	}
	docs := read(t, Config{}, p)
	if len(docs) != 1 || !errors.Is(docs[0].Err, news.ErrRead) {
		t.Fatalf("got %+v, want one news.ErrRead failure", docs)
	}
}

func TestDirectoryWalk(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{
		"b.txt":             plain,
		"a/z.html":          page,
		"a/y/x.txt":         "deep",
		"a/notes.md":        "ignored: unknown extension",
		"a/image.png":       "ignored",
		"c.jsonl":           `{"text":"from jsonl"}`,
		"d.txt.gz":          "", // replaced below with real gzip
		".hidden.txt":       "ignored: hidden file",
		".git/config.txt":   "ignored: hidden directory",
		"a/.cache/page.htm": "ignored: hidden directory",
		"e.bin.gz":          "ignored: unknown inner extension",
	} {
		write(t, filepath.Join(dir, name), []byte(data))
	}
	write(t, filepath.Join(dir, "d.txt.gz"), gz([]byte("zipped")))
	want := []sum{
		{Origin: "a/y/x.txt", Kind: "text", Format: FormatText, Body: "deep"},
		{Origin: "a/z.html", Kind: "html", Format: FormatHTML, Body: page},
		{Origin: "b.txt", Kind: "text", Format: FormatText, Body: plain},
		{Origin: "c.jsonl:line 1", Kind: "jsonl", Format: FormatText, Body: "from jsonl"},
		{Origin: "d.txt.gz", Kind: "text", Format: FormatText, Body: "zipped"},
	}
	got := summarise(dir, read(t, Config{}, dir))
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("walk mismatch (-want +got):\n%s", diff)
	}
	// A directory's failures do not stop the walk, and inputs keep their order.
	got = summarise(dir, read(t, Config{}, filepath.Join(dir, "b.txt"), filepath.Join(dir, "missing"), filepath.Join(dir, "a", "y")))
	want = []sum{want[2], {Origin: "missing", Err: "read"}, want[0]}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("inputs in order mismatch (-want +got):\n%s", diff)
	}
}

func TestStdin(t *testing.T) {
	tests := []struct {
		name  string
		stdin []byte
		want  []sum
	}{
		{"text", []byte(plain), []sum{{Origin: "stdin", Kind: "stdin", Format: FormatText, Body: plain}}},
		{"html", []byte(page), []sum{{Origin: "stdin", Kind: "stdin", Format: FormatHTML, Body: page}}},
		{"gzip", gz([]byte(page)), []sum{{Origin: "stdin", Kind: "stdin", Format: FormatHTML, Body: page}}},
		{"jsonl", []byte("{\"html\":\"<p>x</p>\"}\n\n{\"nope\n"), []sum{
			{Origin: "stdin:line 1", Kind: "jsonl", Format: FormatHTML, Body: "<p>x</p>"},
			{Origin: "stdin:line 3", Kind: "jsonl", Err: "malformed"}}},
		{"feed", []byte(atomFeed), []sum{{Origin: "stdin#item 1", Kind: "atom", Format: FormatHTML, Body: "<p>The old stone bridge reopened after repairs.</p>"}}},
		{"empty", nil, []sum{{Origin: "stdin", Kind: "stdin", Err: "empty"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := summarise("", read(t, Config{Stdin: bytes.NewReader(tc.stdin)}, "-"))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("stdin mismatch (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("no stdin", func(t *testing.T) {
		got := summarise("", read(t, Config{}, "-"))
		if diff := cmp.Diff([]sum{{Origin: "stdin", Kind: "stdin", Err: "read"}}, got); diff != "" {
			t.Errorf("mismatch (-want +got):\n%s", diff)
		}
	})
}

func TestReadCancelled(t *testing.T) {
	dir := t.TempDir()
	for i := range 20 {
		write(t, filepath.Join(dir, fmt.Sprintf("%02d.txt", i)), []byte(plain))
	}
	ctx, cancel := context.WithCancel(context.Background())
	out := make(chan Document)
	errc := make(chan error, 1)
	go func() { errc <- NewReader(Config{}).Read(ctx, []string{dir}, out) }()
	<-out
	cancel()
	select {
	case err := <-errc:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Read after cancel = %v, want context.Canceled", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Read did not return after cancel")
	}
}

func TestConfig(t *testing.T) {
	d := Config{}.WithDefaults()
	want := Config{MaxDocBytes: 10 << 20, UserAgent: DefaultUserAgent, Timeout: 20 * time.Second, MaxConnsPerHost: 2, MaxRedirects: 5}
	if diff := cmp.Diff(want, d); diff != "" {
		t.Errorf("WithDefaults mismatch (-want +got):\n%s", diff)
	}
	if err := d.Validate(); err != nil {
		t.Errorf("defaults: Validate = %v, want nil", err)
	}
	bad := []Config{
		{MaxDocBytes: -1}, {Timeout: -time.Second}, {MaxConnsPerHost: -2}, {MaxConnsPerHost: 1000},
		{UserAgent: "x\r\nCookie: y"}, {MaxRedirects: 100}, {MaxDocBytes: 1 << 40},
	}
	for _, c := range bad {
		if err := c.WithDefaults().Validate(); !errors.Is(err, news.ErrInvalid) {
			t.Errorf("%+v: Validate = %v, want news.ErrInvalid", c, err)
		}
	}
}
