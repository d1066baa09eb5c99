package rouge

// This file is ROUGE-1.5.5's summary-level ROUGE-L (Lin 2004, section
// 3.2): for each model sentence, the union of its longest common
// subsequences with every peer sentence is marked, and a marked word
// counts as a hit only while both summaries still have an unused
// occurrence of it (the clipping added in ROUGE 1.4.1, which keeps
// ROUGE-L at or below ROUGE-1).

// lcsScore is computeLCSScore.
func (e *evaluator) lcsScore(p document, ms []document) Score {
	peer1 := ngrams(p.tokens, 1)
	var model, peerN, hit int
	best := -1.0
	var buf lcsTable
	for _, m := range ms {
		mh, base := buf.unionHits(m, p.sents, ngrams(m.tokens, 1), clone(peer1))
		if !e.o.Best {
			hit += mh
			model += base
			peerN += peer1[countKey]
			continue
		}
		r := 0.0 // Perl compares the unrounded ratio here
		if base > 0 {
			r = float64(mh) / float64(base)
		}
		if r > best {
			best, hit, model, peerN = r, mh, base, peer1[countKey]
		}
	}
	return e.finish(model, peerN, hit)
}

func clone(m map[string]int) map[string]int {
	c := make(map[string]int, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

// lcsTable is the dynamic-programming table, reused across sentence pairs.
type lcsTable struct{ c []int32 }

// unionHits is Perl's lcs(): it returns the clipped union-LCS hits of one
// model against the peer sentences and the model's token count (base).
// model1 and peer1 are unigram counts that it consumes as hits are taken.
func (t *lcsTable) unionHits(m document, peer [][]string, model1, peer1 map[string]int) (hit, base int) {
	for _, ms := range m.sents {
		base += len(ms)
		if len(ms) == 0 {
			continue
		}
		mask := make([]bool, len(ms))
		for _, ps := range peer {
			t.mark(ms, ps, mask)
		}
		for i, w := range ms {
			if mask[i] && model1[w] > 0 && peer1[w] > 0 {
				hit++
				model1[w]--
				peer1[w]--
			}
		}
	}
	return hit, base
}

// mark fills the LCS table of model sentence x against peer sentence y and
// walks back from the end as Perl's markLCS does, marking the model words
// on the path. The walk prefers a diagonal on equal words, then "up" when
// the cell above is at least the cell to the left: with ties between
// equally long subsequences this choice decides which words are marked.
func (t *lcsTable) mark(x, y []string, mask []bool) {
	m, n := len(x), len(y)
	w := n + 1
	if need := (m + 1) * w; cap(t.c) < need {
		t.c = make([]int32, need)
	} else {
		t.c = t.c[:need]
		clear(t.c)
	}
	c := t.c
	for i := 1; i <= m; i++ {
		for j := 1; j <= n; j++ {
			switch {
			case x[i-1] == y[j-1]:
				c[i*w+j] = c[(i-1)*w+j-1] + 1
			case c[(i-1)*w+j] >= c[i*w+j-1]:
				c[i*w+j] = c[(i-1)*w+j]
			default:
				c[i*w+j] = c[i*w+j-1]
			}
		}
	}
	for i, j := m, n; i > 0 && j > 0; {
		switch {
		case x[i-1] == y[j-1]:
			i--
			j--
			mask[i] = true
		case c[(i-1)*w+j] >= c[i*w+j-1]:
			i--
		default:
			j--
		}
	}
}
