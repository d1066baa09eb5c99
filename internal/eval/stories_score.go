package eval

// ClusterScores compares a predicted clustering of items with the gold
// one: BCubed (Bagga and Baldwin 1998, averaged over items) and pairwise
// precision, recall and F1 (over pairs of items put together).
type ClusterScores struct {
	Items, Gold, Predicted               int
	BCubedP, BCubedR, BCubedF1           float64
	PairP, PairR, PairF1                 float64
	GoldPairs, PredictedPairs, TruePairs int64
}

// scoreClusters scores pred against gold, both giving one cluster label
// per item, in the same item order.
func scoreClusters(gold, pred []string) ClusterScores {
	joint, gs, ps := contingency(gold, pred)
	s := ClusterScores{Items: len(gold), Gold: len(gs), Predicted: len(ps)}
	if len(gold) == 0 {
		return s
	}
	// Every item of cell (g, p) has the same BCubed precision n/|p| and
	// recall n/|g|, so the per-item averages are sums over cells.
	for c, n := range joint {
		nn := float64(n) * float64(n)
		s.BCubedP += nn / float64(ps[c.p])
		s.BCubedR += nn / float64(gs[c.g])
		s.TruePairs += pairs(n)
	}
	s.BCubedP /= float64(len(gold))
	s.BCubedR /= float64(len(gold))
	s.BCubedF1 = harmonic(s.BCubedP, s.BCubedR)
	for _, n := range gs {
		s.GoldPairs += pairs(n)
	}
	for _, n := range ps {
		s.PredictedPairs += pairs(n)
	}
	s.PairP, s.PairR = 1, 1 // no pair claimed (or none to find) is no error
	if s.PredictedPairs > 0 {
		s.PairP = float64(s.TruePairs) / float64(s.PredictedPairs)
	}
	if s.GoldPairs > 0 {
		s.PairR = float64(s.TruePairs) / float64(s.GoldPairs)
	}
	s.PairF1 = harmonic(s.PairP, s.PairR)
	return s
}

func pairs(n int) int64 { return int64(n) * int64(n-1) / 2 }

// cell is a (gold, predicted) pair of cluster labels.
type cell struct{ g, p string }

// contingency counts the items of each (gold, predicted) cell and the
// sizes of the gold and predicted clusters.
func contingency(gold, pred []string) (joint map[cell]int, gs, ps map[string]int) {
	joint, gs, ps = map[cell]int{}, map[string]int{}, map[string]int{}
	for i := range gold {
		joint[cell{gold[i], pred[i]}]++
		gs[gold[i]]++
		ps[pred[i]]++
	}
	return joint, gs, ps
}

// SizeLoss is the part of the BCubed loss carried by the items that sit
// in predicted clusters of one size band: Recall and Precision are those
// items' summed 1 − R and 1 − P divided by all items, so the bands of a
// set add up to 1 − BCubed R and 1 − BCubed P.
type SizeLoss struct {
	MinSize, MaxSize  int // predicted cluster sizes in the band; MaxSize 0: no limit
	Items             int
	Recall, Precision float64
}

// sizeBands are the bands lossBySize reports: single items, small, middling
// and large predicted clusters.
var sizeBands = [][2]int{{1, 1}, {2, 10}, {11, 50}, {51, 0}}

// lossBySize splits the BCubed loss of pred against gold by the size of
// the predicted cluster each item sits in: it tells recall lost to
// fragments from precision lost inside big merged clusters.
func lossBySize(gold, pred []string) []SizeLoss {
	joint, gs, ps := contingency(gold, pred)
	out := make([]SizeLoss, len(sizeBands))
	for b, band := range sizeBands {
		out[b].MinSize, out[b].MaxSize = band[0], band[1]
	}
	for c, n := range joint {
		size := ps[c.p]
		for b := range out {
			if size >= out[b].MinSize && (out[b].MaxSize == 0 || size <= out[b].MaxSize) {
				nf := float64(n)
				out[b].Items += n
				out[b].Recall += nf * (1 - nf/float64(gs[c.g]))
				out[b].Precision += nf * (1 - nf/float64(size))
				break
			}
		}
	}
	for b := range out {
		out[b].Recall /= float64(max(len(gold), 1))
		out[b].Precision /= float64(max(len(gold), 1))
	}
	return out
}
