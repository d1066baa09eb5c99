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

// TestScaling builds full indexes of synthetic ~530-word articles and
// reports build rate, live memory (with a breakdown by part) and query
// latency. At 1,000,000 it takes about ten minutes and 6 GB.
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
			t.Logf("n=%d: Add %.0f docs/s (%.0f µs each, %.0f s in all), %d links, %d groups; live heap %.1f MB = %.0f bytes/doc",
				n, float64(n)/build.Seconds(), float64(build.Microseconds())/float64(n), build.Seconds(), links, len(ix.Groups()),
				float64(heap)/1e6, float64(heap)/float64(n))
			f := footprintOf(ix)
			mb := func(b int) string { return fmt.Sprintf("%.1f MB (%.0f B/doc)", float64(b)/1e6, float64(b)/float64(n)) }
			t.Logf("n=%d: of which LSH bands %s, content hashes %s, sentence keys %s, sentence bands %s, paragraph keys %s, analyses %s, rest %s",
				n, mb(f.bands), mb(f.exact), mb(f.sentExact), mb(f.sentBands), mb(f.paraExact), mb(f.analyses),
				mb(int(heap)-f.total()))
			t.Logf("n=%d: latency p50/p99 — LSH candidates %.1f/%.1f µs, Check of an unseen article %.0f/%.0f µs (%d with candidates)",
				n, percentile(lsh, 50), percentile(lsh, 99), percentile(check, 50), percentile(check, 99), cand)
			runtime.KeepAlive(ix)
		})
	}
}

// footprint is the memory of each part of an index, from the sizes of
// the arrays it holds; the rest of the live heap is the per-document
// records, the ID map, the union-find and the cache of recent documents.
type footprint struct {
	bands, exact, sentExact, sentBands, paraExact, analyses int
}

func (f footprint) total() int {
	return f.bands + f.exact + f.sentExact + f.sentBands + f.paraExact + f.analyses
}

func footprintOf(ix *Index) footprint {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	f := footprint{exact: ix.exact.bytes(), sentExact: ix.sentExact.bytes(), paraExact: ix.paraExact.bytes()}
	for b := range ix.bands {
		f.bands += ix.bands[b].bytes()
	}
	for b := range ix.sentBands {
		f.sentBands += ix.sentBands[b].bytes()
	}
	f.analyses = ix.kept.words.total*4 + (ix.kept.sents.total+ix.kept.paras.total)*16
	return f
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
			arrays := 0
			for b := range bands {
				arrays += bands[b].bytes()
			}
			t.Logf("n=%d: %d bands, live heap %.1f MB = %.0f bytes/doc (%.1f per band entry; arrays %.1f MB), inserted in %v",
				n, cfg.Bands, float64(heap)/1e6, float64(heap)/float64(n), float64(heap)/float64(n*cfg.Bands),
				float64(arrays)/1e6, build)
			// Lookups of edited copies of indexed articles (so that buckets
			// are not all empty) and of unseen ones, as Candidates does them.
			var lat []time.Duration
			for q := range 1000 {
				d := synthetic(fmt.Sprintf("q%d", q), uint64(n+q), 500)
				if q%2 == 0 {
					d = editedCopy(synthetic("", uint64((q*7919)%n), 500), d.ID)
				}
				sig := Sign(d.Text, cfg)
				t0 := time.Now()
				seen := make(map[uint32]bool)
				for b := range bands {
					bands[b].each(bandKey(b, sig[b*r:(b+1)*r]), cfg.MaxBucket, func(d uint32) bool { seen[d] = true; return true })
				}
				lat = append(lat, time.Since(t0))
			}
			t.Logf("n=%d: lookup p50/p99 %.1f/%.1f µs", n, percentile(lat, 50), percentile(lat, 99))
			runtime.KeepAlive(bands)
		})
	}
}
