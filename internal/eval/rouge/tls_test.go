package rouge

import (
	"math"
	"testing"
)

// A three-day prediction against a two-day reference; the expected values
// are worked out by hand from tilse's definitions (single letters are
// their own NLTK stems; nothing here is a stopword).
func TestTLSHandWorked(t *testing.T) {
	pred := Timeline{"2010-01-01": {"a b c"}, "2010-01-03": {"d e"}, "2010-01-04": {"d e"}}
	ref := Timeline{"2010-01-01": {"a b x"}, "2010-01-02": {"d e"}}
	lex := &Lexicon{Stopwords: map[string]bool{}, Exceptions: map[string]string{}}
	got, err := tlsWith(lex, pred, []Timeline{ref}, false)
	if err != nil {
		t.Fatal(err)
	}
	f := func(p, r float64) Score { return Score{Recall: r, Precision: p, F: fScore(p, r)} }
	cases := []struct {
		name      string
		got, want Score
	}{
		// 1 of 3 predicted dates is a reference date, 1 of 2 reference dates predicted.
		{"date", got.Date, f(1.0/3, 0.5)},
		// a b c d e d e against a b x d e: a, b, d, e hit.
		{"concat R1", got.Concat[0], f(4.0/7, 4.0/5)},
		// bigrams ab bc cd de ed de against ab bx xd de: ab, de hit.
		{"concat R2", got.Concat[1], f(2.0/6, 2.0/4)},
		// only 01-01 is shared: 2 hits of 3+2+2 predicted, 3+2 reference tokens.
		{"agreement R1", got.Agreement[0], f(2.0/7, 2.0/5)},
		{"agreement R2", got.Agreement[1], f(1.0/4, 1.0/3)},
		// one-to-one by date: 01↔01 (weight 1), 03↔02 (weight 1/2); 04 unmatched.
		{"align R1", got.AlignDate[0], f(3.0/7, 3.0/5)},
		{"align R2", got.AlignDate[1], f(1.5/4, 1.5/3)},
		// align+: 03 and 04 tie for 02 (both cost 0); scipy keeps 03.
		{"align+ R1", got.AlignDateContent[0], f(3.0/7, 3.0/5)},
		// m:1: 04 joins 02 too (weight 1/3) for precision; recall unchanged.
		{"align+ m:1 R1", got.AlignManyToOne[0], f((3+2.0/3)/7, 3.0/5)},
		{"align+ m:1 R2", got.AlignManyToOne[1], f((1.5+1.0/3)/4, 1.5/3)},
	}
	for _, c := range cases {
		if math.Abs(c.got.Recall-c.want.Recall) > 1e-12 || math.Abs(c.got.Precision-c.want.Precision) > 1e-12 ||
			math.Abs(c.got.F-c.want.F) > 1e-12 {
			t.Errorf("%s: got %+v, want %+v", c.name, c.got, c.want)
		}
	}
}

func TestTLSReimplTokens(t *testing.T) {
	lex := &Lexicon{Stopwords: map[string]bool{"the": true, "'s": true}}
	e := &tlsEval{lex: lex}
	got := e.reimplTokens([][]string{{"The", "company", "'s", "wells", ",", "``", "leaking", "''", "."}})
	want := []string{"compani", "well", "leak"}
	if len(got) != len(want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("token %d: got %q, want %q", i, got[i], want[i])
		}
	}
}

func TestSEESentences(t *testing.T) {
	got := seeSentences([][]string{{"x^2", "is", "<b>", "bold"}, {}, {"<tag>"}, {"plain"}})
	want := []string{"x&circ;2 is ", "plain"}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("seeSentences = %q, want %q", got, want)
	}
}

func TestRawBagSkipsPunctuationSubstrings(t *testing.T) {
	bag := rawBag([]string{"a , :; `` '' ( ) () ,-"})
	for _, k := range []string{",", ":;", "(", ")", "()", ",-"} {
		if bag[k] != 0 {
			t.Errorf("%q counted", k)
		}
	}
	for _, k := range []string{"a", "``", "''"} {
		if bag[k] != 1 {
			t.Errorf("%q: count %d, want 1", k, bag[k])
		}
	}
}

func TestTLSErrors(t *testing.T) {
	lex := &Lexicon{Stopwords: map[string]bool{}}
	ok := Timeline{"2010-01-01": {"a"}}
	for _, c := range []struct {
		name string
		pred Timeline
		refs []Timeline
	}{
		{"empty prediction", Timeline{}, []Timeline{ok}},
		{"no references", ok, nil},
		{"empty references", ok, []Timeline{{}}},
		{"bad date", Timeline{"2010-13-01": {"a"}}, []Timeline{ok}},
	} {
		if _, err := tlsWith(lex, c.pred, c.refs, false); err == nil {
			t.Errorf("%s: no error", c.name)
		}
	}
}
