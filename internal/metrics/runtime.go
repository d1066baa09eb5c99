package metrics

import (
	"os"
	"runtime/metrics"
	"strconv"
	"strings"
)

// RegisterRuntime adds the process's own series to r: Go heap in use,
// the live heap after the last collection, all memory the Go runtime
// holds, goroutines, completed collections and, on Linux, the resident
// set size. A soak test reads them to tell a leak from a busy heap, and
// an operator to see what the server costs.
//
// Everything is read at scrape time from runtime/metrics, which does
// not stop the world as runtime.ReadMemStats does, so a scraper polling
// every few seconds adds no pauses to request latency. The names are
// those of the Prometheus Go client where it has them, so existing
// dashboards work.
func (r *Registry) RegisterRuntime() {
	heap := func(names ...string) func() float64 {
		return func() float64 { return readRuntime(names...) }
	}
	r.GaugeFunc("go_memstats_heap_inuse_bytes",
		"Bytes in in-use heap spans (heap objects, live or not yet swept, and free slots in their spans).",
		heap("/memory/classes/heap/objects:bytes", "/memory/classes/heap/unused:bytes"))
	r.GaugeFunc("go_gc_heap_live_bytes",
		"Heap bytes marked live by the last completed garbage collection: the steadiest measure of what the server keeps.",
		heap("/gc/heap/live:bytes"))
	r.GaugeFunc("go_memstats_sys_bytes",
		"All memory the Go runtime has mapped from the operating system (heap, stacks, runtime structures).",
		heap("/memory/classes/total:bytes"))
	r.GaugeFunc("go_goroutines", "Goroutines that currently exist.", heap("/sched/goroutines:goroutines"))
	r.CounterFunc("go_gc_cycles_total", "Completed garbage collection cycles.", heap("/gc/cycles/total:gc-cycles"))
	if _, err := residentBytes(); err == nil {
		r.GaugeFunc("process_resident_memory_bytes",
			"Resident set size from /proc/self/statm: what the operating system charges the process, Go-managed or not (SQLite's page cache lives here).",
			func() float64 {
				n, err := residentBytes()
				if err != nil {
					return -1
				}
				return float64(n)
			})
	}
}

// readRuntime sums the named runtime/metrics samples; a name the
// running Go does not know reads as 0 rather than failing the scrape.
func readRuntime(names ...string) float64 {
	ss := make([]metrics.Sample, len(names))
	for i, n := range names {
		ss[i].Name = n
	}
	metrics.Read(ss)
	var sum float64
	for _, s := range ss {
		switch s.Value.Kind() {
		case metrics.KindUint64:
			sum += float64(s.Value.Uint64())
		case metrics.KindFloat64:
			sum += s.Value.Float64()
		}
	}
	return sum
}

// statmPath is where residentBytes reads; a variable so that a test can
// point it at a file of its own.
var statmPath = "/proc/self/statm"

// residentBytes reads the resident set size, the second field of
// /proc/self/statm in pages. It fails where there is no procfs (macOS,
// Windows), and RegisterRuntime then leaves the series out rather than
// reporting a made-up zero.
func residentBytes() (int64, error) {
	b, err := os.ReadFile(statmPath)
	if err != nil {
		return 0, err
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0, strconv.ErrSyntax
	}
	pages, err := strconv.ParseInt(f[1], 10, 64)
	if err != nil {
		return 0, err
	}
	return pages * int64(os.Getpagesize()), nil
}
