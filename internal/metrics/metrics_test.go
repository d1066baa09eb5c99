package metrics

import (
	"os"
	"path/filepath"
	"runtime"
	"strconv"
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

func TestRegisterRuntime(t *testing.T) {
	r := NewRegistry()
	r.RegisterRuntime()
	var b strings.Builder
	r.WriteText(&b)
	values := map[string]float64{}
	types := map[string]string{}
	for _, line := range strings.Split(b.String(), "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) == 4 && f[0] == "#" && f[1] == "TYPE":
			types[f[2]] = f[3]
		case len(f) == 2:
			v, err := strconv.ParseFloat(f[1], 64)
			if err != nil {
				t.Fatalf("%q: %v", line, err)
			}
			values[f[0]] = v
		}
	}
	want := []string{"go_memstats_heap_inuse_bytes", "go_gc_heap_live_bytes", "go_memstats_sys_bytes", "go_goroutines", "go_gc_cycles_total"}
	if runtime.GOOS == "linux" {
		want = append(want, "process_resident_memory_bytes")
	}
	for _, n := range want {
		if _, ok := values[n]; !ok {
			t.Errorf("%s missing from:\n%s", n, b.String())
		}
	}
	// A test binary has a heap of at least a few hundred kilobytes, more
	// than one goroutine, and the runtime holds more than the heap.
	if v := values["go_memstats_heap_inuse_bytes"]; v < 100<<10 {
		t.Errorf("heap in use %v", v)
	}
	if values["go_memstats_sys_bytes"] < values["go_memstats_heap_inuse_bytes"] {
		t.Errorf("sys %v < heap in use %v", values["go_memstats_sys_bytes"], values["go_memstats_heap_inuse_bytes"])
	}
	if values["go_goroutines"] < 1 {
		t.Errorf("goroutines %v", values["go_goroutines"])
	}
	if types["go_gc_cycles_total"] != "counter" || types["go_goroutines"] != "gauge" {
		t.Errorf("types %v", types)
	}
	if runtime.GOOS == "linux" && values["process_resident_memory_bytes"] < 1<<20 {
		t.Errorf("RSS %v", values["process_resident_memory_bytes"])
	}
}

func TestResidentBytes(t *testing.T) {
	dir := t.TempDir()
	defer func(p string) { statmPath = p }(statmPath)
	statmPath = filepath.Join(dir, "statm")
	if err := os.WriteFile(statmPath, []byte("5000 1200 300 10 0 900 0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if n, err := residentBytes(); err != nil || n != 1200*int64(os.Getpagesize()) {
		t.Errorf("residentBytes = %d, %v", n, err)
	}
	// Without procfs the series is left out, not reported as zero.
	statmPath = filepath.Join(dir, "absent")
	r := NewRegistry()
	r.RegisterRuntime()
	var b strings.Builder
	r.WriteText(&b)
	if strings.Contains(b.String(), "process_resident_memory_bytes") {
		t.Error("RSS reported without /proc/self/statm")
	}
}
