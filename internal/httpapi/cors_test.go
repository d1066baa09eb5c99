package httpapi

import (
	"net/http"
	"testing"
)

// TestNoCORS: the API grants no cross-origin reads: neither a simple
// request nor a preflight from another origin gets an
// Access-Control-Allow-Origin header, so a page elsewhere cannot read
// what a reader's browser can.
func TestNoCORS(t *testing.T) {
	srv, _ := newServer(t, 1)
	for _, method := range []string{http.MethodGet, http.MethodOptions} {
		req, _ := http.NewRequest(method, srv.URL+"/api/v1/articles", nil)
		req.Header.Set("Origin", "https://elsewhere.example")
		req.Header.Set("Access-Control-Request-Method", "GET")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("Access-Control-Allow-Origin"); got != "" {
			t.Errorf("%s from another origin: Access-Control-Allow-Origin = %q, want none", method, got)
		}
	}
}
