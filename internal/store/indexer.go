package store

import "context"

// Indexer is implemented by stores whose search index is built behind
// their writes (PostgreSQL: the full-text vector costs more than the
// rest of an insert, so articles are stored first and indexed by
// whoever has a spare connection). Search stays exact meanwhile. SQLite
// updates FTS5 in the storing transaction and does not implement it.
type Indexer interface {
	// IndexPending indexes up to limit stored articles not yet indexed,
	// oldest first, and returns how many it did; concurrent callers
	// share the work without doing any of it twice.
	IndexPending(ctx context.Context, limit int) (int, error)
}
