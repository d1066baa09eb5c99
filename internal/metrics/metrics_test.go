package metrics

import (
	"strings"
	"testing"
)

func TestWriteText(t *testing.T) {
	r := NewRegistry()
	c := r.Counter("dossier_http_requests_total", "HTTP requests.", "route", "code")
	c.Add(1, "/api/v1/stories", "200")
	c.Add(2, "/api/v1/stories", "200")
	c.Add(1, `we"ird`, "404")
	h := r.Histogram("dossier_http_seconds", "Latency.", []float64{0.1, 0.01}, "route")
	h.Observe(0.005, "a")
	h.Observe(0.05, "a")
	h.Observe(5, "a")
	r.GaugeFunc("dossier_articles", "Stored articles.", func() float64 { return 42 })
	var b strings.Builder
	r.WriteText(&b)
	want := `# HELP dossier_http_requests_total HTTP requests.
# TYPE dossier_http_requests_total counter
dossier_http_requests_total{route="/api/v1/stories",code="200"} 3
dossier_http_requests_total{route="we\"ird",code="404"} 1
# HELP dossier_http_seconds Latency.
# TYPE dossier_http_seconds histogram
dossier_http_seconds_bucket{route="a",le="0.01"} 1
dossier_http_seconds_bucket{route="a",le="0.1"} 2
dossier_http_seconds_bucket{route="a",le="+Inf"} 3
dossier_http_seconds_sum{route="a"} 5.055
dossier_http_seconds_count{route="a"} 3
# HELP dossier_articles Stored articles.
# TYPE dossier_articles gauge
dossier_articles 42
`
	if got := b.String(); got != want {
		t.Errorf("WriteText:\n%s\nwant:\n%s", got, want)
	}
}
