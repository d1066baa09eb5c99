package dedup

import (
	"flag"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

var (
	scaleFull = flag.String("scale", "", "comma-separated index sizes for TestScaling, e.g. 10000,100000 (opt-in, slow)")
	scaleLSH  = flag.String("scale-lsh", "", "comma-separated sizes for TestScalingLSH, e.g. 1000000 (opt-in)")
)

func sizes(t *testing.T, list string) []int {
	if list == "" {
		t.Skip("opt-in: go test -run TestScaling -scale 10000,100000 (or -scale-lsh 1000000)")
	}
	var out []int
	for _, f := range strings.Split(list, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 {
			t.Fatalf("bad size %q", f)
		}
		out = append(out, n)
	}
	return out
}

func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// scaleDoc is article i of a synthetic stream in which one article in
// ten is an edited or trimmed copy of an earlier one.
func scaleDoc(i int) Doc {
	switch {
	case i%10 == 3 && i > 10:
		return editedCopy(synthetic(fmt.Sprintf("s%08d", i-7), uint64(i-7), 500), fmt.Sprintf("s%08d", i))
	case i%10 == 7 && i > 10:
		d := synthetic(fmt.Sprintf("s%08d", i-5), uint64(i-5), 500)
		d.ID, d.Text, d.Paragraphs = fmt.Sprintf("s%08d", i), d.Text[:d.Paragraphs[3].Span.End], d.Paragraphs[:4]
		return d
	}
	return synthetic(fmt.Sprintf("s%08d", i), uint64(i), 500)
}

// TestScaling builds full indexes of synthetic ~500-word articles and
// reports build rate, live memory and query latency.
func TestScaling(t *testing.T) {
	for _, n := range sizes(t, *scaleFull) {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			base := liveHeap()
			ix := newIndex(t)
			var build time.Duration
			links := 0
			for i := range n {
				d := scaleDoc(i)
				t0 := time.Now()
				r, err := ix.Add(d)
				build += time.Since(t0)
				if err != nil {
					t.Fatal(err)
				}
				links += len(r.Links)
			}
			heap := liveHeap() - base
			lsh, check, cand := queryLatencies(ix, n)
			t.Logf("n=%d: Add %.0f docs/s (%.0f µs each), %d links, %d groups; live heap %.1f MB = %.0f bytes/doc",
				n, float64(n)/build.Seconds(), float64(build.Microseconds())/float64(n), links, len(ix.Groups()),
				float64(heap)/1e6, float64(heap)/float64(n))
			t.Logf("n=%d: latency p50/p99 — LSH candidates %.1f/%.1f µs, Check of an unseen article %.0f/%.0f µs (%d with candidates)",
				n, percentile(lsh, 50), percentile(lsh, 99), percentile(check, 50), percentile(check, 99), cand)
			runtime.KeepAlive(ix)
		})
	}
}

// queryLatencies times LSH lookups and full checks of 1000 articles, half
// of them edited copies of indexed ones.
func queryLatencies(ix *Index, n int) (lsh, check []time.Duration, withCandidates int) {
	for q := range 1000 {
		var d Doc
		if q%2 == 0 {
			d = editedCopy(synthetic("", uint64((q*7919)%n), 500), fmt.Sprintf("q%d", q))
		} else {
			d = synthetic(fmt.Sprintf("q%d", q), uint64(n+q), 500)
		}
		sig := Sign(d.Text, ix.Config())
		t0 := time.Now()
		if len(ix.Candidates(sig)) > 0 {
			withCandidates++
		}
		lsh = append(lsh, time.Since(t0))
		t0 = time.Now()
		ix.Check(d)
		check = append(check, time.Since(t0))
	}
	return lsh, check, withCandidates
}

// TestScalingLSH measures the memory of the LSH band tables alone — what
// the near-duplicate index costs per article — for sizes a full index
// would take too long to build in a test.
func TestScalingLSH(t *testing.T) {
	cfg := DefaultConfig()
	for _, n := range sizes(t, *scaleLSH) {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			sigs := make([]Signature, n)
			for i := range sigs {
				sigs[i] = Sign(scaleDoc(i).Text, cfg)
			}
			base := liveHeap()
			r := cfg.Rows()
			bands := make([]chains[uint32], cfg.Bands)
			for b := range bands {
				bands[b] = newChains[uint32]()
			}
			t0 := time.Now()
			for i, sig := range sigs {
				for b := range bands {
					bands[b].add(bandKey(b, sig[b*r:(b+1)*r]), uint32(i), 0)
				}
			}
			build := time.Since(t0)
			heap := liveHeap() - base
			runtime.KeepAlive(sigs) // else they die before the measurement and it underflows
			t.Logf("n=%d: %d bands, %.1f MB = %.0f bytes/doc (%.0f per band entry), inserted in %v; 1M would take about %.2f GB",
				n, cfg.Bands, float64(heap)/1e6, float64(heap)/float64(n), float64(heap)/float64(n*cfg.Bands),
				build, float64(heap)/float64(n)*1e6/1e9)
			runtime.KeepAlive(bands)
		})
	}
}
