package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/dossier-news/dossier/internal/news"
)

// WARC (ISO 28500, versions 1.0 and 1.1) is how web archives, Common
// Crawl's CC-NEWS among them, store crawled pages: a sequence of records,
// each a version line, header fields, a blank line, a block of
// Content-Length bytes and two CRLFs. A .warc.gz holds one gzip member per
// record, which Go's gzip reader reads as one stream.
//
// No WARC module is available through the module proxy, so this reader is
// ours. "response" records (an HTTP message) and "resource" records (a bare
// payload) with an HTML or plain-text payload become documents; requests,
// metadata, images and non-2xx responses are skipped, as a directory walk
// skips files it does not read. A payload over the size limit or an
// unreadable HTTP message is a failure of that record only. A truncated or
// malformed record is reported with its byte offset and ends the file,
// since nothing after it can be located reliably.

const fmtWARC = "warc"

// warcMagic starts every WARC file.
const warcMagic = "WARC/"

// kindWARC is the Document kind of pages read from a WARC file.
const kindWARC = "warc"

// maxWARCLine bounds one header line; real ones are under a few hundred
// bytes, and an unbounded one would let a damaged file eat memory.
const maxWARCLine = 16 << 10

// warcRecord is the header of one record.
type warcRecord struct {
	version string
	fields  map[string]string // canonical field names
	length  int64
}

// warcStream reads records and counts bytes, so failures can say where.
type warcStream struct {
	br  *bufio.Reader
	off int64
}

// line reads one line without its line ending.
func (w *warcStream) line() (string, error) {
	var b []byte
	for {
		frag, err := w.br.ReadSlice('\n')
		w.off += int64(len(frag))
		b = append(b, frag...)
		if len(b) > maxWARCLine {
			return "", fmt.Errorf("header line over %d bytes: %w", maxWARCLine, news.ErrMalformed)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			if err == io.EOF && len(b) > 0 {
				err = fmt.Errorf("truncated header: %w", news.ErrMalformed)
			}
			return "", err
		}
		return strings.TrimRight(string(b), "\r\n"), nil
	}
}

// next reads the header of the next record; io.EOF means a clean end.
func (w *warcStream) next() (warcRecord, error) {
	var l string
	var err error
	for l == "" { // blank lines between records are tolerated
		if l, err = w.line(); err != nil {
			return warcRecord{}, err
		}
	}
	if !strings.HasPrefix(l, "WARC/") {
		return warcRecord{}, fmt.Errorf("expected a WARC version line, found %q: %w", clip(l, 40), news.ErrMalformed)
	}
	rec := warcRecord{version: strings.TrimPrefix(l, "WARC/"), fields: map[string]string{}, length: -1}
	for {
		l, err := w.line()
		if err == io.EOF {
			return rec, fmt.Errorf("truncated header: %w", news.ErrMalformed)
		}
		if err != nil {
			return rec, err
		}
		if l == "" {
			break
		}
		k, v, ok := strings.Cut(l, ":")
		if !ok {
			if l[0] == ' ' || l[0] == '\t' { // obsolete line folding
				continue
			}
			return rec, fmt.Errorf("header line without a colon: %q: %w", clip(l, 40), news.ErrMalformed)
		}
		rec.fields[http.CanonicalHeaderKey(strings.TrimSpace(k))] = strings.TrimSpace(v)
	}
	n, err := strconv.ParseInt(rec.fields["Content-Length"], 10, 64)
	if err != nil || n < 0 {
		return rec, fmt.Errorf("bad Content-Length %q: %w", rec.fields["Content-Length"], news.ErrMalformed)
	}
	rec.length = n
	return rec, nil
}

// block returns the record's block when it is at most limit bytes, and
// skips it otherwise (nil, nil); either way the stream moves past it and
// its two-CRLF terminator.
func (w *warcStream) block(rec warcRecord, limit int64) ([]byte, error) {
	var b []byte
	var err error
	if rec.length <= limit {
		b = make([]byte, rec.length)
		var n int
		n, err = io.ReadFull(w.br, b)
		w.off += int64(n)
	} else {
		var n int64
		n, err = io.CopyN(io.Discard, w.br, rec.length)
		w.off += n
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, fmt.Errorf("truncated: block of %d bytes ends early: %w", rec.length, news.ErrMalformed)
	}
	if err != nil {
		return nil, err
	}
	// The terminator is two CRLFs; some writers emit bare LFs.
	for i := 0; i < 4; i++ {
		c, err := w.br.ReadByte()
		if err != nil {
			break
		}
		if c != '\r' && c != '\n' {
			w.br.UnreadByte()
			break
		}
		w.off++
	}
	return b, nil
}

