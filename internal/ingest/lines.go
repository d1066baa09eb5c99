package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/dossier-news/dossier/internal/news"
)

// maxURLLine bounds one line of a URL list. Real URLs stay far below it;
// browsers give up around 2 MB.
const maxURLLine = 64 << 10

// lineReader splits a stream into numbered lines with a per-line size
// cap. bufio.Scanner would stop the whole file at its first over-long
// line; here such a line becomes that line's failure and reading goes on.
type lineReader struct {
	br   *bufio.Reader
	max  int64
	n    int // number of the last line returned
	done bool
}

func newLineReader(r io.Reader, max int64) *lineReader {
	return &lineReader{br: newBufReader(r), max: max}
}

// next returns the next line without its terminator ("\n" or "\r\n") and
// its 1-based number. err is set when the line could not be read whole:
// it is over the cap (news.ErrTooLarge; the rest of the line is skipped
// and reading continues) or the stream failed (reading stops, and the
// partial line is dropped). ok is false at the end of input.
func (l *lineReader) next() (n int, line []byte, err error, ok bool) {
	if l.done {
		return 0, nil, nil, false
	}
	var buf []byte
	long, started := false, false
	for {
		frag, rerr := l.br.ReadSlice('\n')
		started = started || len(frag) > 0
		content := bytes.TrimSuffix(frag, []byte{'\n'})
		if !long && int64(len(buf)+len(content)) > l.max {
			long, buf = true, nil
		}
		if !long {
			buf = append(buf, content...)
		}
		switch {
		case rerr == nil:
		case errors.Is(rerr, bufio.ErrBufferFull):
			continue
		case rerr == io.EOF:
			l.done = true
			if !started {
				return 0, nil, nil, false
			}
		default:
			l.done = true
			l.n++
			return l.n, nil, rerr, true
		}
		l.n++
		if long {
			return l.n, nil, fmt.Errorf("line is over the size limit of %d bytes: %w", l.max, news.ErrTooLarge), true
		}
		return l.n, bytes.TrimSuffix(buf, []byte{'\r'}), nil, true
	}
}
