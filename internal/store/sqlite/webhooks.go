package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// PutWebhook implements store.Store.
func (s *Store) PutWebhook(ctx context.Context, w news.Webhook) error {
	if w.ID == "" || w.Query == "" || w.URL == "" || w.Secret == "" {
		return fmt.Errorf("sqlite: webhook without id, query, url or secret: %w", news.ErrInvalid)
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO webhooks (id, query, url, secret, created_at) VALUES (?, ?, ?, ?, ?)`,
		w.ID, w.Query, w.URL, w.Secret, w.Created.UnixNano())
	if err != nil && strings.Contains(err.Error(), "UNIQUE") {
		return fmt.Errorf("sqlite: webhook %s: already stored: %w", w.ID, news.ErrInvalid)
	}
	if err != nil {
		return fmt.Errorf("sqlite: webhook %s: %w", w.ID, err)
	}
	return nil
}

// Webhooks implements store.Store.
func (s *Store) Webhooks(ctx context.Context) ([]news.Webhook, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, query, url, secret, created_at FROM webhooks ORDER BY created_at, id`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: webhooks: %w", err)
	}
	defer rows.Close()
	var out []news.Webhook
	for rows.Next() {
		var w news.Webhook
		var created int64
		if err := rows.Scan(&w.ID, &w.Query, &w.URL, &w.Secret, &created); err != nil {
			return nil, fmt.Errorf("sqlite: webhooks: %w", err)
		}
		w.Created = timeFromNanos(created)
		out = append(out, w)
	}
	return out, rows.Err()
}

// DeleteWebhook implements store.Store. Its deliveries go with it by the
// foreign key's cascade.
func (s *Store) DeleteWebhook(ctx context.Context, id string) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM webhooks WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("sqlite: webhook %s: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("sqlite: webhook %s: %w", id, err)
	} else if n == 0 {
		return fmt.Errorf("webhook %s: %w", id, news.ErrNotFound)
	}
	return nil
}

// StoryOf implements store.Store.
func (s *Store) StoryOf(ctx context.Context, article string) (string, error) {
	var story string
	err := s.db.QueryRowContext(ctx, `SELECT story_id FROM story_members WHERE article_id = ?`, article).Scan(&story)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("story of article %s: %w", article, news.ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("sqlite: story of article %s: %w", article, err)
	}
	return s.resolveStory(ctx, story)
}

// RecordDelivery implements store.Store. The insert is conditional on
// the webhook rather than left to the foreign key, so that an unknown
// webhook is told apart without parsing the driver's message.
func (s *Store) RecordDelivery(ctx context.Context, d news.Delivery) error {
	if d.Webhook == "" || d.Story == "" || !news.ValidDeliveryStatus(d.Status) {
		return fmt.Errorf("sqlite: delivery without webhook or story, or with status %q: %w", d.Status, news.ErrInvalid)
	}
	res, err := s.db.ExecContext(ctx, `INSERT INTO webhook_deliveries
		(webhook_id, story_id, article_id, attempts, status, last_error, at, next_attempt)
		SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM webhooks WHERE id = ?)
		ON CONFLICT (webhook_id, story_id) DO UPDATE SET article_id = excluded.article_id,
			attempts = excluded.attempts, status = excluded.status, last_error = excluded.last_error,
			at = excluded.at, next_attempt = excluded.next_attempt`,
		d.Webhook, d.Story, d.Article, d.Attempts, d.Status, d.LastError, unixOrZero(d.At), unixOrZero(d.NextAttempt), d.Webhook)
	if err != nil {
		return fmt.Errorf("sqlite: delivery %s:%s: %w", d.Webhook, d.Story, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("sqlite: delivery %s:%s: %w", d.Webhook, d.Story, err)
	} else if n == 0 {
		return fmt.Errorf("delivery to webhook %s: %w", d.Webhook, news.ErrNotFound)
	}
	return nil
}

// Deliveries implements store.Store.
func (s *Store) Deliveries(ctx context.Context, webhook string, limit int) ([]news.Delivery, error) {
	if limit <= 0 {
		limit = -1 // SQLite's "no limit"
	}
	rows, err := s.db.QueryContext(ctx, `SELECT webhook_id, story_id, article_id, attempts, status, last_error, at, next_attempt
		FROM webhook_deliveries WHERE webhook_id = ? ORDER BY at DESC, story_id LIMIT ?`, webhook, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: deliveries of %s: %w", webhook, err)
	}
	defer rows.Close()
	var out []news.Delivery
	for rows.Next() {
		var d news.Delivery
		var at, next int64
		if err := rows.Scan(&d.Webhook, &d.Story, &d.Article, &d.Attempts, &d.Status, &d.LastError, &at, &next); err != nil {
			return nil, fmt.Errorf("sqlite: deliveries of %s: %w", webhook, err)
		}
		d.At, d.NextAttempt = timeOrZero(at), timeOrZero(next)
		out = append(out, d)
	}
	return out, rows.Err()
}

// unixOrZero stores a time as Unix nanoseconds and the zero time as 0
// (its own UnixNano overflows), for NOT NULL columns.
func unixOrZero(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

// timeOrZero is the inverse of unixOrZero.
func timeOrZero(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return timeFromNanos(n)
}
