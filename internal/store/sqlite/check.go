package sqlite

import (
	"context"
	"fmt"
	"strings"

	"github.com/dossier-news/dossier/internal/news"
)

// Integrity runs SQLite's own checks over the file: the b-trees, their
// indexes and page accounting (integrity_check), then foreign keys,
// which it does not verify retroactively. A kill or crash must never
// make either fail; a disk or filesystem fault can.
func (s *Store) Integrity(ctx context.Context) error {
	var problems []string
	rows, err := s.db.QueryContext(ctx, `PRAGMA integrity_check(100)`)
	if err != nil {
		return fmt.Errorf("sqlite: integrity check: %w", err)
	}
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return fmt.Errorf("sqlite: integrity check: %w", err)
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlite: integrity check: %w", err)
	}
	fk, err := s.db.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return fmt.Errorf("sqlite: foreign key check: %w", err)
	}
	defer fk.Close()
	for fk.Next() {
		var table, parent string
		var rowid, id any
		if err := fk.Scan(&table, &rowid, &parent, &id); err != nil {
			return fmt.Errorf("sqlite: foreign key check: %w", err)
		}
		problems = append(problems, fmt.Sprintf("row %v of %s refers to a missing %s", rowid, table, parent))
	}
	if err := fk.Err(); err != nil {
		return fmt.Errorf("sqlite: foreign key check: %w", err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("sqlite: %d problems: %s: %w", len(problems), strings.Join(problems, "; "), news.ErrMalformed)
	}
	return nil
}
