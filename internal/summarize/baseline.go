package summarize

import (
	"cmp"
	"math"
	"slices"

	"github.com/dossier-news/dossier/internal/news"
)

// Lead is the First-k baseline of the Multi-News paper: the first k
// sentences of every article, article after article, with no selection
// beyond that. Syndicated repeats are still given once.
func Lead(docs []Doc, k int) news.Summary {
	c := prepare(docs)
	var groups []int
	seen := map[int]bool{}
	for _, s := range c.sents {
		if s.pos < k && !seen[s.group] {
			seen[s.group] = true
			groups = append(groups, s.group)
		}
	}
	return c.render(groups)
}

// LexRank is the continuous LexRank baseline (Erkan and Radev, 2004):
// sentences ranked by their stationary probability in the graph of
// their cosine similarities, then chosen like Summarize within the
// budget, skipping near-repeats. It is quadratic in the number of
// sentences: a baseline for evaluation, not for thousand-article
// stories.
func LexRank(docs []Doc, o Options) news.Summary {
	o = o.withDefaults()
	c := prepare(docs)
	n := len(c.groups)
	if n == 0 {
		return c.render(nil)
	}
	// Row-normalised similarity matrix, with the conventional 0.1
	// threshold below which sentences are not linked.
	w := make([][]float64, n)
	for i := range w {
		w[i] = make([]float64, n)
		var sum float64
		for j := range w[i] {
			s := c.groups[i].vec.dot(c.groups[j].vec)
			if i == j {
				s = 1
			}
			if s < 0.1 {
				s = 0
			}
			w[i][j] = s
			sum += s
		}
		for j := range w[i] {
			w[i][j] /= sum
		}
	}
	const damping = 0.85
	p := make([]float64, n)
	for i := range p {
		p[i] = 1 / float64(n)
	}
	next := make([]float64, n)
	for iter := 0; iter < 100; iter++ {
		for j := range next {
			next[j] = (1 - damping) / float64(n)
		}
		for i := range w {
			for j, x := range w[i] {
				next[j] += damping * p[i] * x
			}
		}
		var delta float64
		for j := range p {
			delta += math.Abs(next[j] - p[j])
		}
		p, next = next, p
		if delta < 1e-6 {
			break
		}
	}
	// Ties (identical ranks) fall back to position, then order.
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(p[b], p[a]) })
	score := make([]float64, n)
	for r, g := range idx {
		score[g] = float64(n - r)
	}
	return c.pick(score, o)
}
