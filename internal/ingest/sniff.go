package ingest

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/mmcdole/gofeed"

	"github.com/dossier-news/dossier/internal/news"
)

// Container formats, decided by extension or by sniffing.
const (
	fmtHTML  = "html"
	fmtText  = "text"
	fmtJSONL = "jsonl"
	fmtFeed  = "feed"
	fmtURLs  = "urls"
)

// sniffBytes is how much of a stream is examined for the binary check and
// for sniffing. NUL bytes in real text files show up at once; 8 KB matches
// what tools such as git and grep look at.
const sniffBytes = 8 << 10

var extFormats = map[string]string{
	".html": fmtHTML, ".htm": fmtHTML,
	".txt":   fmtText,
	".jsonl": fmtJSONL, ".ndjson": fmtJSONL,
	".rss": fmtFeed, ".atom": fmtFeed, ".xml": fmtFeed,
	".urls": fmtURLs,
	".warc": fmtWARC,
}

// formatOf returns the format of path by extension, looking through a
// trailing .gz, or "" when the extension is not one we read.
func formatOf(path string) string {
	name := strings.ToLower(filepath.Base(path))
	name = strings.TrimSuffix(name, ".gz")
	return extFormats[filepath.Ext(name)]
}

// kindOfFormat is the Document Kind of a single document of format f.
// Feeds and lists set their own kinds per item.
func kindOfFormat(f string) string {
	switch f {
	case fmtHTML:
		return kindHTML
	case fmtText:
		return kindText
	case fmtJSONL:
		return kindJSONL
	case fmtURLs:
		return kindURL
	case fmtWARC:
		return kindWARC
	}
	return ""
}

// sniffFormat guesses the format of a stream from its first bytes, for
// stdin and for files named explicitly whose extension says nothing.
// URL lists are recognised later, on the whole text.
func sniffFormat(head []byte) string {
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(head, utf8BOM), " \t\r\n")
	switch {
	case len(trimmed) == 0:
		return fmtText
	case trimmed[0] == '<':
		if ft := gofeed.DetectFeedType(bytes.NewReader(sanitizeXML(head))); ft == gofeed.FeedTypeRSS || ft == gofeed.FeedTypeAtom {
			return fmtFeed
		}
		return fmtHTML
	case trimmed[0] == '{' && looksJSONL(trimmed):
		return fmtJSONL
	}
	lower := bytes.ToLower(trimmed)
	for _, tag := range [][]byte{[]byte("<html"), []byte("<!doctype html"), []byte("<body"), []byte("<p>"), []byte("<div"), []byte("<article")} {
		if bytes.Contains(lower, tag) {
			return fmtHTML
		}
	}
	return fmtText
}

// looksJSONL reports whether the first line is a JSON object on its own,
// which tells JSON Lines from a pretty-printed JSON document. A first line
// longer than the sniffed window gets the benefit of the doubt.
func looksJSONL(b []byte) bool {
	i := bytes.IndexByte(b, '\n')
	if i < 0 {
		return len(b) >= sniffBytes-1 || json.Valid(b)
	}
	return json.Valid(b[:i])
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// binaryOffset returns the offset of the first NUL byte in head, or -1.
// UTF-16 text is full of NULs, so a UTF-16 byte-order mark exempts it:
// extraction decodes it.
func binaryOffset(head []byte) int {
	if bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		return -1
	}
	return bytes.IndexByte(head, 0)
}

func isBlank(b []byte) bool { return len(bytes.TrimSpace(b)) == 0 }

// isHTTPURL reports whether a command-line input is meant as a URL. It is
// deliberately loose: a malformed URL should fail as a fetch with a clear
// message, not as a missing file named "https:".
func isHTTPURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// parseListURL validates one entry of a URL list.
func parseListURL(s string) (*url.URL, bool) {
	if !isHTTPURL(s) || strings.ContainsAny(s, " \t") {
		return nil, false
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return nil, false
	}
	return u, true
}

