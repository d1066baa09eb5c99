package rouge

import "sort"

// ROUGE-1.5.5's "Average_R/P/F" lines are not the plain mean of the
// per-evaluation scores: they are the mean of 1000 bootstrap resamples
// (the same resamples that give its 95% confidence interval), each drawn
// with Perl's rand() after srand(i) for resample i. Over 20 items the
// two differ by up to about 1e-3, so Mean replays Perl's generator: since
// Perl 5.20 rand() is Perl's own drand48, identical on every platform.

// perlResamples is ROUGE's default -r.
const perlResamples = 1000

// drand48 is Perl_drand48_r: a 48-bit linear congruential generator,
// seeded by Perl_drand48_init_r as (seed << 16) + 0x330E.
type drand48 uint64

func newDrand48(seed uint32) drand48 { return drand48(uint64(seed)<<16 + 0x330E) }

func (x *drand48) next() float64 {
	*x = (*x*0x5DEECE66D + 0xB) & (1<<48 - 1)
	return float64(*x) / (1 << 48) // exact: ldexp(state, -48)
}

// Mean is Perl's AVERAGE lines over per-item scores as Perl returns them
// (rounded to 5 decimals): for each metric key, the bootstrap mean of R, P
// and F separately, rounded to 5 decimals. Perl resamples its
// items sorted as strings by "<eval ID>.<peer ID>"; pass items in that
// order to reproduce Perl digit for digit (any order gives a value within
// the bootstrap's noise of the same mean). Each key present in any item is
// averaged over the items that have it. Counts-mode scores (Options.Counts)
// are not averaged by Perl; Mean does not treat them specially.
func Mean(items []map[string]Score) map[string]Score {
	keys := map[string]bool{}
	for _, it := range items {
		for k := range it {
			keys[k] = true
		}
	}
	out := make(map[string]Score, len(keys))
	for k := range keys {
		var col []Score
		for _, it := range items {
			if s, ok := it[k]; ok {
				col = append(col, s)
			}
		}
		out[k] = bootstrapMean(col)
	}
	return out
}

// bootstrapMean is computeAverages with bootstrapResampling under -t 0.
func bootstrapMean(items []Score) Score {
	n := len(items)
	if n == 0 {
		return Score{}
	}
	var rs, ps, fs [perlResamples]float64
	for i := range perlResamples {
		g := newDrand48(uint32(i))
		var s Score
		for range n {
			it := items[int(float64(n)*g.next())]
			s.Recall += it.Recall
			s.Precision += it.Precision
			s.F += it.F
		}
		rs[i] = s.Recall / float64(n)
		ps[i] = s.Precision / float64(n)
		fs[i] = s.F / float64(n)
	}
	return Score{Recall: sortedMean(rs[:]), Precision: sortedMean(ps[:]), F: sortedMean(fs[:])}
}

// sortedMean sums in ascending order, as Perl sums its sorted resamples.
func sortedMean(v []float64) float64 {
	sort.Float64s(v)
	var t float64
	for _, x := range v {
		t += x
	}
	return round5(t / float64(len(v)))
}
