package ingest

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/dossier-news/dossier/internal/news"
)

// source describes one byte stream being ingested.
type source struct {
	origin string // path or "stdin"; prefix of line and item origins
	kind   string // Kind for a single-document result; "" derives it from the format
	format string // one of the fmt* values; "" with sniff
	sniff  bool   // decide the format from the content
}

// readPath ingests a file or directory named on the command line. A file
// with an unknown extension is sniffed, since the user asked for it.
func (r *Reader) readPath(ctx context.Context, path string, emit emitFunc) {
	info, err := os.Stat(path)
	if err != nil {
		emit(failed(path, "", readError(err)))
		return
	}
	if info.IsDir() {
		r.walk(ctx, path, emit)
		return
	}
	f := formatOf(path)
	r.readFile(ctx, source{origin: path, format: f, sniff: f == ""}, info, emit)
}

// walk ingests a directory tree in lexical order, which keeps runs and
// their failure lists reproducible. Hidden files and directories are
// skipped (version control, editor state), as are files with extensions we
// do not read. Symbolic links to files are followed; links to directories
// are not, which rules out cycles.
func (r *Reader) walk(ctx context.Context, root string, emit emitFunc) {
	_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if d == nil { // the root itself vanished or cannot be read
			emit(failed(path, "", readError(err)))
			return nil
		}
		if path != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if err != nil {
			// An unreadable directory costs its subtree, not the walk.
			emit(failed(path, "", readError(err)))
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		f := formatOf(path)
		if f == "" {
			return nil
		}
		info, err := os.Stat(path) // follows a symlink
		if err != nil {
			emit(failed(path, kindOfFormat(f), readError(err)))
			return nil
		}
		if !info.Mode().IsRegular() {
			return nil
		}
		r.readFile(ctx, source{origin: path, format: f}, info, emit)
		return nil
	})
}

// readFile opens and ingests one file.
func (r *Reader) readFile(ctx context.Context, src source, info fs.FileInfo, emit emitFunc) {
	f, err := os.Open(src.origin)
	if err != nil {
		emit(failed(src.origin, kindOfFormat(src.format), readError(err)))
		return
	}
	defer f.Close()
	size := int64(-1)
	if info.Mode().IsRegular() {
		size = info.Size()
	}
	r.readStream(ctx, src, f, size, emit)
}

// readStream ingests one byte stream, gzip-compressed or not. size is the
// stream's length when known (a regular file), else -1; it lets an
// oversized plain file fail without being read.
func (r *Reader) readStream(ctx context.Context, src source, rd io.Reader, size int64, emit emitFunc) {
	fail := func(err error) { emit(failed(src.origin, r.kindOf(src), err)) }
	in, gz, err := openStream(rd)
	if err != nil {
		fail(err)
		return
	}
	// Web archives hold binary payloads and run to gigabytes: they are
	// read record by record, each record held to the size limit, before
	// the whole-stream checks below.
	wb := bufio.NewReaderSize(in, 64<<10)
	if magic, _ := wb.Peek(len(warcMagic)); src.format == fmtWARC || (src.sniff && string(magic) == warcMagic) {
		r.readWARC(ctx, src.origin, wb, emit)
		return
	}
	in = wb
	if gz {
		// Streamed formats (JSONL, URL lists) have a per-line limit only, so
		// bound the whole stream as well: a small .gz must not expand
		// without end. Whole documents are held to MaxDocBytes below.
		in = newBoundedReader(in, r.maxStreamBytes())
	}
	br := newBufReader(in)
	head, err := br.Peek(sniffBytes)
	if len(head) == 0 {
		if err == nil || errors.Is(err, io.EOF) {
			fail(fmt.Errorf("zero bytes: %w", news.ErrEmpty))
		} else {
			fail(err)
		}
		return
	}
	if i := binaryOffset(head); i >= 0 {
		fail(fmt.Errorf("NUL byte at offset %d: not a text file: %w", i, news.ErrBinary))
		return
	}
	if src.sniff {
		src.format = sniffFormat(head)
	}
	switch src.format {
	case fmtJSONL:
		r.readJSONL(ctx, src.origin, br, emit)
		return
	case fmtURLs:
		r.runOrdered(ctx, r.listJobs(src.origin, newLineReader(br, maxURLLine)), emit)
		return
	}
	if !gz && size > r.cfg.MaxDocBytes {
		fail(tooLarge(size, r.cfg.MaxDocBytes))
		return
	}
	body, err := readLimited(br, r.cfg.MaxDocBytes)
	if err != nil {
		fail(err)
		return
	}
	if isBlank(body) {
		fail(fmt.Errorf("file holds only white space: %w", news.ErrEmpty))
		return
	}
	switch src.format {
	case fmtFeed:
		r.emitFeed(ctx, src.origin, body, "", emit)
	case fmtHTML:
		emit(Document{Origin: src.origin, Kind: r.kindOf(src), Format: FormatHTML, Body: body})
	default:
		if urlList(body) {
			r.runOrdered(ctx, r.listJobs(src.origin, newLineReader(bytes.NewReader(body), maxURLLine)), emit)
			return
		}
		emit(Document{Origin: src.origin, Kind: r.kindOf(src), Format: FormatText, Body: body})
	}
}

// kindOf returns the Kind of a single document read from src.
func (r *Reader) kindOf(src source) string {
	if src.kind != "" {
		return src.kind
	}
	return kindOfFormat(src.format)
}

// maxStreamBytes caps the decompressed size of a gzip-compressed JSONL or
// URL-list stream at 100 documents' worth. That admits real compressed
// dumps while bounding what a crafted archive can make us read.
func (r *Reader) maxStreamBytes() int64 { return 100 * r.cfg.MaxDocBytes }

// readError wraps a file-system error as news.ErrRead, keeping the cause
// (permission denied, no such file) in the message.
func readError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("%v: %w", err, news.ErrRead)
}

func tooLarge(size, limit int64) error {
	return fmt.Errorf("%d bytes is over the limit of %d: %w", size, limit, news.ErrTooLarge)
}
