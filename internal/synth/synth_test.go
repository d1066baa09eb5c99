package synth

import (
	"bufio"
	"bytes"
	"encoding/json"
	"testing"
)

func TestGenerate(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Articles = 2000
	var a, b bytes.Buffer
	if err := Generate(&a, cfg); err != nil {
		t.Fatal(err)
	}
	if err := Generate(&b, cfg); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same seed gave two corpora")
	}
	sc := bufio.NewScanner(&a)
	sc.Buffer(nil, 1<<20)
	lines, copies := 0, 0
	seen := map[string]bool{}
	urls := map[string]bool{}
	stories := map[int]int{}
	for sc.Scan() {
		var x Article
		if err := json.Unmarshal(sc.Bytes(), &x); err != nil {
			t.Fatal(err)
		}
		lines++
		if seen[x.Text] {
			copies++
		}
		seen[x.Text] = true
		if urls[x.URL] {
			t.Errorf("URL %s twice", x.URL)
		}
		urls[x.URL] = true
		stories[x.Story]++
		if x.Title == "" || len(x.Text) < 200 || x.Published.IsZero() || x.Source == "" {
			t.Fatalf("incomplete article %+v", x)
		}
	}
	if lines != cfg.Articles {
		t.Errorf("%d lines, want %d", lines, cfg.Articles)
	}
	if len(stories) != cfg.Articles/cfg.PerStory {
		t.Errorf("%d stories, want %d", len(stories), cfg.Articles/cfg.PerStory)
	}
	if big, small := stories[0], stories[1]; big < 5*small {
		t.Errorf("story 0 has %d articles, story 1 %d: want every hundredth story about ten times larger", big, small)
	}
	if rate := float64(copies) / float64(lines); rate < 0.05 || rate > 0.15 {
		t.Errorf("copy rate %.3f, want about %.2f", rate, cfg.CopyRate)
	}
}
