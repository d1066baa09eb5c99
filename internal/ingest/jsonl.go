package ingest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// jsonlRecord is one line of a JSON Lines input: a JSON object describing
// one article. Recognised fields, all optional but one of text and html:
//
//	url        the article's URL
//	title      its headline
//	text       plain article text (preferred when both text and html are set,
//	           since a provider's clean text beats re-extracting its page)
//	html       the article page as HTML
//	published  RFC 3339, or one of the layouts in publishedLayouts, or Unix
//	           seconds as a number; a value that does not parse is ignored
//	           rather than costing the article
//	source     the outlet's name
//	author     a name, or an array of names
//
// Unknown fields are ignored, so that dumps from other tools load as they
// are. Field names match case-insensitively.
type jsonlRecord struct {
	URL       string          `json:"url"`
	Title     string          `json:"title"`
	Text      string          `json:"text"`
	HTML      string          `json:"html"`
	Published json.RawMessage `json:"published"`
	Source    string          `json:"source"`
	Author    json.RawMessage `json:"author"`
}

// readJSONL emits one Document per non-blank line. Every failure names its
// line, and a bad line costs only itself; a stream error (a truncated gzip)
// ends the file after the lines already read. The size limit applies per
// line.
func (r *Reader) readJSONL(ctx context.Context, origin string, in io.Reader, emit emitFunc) {
	lr := newLineReader(in, r.cfg.MaxDocBytes)
	records := 0
	for ctx.Err() == nil {
		n, line, err, ok := lr.next()
		if !ok {
			break
		}
		lineOrigin := fmt.Sprintf("%s:line %d", origin, n)
		if n == 1 {
			line = bytes.TrimPrefix(line, utf8BOM)
		}
		if err == nil && isBlank(line) {
			continue
		}
		records++
		d := Document{Origin: lineOrigin, Kind: kindJSONL}
		if err != nil {
			d.Err = fmt.Errorf("line %d: %w", n, err)
		} else if d = jsonDocument(d, line); d.Err != nil {
			d.Err = fmt.Errorf("line %d: %w", n, d.Err)
		}
		if !emit(d) {
			return
		}
	}
	if records == 0 && ctx.Err() == nil {
		emit(failed(origin, kindJSONL, fmt.Errorf("no records, only blank lines: %w", news.ErrEmpty)))
	}
}

// JSONDocument is the document one JSON object describes, in the
// format of a JSONL input's lines (see jsonlRecord): what the API's
// POST /api/v1/articles accepts. A bad object gives a Document with Err
// set.
func JSONDocument(origin string, body []byte) Document {
	return jsonDocument(Document{Origin: origin, Kind: KindAPI}, body)
}

// HTMLDocument is a raw HTML page posted to the API, with the URL it
// was fetched from when the client says.
func HTMLDocument(origin, url string, body []byte) Document {
	return Document{Origin: origin, Kind: KindAPI, Format: FormatHTML, Body: body, URL: url}
}

// KindAPI marks documents posted to the HTTP API.
const KindAPI = "api"

// jsonDocument fills d from one JSON object.
func jsonDocument(d Document, line []byte) Document {
	var rec jsonlRecord
	if err := json.Unmarshal(line, &rec); err != nil {
		d.Err = fmt.Errorf("malformed JSON: %v: %w", err, news.ErrMalformed)
		return d
	}
	switch {
	case strings.TrimSpace(rec.Text) != "":
		d.Format, d.Body = FormatText, []byte(rec.Text)
	case strings.TrimSpace(rec.HTML) != "":
		d.Format, d.Body = FormatHTML, []byte(rec.HTML)
	default:
		d.Err = fmt.Errorf("record has neither text nor html: %w", news.ErrNoContent)
		return d
	}
	d.URL = strings.TrimSpace(rec.URL)
	d.Title = strings.TrimSpace(rec.Title)
	d.Source = strings.TrimSpace(rec.Source)
	d.Author = jsonAuthor(rec.Author)
	d.Published = jsonTime(rec.Published)
	return d
}

// jsonAuthor accepts a string or an array of strings; anything else is
// dropped, since a wrong author type says nothing about the text.
func jsonAuthor(raw json.RawMessage) string {
	var one string
	if json.Unmarshal(raw, &one) == nil {
		return strings.TrimSpace(one)
	}
	var many []string
	if json.Unmarshal(raw, &many) == nil {
		var names []string
		for _, s := range many {
			if s = strings.TrimSpace(s); s != "" {
				names = append(names, s)
			}
		}
		return strings.Join(names, ", ")
	}
	return ""
}

// publishedLayouts are the date forms seen in news dumps besides RFC 3339.
// Layouts without a zone are read as UTC.
var publishedLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	time.RFC822Z,
	time.RFC822,
}

// jsonTime parses a published value; the zero time means unknown.
func jsonTime(raw json.RawMessage) time.Time {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return parsePublished(s)
	}
	var secs float64
	if json.Unmarshal(raw, &secs) == nil && secs > 0 {
		if secs > 1e12 { // milliseconds, as JavaScript writes them
			secs /= 1000
		}
		if secs < 1e11 {
			return time.Unix(int64(secs), 0).UTC()
		}
	}
	return time.Time{}
}

func parsePublished(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	for _, layout := range publishedLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}
