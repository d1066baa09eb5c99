package main

import (
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// startServe runs `dossier serve` with args on a free loopback port and
// returns its base URL; the server is stopped with SIGTERM at cleanup.
func startServe(t *testing.T, bin string, args ...string) string {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
	})
	buf := make([]byte, 512)
	k, _ := stdout.Read(buf)
	line := string(buf[:k])
	start := strings.Index(line, "http://")
	if start < 0 {
		t.Fatalf("serve printed %q, want its URL", line)
	}
	return strings.Fields(line[start:])[0]
}

// TestTokenAndWrites: a token made by the CLI lets a client post an
// article to a server started with --writes; the article is stored with
// its story; without the token the post is refused; and serving open
// reads beyond loopback must be asked for.
func TestTokenAndWrites(t *testing.T) {
	bin := buildBinary(t)
	db := filepath.Join(t.TempDir(), "w.db")
	secret, stderr, code := run(t, bin, "token", "--db", db, "create", "newsroom robot")
	secret = strings.TrimSpace(secret)
	if code != 0 || !strings.HasPrefix(secret, "dsk_") || !strings.Contains(stderr, "shown this once") {
		t.Fatalf("token create (exit %d) = %q, %q", code, secret, stderr)
	}
	if list, _, _ := run(t, bin, "token", "--db", db, "list"); !strings.Contains(list, "newsroom robot") || strings.Contains(list, secret) {
		t.Errorf("token list = %q: want the name, never the secret", list)
	}
	if _, stderr, code := run(t, bin, "serve", "--db", db, "--addr", "0.0.0.0:0"); code != 2 || !strings.Contains(stderr, "--read-auth") {
		t.Errorf("serve on 0.0.0.0 without --read-auth: exit %d, %q; want a usage error", code, stderr)
	}
	base := startServe(t, bin, "--db", db, "--writes")
	post := func(token string) (int, string) {
		body := `{"url":"https://wire.example/ferry","title":"Ferry runs aground off Kellmoor","source":"Valdren Wire","published":"2026-05-04T09:00:00Z",` +
			`"text":"The passenger ferry Amber Gannet ran aground on a sandbank outside Kellmoor Harbour early on Monday with 212 people aboard, the coastguard said.\n\n` +
			`Nobody was hurt, and tugs pulled the ferry free on the rising tide by mid-morning, according to the harbour authority."}`
		req, _ := http.NewRequest(http.MethodPost, base+"api/v1/articles", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := post(""); code != http.StatusUnauthorized {
		t.Errorf("post without a token: %d %s", code, body)
	}
	code, body := post(secret)
	if code != http.StatusCreated || !strings.Contains(body, `"story": "s`) {
		t.Fatalf("post with the token: %d %s", code, body)
	}
	if out, _, _ := run(t, bin, "stories", "--db", db); !strings.Contains(out, "Ferry runs aground off Kellmoor") {
		t.Errorf("stories after the post = %q", out)
	}
	if m, err := httpGet(base + "metrics"); err != nil || !strings.Contains(m, `dossier_api_documents_total{outcome="new"} 1`) ||
		!strings.Contains(m, `dossier_pipeline_stage_seconds_count{stage="stories"} 1`) ||
		!strings.Contains(m, `dossier_pipeline_stage_seconds_count{stage="extract"} 1`) {
		t.Errorf("metrics = %s, %v", m, err)
	}
}
