package rouge

import (
	"errors"
	"math"
	"sort"
)

// This file solves the rectangular linear sum assignment problem the way
// scipy.optimize.linear_sum_assignment (scipy 1.10, which tilse runs on)
// does: the shortest augmenting path algorithm of Crouse (2016) as P. M.
// Larsen implemented it. Timeline costs tie often (two reference dates
// equally far from a predicted one), and tied optimal assignments give
// different ROUGE scores, so the port keeps scipy's order of work and its
// tie-breaking: columns are scanned from the last to the first, a tie is
// won by a free column, and a tall matrix is solved transposed.

// ErrInfeasible reports a cost matrix with no finite assignment.
var ErrInfeasible = errors.New("rouge: cost matrix is infeasible")

// Assign returns a minimum-cost matching between the rows and columns of
// cost (min(rows, cols) pairs), as row and column indices with rows
// ascending, exactly as scipy's linear_sum_assignment does. All rows of
// cost must have the same length; NaN and -Inf are rejected.
func Assign(cost [][]float64) (rows, cols []int, err error) {
	nr := len(cost)
	if nr == 0 || len(cost[0]) == 0 {
		return nil, nil, nil
	}
	nc := len(cost[0])
	for _, r := range cost {
		if len(r) != nc {
			return nil, nil, errors.New("rouge: ragged cost matrix")
		}
		for _, c := range r {
			if math.IsNaN(c) || math.IsInf(c, -1) {
				return nil, nil, errors.New("rouge: matrix contains invalid numeric entries")
			}
		}
	}
	transpose := nc < nr
	flat := make([]float64, 0, nr*nc)
	if transpose {
		for j := range nc {
			for i := range nr {
				flat = append(flat, cost[i][j])
			}
		}
		nr, nc = nc, nr
	} else {
		for _, r := range cost {
			flat = append(flat, r...)
		}
	}
	col4row, err := lsap(nr, nc, flat)
	if err != nil {
		return nil, nil, err
	}
	if !transpose {
		rows = make([]int, nr)
		for i := range rows {
			rows[i] = i
		}
		return rows, col4row, nil
	}
	// Transposed: col4row maps original columns to original rows; order
	// the pairs by original row.
	idx := make([]int, nr)
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return col4row[idx[a]] < col4row[idx[b]] })
	rows, cols = make([]int, nr), make([]int, nr)
	for k, v := range idx {
		rows[k], cols[k] = col4row[v], v
	}
	return rows, cols, nil
}

// lsap solves a problem with nr <= nc; cost is row-major.
func lsap(nr, nc int, cost []float64) ([]int, error) {
	u := make([]float64, nr)
	v := make([]float64, nc)
	spc := make([]float64, nc) // shortest path costs
	path := make([]int, nc)
	col4row := make([]int, nr)
	row4col := make([]int, nc)
	for i := range path {
		path[i], row4col[i] = -1, -1
	}
	for i := range col4row {
		col4row[i] = -1
	}
	sr := make([]bool, nr)
	sc := make([]bool, nc)
	remaining := make([]int, nc)

	for cur := range nr {
		// Find the shortest augmenting path from row cur.
		minVal := 0.0
		n := nc
		for it := range nc {
			remaining[it] = nc - it - 1 // reversed: see the file comment
		}
		clear(sr)
		clear(sc)
		for j := range spc {
			spc[j] = math.Inf(1)
		}
		sink, i := -1, cur
		for sink == -1 {
			index, lowest := -1, math.Inf(1)
			sr[i] = true
			for it := range n {
				j := remaining[it]
				r := minVal + cost[i*nc+j] - u[i] - v[j]
				if r < spc[j] {
					path[j] = i
					spc[j] = r
				}
				if spc[j] < lowest || (spc[j] == lowest && row4col[j] == -1) {
					lowest = spc[j]
					index = it
				}
			}
			minVal = lowest
			if math.IsInf(minVal, 1) {
				return nil, ErrInfeasible
			}
			j := remaining[index]
			if row4col[j] == -1 {
				sink = j
			} else {
				i = row4col[j]
			}
			sc[j] = true
			n--
			remaining[index] = remaining[n]
		}

		// Update the dual variables.
		u[cur] += minVal
		for i := range nr {
			if sr[i] && i != cur {
				u[i] += minVal - spc[col4row[i]]
			}
		}
		for j := range nc {
			if sc[j] {
				v[j] -= minVal - spc[j]
			}
		}

		// Augment the previous solution along the path.
		for j := sink; ; {
			i := path[j]
			row4col[j] = i
			col4row[i], j = j, col4row[i]
			if i == cur {
				break
			}
		}
	}
	return col4row, nil
}

// argminRows is tilse's many-to-one "assignment": every row takes its
// cheapest column, the first one on a tie (numpy's argmin).
func argminRows(cost [][]float64) (rows, cols []int) {
	for i, r := range cost {
		best := 0
		for j, c := range r {
			if c < r[best] {
				best = j
			}
		}
		if len(r) > 0 {
			rows = append(rows, i)
			cols = append(cols, best)
		}
	}
	return rows, cols
}
