package dedup

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/google/go-cmp/cmp"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{
			"The U.S. Senate met on Jan. 5 with Mr. Smith. He said “we will vote.” Prices rose 3.5 percent! Did they? yes, they did",
			[]string{"The U.S. Senate met on Jan. 5 with Mr. Smith.", "He said “we will vote.”", "Prices rose 3.5 percent!", "Did they? yes, they did"},
		},
		{"Headline without a stop\nFirst line of the body. Second one.", []string{"Headline without a stop", "First line of the body.", "Second one."}},
		{"“Quoted opening.” Then more... and an ending", []string{"“Quoted opening.”", "Then more... and an ending"}},
		{"  ... ", nil},
	}
	for _, tt := range tests {
		an := analyse(tt.text, []news.Paragraph{{Span: news.Span{Start: 0, End: len(tt.text)}}})
		var got []string
		for _, s := range an.sents {
			got = append(got, tt.text[s.start:s.end])
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("sentences of %q (-want +got):\n%s", tt.text, diff)
		}
	}
}

// TestContentHashFollowsNormaliseText: exact duplicates are what
// news.NormaliseText says they are.
func TestContentHashFollowsNormaliseText(t *testing.T) {
	texts := []string{
		"Storm halts the ferry.", "storm HALTS the  ferry", "Storm — halts “the” ferry!", "Storm halts a ferry.",
		"Café au lait, 3 euros.", "CAFÉ AU LAIT 3 EUROS", "Cafe au lait, 3 euros.", "Zürich's 2nd bridge", "zürich s 2nd bridge",
	}
	for _, a := range texts {
		for _, b := range texts {
			same := news.NormaliseText(a) == news.NormaliseText(b)
			fa, fb := Analyse(Doc{ID: "a", Text: a}, DefaultConfig()), Analyse(Doc{ID: "b", Text: b}, DefaultConfig())
			if got := fa.ContentHash == fb.ContentHash; got != same {
				t.Errorf("%q vs %q: equal ContentHash = %v, equal NormaliseText = %v", a, b, got, same)
			}
		}
	}
}

// TestSignatureAccuracy checks both signing schemes against the theory:
// the share of equal positions estimates the Jaccard without bias and
// with the standard error of k independent samples.
func TestSignatureAccuracy(t *testing.T) {
	for _, signing := range []Signing{OnePermutation, KPermutations} {
		cfg := DefaultConfig()
		cfg.Signing = signing
		r := rand.New(rand.NewPCG(7, uint64(signing)))
		for _, j := range []float64{0.2, 0.5, 0.8} {
			const n, trials = 400, 300
			var bias, sq float64
			for range trials {
				a, b, trueJ := randomPair(r, n, j)
				sa, sb := make(Signature, cfg.NumHashes), make(Signature, cfg.NumHashes)
				sign(sa, &cfg, a)
				sign(sb, &cfg, b)
				d := EstimateJaccard(sa, sb) - trueJ
				bias += d / trials
				sq += d * d / trials
			}
			theory := math.Sqrt(j * (1 - j) / float64(cfg.NumHashes))
			if math.Abs(bias) > 0.01 || math.Sqrt(sq) > 1.25*theory {
				t.Errorf("signing %d, J=%.1f: bias %+.4f, RMSE %.4f; want |bias| <= 0.01, RMSE <= %.4f",
					signing, j, bias, math.Sqrt(sq), 1.25*theory)
			}
		}
	}
}

// TestLSHCurve checks that the bands find pairs as often as the S-curve
// 1-(1-J^r)^b predicts, which is what the threshold documentation claims.
func TestLSHCurve(t *testing.T) {
	cfg := DefaultConfig()
	r := rand.New(rand.NewPCG(3, 3))
	for _, j := range []float64{0.3, 0.45, 0.6} {
		const trials = 400
		found := 0
		for i := range trials {
			a, b, _ := randomPair(r, 300, j)
			ix, _ := NewIndex(cfg)
			sa, sb := make(Signature, cfg.NumHashes), make(Signature, cfg.NumHashes)
			sign(sa, &cfg, a)
			sign(sb, &cfg, b)
			an := analysis{}
			ix.mu.Lock()
			k := ix.keys(&an, sa)
			ix.insert(&docRec{id: fmt.Sprint(i), an: analysis{words: []uint32{1}}}, &derived{}, &k)
			ix.mu.Unlock()
			if len(ix.Candidates(sb)) > 0 {
				found++
			}
		}
		got, want := float64(found)/trials, cfg.CandidateProbability(j)
		if math.Abs(got-want) > 0.08 {
			t.Errorf("J=%.2f: candidate rate %.3f, S-curve predicts %.3f", j, got, want)
		}
	}
}

// randomPair returns two sets of n random elements with Jaccard close to j.
func randomPair(r *rand.Rand, n int, j float64) (a, b []uint64, trueJ float64) {
	shared := int(math.Round(2 * float64(n) * j / (1 + j)))
	for range shared {
		x := r.Uint64()
		a, b = append(a, x), append(b, x)
	}
	for len(a) < n {
		a = append(a, r.Uint64())
	}
	for len(b) < n {
		b = append(b, r.Uint64())
	}
	return a, b, float64(shared) / float64(2*n-shared)
}

// TestSignIsStable pins the first signature values of a fixed text. Stored
// signatures depend on them: if this test fails after a deliberate change
// to tokenising or hashing, bump tokenizerVersion so that stored
// fingerprints are recognised as stale.
func TestSignIsStable(t *testing.T) {
	text := article("ferry", ferry).Text
	got := Sign(text, DefaultConfig())[:4]
	want := Signature{0x01ac7deb, 0x188fd919, 0x39b1e506, 0xc455a621}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Sign (-want +got):\n%s\nif intended, bump tokenizerVersion and update want", diff)
	}
	if diff := cmp.Diff(Sign(text, DefaultConfig()), Analyse(Doc{ID: "x", Text: text}, DefaultConfig()).Signature); diff != "" {
		t.Errorf("Sign vs Analyse signature (-sign +analyse):\n%s", diff)
	}
}
