package rouge

import "strings"

// This file holds tilse's alignment metrics (_evaluate_per_day_mapping_micro
// with its two cost functions and two assignment rules).

// costFunc builds a cost matrix: rows are predicted dates for precision
// (axis 0) and reference dates for recall (axis 1).
type costFunc func(byRef bool) [][]float64

// aligned matches dates under costs, one-to-one (scipy's assignment) or
// many-to-one (each row's cheapest column). Each matched pair's hits are
// weighted by 1/(days apart + 1); unmatched predicted dates add their peer
// counts to the precision denominator, unmatched reference dates their
// model counts to the recall denominator. Sums run in tilse's order.
func (e *tlsEval) aligned(costs costFunc, oneToOne bool) ([2]Score, error) {
	assign := func(c [][]float64) ([]int, []int, error) {
		if oneToOne {
			return Assign(c)
		}
		r, k := argminRows(c)
		return r, k, nil
	}
	// Precision: rows are predicted dates; recall: reference dates.
	var num, den [2][2][]float64 // [side][metric]
	for side, byRef := range []bool{false, true} {
		rows, cols, err := assign(costs(byRef))
		if err != nil {
			return [2]Score{}, err
		}
		if num[side], den[side], err = e.alignSide(rows, cols, byRef); err != nil {
			return [2]Score{}, err
		}
	}
	pNum, pDen, rNum, rDen := num[0], den[0], num[1], den[1]

	var out [2]Score
	for m := range out {
		out[m] = ratios(sum(pNum[m]), sum(pDen[m]), sum(rNum[m]), sum(rDen[m]))
	}
	return out, nil
}

// alignSide collects one side's weighted hits and denominators from an
// assignment whose rows are reference dates when byRef (recall), else
// predicted dates (precision); unmatched rows count against the side.
func (e *tlsEval) alignSide(rows, cols []int, byRef bool) (num, den [2][]float64, _ error) {
	own, other := e.predDates, e.refDates
	if byRef {
		own, other = other, own
	}
	add := func(pd, rd string, w float64) error {
		c, err := e.pair(pd, rd)
		if err != nil {
			return err
		}
		for m := range c {
			num[m] = append(num[m], w*float64(c[m].hit))
			d := c[m].peer
			if byRef {
				d = c[m].model
			}
			den[m] = append(den[m], float64(d))
		}
		return nil
	}
	pairOf := func(a, b string) (pd, rd string) {
		if byRef {
			return b, a
		}
		return a, b
	}
	matched := map[int]bool{}
	for k := range rows {
		pd, rd := pairOf(own[rows[k]], other[cols[k]])
		if err := add(pd, rd, dateWeight(pd, rd)); err != nil {
			return num, den, err
		}
		matched[rows[k]] = true
	}
	for i, d := range own {
		if matched[i] {
			continue
		}
		pd, rd := pairOf(d, noDate)
		if err := add(pd, rd, 1); err != nil {
			return num, den, err
		}
	}
	return num, den, nil
}

// sum adds left to right, as Python's sum() does.
func sum(v []float64) float64 {
	t := 0.0
	for _, x := range v {
		t += x
	}
	return t
}

func dayDist(a, b string) int {
	x, _ := dayNumber(a) // dates were validated when the evaluation began
	y, _ := dayNumber(b)
	if x > y {
		return x - y
	}
	return y - x
}

// dateWeight is 1/(|a-b| days + 1).
func dateWeight(a, b string) float64 { return 1 / float64(dayDist(a, b)+1) }

// dateCost is 1 - 1/(|a-b| days + 1).
func dateCost(a, b string) float64 { return 1 - 1/float64(dayDist(a, b)+1) }

// dateCosts is tilse's _get_date_costs.
func (e *tlsEval) dateCosts(byRef bool) [][]float64 {
	rows, cols := e.predDates, e.refDates
	if byRef {
		rows, cols = cols, rows
	}
	out := make([][]float64, len(rows))
	for i, a := range rows {
		out[i] = make([]float64, len(cols))
		for j, b := range cols {
			out[i][j] = dateCost(a, b)
		}
	}
	return out
}

// contentCosts is tilse's _get_date_content_costs: the date cost times one
// minus tilse's quick ROUGE-1 F (compute_rouge_approximation) of the two
// days' summaries.
func (e *tlsEval) contentCosts(byRef bool) [][]float64 {
	predBags := map[string]map[string]int{}
	for _, d := range e.predDates {
		predBags[d] = rawBag(e.pred[d])
	}
	refBags := map[string][]map[string]int{}
	for _, d := range e.refDates {
		for _, r := range e.refs {
			refBags[d] = append(refBags[d], rawBag(r[d]))
		}
	}
	rows, cols := e.predDates, e.refDates
	if byRef {
		rows, cols = cols, rows
	}
	out := make([][]float64, len(rows))
	for i, a := range rows {
		out[i] = make([]float64, len(cols))
		for j, b := range cols {
			pd, rd := a, b
			if byRef {
				pd, rd = b, a
			}
			out[i][j] = dateCost(a, b) * (1 - approxROUGE1(predBags[pd], refBags[rd]))
		}
	}
	return out
}

// pyPunctuation is Python's string.punctuation.
const pyPunctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"

// rawBag counts whitespace tokens as they are (tilse's approximation does
// not lower-case, stem or drop stopwords), except that it skips a token
// when "k in string.punctuation" holds. That is a substring test: "," and
// ":;" are skipped, but the Penn Treebank quote tokens (two backquotes, two
// apostrophes) are not substrings of it and are kept.
func rawBag(sents []string) map[string]int {
	m := map[string]int{}
	for _, s := range sents {
		for _, t := range pyFields(s) {
			if !strings.Contains(pyPunctuation, t) {
				m[t]++
			}
		}
	}
	return m
}

// approxROUGE1 is tilse's compute_rouge_approximation: the ROUGE-1 F of a
// bag against one bag per reference timeline.
func approxROUGE1(pred map[string]int, refs []map[string]int) float64 {
	match, predN, refN := 0, 0, 0
	for tok, c := range pred {
		predN += c
		for _, r := range refs {
			match += min(c, r[tok])
		}
	}
	for _, r := range refs {
		for _, c := range r {
			refN += c
		}
	}
	var p, r float64
	if d := len(refs) * predN; d != 0 {
		p = float64(match) / float64(d)
	}
	if refN != 0 {
		r = float64(match) / float64(refN)
	}
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}
