package story

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// BenchmarkAdd measures online assignment of realistic synthetic
// articles (about 310 words, 8-word titles, 1-3 entities) into a
// clusterer already holding 20,000 of them.
func BenchmarkAdd(b *testing.B) {
	g := newSynth(1, 2000)
	c := New(DefaultConfig())
	for i := 0; i < 20000; i++ {
		d, _ := g.next()
		c.Add(d)
	}
	docs := make([]Doc, b.N)
	for i := range docs {
		docs[i], _ = g.next()
	}
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for i := range docs {
		c.Add(docs[i])
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "articles/s")
}

// BenchmarkScale adds 10k, 100k and 1M synthetic articles (2,000 a day)
// and reports the time per article over the first and the last tenth of
// the stream: with candidate retrieval bounded by the recency window they
// should be alike, however many stories are stored. Run with
// -benchtime 1x; STORY_SCALE=20000,50000 picks other sizes.
func BenchmarkScale(b *testing.B) {
	sizes := []int{10_000, 100_000, 1_000_000}
	if s := os.Getenv("STORY_SCALE"); s != "" {
		sizes = nil
		for _, f := range strings.Split(s, ",") {
			n, err := strconv.Atoi(f)
			if err != nil {
				b.Fatal(err)
			}
			sizes = append(sizes, n)
		}
	}
	for _, n := range sizes {
		b.Run(fmt.Sprint(n/1000, "k"), func(b *testing.B) {
			for b.Loop() {
				scaleRun(b, n)
			}
		})
	}
}

func scaleRun(b *testing.B, n int) {
	g := newSynth(2, 2000)
	c := New(DefaultConfig())
	const chunk = 1000
	docs := make([]Doc, chunk)
	var first, last, repair time.Duration
	for done := 0; done < n; done += chunk {
		b.StopTimer()
		for i := range docs {
			docs[i], _ = g.next()
		}
		b.StartTimer()
		t := time.Now()
		for i := range docs {
			c.Add(docs[i])
		}
		el := time.Since(t)
		if done < n/10 {
			first += el
		}
		if done >= n-n/10 {
			last += el
		}
		if (done/chunk)%10 == 9 { // a repair every 10,000 articles
			t = time.Now()
			c.Repair()
			repair += time.Since(t)
		}
	}
	tenth := float64(n / 10)
	b.ReportMetric(float64(first.Microseconds())/tenth, "µs/article-first10%")
	b.ReportMetric(float64(last.Microseconds())/tenth, "µs/article-last10%")
	b.ReportMetric(float64(repair.Milliseconds()), "ms-repair-total")
	_, stories := c.Len()
	b.ReportMetric(float64(stories), "stories")
	live := 0
	for _, s := range c.live {
		if c.stories[s].live {
			live++
		}
	}
	b.ReportMetric(float64(live), "live-stories")
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapAlloc)/float64(n), "heap-bytes/article")
	runtime.KeepAlive(c)
	runtime.KeepAlive(g)
}
