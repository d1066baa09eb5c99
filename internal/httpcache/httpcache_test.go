package httpcache

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// versions is a fake store: story versions by id, "gone" unknown.
type versions map[string]int64

func (v versions) StoryVersion(_ context.Context, id string) (string, int64, error) {
	n, ok := v[id]
	if !ok {
		return "", 0, errors.New("not found")
	}
	return id, n, nil
}

func TestCache(t *testing.T) {
	renders := 0
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		renders++
		if r.URL.Path == "/stories/broken" {
			http.Error(w, "boom", http.StatusInternalServerError)
			return
		}
		w.Header().Set("ETag", `"t1"`)
		fmt.Fprintf(w, "render %d of %s", renders, r.URL.RequestURI())
	})
	vs := versions{"s1": 1, "broken": 1}
	now := time.Unix(0, 0)
	c := New(next, vs, 10, time.Minute)
	c.now = func() time.Time { return now }
	get := func(method, path string, header ...string) (int, string) {
		req := httptest.NewRequest(method, path, nil)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		w := httptest.NewRecorder()
		c.ServeHTTP(w, req)
		return w.Code, w.Body.String()
	}
	for _, tc := range []struct {
		name, method, path string
		header             []string
		step               func()
		wantCode           int
		wantBody           string
		wantRenders        int
	}{
		{"first read renders", "GET", "/stories/s1", nil, nil, 200, "render 1 of /stories/s1", 1},
		{"second read is cached", "GET", "/stories/s1", nil, nil, 200, "render 1 of /stories/s1", 1},
		{"another route of the story renders", "GET", "/api/v1/stories/s1/summary", nil, nil, 200, "render 2 of /api/v1/stories/s1/summary", 2},
		{"query strings are kept apart", "GET", "/api/v1/stories/s1/summary?words=50", nil, nil, 200, "render 3 of /api/v1/stories/s1/summary?words=50", 3},
		{"If-None-Match on a cached answer", "GET", "/stories/s1", []string{"If-None-Match", `"t1"`}, nil, 304, "", 3},
		{"a new version renders", "GET", "/stories/s1", nil, func() { vs["s1"] = 2 }, 200, "render 4 of /stories/s1", 4},
		{"after ttl it renders", "GET", "/stories/s1", nil, func() { now = now.Add(2 * time.Minute) }, 200, "render 5 of /stories/s1", 5},
		{"errors are not cached", "GET", "/stories/broken", nil, nil, 500, "boom\n", 6},
		{"errors are not cached, again", "GET", "/stories/broken", nil, nil, 500, "boom\n", 7},
		{"unknown stories go to the handler", "GET", "/stories/gone", nil, nil, 200, "render 8 of /stories/gone", 8},
		{"other routes pass", "GET", "/articles/a1", nil, nil, 200, "render 9 of /articles/a1", 9},
		{"writes pass", "POST", "/stories/s1", nil, nil, 200, "render 10 of /stories/s1", 10},
	} {
		if tc.step != nil {
			tc.step()
		}
		code, body := get(tc.method, tc.path, tc.header...)
		if code != tc.wantCode || body != tc.wantBody || renders != tc.wantRenders {
			t.Errorf("%s: %d %q after %d renders; want %d %q after %d", tc.name, code, body, renders, tc.wantCode, tc.wantBody, tc.wantRenders)
		}
	}
}

func TestMicro(t *testing.T) {
	renders := 0
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		renders++
		fmt.Fprintf(w, "render %d", renders)
	})
	now := time.Unix(0, 0)
	c := NewMicro(next, []string{"/api/v1/stories"}, 10, 2*time.Second)
	c.now = func() time.Time { return now }
	get := func(path string) string {
		w := httptest.NewRecorder()
		c.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
		return w.Body.String()
	}
	for _, tc := range []struct {
		path    string
		advance time.Duration
		want    string
	}{
		{"/api/v1/stories?limit=20", 0, "render 1"},
		{"/api/v1/stories?limit=20", time.Second, "render 1"},
		{"/api/v1/stories?limit=5", 0, "render 2"},
		{"/api/v1/stories?limit=20", 1500 * time.Millisecond, "render 3"},
		{"/api/v1/articles", 0, "render 4"},
		{"/api/v1/articles", 0, "render 5"},
	} {
		now = now.Add(tc.advance)
		if got := get(tc.path); got != tc.want {
			t.Errorf("%s after +%v: %q, want %q", tc.path, tc.advance, got, tc.want)
		}
	}
}

// TestNewVersionReplacesOld: a story whose version changes with every
// read — a story being read while posts join it — holds one answer per
// route, not one per version. Keyed by version, the superseded answers
// stayed until the table filled (the soak's memory growth).
func TestNewVersionReplacesOld(t *testing.T) {
	page := make([]byte, 3000) // written in pieces, so the buffer grows by doubling
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i < 3; i++ {
			w.Write(page[:1000])
		}
	})
	vs := versions{"big": 1, "other": 1}
	c := New(next, vs, 100, time.Minute)
	read := func(path string) {
		w := httptest.NewRecorder()
		c.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
		if w.Code != 200 || w.Body.Len() != len(page) {
			t.Fatalf("GET %s: %d, %d bytes", path, w.Code, w.Body.Len())
		}
	}
	read("/stories/other")
	for v := int64(1); v <= 250; v++ {
		vs["big"] = v
		read("/stories/big")
		read("/api/v1/stories/big")
	}
	if n := len(c.m); n != 3 {
		t.Errorf("%d answers held for 3 routes after 250 versions", n)
	}
	// Nor was "other" lost to a clearing of the table.
	if _, ok := c.m["other\x00/stories/other"]; !ok {
		t.Error("the other story's answer was cleared")
	}
	for k, e := range c.m {
		// Allocation rounds up to a size class (at most 1/8 more),
		// where the doubled buffer held up to twice the answer.
		if cap(e.body) > len(e.body)*9/8 {
			t.Errorf("%q: %d bytes held for a %d-byte answer", k, cap(e.body), len(e.body))
		}
	}
}
