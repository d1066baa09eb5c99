package eval

import (
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Hello, world! it's snake_case 2024", []string{"Hello", "world", "it", "s", "snake_case", "2024"}},
		{"Ünïcode—dash…ellipsis", []string{"Ünïcode", "dash", "ellipsis"}},
		{"  ", nil},
	}
	for _, tt := range tests {
		if got := tokenize(tt.in); !cmp.Equal(got, tt.want, cmp.Comparer(func(a, b []string) bool {
			return strings.Join(a, "|") == strings.Join(b, "|")
		})) {
			t.Errorf("tokenize(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestShingles(t *testing.T) {
	j := func(ws ...string) string { return strings.Join(ws, "\x00") }
	tests := []struct {
		in   string
		want map[string]int
	}{
		{"a b c d e", map[string]int{j("a", "b", "c", "d"): 1, j("b", "c", "d", "e"): 1}},
		// Fewer than four tokens make one short shingle, as in evaluate.py.
		{"a b", map[string]int{j("a", "b"): 1}},
		{"", map[string]int{}},
		// Repeats are counted, not deduplicated.
		{"a b c d a b c d", map[string]int{j("a", "b", "c", "d"): 2, j("b", "c", "d", "a"): 1,
			j("c", "d", "a", "b"): 1, j("d", "a", "b", "c"): 1}},
	}
	for _, tt := range tests {
		if got := shingles(tt.in); !cmp.Equal(got, tt.want) {
			t.Errorf("shingles(%q) = %v; want %v", tt.in, got, tt.want)
		}
	}
}

func TestMatchShingles(t *testing.T) {
	tests := []struct {
		name, truth, pred string
		want              shingleCounts
		wantP, wantR      float64
	}{
		// Shingles abcd,bcde against abcd,bcdx: one of each, normalised.
		{"half right", "a b c d e", "a b c d x", shingleCounts{1.0 / 3, 1.0 / 3, 1.0 / 3}, 0.5, 0.5},
		// Truth has abcd twice plus bcda,cdab,dabc; prediction abcd once.
		{"multiplicity", "a b c d a b c d", "a b c d", shingleCounts{0.2, 0, 0.8}, 1, 0.2},
		{"exact", "one two three four five", "one two three four five", shingleCounts{1, 0, 0}, 1, 1},
		{"nothing predicted", "a b c d", "", shingleCounts{0, 0, 1}, 0, 0},
		{"both empty", "", "", shingleCounts{}, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := matchShingles(tt.truth, tt.pred)
			if !near(got.TP, tt.want.TP) || !near(got.FP, tt.want.FP) || !near(got.FN, tt.want.FN) {
				t.Errorf("matchShingles = %+v; want %+v", got, tt.want)
			}
			if p, r := precisionScore(got), recallScore(got); !near(p, tt.wantP) || !near(r, tt.wantR) {
				t.Errorf("precision, recall = %v, %v; want %v, %v", p, r, tt.wantP, tt.wantR)
			}
		})
	}
}

func TestShingleScores(t *testing.T) {
	pages := []shingleCounts{
		matchShingles("a b c d e", "a b c d x"),     // P 0.5, R 0.5
		matchShingles("a b c d a b c d", "a b c d"), // P 1, R 0.2
		matchShingles("a b c d", ""),                // no prediction: recall 0, not in precision
		matchShingles("", ""),                       // in neither average
	}
	p, r, f1 := shingleScores(pages)
	// precision (0.5+1)/2, recall (0.5+0.2+0)/3, F1 of the two.
	wantP, wantR := 0.75, 0.7/3
	wantF1 := 2 * wantP * wantR / (wantP + wantR)
	if !near(p, wantP) || !near(r, wantR) || !near(f1, wantF1) {
		t.Errorf("shingleScores = %v, %v, %v; want %v, %v, %v (F1 ≈ 0.3559)", p, r, f1, wantP, wantR, wantF1)
	}
}

func TestCountSnippets(t *testing.T) {
	with := []string{"alpha  beta", "gamma"}
	without := []string{"delta", "epsilon"}
	tests := []struct {
		name   string
		output string
		ok     bool
		want   Confusion
	}{
		// "alpha\n beta" matches "alpha  beta" once white space is folded.
		{"mixed", "xx alpha\n beta yy delta", true, Confusion{TP: 1, FP: 1, FN: 1, TN: 1}},
		{"perfect", "alpha beta gamma", true, Confusion{TP: 2, FN: 0, FP: 0, TN: 2}},
		{"failed extraction", "alpha beta delta", false, Confusion{FN: 2, TN: 2}},
	}
	for _, tt := range tests {
		if got := countSnippets(with, without, tt.output, tt.ok); got != tt.want {
			t.Errorf("%s: countSnippets(%q) = %+v; want %+v", tt.name, tt.output, got, tt.want)
		}
	}
}

func TestConfusionScores(t *testing.T) {
	tests := []struct {
		c                           Confusion
		wantP, wantR, wantA, wantF1 float64
	}{
		{Confusion{TP: 6, FP: 2, FN: 3, TN: 9}, 0.75, 6.0 / 9, 15.0 / 20, 12.0 / 17},
		{Confusion{}, 0, 0, 0, 0},
		{Confusion{FN: 4}, 0, 0, 0, 0},
	}
	for _, tt := range tests {
		p, r, a, f1 := tt.c.Scores()
		if !near(p, tt.wantP) || !near(r, tt.wantR) || !near(a, tt.wantA) || !near(f1, tt.wantF1) {
			t.Errorf("%+v.Scores() = %v, %v, %v, %v; want %v, %v, %v, %v",
				tt.c, p, r, a, f1, tt.wantP, tt.wantR, tt.wantA, tt.wantF1)
		}
	}
	var sum Confusion
	sum.Add(Confusion{TP: 1, FP: 2})
	sum.Add(Confusion{FN: 3, TN: 4})
	if want := (Confusion{1, 2, 3, 4}); sum != want {
		t.Errorf("Add: got %+v; want %+v", sum, want)
	}
}
