package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/notify"
)

// TestWebhookDelivery: a webhook added by the CLI receives one signed
// delivery naming the story of an article posted to a server started
// with --writes --webhooks, and the CLI lists it as delivered; the
// secret is printed once and never listed.
func TestWebhookDelivery(t *testing.T) {
	bin := buildBinary(t)
	db := filepath.Join(t.TempDir(), "hooks.db")

	type delivery struct {
		header http.Header
		body   []byte
	}
	var mu sync.Mutex
	var got []delivery
	recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		got = append(got, delivery{r.Header.Clone(), b})
		mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	}))
	defer recv.Close()
	received := func() []delivery {
		mu.Lock()
		defer mu.Unlock()
		return append([]delivery(nil), got...)
	}

	token, _, code := run(t, bin, "token", "--db", db, "create", "robot")
	token = strings.TrimSpace(token)
	if code != 0 {
		t.Fatalf("token create: exit %d", code)
	}
	if _, stderr, code := run(t, bin, "webhook", "--db", db, "add", "--query", "ferry", "--url", "ftp://nowhere"); code != 2 {
		t.Errorf("webhook add with an ftp URL: exit %d (%s), want a usage error", code, stderr)
	}
	out, stderr, code := run(t, bin, "webhook", "--db", db, "add", "--query", "ferry Kellmoor", "--url", recv.URL+"/in")
	fields := strings.Fields(out)
	if code != 0 || len(fields) != 2 || !strings.HasPrefix(fields[1], "whsec_") || !strings.Contains(stderr, "shown this once") {
		t.Fatalf("webhook add (exit %d) = %q, %q; want the id and secret on stdout, a note on stderr", code, out, stderr)
	}
	id, secret := fields[0], fields[1]
	if list, _, _ := run(t, bin, "webhook", "--db", db, "list"); !strings.Contains(list, id) || !strings.Contains(list, recv.URL) || strings.Contains(list, secret) {
		t.Errorf("webhook list = %q: want the id and URL, never the secret", list)
	}

	base := startServe(t, bin, "--db", db, "--writes", "--webhooks", "--webhook-every", "200ms")
	body := `{"url":"https://wire.example/ferry","title":"Ferry runs aground off Kellmoor","source":"Valdren Wire","published":"` +
		time.Now().UTC().Add(-time.Hour).Format(time.RFC3339) + `",` +
		`"text":"The passenger ferry Amber Gannet ran aground on a sandbank outside Kellmoor Harbour early on Monday with 212 people aboard, the coastguard said.\n\n` +
		`Nobody was hurt, and tugs pulled the ferry free on the rising tide by mid-morning, according to the harbour authority."}`
	req, _ := http.NewRequest(http.MethodPost, base+"api/v1/articles", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var posted struct{ Article, Story string }
	err = json.NewDecoder(resp.Body).Decode(&posted)
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated || err != nil || posted.Story == "" {
		t.Fatalf("post: %d, %+v, %v; want the article created in a story", resp.StatusCode, posted, err)
	}

	deadline := time.Now().Add(10 * time.Second)
	for len(received()) == 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(500 * time.Millisecond) // two more ticks: nothing more may come
	ds := received()
	if len(ds) != 1 {
		t.Fatalf("receiver got %d deliveries, want exactly 1", len(ds))
	}
	d := ds[0]
	if !notify.Verify(secret, d.body, d.header.Get("X-Dossier-Signature")) {
		t.Errorf("delivery signature %q does not verify with the secret", d.header.Get("X-Dossier-Signature"))
	}
	var p notify.Payload
	if err := json.Unmarshal(d.body, &p); err != nil {
		t.Fatalf("payload %s: %v", d.body, err)
	}
	if p.Webhook != id || p.Story.ID != posted.Story || p.Article.ID != posted.Article || p.Story.Title != "Ferry runs aground off Kellmoor" {
		t.Errorf("payload = %+v; want webhook %s, story %s, article %s", p, id, posted.Story, posted.Article)
	}
	if got, want := d.header.Get("X-Dossier-Delivery"), id+":"+posted.Story; got != want {
		t.Errorf("X-Dossier-Delivery = %q, want %q", got, want)
	}
	if out, _, _ := run(t, bin, "webhook", "--db", db, "deliveries", id); !strings.Contains(out, posted.Story) || !strings.Contains(out, "delivered") {
		t.Errorf("webhook deliveries = %q, want the story delivered", out)
	}
}