// readWARC emits a Document for every archived page in the stream.
func (r *Reader) readWARC(ctx context.Context, origin string, in io.Reader, emit emitFunc) {
	w := &warcStream{br: bufio.NewReaderSize(in, 64<<10)}
	n := 0
	for ctx.Err() == nil {
		start := w.off
		rec, err := w.next()
		if err == io.EOF {
			break
		}
		n++
		recOrigin := fmt.Sprintf("%s#record %d", origin, n)
		fail := func(err error) bool {
			return emit(failed(recOrigin, kindWARC, fmt.Errorf("WARC record %d at byte %d: %w", n, start, err)))
		}
		if err != nil {
			fail(err)
			return
		}
		typ := rec.fields["Warc-Type"]
		wanted := typ == "response" || typ == "resource"
		limit := int64(-1)
		if wanted {
			// An HTTP envelope adds headers to the payload; allow for them.
			limit = r.cfg.MaxDocBytes + 64<<10
		}
		block, err := w.block(rec, limit)
		if err != nil {
			fail(err)
			return
		}
		if !wanted {
			continue
		}
		if block == nil {
			if !fail(tooLarge(rec.length, r.cfg.MaxDocBytes)) {
				return
			}
			continue
		}
		d, keep, err := r.warcDocument(rec, block)
		d.Origin, d.Kind = recOrigin, kindWARC
		if err != nil {
			if !fail(err) {
				return
			}
			continue
		}
		if keep && !emit(d) {
			return
		}
	}
	if n == 0 && ctx.Err() == nil {
		emit(failed(origin, kindWARC, fmt.Errorf("no WARC records: %w", news.ErrEmpty)))
	}
}

// warcDocument turns a response or resource block into a Document; keep
// is false for payloads that are not pages (images, redirects, errors).
func (r *Reader) warcDocument(rec warcRecord, block []byte) (d Document, keep bool, err error) {
	d.URL = strings.Trim(rec.fields["Warc-Target-Uri"], "<>")
	ctype := rec.fields["Content-Type"]
	body := block
	if rec.fields["Warc-Type"] == "response" && strings.HasPrefix(ctype, "application/http") {
		resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(block)), nil)
		if err != nil {
			return d, false, fmt.Errorf("unreadable HTTP response: %v: %w", err, news.ErrMalformed)
		}
		defer resp.Body.Close()
		if resp.StatusCode < 200 || resp.StatusCode > 299 {
			return d, false, nil
		}
		ctype = resp.Header.Get("Content-Type")
		var rd io.Reader = resp.Body
		if strings.EqualFold(resp.Header.Get("Content-Encoding"), "gzip") {
			zr, err := gzip.NewReader(resp.Body)
			if err != nil {
				return d, false, gzipError(err)
			}
			rd = &gzipReader{zr: zr}
		}
		if body, err = readLimited(rd, r.cfg.MaxDocBytes); err != nil {
			if news.Kind(err) == "other" { // bad chunked encoding and the like
				err = fmt.Errorf("unreadable HTTP body: %v: %w", err, news.ErrMalformed)
			}
			return d, false, err
		}
	}
	if int64(len(body)) > r.cfg.MaxDocBytes {
		return d, false, tooLarge(int64(len(body)), r.cfg.MaxDocBytes)
	}
	if ctype == "" {
		ctype = http.DetectContentType(body)
	}
	mt, _, _ := mime.ParseMediaType(ctype)
	switch mt {
	case "text/html", "application/xhtml+xml":
		d.Format = FormatHTML
	case "text/plain":
		d.Format = FormatText
	default:
		return d, false, nil
	}
	if isBlank(body) {
		return d, false, fmt.Errorf("empty payload: %w", news.ErrEmpty)
	}
	d.Body, d.ContentType = body, ctype
	return d, true, nil
}
