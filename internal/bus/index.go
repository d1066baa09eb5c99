package bus

import (
	"context"
	"time"
)

// indexer is a store whose search index is built behind its writes
// (store.Indexer: PostgreSQL's full-text vectors). Every worker helps:
// the lease holder stores articles without waiting for their index,
// so the serial half does not pay for it, and the others fill it in on
// their own connections — the database's other cores.
type indexer interface {
	IndexPending(ctx context.Context, limit int) (int, error)
}

// indexLoop indexes what is pending until ctx ends: in chunks while
// there is work, resting when there is none.
func (w *Worker) indexLoop(ctx context.Context) error {
	ix, ok := w.Store.(indexer)
	if !ok {
		return nil
	}
	const chunk = 500
	for {
		n, err := ix.IndexPending(ctx, chunk)
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			w.logf("search index: %v (retrying)", err)
		}
		if n == chunk {
			continue
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(250 * time.Millisecond):
		}
	}
}
