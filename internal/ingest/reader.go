package ingest

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"strings"
	"sync"

	"github.com/dossier-news/dossier/internal/news"
)

// fetchWorkers bounds how many URLs of one list (or links of one feed) are
// fetched at once. The per-host limit still applies on top; this bounds
// work spread over many hosts and the documents held while waiting to be
// emitted in order.
const fetchWorkers = 4

// Reader turns inputs into Documents. It is safe for concurrent use;
// concurrent Reads share its per-host connection limit.
type Reader struct {
	cfg    Config
	client *http.Client
	// ownClient is true when client was built here, so that Read may close
	// its idle connections without touching a caller's client.
	ownClient bool

	mu    sync.Mutex
	hosts map[string]*hostSlots // per-host connection semaphores in use
}

// NewReader returns a Reader for cfg. Zero fields take their defaults and
// invalid ones are replaced by defaults; call cfg.Validate first to report
// them instead.
func NewReader(cfg Config) *Reader {
	cfg = cfg.usable()
	r := &Reader{cfg: cfg, hosts: map[string]*hostSlots{}}
	if cfg.HTTPClient != nil {
		c := *cfg.HTTPClient
		if c.CheckRedirect == nil {
			c.CheckRedirect = r.checkRedirect
		}
		if c.Timeout == 0 {
			c.Timeout = cfg.Timeout
		}
		r.client = &c
	} else {
		r.client = newClient(cfg, r.checkRedirect)
		r.ownClient = true
	}
	return r
}

// emitFunc hands one Document on; it returns false once the run is
// cancelled, telling the producer to stop.
type emitFunc func(Document) bool

// Read walks inputs in order and sends every Document to out. Each input
// is a file or directory path, "-" for Config.Stdin, or an http(s) URL.
// Consecutive URL inputs are fetched concurrently but emitted in input
// order. Read returns only when inputs are exhausted (nil) or ctx is
// cancelled (ctx.Err()). It does not close out.
func (r *Reader) Read(ctx context.Context, inputs []string, out chan<- Document) error {
	if r.ownClient {
		defer r.client.CloseIdleConnections()
	}
	emit := func(d Document) bool {
		if ctx.Err() != nil {
			return false
		}
		select {
		case out <- d:
			return true
		case <-ctx.Done():
			return false
		}
	}
	for i := 0; i < len(inputs) && ctx.Err() == nil; {
		if !isHTTPURL(inputs[i]) {
			r.readInput(ctx, inputs[i], emit)
			i++
			continue
		}
		j := i
		for j < len(inputs) && isHTTPURL(inputs[j]) {
			j++
		}
		r.runOrdered(ctx, r.urlJobs(inputs[i:j]), emit)
		i = j
	}
	return ctx.Err()
}

// readInput handles one non-URL command-line input.
func (r *Reader) readInput(ctx context.Context, in string, emit emitFunc) {
	switch {
	case in == "-":
		if r.cfg.Stdin == nil {
			emit(failed("stdin", kindStdin, fmt.Errorf("no standard input available: %w", news.ErrRead)))
			return
		}
		r.readStream(ctx, source{origin: "stdin", kind: kindStdin, sniff: true}, r.cfg.Stdin, -1, emit)
	case strings.Contains(in, "://"):
		emit(failed(in, kindURL, fmt.Errorf("unsupported URL scheme (want http or https): %w", news.ErrInvalid)))
	default:
		r.readPath(ctx, in, emit)
	}
}

// urlJobs turns a run of URL arguments into fetch jobs.
func (r *Reader) urlJobs(urls []string) iter.Seq[job] {
	return func(yield func(job) bool) {
		for _, u := range urls {
			if !yield(r.fetchJob(u, u)) {
				return
			}
		}
	}
}

// job produces the Documents of one unit of concurrent work. It must
// return promptly once ctx is done.
type job func(ctx context.Context, emit emitFunc)

// runOrdered runs up to fetchWorkers jobs at a time and emits their
// Documents in job order, so that output stays deterministic while slow
// servers overlap. Each running job holds at most one Document ahead of the
// emitter, which bounds memory. It returns when every started job has
// finished.
func (r *Reader) runOrdered(ctx context.Context, jobs iter.Seq[job], emit emitFunc) {
	// A job is started only after its slot is queued, so at most
	// cap(queue) jobs wait plus one being drained.
	queue := make(chan chan Document, fetchWorkers-1)
	go func() {
		defer close(queue)
		for j := range jobs {
			ch := make(chan Document, 1)
			select {
			case queue <- ch:
			case <-ctx.Done():
				return
			}
			go func() {
				defer close(ch)
				j(ctx, func(d Document) bool {
					if ctx.Err() != nil {
						return false
					}
					select {
					case ch <- d:
						return true
					case <-ctx.Done():
						return false
					}
				})
			}()
		}
	}()
	for ch := range queue {
		// Drain even after cancellation so that every job goroutine ends
		// before we return.
		for d := range ch {
			emit(d)
		}
	}
}
