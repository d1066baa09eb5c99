package pipeline

import (
	"sync"

	"github.com/dossier-news/dossier/internal/ingest"
)

// numbered is a document or its result with its place in read order.
type numbered[T any] struct {
	seq int
	v   T
}

// extractInOrder runs process over docs on n workers and delivers the
// results in the order the documents were read. The serial stages are
// order-sensitive — an article's story and its entities' identities
// depend on what arrived before it — so without this the same input
// could thread differently from run to run with worker scheduling.
//
// At most window documents are between reading and delivery, so one
// slow document holds the others back instead of letting the reorder
// buffer grow without bound.
func extractInOrder(docs <-chan ingest.Document, n, window int, process func(ingest.Document) result) <-chan result {
	slots := make(chan struct{}, window)
	work := make(chan numbered[ingest.Document])
	done := make(chan numbered[result], window)
	out := make(chan result, window)

	go func() {
		defer close(work)
		seq := 0
		for d := range docs {
			slots <- struct{}{}
			work <- numbered[ingest.Document]{seq, d}
			seq++
		}
	}()
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for w := range work {
				done <- numbered[result]{w.seq, process(w.v)}
			}
		}()
	}
	go func() { wg.Wait(); close(done) }()
	go func() {
		defer close(out)
		held := make(map[int]result, window)
		next := 0
		for r := range done {
			held[r.seq] = r.v
			for {
				v, ok := held[next]
				if !ok {
					break
				}
				delete(held, next)
				next++
				out <- v
				<-slots
			}
		}
	}()
	return out
}
