package ingest

import (
	"bytes"
	"context"
	"fmt"
	"iter"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"

	xunicode "golang.org/x/text/encoding/unicode"

	"github.com/dossier-news/dossier/internal/news"
)

// substantialText is how much visible text an item's content or
// description needs to count as the article rather than a teaser.
const substantialText = 400

// emitFeed parses body as an RSS or Atom feed and emits one Document per
// item, with origin "origin#item N". base is the feed's final URL when it
// was fetched and "" when it came from a file: only fetched feeds have
// their teaser-only items' links fetched, because a file is meant to be
// read offline.
func (r *Reader) emitFeed(ctx context.Context, origin string, body []byte, base string, emit emitFunc) {
	feed, err := parseFeed(body)
	if err != nil {
		emit(failed(origin, "", err))
		return
	}
	kind := feedKind(feed)
	if len(feed.Items) == 0 {
		emit(failed(origin, kind, fmt.Errorf("feed has no items: %w", news.ErrEmpty)))
		return
	}
	baseURL, _ := url.Parse(base)
	if base == "" {
		baseURL, _ = url.Parse(strings.TrimSpace(feed.Link))
	}
	jobs := func(yield func(job) bool) {
		for i, it := range feed.Items {
			if it == nil {
				continue
			}
			d := itemDocument(feed, it, kind, fmt.Sprintf("%s#item %d", origin, i+1), baseURL)
			var j job
			if body, ok := itemBody(it); ok || base == "" || !isHTTPURL(d.URL) {
				j = fileItemJob(d, body)
			} else {
				j = r.itemFetchJob(d)
			}
			if !yield(j) {
				return
			}
		}
	}
	if base == "" {
		// Nothing to wait for: run the jobs in line.
		for j := range jobs {
			j(ctx, emit)
			if ctx.Err() != nil {
				return
			}
		}
		return
	}
	r.runOrdered(ctx, iter.Seq[job](jobs), emit)
}

// parseFeed sanitises and parses an RSS or Atom document. A JSON Feed or
// anything else that is not XML is malformed here: feed inputs are XML.
func parseFeed(body []byte) (feed *gofeed.Feed, err error) {
	clean := sanitizeXML(body)
	head := clean
	if len(head) > sniffBytes {
		head = head[:sniffBytes]
	}
	switch gofeed.DetectFeedType(bytes.NewReader(head)) {
	case gofeed.FeedTypeRSS, gofeed.FeedTypeAtom:
	default:
		return nil, fmt.Errorf("not an RSS or Atom feed: %w", news.ErrMalformed)
	}
	defer func() {
		// A parser panic on hostile input must cost this feed only.
		if p := recover(); p != nil {
			feed, err = nil, fmt.Errorf("feed parser failed: %v: %w", p, news.ErrMalformed)
		}
	}()
	feed, err = gofeed.NewParser().Parse(bytes.NewReader(clean))
	if err != nil {
		return nil, fmt.Errorf("feed: %v: %w", err, news.ErrMalformed)
	}
	return feed, nil
}

func feedKind(f *gofeed.Feed) string {
	if f.FeedType == "atom" {
		return "atom"
	}
	return "rss"
}

// itemDocument builds an item's Document with its hints and no body yet.
func itemDocument(f *gofeed.Feed, it *gofeed.Item, kind, origin string, base *url.URL) Document {
	d := Document{Origin: origin, Kind: kind, Format: FormatHTML,
		URL:    resolveLink(base, it.Link),
		Title:  strings.TrimSpace(it.Title),
		Source: strings.TrimSpace(f.Title),
	}
	var names []string
	for _, p := range it.Authors {
		if p != nil && strings.TrimSpace(p.Name) != "" {
			names = append(names, strings.TrimSpace(p.Name))
		}
	}
	d.Author = strings.Join(names, ", ")
	switch {
	case it.PublishedParsed != nil:
		d.Published = *it.PublishedParsed
	case it.UpdatedParsed != nil:
		d.Published = *it.UpdatedParsed
	}
	return d
}

