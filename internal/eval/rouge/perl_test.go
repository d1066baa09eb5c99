package rouge

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The expected values below are counted by hand from ROUGE's definitions.
func TestPerlHandCounted(t *testing.T) {
	peer := []string{"The cat sat on the mat."}
	model := [][]string{{"The cat was on the mat."}}
	cases := []struct {
		name string
		o    Options
		want map[string]Score
	}{
		{
			// unigrams: the×2 cat on mat hit 5 of 6; bigrams: "the cat",
			// "on the", "the mat" hit 3 of 5; LCS "the cat on the mat" 5.
			name: "n2 with ROUGE-L",
			o:    Options{N: 2},
			want: map[string]Score{
				"ROUGE-1": {0.83333, 0.83333, 0.83333},
				"ROUGE-2": {0.6, 0.6, 0.6},
				"ROUGE-L": {0.83333, 0.83333, 0.83333},
			},
		},
		{
			// -l 5 keeps "the cat sat on the" and "the cat was on the":
			// the, the, cat, on hit, 4 of 5.
			name: "word limit",
			o:    Options{N: 1, NoLCS: true, LengthWords: 5},
			want: map[string]Score{"ROUGE-1": {0.8, 0.8, 0.8}},
		},
		{
			// Skip-bigrams with at most one word between, plus the
			// unigrams of all but the last token (Perl's loop stops one
			// short): 5 unigrams + 9 pairs = 14 on each side. Shared:
			// the, the, cat, on + "the cat", "cat on", "on the",
			// "on mat", "the mat" = 9.
			name: "SU1 counts",
			o:    Options{SkipGap: 1, SkipUnigrams: true, NoLCS: true, Counts: true},
			want: map[string]Score{"ROUGE-SU1": {14, 14, 9}},
		},
		{
			name: "counts mode",
			o:    Options{N: 1, Counts: true},
			want: map[string]Score{
				"ROUGE-1": {6, 6, 5},
				"ROUGE-L": {6, 6, 5},
			},
		},
		{
			// Alpha 1 makes F equal to P.
			name: "alpha",
			o:    Options{N: 1, NoLCS: true, Alpha: 1},
			want: map[string]Score{"ROUGE-1": {0.83333, 0.83333, 0.83333}},
		},
	}
	for _, c := range cases {
		got, err := Perl(peer, model, c.o)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", c.name, diff)
		}
	}
}

func TestPerlModelFormulas(t *testing.T) {
	peer := []string{"a b c d"}
	models := [][]string{{"a b x y"}, {"a b c z"}}
	// -f A pools: hits 2+3 of 4+4 model unigrams, peer counted twice.
	gotA, err := Perl(peer, models, Options{N: 1, NoLCS: true})
	if err != nil {
		t.Fatal(err)
	}
	if want := (Score{0.625, 0.625, 0.625}); gotA["ROUGE-1"] != want {
		t.Errorf("-f A: got %+v, want %+v", gotA["ROUGE-1"], want)
	}
	// -f B takes the second model alone: 3 of 4.
	gotB, err := Perl(peer, models, Options{N: 1, NoLCS: true, Best: true})
	if err != nil {
		t.Fatal(err)
	}
	if want := (Score{0.75, 0.75, 0.75}); gotB["ROUGE-1"] != want {
		t.Errorf("-f B: got %+v, want %+v", gotB["ROUGE-1"], want)
	}
}

// TestPerlUnionLCS is the example of Lin (2004, section 3.2): reference
// "w1 w2 w3 w4 w5", candidate sentences "w1 w2 w6 w7 w8" and
// "w1 w3 w8 w9 w5"; the union LCS is w1 w2 w3 w5, so R = 4/5.
func TestPerlUnionLCS(t *testing.T) {
	got, err := Perl([]string{"w1 w2 w6 w7 w8", "w1 w3 w8 w9 w5"}, [][]string{{"w1 w2 w3 w4 w5"}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Clipping: w1 occurs once in the model, so it is one hit; P = 4/10.
	if want := (Score{0.8, 0.4, 0.53333}); got["ROUGE-L"] != want {
		t.Errorf("ROUGE-L = %+v, want %+v", got["ROUGE-L"], want)
	}
}

func TestPerlErrors(t *testing.T) {
	cases := []struct {
		name   string
		models [][]string
		o      Options
	}{
		{"no models", nil, Options{N: 1}},
		{"negative N", [][]string{{"a"}}, Options{N: -1}},
		{"both limits", [][]string{{"a"}}, Options{N: 1, LengthWords: 1, LengthBytes: 1}},
		{"alpha", [][]string{{"a"}}, Options{N: 1, Alpha: 2}},
	}
	for _, c := range cases {
		if _, err := Perl([]string{"a"}, c.models, c.o); err == nil {
			t.Errorf("%s: no error", c.name)
		}
	}
}

func TestMeanReplaysPerlBootstrap(t *testing.T) {
	// One item: every resample is that item.
	one := []map[string]Score{{"ROUGE-1": {0.5, 0.25, 0.33333}}}
	if got := Mean(one)["ROUGE-1"]; got != one[0]["ROUGE-1"] {
		t.Errorf("one item: got %+v, want %+v", got, one[0]["ROUGE-1"])
	}
	// Equal items: the bootstrap mean is their value.
	same := []map[string]Score{{"x": {0.1, 0.2, 0.3}}, {"x": {0.1, 0.2, 0.3}}, {"x": {0.1, 0.2, 0.3}}}
	if got := Mean(same)["x"]; got != (Score{0.1, 0.2, 0.3}) {
		t.Errorf("equal items: got %+v", got)
	}
	if got := Mean(nil); len(got) != 0 {
		t.Errorf("no items: got %v", got)
	}
}

func TestDrand48(t *testing.T) {
	// Perl 5.20+: perl -e 'srand(0); printf "%.17g\n", rand()'.
	g := newDrand48(0)
	if got, want := g.next(), 0.17082803610628972; got != want {
		t.Errorf("first draw after srand(0) = %.17g, want %.17g", got, want)
	}
}
