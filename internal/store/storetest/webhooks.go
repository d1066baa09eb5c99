package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// testWebhooks: webhooks keep their secrets and list oldest first; a
// duplicate is refused; StoryOf follows merges; deliveries are one row
// per webhook and story, replaced in place, listed latest attempt first,
// and go when their webhook goes.
func testWebhooks(t *testing.T, s store.Store) {
	ctx := context.Background()
	if got, err := s.Webhooks(ctx); err != nil || len(got) != 0 {
		t.Fatalf("Webhooks of an empty store = %v, %v; want none", got, err)
	}
	a, err := news.NewWebhook(`"port authority" inspection`, "https://hooks.example/a", base)
	if err != nil {
		t.Fatal(err)
	}
	b, err := news.NewWebhook("ferry", "http://127.0.0.1:9/b", base.Add(time.Second))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []news.Webhook{b, a} {
		if err := s.PutWebhook(ctx, w); err != nil {
			t.Fatalf("PutWebhook(%s): %v", w.ID, err)
		}
	}
	for _, tt := range []struct {
		name string
		w    news.Webhook
	}{
		{"a stored id", a},
		{"no secret", news.Webhook{ID: "wx", Query: "q", URL: "https://x.example/"}},
		{"no id", news.Webhook{Query: "q", URL: "https://x.example/", Secret: "s"}},
	} {
		if err := s.PutWebhook(ctx, tt.w); !errors.Is(err, news.ErrInvalid) {
			t.Errorf("PutWebhook with %s: %v, want ErrInvalid", tt.name, err)
		}
	}
	hooks, err := s.Webhooks(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]news.Webhook{a, b}, hooks); diff != "" {
		t.Errorf("Webhooks, oldest first with secrets (-want +got):\n%s", diff)
	}

	testStoryOf(t, s)

	d1 := news.Delivery{Webhook: a.ID, Story: "s1", Article: "a1", Attempts: 1, Status: news.DeliveryPending,
		LastError: "503 Service Unavailable", At: base.Add(time.Minute), NextAttempt: base.Add(2 * time.Minute)}
	d2 := news.Delivery{Webhook: a.ID, Story: "s2", Article: "a2", Attempts: 1, Status: news.DeliveryDelivered,
		At: base.Add(90 * time.Second)}
	d3 := news.Delivery{Webhook: b.ID, Story: "s1", Article: "a1", Attempts: 6, Status: news.DeliveryFailed,
		LastError: "connection refused", At: base.Add(time.Hour)}
	for _, d := range []news.Delivery{d1, d2, d3} {
		if err := s.RecordDelivery(ctx, d); err != nil {
			t.Fatalf("RecordDelivery(%s:%s): %v", d.Webhook, d.Story, err)
		}
	}
	for _, tt := range []struct {
		name string
		d    news.Delivery
		want error
	}{
		{"no story", news.Delivery{Webhook: a.ID, Status: news.DeliveryPending}, news.ErrInvalid},
		{"an unknown status", news.Delivery{Webhook: a.ID, Story: "s1", Status: "lost"}, news.ErrInvalid},
		{"an unknown webhook", news.Delivery{Webhook: "w-none", Story: "s1", Status: news.DeliveryPending}, news.ErrNotFound},
	} {
		if err := s.RecordDelivery(ctx, tt.d); !errors.Is(err, tt.want) {
			t.Errorf("RecordDelivery with %s: %v, want %v", tt.name, err, tt.want)
		}
	}
	deliveries := func(webhook string, limit int) []news.Delivery {
		t.Helper()
		got, err := s.Deliveries(ctx, webhook, limit)
		if err != nil {
			t.Fatalf("Deliveries(%s): %v", webhook, err)
		}
		return got
	}
	sameTime := cmp.Comparer(func(x, y time.Time) bool { return x.Equal(y) })
	if diff := cmp.Diff([]news.Delivery{d2, d1}, deliveries(a.ID, 0), sameTime); diff != "" {
		t.Errorf("Deliveries, latest attempt first (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]news.Delivery{d2}, deliveries(a.ID, 1), sameTime); diff != "" {
		t.Errorf("Deliveries with limit 1 (-want +got):\n%s", diff)
	}
	// A retry replaces the row: still one per webhook and story.
	d1.Attempts, d1.Status, d1.LastError, d1.At, d1.NextAttempt = 2, news.DeliveryDelivered, "", base.Add(3*time.Minute), time.Time{}
	if err := s.RecordDelivery(ctx, d1); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]news.Delivery{d1, d2}, deliveries(a.ID, 0), sameTime); diff != "" {
		t.Errorf("Deliveries after a retry succeeded (-want +got):\n%s", diff)
	}
	if got := deliveries(a.ID, 0)[0].NextAttempt; !got.IsZero() {
		t.Errorf("NextAttempt recorded as zero reads back as %v", got)
	}
	if got := deliveries("w-none", 0); len(got) != 0 {
		t.Errorf("Deliveries of an unknown webhook = %v, want none", got)
	}

	if err := s.DeleteWebhook(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteWebhook(ctx, a.ID); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("DeleteWebhook of a deleted webhook: %v, want ErrNotFound", err)
	}
	if got := deliveries(a.ID, 0); len(got) != 0 {
		t.Errorf("Deliveries of a deleted webhook = %v, want none", got)
	}
	// Stored again under the same id, it must not inherit the old rows.
	if err := s.PutWebhook(ctx, a); err != nil {
		t.Fatal(err)
	}
	if got := deliveries(a.ID, 0); len(got) != 0 {
		t.Errorf("Deliveries of a webhook deleted and stored again = %v, want none", got)
	}
	if diff := cmp.Diff([]news.Delivery{d3}, deliveries(b.ID, 0), sameTime); diff != "" {
		t.Errorf("Deliveries of the other webhook (-want +got):\n%s", diff)
	}
}

// testStoryOf: an article's story, through a chain of merges; unplaced
// and unknown articles are not found.
func testStoryOf(t *testing.T, s store.Store) {
	ctx := context.Background()
	a1, a2, a3 := Article(1), Article(2), Article(3)
	put(t, s, a1, a2, a3)
	putStories(t, s, store.StoryBatch{
		Articles: ids([]news.Article{a1, a2, a3}),
		Members: []news.StoryMember{
			{Article: a1.ID, Story: "sA", Reason: "started"},
			{Article: a2.ID, Story: "sB", Reason: "started"},
		},
	})
	// sB merges into sC, later sC into sA, without a2 being moved:
	// StoryOf must follow the chain as Story does.
	putStories(t, s, store.StoryBatch{Redirects: map[string]string{"sB": "sC"}})
	putStories(t, s, store.StoryBatch{Redirects: map[string]string{"sC": "sA"}})
	for _, tt := range []struct {
		article, want string
		err           error
	}{
		{a1.ID, "sA", nil},
		{a2.ID, "sA", nil},
		{a3.ID, "", news.ErrNotFound}, // processed, placed nowhere
		{"no-such-article", "", news.ErrNotFound},
	} {
		got, err := s.StoryOf(ctx, tt.article)
		if got != tt.want || !errors.Is(err, tt.err) {
			t.Errorf("StoryOf(%s) = %q, %v; want %q, %v", tt.article, got, err, tt.want, tt.err)
		}
	}
}
