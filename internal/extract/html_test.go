package extract

import (
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/news"
)

var updateGolden = flag.Bool("update", false, "rewrite testdata/html/*.golden.json from the current output")

func TestDecodeHTML(t *testing.T) {
	tests := []struct {
		name        string
		raw         string
		contentType string
		wantText    string
		wantEnc     string
	}{
		{"meta charset windows-1252", "<meta charset=\"windows-1252\"><p>caf\xe9 \x93quoted\x94</p>", "",
			"café “quoted”", "windows-1252"},
		{"meta http-equiv iso-8859-2", `<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-2"><p>` + "\xb3\xf3d\xbc</p>", "",
			"łódź", "iso-8859-2"},
		{"undeclared valid utf-8 with accents", "<p>Crème brûlée à la carte</p>", "",
			"Crème brûlée à la carte", "utf-8"},
		{"undeclared invalid utf-8 is windows-1252", "<p>na\xefve fa\xe7ade</p>", "",
			"naïve façade", "windows-1252"},
		{"header charset overrides meta", "<meta charset=\"utf-8\"><p>\xe9t\xe9</p>", "text/html; charset=ISO-8859-1",
			"été", "windows-1252"},
		{"malformed header still read", "<p>\xe9t\xe9</p>", "text/html; charset=windows-1252; ;",
			"été", "windows-1252"},
		{"utf-8 BOM wins over meta", "\xef\xbb\xbf<meta charset=\"windows-1252\"><p>Zoë</p>", "",
			"<meta charset=\"windows-1252\"><p>Zoë</p>", "utf-8"},
		{"utf-16le BOM", "\xff\xfe<\x00p\x00>\x00\xdc\x00b\x00e\x00r\x00", "",
			"<p>Über", "utf-16le"},
		{"legacy label on utf-8 bytes is utf-8", "<meta charset=\"iso-8859-1\"><p>Zoë</p>", "",
			"<p>Zoë</p>", "utf-8"},
		{"meta utf-16 read as utf-8", "<meta charset=\"utf-16\"><p>plain</p>", "",
			"<p>plain</p>", "utf-8"},
		{"NULs and invalid bytes dropped", "<meta charset=\"utf-8\"><p>a\x00b\xffc</p>", "",
			"<p>abc</p>", "utf-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, enc := decodeHTML([]byte(tt.raw), tt.contentType)
			if !strings.Contains(got, tt.wantText) || enc != tt.wantEnc {
				t.Errorf("decodeHTML(%q, %q) = %q, %q; want text containing %q, encoding %q",
					tt.raw, tt.contentType, got, enc, tt.wantText, tt.wantEnc)
			}
			if !utf8.ValidString(got) || strings.ContainsRune(got, 0) {
				t.Errorf("decodeHTML(%q) = %q: not clean UTF-8", tt.raw, got)
			}
		})
	}
}

// vellArticle is long enough for trafilatura to treat as an article.
const vellArticle = `<p>The council of the small island of Vell has voted to bring human keepers back to its three lighthouses after two decades of automation, citing storms that twice knocked out the beacons last winter.</p>
<p>The first two keepers, both retired fishermen, start in June and will share the watch in twelve-hour shifts from the restored cottages beside the north tower.</p>
<p>"A machine does not notice when the fog smells wrong," said one of them, who has sailed these waters for forty years and still mends his own nets.</p>
<p>The council expects the keepers to cost less each year than the repairs the automatic beacons needed, and says it will review the arrangement in three years.</p>`

