package postgres

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// textPartitions remembers which months of article_texts this process
// knows to exist, so that a batch asks the server to make partitions
// only when it carries a month not seen before: once a month in steady
// ingest, once per month of an archive.
type textPartitions struct {
	mu    sync.Mutex
	known map[string]bool
}

// partitionKey names the partition a sort time falls in, as
// article_text_partitions (migration 0012) does: the month, or one
// partition for each end of the calendar.
func partitionKey(nanos int64) string {
	t := time.Unix(0, nanos).UTC()
	switch {
	case t.Year() < 1900:
		return "early"
	case t.Year() >= 2200:
		return "late"
	}
	return strconv.Itoa(t.Year()*100 + int(t.Month()))
}

// ensure makes the partitions the sort times need. A partition is never
// dropped by the store, so a month once made stays known.
func (p *textPartitions) ensure(ctx context.Context, db *pgxpool.Pool, sortTimes []int64) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.known == nil {
		p.known = map[string]bool{}
	}
	var missing []int64
	var keys []string
	seen := map[string]bool{}
	for _, t := range sortTimes {
		k := partitionKey(t)
		if !p.known[k] && !seen[k] {
			seen[k] = true
			missing = append(missing, t)
			keys = append(keys, k)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	if _, err := db.Exec(ctx, `SELECT article_text_partitions($1)`, missing); err != nil {
		return fmt.Errorf("make text partitions: %w", err)
	}
	for _, k := range keys {
		p.known[k] = true
	}
	return nil
}

// forget drops what is known, so the next ensure asks the server again.
func (p *textPartitions) forget() {
	p.mu.Lock()
	p.known = nil
	p.mu.Unlock()
}

// noPartition tells whether err is PostgreSQL refusing a row that no
// partition accepts.
func noPartition(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23514" && strings.HasPrefix(pe.Message, "no partition")
}