// urlList reports whether text is a list of URLs: every non-blank line an
// http(s) URL or a '#' comment, and at least one URL.
func urlList(text []byte) bool {
	urls := 0
	for line := range bytes.Lines(text) {
		line = bytes.TrimSpace(line)
		switch {
		case len(line) == 0 || line[0] == '#':
		case func() bool { _, ok := parseListURL(string(line)); return ok }():
			urls++
		default:
			return false
		}
	}
	return urls > 0
}

// openStream returns the decompressed content of rd when it starts with
// the gzip magic bytes, else rd itself. The extension is not trusted in
// either direction: misnamed files are common. Read errors come back
// wrapped as news.ErrRead and gzip damage as news.ErrMalformed.
func openStream(rd io.Reader) (io.Reader, bool, error) {
	br := bufio.NewReaderSize(&stickyReader{r: rd}, 64<<10)
	magic, _ := br.Peek(2)
	if len(magic) < 2 || magic[0] != 0x1f || magic[1] != 0x8b {
		return br, false, nil
	}
	zr, err := gzip.NewReader(br)
	if err != nil {
		return nil, true, gzipError(err)
	}
	return &gzipReader{zr: zr}, true, nil
}

// stickyReader makes errors permanent and wraps them as news.ErrRead, so
// that an error seen while peeking is not lost on a reader (stdin, a pipe)
// that would report it only once.
type stickyReader struct {
	r   io.Reader
	err error
}

func (s *stickyReader) Read(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.r.Read(p)
	if err != nil {
		if err != io.EOF && news.Kind(err) == "other" {
			err = fmt.Errorf("read: %v: %w", err, news.ErrRead)
		}
		s.err = err
	}
	return n, err
}

// gzipReader translates gzip errors into the news vocabulary.
type gzipReader struct{ zr *gzip.Reader }

func (g *gzipReader) Read(p []byte) (int, error) {
	n, err := g.zr.Read(p)
	if err != nil && err != io.EOF {
		err = gzipError(err)
	}
	return n, err
}

func gzipError(err error) error {
	var corrupt flate.CorruptInputError
	switch {
	case errors.Is(err, news.ErrRead), errors.Is(err, news.ErrTooLarge):
		return err
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return fmt.Errorf("truncated gzip stream: %w", news.ErrMalformed)
	case errors.Is(err, gzip.ErrChecksum), errors.Is(err, gzip.ErrHeader), errors.As(err, &corrupt):
		return fmt.Errorf("corrupt gzip stream: %v: %w", err, news.ErrMalformed)
	}
	return fmt.Errorf("gzip: %v: %w", err, news.ErrMalformed)
}

// boundedReader fails with news.ErrTooLarge once more than max bytes have
// been read, rather than truncating silently.
type boundedReader struct {
	r    io.Reader
	left int64
	max  int64
}

func newBoundedReader(r io.Reader, max int64) *boundedReader {
	return &boundedReader{r: r, left: max, max: max}
}

func (b *boundedReader) Read(p []byte) (int, error) {
	if b.left <= 0 {
		// A stream of exactly max bytes is fine: look for its end.
		var one [1]byte
		if n, err := b.r.Read(one[:]); n == 0 && err != nil {
			return 0, err
		}
		return 0, fmt.Errorf("decompressed stream is over the limit of %d bytes: %w", b.max, news.ErrTooLarge)
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.r.Read(p)
	b.left -= int64(n)
	return n, err
}

func newBufReader(r io.Reader) *bufio.Reader {
	if br, ok := r.(*bufio.Reader); ok && br.Size() >= sniffBytes {
		return br
	}
	return bufio.NewReaderSize(r, 64<<10)
}

// readLimited reads all of r, failing with news.ErrTooLarge past max
// bytes. It reads at most max+1 bytes, so a huge input costs no more
// memory than the limit.
func readLimited(r io.Reader, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("over the size limit of %d bytes: %w", max, news.ErrTooLarge)
	}
	return b, nil
}
