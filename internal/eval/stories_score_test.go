package eval

import (
	"math"
	"testing"
)

func TestScoreClusters(t *testing.T) {
	tests := []struct {
		name                   string
		gold, pred             []string
		bP, bR, bF, pP, pR, pF float64
	}{
		// cells (A,x)=2 (A,y)=1 (B,y)=2: BCubed P = (4/2+1/3+4/3)/5, R = (4/3+1/3+4/2)/5;
		// pairs: 2 true of 4 predicted and 4 gold
		{"mixed", []string{"A", "A", "A", "B", "B"}, []string{"x", "x", "y", "y", "y"},
			11.0 / 15, 11.0 / 15, 11.0 / 15, 0.5, 0.5, 0.5},
		// singletons: every item precise, A's items recall 1/2; no pair claimed
		{"singletons", []string{"A", "A", "B"}, []string{"1", "2", "3"},
			1, 2.0 / 3, 0.8, 1, 0, 0},
		{"all in one", []string{"A", "A", "B"}, []string{"x", "x", "x"},
			(4.0/3 + 1.0/3) / 3, 1, 2 * (5.0 / 9) / (5.0/9 + 1), 1.0 / 3, 1, 0.5},
		{"perfect", []string{"A", "B", "A"}, []string{"q", "r", "q"}, 1, 1, 1, 1, 1, 1},
	}
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	for _, tt := range tests {
		s := scoreClusters(tt.gold, tt.pred)
		got := []float64{s.BCubedP, s.BCubedR, s.BCubedF1, s.PairP, s.PairR, s.PairF1}
		want := []float64{tt.bP, tt.bR, tt.bF, tt.pP, tt.pR, tt.pF}
		for i := range got {
			if !near(got[i], want[i]) {
				t.Errorf("%s: got BCubed P/R/F1 pairwise P/R/F1 %.4f, want %.4f", tt.name, got, want)
				break
			}
		}
	}
}

func TestLineStats(t *testing.T) {
	got := lineStats([]string{"A", "A", "B", "C"}, []string{"l1", "l1", "l1", "l2"})
	want := LineStats{Lines: 2, LinkedGold: 2, LargestGold: 2}
	if got != want {
		t.Errorf("lineStats = %+v, want %+v", got, want)
	}
}

func TestHeadline(t *testing.T) {
	tests := []struct{ in, title, body string }{
		{"Dam opens in Brisk\n\nThe dam opened today.", "Dam opens in Brisk", "The dam opened today."},
		{"The dam opened today.\n\nMore text.", "", "The dam opened today.\n\nMore text."},
		{"One paragraph only", "", "One paragraph only"},
	}
	for _, tt := range tests {
		title, body := headline(tt.in)
		if title != tt.title || body != tt.body {
			t.Errorf("headline(%q) = %q, %q; want %q, %q", tt.in, title, body, tt.title, tt.body)
		}
	}
}

// TestLossBySize: the bands add up to the BCubed losses, and each item's
// loss lands in its predicted cluster's band.
func TestLossBySize(t *testing.T) {
	// x holds A,A (2 items), y holds A,B,B (3), z holds B (1).
	gold := []string{"A", "A", "A", "B", "B", "B"}
	pred := []string{"x", "x", "y", "y", "y", "z"}
	got := lossBySize(gold, pred)
	// Band 1 (z): B's item, recall 1/3, so loss 2/3; precision 1.
	// Band 2–10 (x, y): (A,x) 2 items recall 2/3; (A,y) 1 item recall
	// 1/3, precision 1/3; (B,y) 2 items recall 2/3, precision 2/3.
	wantR := []float64{2.0 / 3 / 6, (2*(1-2.0/3) + (1 - 1.0/3) + 2*(1-2.0/3)) / 6, 0, 0}
	wantP := []float64{0, ((1 - 1.0/3) + 2*(1-2.0/3)) / 6, 0, 0}
	wantN := []int{1, 5, 0, 0}
	s := scoreClusters(gold, pred)
	var sumR, sumP float64
	for b := range got {
		if got[b].Items != wantN[b] || math.Abs(got[b].Recall-wantR[b]) > 1e-9 || math.Abs(got[b].Precision-wantP[b]) > 1e-9 {
			t.Errorf("band %d-%d: got %d items, recall loss %.4f, precision loss %.4f; want %d, %.4f, %.4f",
				got[b].MinSize, got[b].MaxSize, got[b].Items, got[b].Recall, got[b].Precision, wantN[b], wantR[b], wantP[b])
		}
		sumR += got[b].Recall
		sumP += got[b].Precision
	}
	if math.Abs(sumR-(1-s.BCubedR)) > 1e-9 || math.Abs(sumP-(1-s.BCubedP)) > 1e-9 {
		t.Errorf("bands add up to recall loss %.4f, precision loss %.4f; want 1-R %.4f, 1-P %.4f", sumR, sumP, 1-s.BCubedR, 1-s.BCubedP)
	}
}
