package summarize

import (
	"cmp"
	"math"
	"slices"

	"github.com/dossier-news/dossier/internal/news"
)

// Options tune Summarize. The zero value is DefaultOptions.
type Options struct {
	// Words is the length budget: sentences are added while the summary
	// is shorter, so it ends at most one sentence past it.
	Words int
	// Lead, Support and Quote weigh a sentence's position in its article,
	// the share of articles carrying it, and holding a quotation, against
	// its similarity to the story's centroid.
	Lead, Support, Quote float64
	// Redundancy is the cosine similarity to an already chosen sentence
	// above which a sentence is skipped as saying the same thing.
	Redundancy float64
}

// DefaultOptions are tuned on Multi-News validation (docs/EVALUATION.md).
func DefaultOptions() Options {
	return Options{Words: 100, Lead: 0.35, Support: 0.2, Quote: 0.02, Redundancy: 0.5}
}

func (o Options) withDefaults() Options {
	d := DefaultOptions()
	if o.Words <= 0 {
		o.Words = d.Words
	}
	if o.Lead == 0 && o.Support == 0 && o.Quote == 0 {
		o.Lead, o.Support, o.Quote = d.Lead, d.Support, d.Quote
	}
	if o.Redundancy <= 0 {
		o.Redundancy = d.Redundancy
	}
	return o
}

// Summarize writes an extractive summary of docs within o.Words words.
// Sentences are ranked by closeness to the articles' centroid, early
// position in their article and the share of articles that carry them;
// near-repeats of a chosen sentence are skipped; the chosen ones are
// given in the order their earliest carriers published them.
func Summarize(docs []Doc, o Options) news.Summary {
	return prepare(docs).summary(o.withDefaults())
}

// centroidTerms bounds the centroid to the terms that characterise the
// set, as in centroid-based summarisers: the long tail is noise.
const centroidTerms = 100

// centroid is the sum of every sentence's term vector, syndicated copies
// included (what many outlets repeat is central), cut to its top terms.
func (c *corpus) centroid() vector {
	sum := map[term]float64{}
	for _, s := range c.sents {
		v := c.groups[s.group].vec
		for i, k := range v.keys {
			sum[k] += v.vals[i]
		}
	}
	type kv struct {
		k term
		v float64
	}
	all := make([]kv, 0, len(sum))
	for k, v := range sum {
		all = append(all, kv{k, v})
	}
	slices.SortFunc(all, func(a, b kv) int {
		if a.v != b.v {
			return cmp.Compare(b.v, a.v)
		}
		return cmp.Compare(a.k, b.k)
	})
	top := map[term]float64{}
	for _, e := range all[:min(len(all), centroidTerms)] {
		top[e.k] = e.v
	}
	return newVector(top, func(term) float64 { return 1 })
}

// scores rates every group.
func (c *corpus) scores(o Options) []float64 {
	cent := c.centroid()
	out := make([]float64, len(c.groups))
	n := float64(len(c.docs))
	for g, gr := range c.groups {
		first := c.sents[gr.members[0]]
		pos := first.pos
		quote := false
		for _, m := range gr.members {
			pos = min(pos, c.sents[m].pos)
			quote = quote || c.sents[m].quote
		}
		s := gr.vec.dot(cent) + o.Lead/math.Sqrt(float64(1+pos))
		if n > 1 {
			s += o.Support * math.Log(float64(gr.docs)) / math.Log(n)
		}
		if quote {
			s += o.Quote
		}
		out[g] = s
	}
	return out
}

func (c *corpus) summary(o Options) news.Summary {
	return c.pick(c.scores(o), o)
}

// pick chooses groups by descending score within the budget, skipping
// near-repeats, and returns them in publication order.
func (c *corpus) pick(score []float64, o Options) news.Summary {
	order := make([]int, len(c.groups))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(score[b], score[a]) })
	var chosen []int
	words := 0
	for _, g := range order {
		if words >= o.Words {
			break
		}
		v := c.groups[g].vec
		redundant := false
		for _, h := range chosen {
			if v.dot(c.groups[h].vec) > o.Redundancy {
				redundant = true
				break
			}
		}
		if redundant {
			continue
		}
		chosen = append(chosen, g)
		words += c.sents[c.groups[g].members[0]].words
	}
	return c.render(chosen)
}

// render lists groups in the order their first carriers appear.
func (c *corpus) render(groups []int) news.Summary {
	slices.SortFunc(groups, func(a, b int) int {
		sa, sb := c.sents[c.groups[a].members[0]], c.sents[c.groups[b].members[0]]
		if sa.doc != sb.doc {
			return cmp.Compare(sa.doc, sb.doc)
		}
		return cmp.Compare(sa.pos, sb.pos)
	})
	out := news.Summary{Articles: len(c.docs), Sentences: []news.SummarySentence{}}
	for _, g := range groups {
		out.Sentences = append(out.Sentences, c.cite(g))
		out.Words += c.sents[c.groups[g].members[0]].words
	}
	return out
}
