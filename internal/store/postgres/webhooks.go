package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/dossier-news/dossier/internal/news"
)

// PutWebhook implements store.Store.
func (s *Store) PutWebhook(ctx context.Context, w news.Webhook) error {
	if w.ID == "" || w.Query == "" || w.URL == "" || w.Secret == "" {
		return fmt.Errorf("postgres: webhook without id, query, url or secret: %w", news.ErrInvalid)
	}
	_, err := s.db.Exec(ctx, `INSERT INTO webhooks (id, query, url, secret, created_at) VALUES ($1, $2, $3, $4, $5)`,
		w.ID, w.Query, w.URL, w.Secret, w.Created.UnixNano())
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "23505" { // unique_violation
		return fmt.Errorf("postgres: webhook %s: already stored: %w", w.ID, news.ErrInvalid)
	}
	if err != nil {
		return fmt.Errorf("postgres: webhook %s: %w", w.ID, err)
	}
	return nil
}

// Webhooks implements store.Store.
func (s *Store) Webhooks(ctx context.Context) ([]news.Webhook, error) {
	rows, err := s.db.Query(ctx, `SELECT id, query, url, secret, created_at FROM webhooks ORDER BY created_at, id`)
	if err != nil {
		return nil, fmt.Errorf("postgres: webhooks: %w", err)
	}
	defer rows.Close()
	var out []news.Webhook
	for rows.Next() {
		var w news.Webhook
		var created int64
		if err := rows.Scan(&w.ID, &w.Query, &w.URL, &w.Secret, &created); err != nil {
			return nil, fmt.Errorf("postgres: webhooks: %w", err)
		}
		w.Created = timeFromNanos(created)
		out = append(out, w)
	}
	return out, rows.Err()
}

// DeleteWebhook implements store.Store. Its deliveries go with it by the
// foreign key's cascade.
func (s *Store) DeleteWebhook(ctx context.Context, id string) error {
	tag, err := s.db.Exec(ctx, `DELETE FROM webhooks WHERE id = $1`, id)
	if err != nil {
		return fmt.Errorf("postgres: webhook %s: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("webhook %s: %w", id, news.ErrNotFound)
	}
	return nil
}

// StoryOf implements store.Store.
func (s *Store) StoryOf(ctx context.Context, article string) (string, error) {
	var story string
	err := s.db.QueryRow(ctx, `SELECT story_id FROM story_members WHERE article_id = $1`, article).Scan(&story)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", fmt.Errorf("story of article %s: %w", article, news.ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("postgres: story of article %s: %w", article, err)
	}
	return s.resolveStory(ctx, story)
}

// RecordDelivery implements store.Store. The insert is conditional on
// the webhook rather than left to the foreign key, so that an unknown
// webhook reads the same as in the other backends. The casts type the
// parameters, which a bare SELECT list leaves unknown.
func (s *Store) RecordDelivery(ctx context.Context, d news.Delivery) error {
	if d.Webhook == "" || d.Story == "" || !news.ValidDeliveryStatus(d.Status) {
		return fmt.Errorf("postgres: delivery without webhook or story, or with status %q: %w", d.Status, news.ErrInvalid)
	}
	tag, err := s.db.Exec(ctx, `INSERT INTO webhook_deliveries
		(webhook_id, story_id, article_id, attempts, status, last_error, at, next_attempt)
		SELECT $1::text, $2::text, $3::text, $4::integer, $5::text, $6::text, $7::bigint, $8::bigint
		WHERE EXISTS (SELECT 1 FROM webhooks WHERE id = $1::text)
		ON CONFLICT (webhook_id, story_id) DO UPDATE SET article_id = excluded.article_id,
			attempts = excluded.attempts, status = excluded.status, last_error = excluded.last_error,
			at = excluded.at, next_attempt = excluded.next_attempt`,
		d.Webhook, d.Story, d.Article, d.Attempts, d.Status, d.LastError, unixOrZero(d.At), unixOrZero(d.NextAttempt))
	if err != nil {
		return fmt.Errorf("postgres: delivery %s:%s: %w", d.Webhook, d.Story, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("delivery to webhook %s: %w", d.Webhook, news.ErrNotFound)
	}
	return nil
}

// Deliveries implements store.Store.
func (s *Store) Deliveries(ctx context.Context, webhook string, limit int) ([]news.Delivery, error) {
	var lim any // NULL is PostgreSQL's "no limit"
	if limit > 0 {
		lim = limit
	}
	rows, err := s.db.Query(ctx, `SELECT webhook_id, story_id, article_id, attempts, status, last_error, at, next_attempt
		FROM webhook_deliveries WHERE webhook_id = $1 ORDER BY at DESC, story_id LIMIT $2`, webhook, lim)
	if err != nil {
		return nil, fmt.Errorf("postgres: deliveries of %s: %w", webhook, err)
	}
	defer rows.Close()
	var out []news.Delivery
	for rows.Next() {
		var d news.Delivery
		var at, next int64
		if err := rows.Scan(&d.Webhook, &d.Story, &d.Article, &d.Attempts, &d.Status, &d.LastError, &at, &next); err != nil {
			return nil, fmt.Errorf("postgres: deliveries of %s: %w", webhook, err)
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
