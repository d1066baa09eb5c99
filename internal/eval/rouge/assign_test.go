package rouge

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// bruteMin is the least total cost of matching min(rows, cols) pairs,
// found by trying every injection of the shorter side into the longer.
func bruteMin(cost [][]float64) float64 {
	nr, nc := len(cost), len(cost[0])
	best := math.Inf(1)
	used := make([]bool, max(nr, nc))
	var rec func(k int, sum float64)
	rec = func(k int, sum float64) {
		if k == min(nr, nc) {
			best = min(best, sum)
			return
		}
		for o := range max(nr, nc) {
			if used[o] {
				continue
			}
			used[o] = true
			if nr <= nc {
				rec(k+1, sum+cost[k][o])
			} else {
				rec(k+1, sum+cost[o][k])
			}
			used[o] = false
		}
	}
	rec(0, 0)
	return best
}

func TestAssignMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 500 {
		nr, nc := 1+rng.IntN(6), 1+rng.IntN(6)
		cost := make([][]float64, nr)
		for i := range cost {
			cost[i] = make([]float64, nc)
			for j := range cost[i] {
				// Few distinct values, so that ties are common.
				cost[i][j] = float64(rng.IntN(4)) / 3
			}
		}
		rows, cols, err := Assign(cost)
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		if len(rows) != min(nr, nc) || len(cols) != len(rows) {
			t.Fatalf("trial %d: %d pairs for a %dx%d matrix", trial, len(rows), nr, nc)
		}
		seenR, seenC := map[int]bool{}, map[int]bool{}
		total := 0.0
		for k := range rows {
			if seenR[rows[k]] || seenC[cols[k]] || (k > 0 && rows[k] <= rows[k-1]) {
				t.Fatalf("trial %d: not a matching with ascending rows: %v %v", trial, rows, cols)
			}
			seenR[rows[k]], seenC[cols[k]] = true, true
			total += cost[rows[k]][cols[k]]
		}
		if want := bruteMin(cost); math.Abs(total-want) > 1e-9 {
			t.Errorf("trial %d: cost %v, brute force %v (matrix %v)", trial, total, want, cost)
		}
	}
}

// scipy's tie-breaking, which tilse's scores depend on.
func TestAssignTies(t *testing.T) {
	cases := []struct {
		name       string
		cost       [][]float64
		rows, cols []int
	}{
		{"constant square: identity", [][]float64{{1, 1, 1}, {1, 1, 1}, {1, 1, 1}}, []int{0, 1, 2}, []int{0, 1, 2}},
		{"constant wide", [][]float64{{0, 0, 0}, {0, 0, 0}}, []int{0, 1}, []int{0, 1}},
		{"constant tall", [][]float64{{0, 0}, {0, 0}, {0, 0}}, []int{0, 1}, []int{0, 1}},
		{"plain", [][]float64{{4, 1, 3}, {2, 0, 5}, {3, 2, 2}}, []int{0, 1, 2}, []int{1, 0, 2}},
		{"tall picks cheapest rows", [][]float64{{5}, {1}, {3}}, []int{1}, []int{0}},
	}
	for _, c := range cases {
		rows, cols, err := Assign(c.cost)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if diff := cmp.Diff([][]int{c.rows, c.cols}, [][]int{rows, cols}); diff != "" {
			t.Errorf("%s (-want +got):\n%s", c.name, diff)
		}
	}
}

func TestAssignErrors(t *testing.T) {
	if _, _, err := Assign([][]float64{{math.NaN()}}); err == nil {
		t.Error("NaN accepted")
	}
	if _, _, err := Assign([][]float64{{1, 2}, {3}}); err == nil {
		t.Error("ragged matrix accepted")
	}
	if _, _, err := Assign([][]float64{{math.Inf(1)}}); err != ErrInfeasible {
		t.Errorf("all-infinite matrix: err = %v, want ErrInfeasible", err)
	}
	if r, c, err := Assign(nil); r != nil || c != nil || err != nil {
		t.Errorf("empty matrix: %v %v %v", r, c, err)
	}
}

func TestArgminRows(t *testing.T) {
	rows, cols := argminRows([][]float64{{3, 1, 1}, {0, 2, 0}, {5, 5, 4}})
	if diff := cmp.Diff([][]int{{0, 1, 2}, {1, 0, 2}}, [][]int{rows, cols}); diff != "" {
		t.Errorf("argminRows (-want +got):\n%s", diff)
	}
}
