package dedup

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

// syntheticCorpus returns n synthetic articles of about 500 words.
func syntheticCorpus(n int, seed uint64) []Doc {
	docs := make([]Doc, n)
	for i := range docs {
		docs[i] = synthetic(fmt.Sprintf("s%08d", i), seed+uint64(i), 500)
	}
	return docs
}

// BenchmarkSign measures signing alone (tokenise, shingle, 128 MinHash
// values) under both schemes, on synthetic articles of about 530 and 850
// words: the range of news articles. docs/cpu-s divides by the CPU time
// of the benchmark's own thread: a per-core rate that other load on a
// shared machine does not distort.
func BenchmarkSign(b *testing.B) {
	for _, s := range []struct {
		name    string
		signing Signing
	}{{"one-permutation", OnePermutation}, {"k-permutations", KPermutations}} {
		for _, n := range []int{500, 800} {
			docs := make([]Doc, 256)
			words := 0
			for i := range docs {
				docs[i] = synthetic(fmt.Sprintf("s%08d", i), 1+uint64(i), n)
				words += len(analyseDoc(docs[i]).words)
			}
			b.Run(fmt.Sprintf("%s/words=%d", s.name, n), func(b *testing.B) {
				defer lockThread()()
				cfg := DefaultConfig()
				cfg.Signing = s.signing
				b.SetBytes(int64(len(docs[0].Text)))
				start, cpu := time.Now(), threadCPU()
				for i := 0; b.Loop(); i++ {
					Sign(docs[i%len(docs)].Text, cfg)
				}
				b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "docs/s")
				b.ReportMetric(float64(b.N)/(threadCPU()-cpu).Seconds(), "docs/cpu-s")
				b.ReportMetric(float64(words)/float64(len(docs)), "words/doc")
			})
		}
	}
}

// BenchmarkAnalyse measures everything Add does before taking the lock:
// Sign plus sentence and paragraph analysis and the content hash.
func BenchmarkAnalyse(b *testing.B) {
	defer lockThread()()
	cfg := DefaultConfig()
	docs := syntheticCorpus(256, 1)
	start, cpu := time.Now(), threadCPU()
	for i := 0; b.Loop(); i++ {
		Analyse(docs[i%len(docs)], cfg)
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "docs/s")
	b.ReportMetric(float64(b.N)/(threadCPU()-cpu).Seconds(), "docs/cpu-s")
}

// BenchmarkAdd measures the whole streaming path into a growing index,
// one article in ten an edited or trimmed copy of an earlier one.
func BenchmarkAdd(b *testing.B) {
	defer lockThread()()
	ix, err := NewIndex(DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	docs := make([]Doc, 20000)
	for i := range docs {
		docs[i] = scaleDoc(i)
	}
	cpu := threadCPU()
	for i := 0; b.Loop(); i++ {
		d := docs[i%len(docs)]
		d.ID = fmt.Sprintf("%s-%d", d.ID, i/len(docs)) // past 20,000 the stream repeats as copies
		if _, err := ix.Add(d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/(threadCPU()-cpu).Seconds(), "docs/cpu-s")
}

// BenchmarkQuery builds an index of 20,000 synthetic articles, then times
// LSH candidate queries (Candidates) and full checks of unseen articles
// (Check) one by one, reporting the 50th and 99th percentile latencies.
func BenchmarkQuery(b *testing.B) {
	const n, queries = 20000, 2000
	ix, err := NewIndex(DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	for _, d := range syntheticCorpus(n, 1) {
		if _, err := ix.Add(d); err != nil {
			b.Fatal(err)
		}
	}
	// Half the queries are edited copies of indexed articles, so that
	// candidate lists are not all empty.
	qs := syntheticCorpus(queries, 1_000_000)
	for i := 0; i < len(qs); i += 2 {
		qs[i] = editedCopy(synthetic(fmt.Sprintf("s%08d", i), 1+uint64(i), 500), fmt.Sprintf("q%d", i))
	}
	sigs := make([]Signature, len(qs))
	for i, q := range qs {
		sigs[i] = Sign(q.Text, ix.Config())
	}
	b.ResetTimer()
	for b.Loop() {
		lsh := make([]time.Duration, len(qs))
		full := make([]time.Duration, len(qs))
		for i, q := range qs {
			t0 := time.Now()
			ix.Candidates(sigs[i])
			lsh[i] = time.Since(t0)
			t0 = time.Now()
			ix.Check(q)
			full[i] = time.Since(t0)
		}
		b.ReportMetric(percentile(lsh, 50), "lsh-p50-µs")
		b.ReportMetric(percentile(lsh, 99), "lsh-p99-µs")
		b.ReportMetric(percentile(full, 50), "check-p50-µs")
		b.ReportMetric(percentile(full, 99), "check-p99-µs")
	}
}

// editedCopy changes the headline and appends boilerplate, as a
// republishing outlet would.
func editedCopy(d Doc, id string) Doc {
	d.ID = id
	d.Text = "A different headline for the same story\n\n" + d.Text + "\n\nShare this article with your friends"
	d.Paragraphs = nil
	return d
}

func percentile(ds []time.Duration, p int) float64 {
	s := slices.Clone(ds)
	slices.Sort(s)
	return float64(s[(len(s)-1)*p/100].Nanoseconds()) / 1e3
}

func analyseDoc(d Doc) analysis {
	fp := Analyse(d, DefaultConfig())
	an, _ := fp.analysis()
	return an
}
