package web

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkPages measures the pages a reader opens most, warm: the
// story page of the sample's largest story is served from the view and
// summary caches after the first read.
func BenchmarkPages(b *testing.B) {
	st := pipelineStore(b)
	f := facts(b, st)
	h := New(st, nil)
	for _, bb := range []struct{ name, path string }{
		{"home", "/"},
		{"story", "/stories/" + f.Largest.ID},
		{"entity", "/entities/" + f.Speaker.ID},
		{"search", "/search?q=solvent"},
		{"article", "/articles/" + f.Hostile.ID},
	} {
		b.Run(bb.name, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, bb.path, nil)
			for b.Loop() {
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatalf("GET %s: %d", bb.path, w.Code)
				}
			}
		})
	}
}
