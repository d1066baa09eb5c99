package rouge

import (
	"strings"
	"testing"
)

var fuzzSeeds = [][2]string{
	{"The cat sat on the mat.", "The cat was on the mat."},
	{"BP's well-head leaked; 5,000 barrels/day!", "The well leaked 5000 barrels a day"},
	{"", "something"},
	{"only\npeer lines\n\n", "-- - ---"},
	{"Ünïcode ĳ İstanbul Kelvin \u212A", "istanbul kelvin k"},
}

// inRange reports whether every figure of s is a ratio in [0, 1] and F
// lies between P and R (the weighted harmonic mean does; Perl's rounding
// to 5 decimals may move it by 1e-5).
func inRange(s Score) bool {
	for _, v := range []float64{s.Recall, s.Precision, s.F} {
		if !(v >= 0 && v <= 1) {
			return false
		}
	}
	lo, hi := min(s.Recall, s.Precision), max(s.Recall, s.Precision)
	return s.F >= lo-1e-5 && s.F <= hi+1e-5
}

func FuzzPerl(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s[0], s[1])
	}
	o := Options{N: 2, SkipGap: 4, SkipUnigrams: true}
	f.Fuzz(func(t *testing.T, peer, model string) {
		got, err := Perl([]string{peer}, [][]string{{model}}, o)
		if err != nil {
			t.Fatal(err)
		}
		for k, s := range got {
			if !inRange(s) {
				t.Errorf("%s = %+v for %q vs %q", k, s, peer, model)
			}
		}
		// Clipping keeps the union LCS at or below the unigram overlap.
		if l, u := got["ROUGE-L"], got["ROUGE-1"]; l.Recall > u.Recall || l.Precision > u.Precision {
			t.Errorf("ROUGE-L %+v above ROUGE-1 %+v for %q vs %q", l, u, peer, model)
		}
		// A summary scored against itself is perfect wherever it has units.
		self, err := Perl([]string{peer}, [][]string{{peer}}, o)
		if err != nil {
			t.Fatal(err)
		}
		toks := strings.Fields(cleanText(asciiLower(strings.ReplaceAll(peer, "\n", " "))))
		words := 0
		for _, w := range toks {
			if w != "-" {
				words++
			}
		}
		for k, need := range map[string]int{"ROUGE-1": 1, "ROUGE-2": 2, "ROUGE-L": 1, "ROUGE-SU4": 2} {
			if words >= need && self[k] != (Score{1, 1, 1}) {
				t.Errorf("%s of %q against itself = %+v", k, peer, self[k])
			}
		}
	})
}

func FuzzScoreStyle(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s[0], s[1], true)
	}
	f.Fuzz(func(t *testing.T, pred, ref string, stem bool) {
		for k, s := range ScoreStyle(pred, []string{ref}, stem) {
			if !inRange(s) {
				t.Errorf("%s = %+v for %q vs %q", k, s, pred, ref)
			}
		}
		n := len(scoreTokens(pred, stem))
		for k, need := range map[string]int{"rouge1": 1, "rouge2": 2, "rougeL": 1} {
			if s := ScoreStyle(pred, []string{pred}, stem)[k]; n >= need && s != (Score{1, 1, 1}) {
				t.Errorf("%s of %q against itself = %+v", k, pred, s)
			}
		}
	})
}

// FuzzTokenizer checks the Perl normalisation's invariants and that both
// stemmers accept any token.
func FuzzTokenizer(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s[0])
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := cleanText(s)
		for i := 0; i < len(c); i++ {
			ch := c[i]
			ok := ch == '-' || ch == ' ' || 'a' <= ch && ch <= 'z' || 'A' <= ch && ch <= 'Z' || '0' <= ch && ch <= '9'
			if !ok || (ch == ' ' && (i == 0 || i == len(c)-1 || c[i-1] == ' ')) {
				t.Fatalf("cleanText(%q) = %q: bad byte or spacing at %d", s, c, i)
			}
		}
		if again := cleanText(c); again != c {
			t.Errorf("cleanText not idempotent: %q → %q", c, again)
		}
		for _, w := range strings.Fields(c) {
			w = asciiLower(w)
			if st := porterStem(w); len(w) >= 3 && st == "" {
				t.Errorf("porterStem(%q) is empty", w)
			}
		}
		for _, w := range pyFields(s) {
			_ = nltkStem(w) // must not panic on any Unicode token
		}
	})
}
