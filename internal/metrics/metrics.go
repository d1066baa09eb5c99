// Package metrics keeps counters, histograms and gauges and writes them
// in the Prometheus text exposition format for GET /metrics.
//
// It is written here rather than taken from prometheus/client_golang:
// Dossier exposes a dozen series, and that module would bring its
// protobuf, procfs and common dependencies along for the text format
// alone.
package metrics

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Registry holds metric families in registration order.
type Registry struct {
	mu       sync.Mutex
	families []family
}

type family interface {
	write(w io.Writer)
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry { return &Registry{} }

func (r *Registry) add(f family) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.families = append(r.families, f)
}

// WriteText writes every family in the text format, version 0.0.4.
func (r *Registry) WriteText(w io.Writer) {
	r.mu.Lock()
	fs := slices.Clone(r.families)
	r.mu.Unlock()
	for _, f := range fs {
		f.write(w)
	}
}

// labelSet renders label pairs, escaped as the format requires.
func labelSet(names, values []string, extra ...string) string {
	if len(names) == 0 && len(extra) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteByte('{')
	write := func(n, v string) {
		if b.Len() > 1 {
			b.WriteByte(',')
		}
		b.WriteString(n)
		b.WriteString(`="`)
		b.WriteString(strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(v))
		b.WriteByte('"')
	}
	for i, n := range names {
		write(n, values[i])
	}
	for i := 0; i+1 < len(extra); i += 2 {
		write(extra[i], extra[i+1])
	}
	b.WriteByte('}')
	return b.String()
}

func number(v float64) string {
	switch {
	case math.IsInf(v, 1):
		return "+Inf"
	case math.IsInf(v, -1):
		return "-Inf"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// CounterVec is a counter with labels.
type CounterVec struct {
	name, help string
	labels     []string
	mu         sync.Mutex
	values     map[string]float64
	keys       map[string][]string
}

// Counter registers a counter family.
func (r *Registry) Counter(name, help string, labels ...string) *CounterVec {
	c := &CounterVec{name: name, help: help, labels: labels, values: map[string]float64{}, keys: map[string][]string{}}
	r.add(c)
	return c
}

// Add adds v (≥ 0) to the series named by the label values.
func (c *CounterVec) Add(v float64, labelValues ...string) {
	k := strings.Join(labelValues, "\x00")
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.keys[k]; !ok {
		c.keys[k] = slices.Clone(labelValues)
	}
	c.values[k] += v
}

func (c *CounterVec) write(w io.Writer) {
	c.mu.Lock()
	defer c.mu.Unlock()
	fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s counter\n", c.name, c.help, c.name)
	for _, k := range sortedKeys(c.values) {
		fmt.Fprintf(w, "%s%s %s\n", c.name, labelSet(c.labels, c.keys[k]), number(c.values[k]))
	}
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// HistogramVec is a histogram with labels.
type HistogramVec struct {
	name, help string
	labels     []string
	buckets    []float64
	mu         sync.Mutex
	series     map[string]*histogram
}

type histogram struct {
	labels []string
	counts []uint64 // per bucket, not cumulative
	count  uint64
	sum    float64
}

// Histogram registers a histogram family with the given upper bounds.
func (r *Registry) Histogram(name, help string, buckets []float64, labels ...string) *HistogramVec {
	h := &HistogramVec{name: name, help: help, labels: labels, buckets: slices.Sorted(slices.Values(buckets)), series: map[string]*histogram{}}
	r.add(h)
	return h
}

// Observe records v in the series named by the label values.
func (h *HistogramVec) Observe(v float64, labelValues ...string) {
	k := strings.Join(labelValues, "\x00")
	h.mu.Lock()
	defer h.mu.Unlock()
	s, ok := h.series[k]
	if !ok {
		s = &histogram{labels: slices.Clone(labelValues), counts: make([]uint64, len(h.buckets))}
		h.series[k] = s
	}
	if i, _ := slices.BinarySearch(h.buckets, v); i < len(h.buckets) {
		s.counts[i]++
	}
	s.count++
	s.sum += v
}

func (h *HistogramVec) write(w io.Writer) {
	h.mu.Lock()
	defer h.mu.Unlock()
	fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s histogram\n", h.name, h.help, h.name)
	for _, k := range sortedKeys(h.series) {
		s := h.series[k]
		var cum uint64
		for i, le := range h.buckets {
			cum += s.counts[i]
			fmt.Fprintf(w, "%s_bucket%s %d\n", h.name, labelSet(h.labels, s.labels, "le", number(le)), cum)
		}
		fmt.Fprintf(w, "%s_bucket%s %d\n", h.name, labelSet(h.labels, s.labels, "le", "+Inf"), s.count)
		fmt.Fprintf(w, "%s_sum%s %s\n", h.name, labelSet(h.labels, s.labels), number(s.sum))
		fmt.Fprintf(w, "%s_count%s %d\n", h.name, labelSet(h.labels, s.labels), s.count)
	}
}

// gauge is a value read when the metrics are written; typ is "gauge",
// or "counter" for a total kept elsewhere (the Go runtime's).
type gauge struct {
	name, help, typ string
	fn              func() float64
}

// GaugeFunc registers a gauge whose value fn gives at each scrape.
func (r *Registry) GaugeFunc(name, help string, fn func() float64) {
	r.add(&gauge{name, help, "gauge", fn})
}

// CounterFunc registers a counter whose total fn gives at each scrape,
// for totals another component already keeps (the runtime's collection
// count), which a CounterVec would have to copy.
func (r *Registry) CounterFunc(name, help string, fn func() float64) {
	r.add(&gauge{name, help, "counter", fn})
}

func (g *gauge) write(w io.Writer) {
	fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s %s\n%s %s\n", g.name, g.help, g.name, g.typ, g.name, number(g.fn()))
}

// LatencyBuckets are upper bounds in seconds suited to request and stage
// latencies, from a tenth of a millisecond to ten seconds.
var LatencyBuckets = []float64{0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10}
