package postgres

import (
	"time"

	"github.com/dossier-news/dossier/internal/store"
)

// The write paths send a batch's rows as column arrays to one
// INSERT … SELECT FROM unnest(…) WITH ORDINALITY … ORDER BY ord, instead
// of one statement per row: a pipeline batch carries thousands of
// mentions, expressions and links, and a statement each cost a round trip
// and a parse-bind-execute each. ORDER BY ord keeps the rows in the order
// the loop inserted them, which matters where a BIGSERIAL seq records
// arrival (fingerprints, links, entities are read back in seq order).

// lastWins says which rows an ON CONFLICT … DO UPDATE statement over the
// whole batch must see to end as a loop of single-row upserts would: one
// row per key, at the place of the key's first row (where the loop first
// inserted it, taking its seq) with the values of its last (which the
// loop's later upserts left). PostgreSQL refuses a statement that would
// update one row twice, so duplicates must go before it anyway.
func lastWins[K comparable](n int, key func(i int) K) []int {
	at := make(map[K]int, n)
	var keep []int
	for i := 0; i < n; i++ {
		k := key(i)
		if j, ok := at[k]; ok {
			keep[j] = i
			continue
		}
		at[k] = len(keep)
		keep = append(keep, i)
	}
	return keep
}

// day is store.Day for a text[] parameter: NULL for no day.
func day(t time.Time) *string {
	if d, ok := store.Day(t).(string); ok {
		return &d
	}
	return nil
}
