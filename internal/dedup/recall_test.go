package dedup

import (
	"cmp"
	"flag"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

var recallN = flag.Int("recall", 0, "corpus size for TestRecall, e.g. 10000 (opt-in)")

// TestRecall measures how many of the truly similar pairs of a corpus the
// LSH finds. The truth is the exact shingle Jaccard of every pair, from
// an all-pairs join with prefix filtering: it provably returns every pair
// at or above the threshold, as comparing all n²/2 pairs would, in
// seconds instead of minutes; the test checks that on the first 2,000
// articles against the plain comparison of all pairs.
//
// The corpus is the synthetic stream of TestScaling with a fifth of the
// articles replaced by copies of earlier ones in which each word was
// replaced with a probability drawn from [0, 0.3], which spreads the
// pairs' Jaccard from 1 down to about 0.2, across the LSH threshold.
//
//	go test -run TestRecall -recall 10000 -v ./internal/dedup/
func TestRecall(t *testing.T) {
	n := *recallN
	if n == 0 {
		t.Skip("opt-in: go test -run TestRecall -recall 10000 -v")
	}
	const floor = 0.3 // the lowest Jaccard reported
	cfg := DefaultConfig()
	docs := recallCorpus(n)
	sets := make([][]uint64, n)
	for i, d := range docs {
		sets[i] = shingleSet(d, cfg)
	}

	t0 := time.Now()
	truth := similarPairs(sets, floor)
	t.Logf("exact all-pairs join of %d articles: %d pairs with Jaccard >= %.1f in %v", n, len(truth), floor, time.Since(t0))
	{
		m := min(n, 2000)
		t0 = time.Now()
		brute := bruteForcePairs(sets[:m], floor)
		var joined []pair
		for _, p := range truth {
			if p.b < m {
				joined = append(joined, p)
			}
		}
		if !slices.Equal(brute, joined) {
			t.Fatalf("prefix-filtered join found %d pairs among the first %d articles, brute force %d", len(joined), m, len(brute))
		}
		t.Logf("checked against brute force on the first %d articles (%d pairs, %v)", m, len(brute), time.Since(t0))
	}

	ix := newIndex(t)
	near := make(map[pair]bool)
	t0 = time.Now()
	for i, d := range docs {
		r, err := ix.Add(d)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range r.Links {
			if l.Kind == KindNear || l.Kind == KindExact {
				near[pair{a: docNum(l.Other), b: i}] = true
			}
		}
	}
	t.Logf("indexed in %v", time.Since(t0))
	cands := make([]map[string]bool, n)
	total := 0
	for i, d := range docs {
		cands[i] = make(map[string]bool)
		for _, id := range ix.Candidates(Sign(d.Text, cfg)) {
			if id != d.ID {
				cands[i][id] = true
				total++
			}
		}
	}
	t.Logf("LSH candidates: %.1f per article on average", float64(total)/float64(n))

	// Recall by Jaccard band, against the S-curve 1-(1-J^r)^b.
	type tally struct{ pairs, lsh, linked int }
	bins := make([]tally, 7) // tenths from floor; the last one includes 1
	var above tally
	for _, p := range truth {
		bin := min(int((p.j-floor)*10), len(bins)-1)
		hit := cands[p.b][docs[p.a].ID]
		bins[bin].pairs++
		above.pairs += b2i(p.j >= cfg.NearJaccard)
		if hit {
			bins[bin].lsh++
			above.lsh += b2i(p.j >= cfg.NearJaccard)
		}
		if near[pair{a: p.a, b: p.b}] && p.j >= cfg.NearJaccard {
			above.linked++
		}
	}
	var b strings.Builder
	for i, c := range bins {
		if c.pairs == 0 {
			continue
		}
		lo := floor + float64(i)/10
		fmt.Fprintf(&b, "\n  J %.1f-%.1f: %5d pairs, LSH finds %5d = %5.1f%% (S-curve at %.1f: %5.1f%%)",
			lo, lo+0.1, c.pairs, c.lsh, 100*float64(c.lsh)/float64(c.pairs), lo, 100*cfg.CandidateProbability(lo))
	}
	t.Logf("recall by exact Jaccard:%s", b.String())
	t.Logf("pairs with J >= %.1f (near-duplicates): %d; LSH candidate recall %.2f%%; reported as near or exact by Add %.2f%%",
		cfg.NearJaccard, above.pairs, 100*float64(above.lsh)/float64(above.pairs), 100*float64(above.linked)/float64(above.pairs))
	if r := float64(above.lsh) / float64(above.pairs); above.pairs > 0 && r < 0.95 {
		t.Errorf("LSH recall %.3f for J >= %.1f, want >= 0.95", r, cfg.NearJaccard)
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func docNum(id string) int {
	var i int
	fmt.Sscanf(id, "s%08d", &i)
	return i
}

// recallCorpus is scaleDoc's stream with every fifth article a mutated
// copy of an earlier one.
func recallCorpus(n int) []Doc {
	docs := make([]Doc, n)
	r := rand.New(rand.NewPCG(7, 7))
	for i := range docs {
		id := fmt.Sprintf("s%08d", i)
		if i%5 == 4 && i > 20 {
			src := r.IntN(i)
			docs[i] = mutate(docs[src], id, 0.3*r.Float64(), r)
			continue
		}
		docs[i] = scaleDoc(i)
	}
	return docs
}

// mutate copies d replacing each word with probability p by a vocabulary
// word, keeping sentence and paragraph structure.
func mutate(d Doc, id string, p float64, r *rand.Rand) Doc {
	paras := strings.Split(d.Text, "\n\n")
	for i, para := range paras {
		ws := strings.Fields(para)
		for j, w := range ws {
			if r.Float64() < p {
				end := ""
				if strings.HasSuffix(w, ".") {
					end = "."
				}
				ws[j] = vocab[zipf(r)] + end
			}
		}
		paras[i] = strings.Join(ws, " ")
	}
	c := article(id, paras)
	c.Published = d.Published.Add(time.Minute)
	return c
}

// shingleSet is the sorted set of a document's shingles, the set its
// MinHash signs.
func shingleSet(d Doc, cfg Config) []uint64 {
	fp := Analyse(d, cfg)
	an, _ := fp.analysis()
	s := an.docShingles(nil, cfg.ShingleSize)
	slices.Sort(s)
	return slices.Compact(s)
}

// pair is two documents a < b and the exact Jaccard of their sets.
type pair struct {
	a, b int
	j    float64
}

func jaccard(x, y []uint64) float64 {
	n, i, j := 0, 0, 0
	for i < len(x) && j < len(y) {
		switch {
		case x[i] < y[j]:
			i++
		case x[i] > y[j]:
			j++
		default:
			n, i, j = n+1, i+1, j+1
		}
	}
	if u := len(x) + len(y) - n; u > 0 {
		return float64(n) / float64(u)
	}
	return 0
}

// bruteForcePairs compares every pair.
func bruteForcePairs(sets [][]uint64, t float64) []pair {
	var out []pair
	for b := range sets {
		for a := range b {
			if j := jaccard(sets[a], sets[b]); j >= t {
				out = append(out, pair{a, b, j})
			}
		}
	}
	return sortPairs(out)
}

// similarPairs is bruteForcePairs by prefix filtering (Bayardo, Ma and
// Srikant 2007): with each set's elements ordered rarest first, two sets
// with Jaccard >= t share an element among the first |x|-ceil(t|x|)+1 of
// each, so only pairs sharing such a prefix element need comparing. Rare
// elements make short inverted lists, and the common ones, which would
// pair everything with everything, sit at the ends of the sets.
func similarPairs(sets [][]uint64, t float64) []pair {
	df := make(map[uint64]int32)
	for _, s := range sets {
		for _, x := range s {
			df[x]++
		}
	}
	posting := make(map[uint64][]int32)
	var out []pair
	seen := make([]int32, len(sets)) // last b each a was compared with, plus one
	for b, s := range sets {
		ordered := slices.Clone(s)
		slices.SortFunc(ordered, func(x, y uint64) int { return cmp.Or(cmp.Compare(df[x], df[y]), cmp.Compare(x, y)) })
		prefix := len(s) - ceil(t*float64(len(s))-1e-9) + 1 // rounding may only lengthen it
		for _, x := range ordered[:max(min(prefix, len(s)), 0)] {
			for _, a := range posting[x] {
				if seen[a] == int32(b)+1 {
					continue
				}
				seen[a] = int32(b) + 1
				la, lb := float64(len(sets[a])), float64(len(s))
				if min(la, lb) < t*max(la, lb) {
					continue // sizes alone rule it out
				}
				if j := jaccard(sets[a], s); j >= t {
					out = append(out, pair{int(a), b, j})
				}
			}
			posting[x] = append(posting[x], int32(b))
		}
	}
	return sortPairs(out)
}

func ceil(x float64) int {
	n := int(x)
	if float64(n) < x {
		n++
	}
	return n
}

func sortPairs(ps []pair) []pair {
	slices.SortFunc(ps, func(x, y pair) int { return cmp.Or(cmp.Compare(x.b, y.b), cmp.Compare(x.a, y.a)) })
	return ps
}
