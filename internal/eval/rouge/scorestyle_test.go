package rouge

import (
	"math"
	"testing"
)

func TestScoreStyle(t *testing.T) {
	cases := []struct {
		name    string
		pred    string
		refs    []string
		stem    bool
		key     string
		r, p, f float64
	}{
		{"unigram subset", "testing", []string{"testing one two"}, false, "rouge1", 1.0 / 3, 1, 0.5},
		{"bigram subset", "testing one", []string{"testing one two"}, false, "rouge2", 0.5, 1, 2.0 / 3},
		{"LCS with a gap", "testing two", []string{"testing one two"}, false, "rougeL", 2.0 / 3, 1, 0.8},
		{"empty prediction", "", []string{"testing one two"}, false, "rouge1", 0, 0, 0},
		{"punctuation and case", "Testing, ONE!", []string{"testing one"}, false, "rouge1", 1, 1, 1},
		{"no stemming", "tests", []string{"testing"}, false, "rouge1", 0, 0, 0},
		{"NLTK stemming", "tests", []string{"testing"}, true, "rouge1", 1, 1, 1},
		{"short words unstemmed", "ran cats", []string{"ran cat"}, true, "rouge1", 1, 1, 1},
		{"best reference by F", "a b", []string{"x y", "a b c", "a b"}, false, "rouge1", 1, 1, 1},
		{"no references", "a b", nil, false, "rougeL", 0, 0, 0},
	}
	for _, c := range cases {
		got := ScoreStyle(c.pred, c.refs, c.stem)[c.key]
		if math.Abs(got.Recall-c.r) > 1e-12 || math.Abs(got.Precision-c.p) > 1e-12 || math.Abs(got.F-c.f) > 1e-12 {
			t.Errorf("%s: %s = %+v, want R %v P %v F %v", c.name, c.key, got, c.r, c.p, c.f)
		}
	}
}