// resolveLink makes a relative item link absolute against the feed.
func resolveLink(base *url.URL, link string) string {
	link = strings.TrimSpace(link)
	u, err := url.Parse(link)
	if err != nil || base == nil || u.IsAbs() {
		return link
	}
	return base.ResolveReference(u).String()
}

// itemBody picks an item's body: its content, else its description, and
// reports whether that is substantial enough to stand for the article.
// When neither is substantial the longer one is returned.
func itemBody(it *gofeed.Item) (string, bool) {
	cn, dn := visibleTextLen(it.Content), visibleTextLen(it.Description)
	switch {
	case cn >= substantialText:
		return it.Content, true
	case dn >= substantialText:
		return it.Description, true
	case cn >= dn && cn > 0:
		return it.Content, false
	case dn > 0:
		return it.Description, false
	}
	return "", false
}

// fileItemJob emits an item with whatever body it has.
func fileItemJob(d Document, body string) job {
	return func(ctx context.Context, emit emitFunc) {
		if body == "" {
			d.Format = ""
			d.Err = fmt.Errorf("feed item without content: %w", news.ErrNoContent)
		} else {
			d.Body = []byte(body)
		}
		emit(d)
	}
}

// visibleTextLen counts the characters of text in an HTML fragment, with
// runs of white space counted once.
func visibleTextLen(s string) int {
	if strings.TrimSpace(s) == "" {
		return 0
	}
	n, space := 0, true
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return n
		case html.TextToken:
			for _, r := range string(z.Text()) {
				if unicode.IsSpace(r) {
					if !space {
						n++
					}
					space = true
					continue
				}
				n++
				space = false
			}
		}
	}
}

// xmlDeclEncoding finds the encoding named in an XML declaration.
var xmlDeclEncoding = regexp.MustCompile(`^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']`)

// sanitizeXML repairs what makes real feeds fail to parse: it drops the
// C0 control characters XML forbids (0x00–0x08, 0x0B, 0x0C, 0x0E–0x1F),
// which CMS exports leak from pasted text, and in UTF-8 documents also
// U+FFFE/U+FFFF, replacing invalid UTF-8 with U+FFFD. UTF-16 input (by
// its byte-order mark) is converted to UTF-8 first. Documents declaring
// another encoding keep their bytes; the parser decodes them.
func sanitizeXML(b []byte) []byte {
	b = toUTF8(b)
	b = bytes.TrimPrefix(b, utf8BOM)
	enc := ""
	head := b
	if len(head) > 512 {
		head = head[:512]
	}
	if m := xmlDeclEncoding.FindSubmatch(head); m != nil {
		enc = strings.ToLower(string(m[1]))
	}
	out := make([]byte, 0, len(b))
	if enc != "" && enc != "utf-8" && enc != "utf8" {
		for _, c := range b {
			if !illegalXMLByte(c) {
				out = append(out, c)
			}
		}
		return out
	}
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		switch {
		case r == utf8.RuneError && size == 1:
			out = utf8.AppendRune(out, utf8.RuneError)
		case r == 0xFFFE || r == 0xFFFF || (size == 1 && illegalXMLByte(b[0])):
		default:
			out = append(out, b[:size]...)
		}
		b = b[size:]
	}
	return out
}

func illegalXMLByte(c byte) bool {
	return c < 0x20 && c != '\t' && c != '\n' && c != '\r'
}

// toUTF8 converts UTF-16 text with a byte-order mark to UTF-8 and
// rewrites its declared encoding to match, since Go's XML decoder reads
// only UTF-8 and would otherwise re-decode the converted text.
func toUTF8(b []byte) []byte {
	var out []byte
	var err error
	switch {
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		out, err = xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM).NewDecoder().Bytes(b)
	default:
		return b
	}
	if err != nil {
		return b
	}
	if loc := xmlDeclEncoding.FindSubmatchIndex(out); loc != nil {
		out = append(append(out[:loc[2]:loc[2]], "utf-8"...), out[loc[3]:]...)
	}
	return out
}