func TestHTML(t *testing.T) {
	tests := []struct {
		name     string
		raw      string
		hints    Hints
		want     Result
		wantKind string // news.Kind of the error, "" for success
	}{
		{
			name: "metadata kept when body is short",
			raw: `<html><head><title>Harbour Reopens | Coastline Courier</title>
<meta property="og:site_name" content="Coastline Courier">
<meta property="og:url" content="https://www.coastline-courier.example/news/harbour-reopens/">
<meta property="article:published_time" content="2024-03-02T09:15:00+01:00">
<meta name="author" content="Mara Quist"></head><body><p>Short note.</p></body></html>`,
			want: Result{
				URL:       "https://coastline-courier.example/news/harbour-reopens",
				Title:     "Harbour Reopens",
				Source:    news.Source{Name: "Coastline Courier", Domain: "coastline-courier.example"},
				Authors:   []string{"Mara Quist"},
				Published: time.Date(2024, 3, 2, 9, 15, 0, 0, time.FixedZone("", 3600)),
				Text:      "Short note.",
			},
		},
		{
			name:     "no body text keeps the title",
			raw:      `<html><head><title>Only a title</title><script>var x = "not text";</script></head><body>  </body></html>`,
			want:     Result{Title: "Only a title"},
			wantKind: "no_content",
		},
		{
			name:     "no body element at all",
			raw:      `<html><head><title>Headless</title></head></html>`,
			want:     Result{Title: "Headless"},
			wantKind: "no_content",
		},
		{
			name: "JSON-LD date, author and publisher",
			raw: `<html><head><title>Keepers return</title><script type="application/ld+json">
{"@context":"https://schema.org","@type":"NewsArticle","headline":"Lighthouse keepers return",
 "datePublished":"2023-04-05T08:30:00+02:00","author":{"@type":"Person","name":"Ines Varga"},
 "publisher":{"@type":"Organization","name":"The Northern Lamp"}}</script></head>
<body><vellArticle><h1>Lighthouse keepers return</h1>` + vellArticle + `</vellArticle></body></html>`,
			hints: Hints{URL: "https://www.northern-lamp.example/2023/04/keepers?utm_medium=rss"},
			want: Result{
				URL:       "https://northern-lamp.example/2023/04/keepers",
				Title:     "Lighthouse keepers return",
				Source:    news.Source{Name: "The Northern Lamp", Domain: "northern-lamp.example"},
				Authors:   []string{"Ines Varga"},
				Published: time.Date(2023, 4, 5, 8, 30, 0, 0, time.FixedZone("", 2*3600)),
			},
		},
		{
			name: "og:site_name names the outlet",
			raw: `<html><head><meta property="og:site_name" content="Vell Island Radio"><title>Keepers</title></head>
<body>` + vellArticle + `</body></html>`,
			hints: Hints{URL: "https://vell-radio.example/keepers"},
			want: Result{
				URL:    "https://vell-radio.example/keepers",
				Title:  "Keepers",
				Source: news.Source{Name: "Vell Island Radio", Domain: "vell-radio.example"},
			},
		},
		{
			name: "hints win over the page",
			raw: `<html><head><title>Page title</title><meta name="author" content="Page Author">
<meta property="og:site_name" content="Page Outlet"></head><body>` + vellArticle + `</body></html>`,
			hints: Hints{URL: "https://hint.example/a", Title: "Hint title", Source: "Hint Outlet",
				Author: "Ana Lima; Ben Okafor", Published: time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)},
			want: Result{
				URL:       "https://hint.example/a",
				Title:     "Hint title",
				Source:    news.Source{Name: "Hint Outlet", Domain: "hint.example"},
				Authors:   []string{"Ana Lima", "Ben Okafor"},
				Published: time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC),
			},
		},
		{name: "empty", raw: "", wantKind: "empty"},
		{name: "white space only", raw: " \n\t ", wantKind: "empty"},
		{name: "PDF", raw: "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", wantKind: "binary"},
		{name: "control bytes", raw: "\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f<p>x</p>", wantKind: "binary"},
	}
	// Text is compared only where a case sets it: the vellArticle cases test
	// metadata, and their text is covered by the golden files.
	ignoreText := func(want Result) cmp.Option {
		return cmp.FilterPath(func(p cmp.Path) bool {
			return want.Text == "" && p.String() == "Text"
		}, cmp.Ignore())
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := HTML([]byte(tt.raw), tt.hints, Options{})
			if kind := errKind(err); kind != tt.wantKind {
				t.Fatalf("HTML error = %v (kind %q); want kind %q", err, kind, tt.wantKind)
			}
			got.Language = "" // DetectLanguage is tested with lang.go
			opts := cmp.Options{ignoreText(tt.want), cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })}
			if diff := cmp.Diff(tt.want, got, opts...); diff != "" {
				t.Errorf("HTML result mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func errKind(err error) string {
	if err == nil {
		return ""
	}
	return news.Kind(err)
}

func TestHTMLParagraphs(t *testing.T) {
	raw := `<html><body><div id="main">` + vellArticle + `<p>Line one<br>line two</p></div>
<div id="comments"><p>First! This comment thread must not end up in the vellArticle text at all.</p></div></body></html>`
	got, err := HTML([]byte(raw), Hints{}, Options{})
	if err != nil {
		t.Fatalf("HTML: %v", err)
	}
	paras := strings.Split(got.Text, "\n\n")
	if len(paras) != 5 {
		t.Errorf("got %d paragraphs, want 5:\n%s", len(paras), got.Text)
	}
	if want := "Line one\nline two"; !strings.Contains(got.Text, want) {
		t.Errorf("text lacks %q (one <br> is a line break):\n%s", want, got.Text)
	}
	if strings.Contains(got.Text, "First!") {
		t.Errorf("text contains the comment section:\n%s", got.Text)
	}
}

// goldenResult is what the golden files record. Language is left out: it
// comes from DetectLanguage, which has its own tests and would otherwise
// make these files change with every tweak to the detector.
type goldenResult struct {
	URL       string      `json:"url,omitempty"`
	Title     string      `json:"title,omitempty"`
	Source    news.Source `json:"source"`
	Authors   []string    `json:"authors,omitempty"`
	Published string      `json:"published,omitempty"`
	Text      string      `json:"text"`
	ErrorKind string      `json:"error_kind,omitempty"`
}

// TestGolden extracts testdata/html/*.html and compares with the
// .golden.json beside each; run with -update to accept new output.
func TestGolden(t *testing.T) {
	pages, err := filepath.Glob(filepath.Join("testdata", "html", "*.html"))
	if err != nil || len(pages) == 0 {
		t.Fatalf("no golden pages: %v", err)
	}
	for _, page := range pages {
		t.Run(filepath.Base(page), func(t *testing.T) {
			raw, err := os.ReadFile(page)
			if err != nil {
				t.Fatal(err)
			}
			res, err := HTML(raw, Hints{}, Options{})
			got := goldenResult{URL: res.URL, Title: res.Title, Source: res.Source, Authors: res.Authors,
				Text: res.Text, ErrorKind: errKind(err)}
			if !res.Published.IsZero() {
				got.Published = res.Published.Format(time.RFC3339)
			}
			gotJSON, _ := json.MarshalIndent(got, "", "  ")
			gotJSON = append(gotJSON, '\n')
			golden := strings.TrimSuffix(page, ".html") + ".golden.json"
			if *updateGolden {
				if err := os.WriteFile(golden, gotJSON, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			wantJSON, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/extract -run Golden -update)", err)
			}
			var want goldenResult
			if err := json.Unmarshal(wantJSON, &want); err != nil {
				t.Fatalf("%s: %v", golden, err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s mismatch (-want +got):\n%s", golden, diff)
			}
		})
	}
}

// FuzzHTML checks properties that must hold for any input: no panic; a
// success carries non-empty, trimmed, valid UTF-8 text with at most one
// blank line between paragraphs; a failure is classified.
func FuzzHTML(f *testing.F) {
	seeds := []string{
		"", "<p>hello</p>", vellArticle, "<html><head><title>t</title></head></html>",
		"\xef\xbb\xbf<p>bom</p>", "\xff\xfe<\x00p\x00>\x00", "<meta charset=\"shift_jis\"><p>\x82\xa0</p>",
		"<table><tr><td>a<td>b</table>", "<pre>a\n\n\n\nb</pre>", "<p>a<br><br><br><br>b</p>",
		"%PDF-1.4", "<p>\x00\x00\x00</p>",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		res, err := HTML(raw, Hints{}, Options{DateTimeout: 20 * time.Millisecond})
		if err != nil {
			if news.Kind(err) == "other" {
				t.Errorf("HTML(%q) error %v is not classified", raw, err)
			}
			if !errors.Is(err, news.ErrNoContent) && res.Text != "" {
				t.Errorf("HTML(%q) failed with %v but returned text %q", raw, err, res.Text)
			}
			return
		}
		switch {
		case res.Text == "":
			t.Errorf("HTML(%q) succeeded with empty text", raw)
		case !utf8.ValidString(res.Text):
			t.Errorf("HTML(%q) text is not valid UTF-8: %q", raw, res.Text)
		case strings.Contains(res.Text, "\n\n\n"):
			t.Errorf("HTML(%q) text has more than one blank line: %q", raw, res.Text)
		case strings.TrimSpace(res.Text) != res.Text:
			t.Errorf("HTML(%q) text is not trimmed: %q", raw, res.Text)
		}
	})
}

func TestHTMLFootCredits(t *testing.T) {
	page := `<!doctype html><html><head><meta charset="utf-8"><title>Ferry service resumes</title></head><body><article>
<h1>Ferry service resumes</h1>
<p>The island ferry returned to its full timetable on Monday after three days of gales kept both vessels in port, the operator said.</p>
<p>Passengers who missed connections can claim a refund at the harbour office until the end of the month, a spokeswoman added in a statement.</p>
<p>The operator said the older of its two boats would be replaced next year, once the new vessel finishes its sea trials off the northern cape.</p>
<p>— Valdren Wire</p>
</article></body></html>`
	got, err := HTML([]byte(page), Hints{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Credits) != 1 || got.Credits[0].Name != "Valdren Wire" {
		t.Errorf("credits = %+v, want Valdren Wire", got.Credits)
	}
	if strings.Contains(got.Text, "Valdren Wire") {
		t.Errorf("credit line left in text: %q", got.Text)
	}
	if !strings.HasSuffix(got.Text, "off the northern cape.") {
		t.Errorf("text lost its last paragraph: %q", got.Text)
	}
}
