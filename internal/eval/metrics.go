package eval

import (
	"strings"
	"unicode"
)

// This file holds the scoring rules of the two text benchmarks, ported
// from their reference scripts so that our figures compare with theirs:
// scrapinghub/article-extraction-benchmark evaluate.py (shingles) and
// adbar/trafilatura tests/eval_common.py (snippets).

// shingleCounts is the per-page outcome of the shingle metric, normalised
// so that TP+FP+FN = 1 (or all zero when both texts are empty): long
// articles must not outweigh short ones.
type shingleCounts struct{ TP, FP, FN float64 }

// tokenize splits text the way Python's re.findall(r'\w+') does on str:
// runs of letters, digits and underscores. Case is kept, as there.
func tokenize(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_')
	})
}

// shingles counts the 4-word shingles of text with multiplicity. As in
// the reference, a text of 1-3 tokens yields one shorter shingle, and an
// empty text none.
func shingles(text string) map[string]int {
	const n = 4
	toks := tokenize(text)
	out := make(map[string]int)
	for i := 0; i < max(1, len(toks)-n+1); i++ {
		end := min(i+n, len(toks))
		if end <= i {
			break
		}
		out[strings.Join(toks[i:end], "\x00")]++
	}
	return out
}

// matchShingles scores one prediction against its ground truth.
func matchShingles(truth, pred string) shingleCounts {
	ts, ps := shingles(truth), shingles(pred)
	var c shingleCounts
	for k, t := range ts {
		p := ps[k]
		c.TP += float64(min(t, p))
		c.FN += float64(max(0, t-p))
	}
	for k, p := range ps {
		c.FP += float64(max(0, p-ts[k]))
	}
	if s := c.TP + c.FP + c.FN; s > 0 {
		c.TP, c.FP, c.FN = c.TP/s, c.FP/s, c.FN/s
	}
	return c
}

// shingleScores averages per-page precision and recall and takes the F1
// of the two averages, the benchmark's definition. Pages with an empty
// prediction are left out of the precision average and pages with an
// empty truth out of the recall average, as evaluate.py does.
func shingleScores(pages []shingleCounts) (precision, recall, f1 float64) {
	var ps, rs []float64
	for _, c := range pages {
		if c.TP+c.FP > 0 {
			ps = append(ps, precisionScore(c))
		}
		if c.TP+c.FN > 0 {
			rs = append(rs, recallScore(c))
		}
	}
	precision, recall = mean(ps), mean(rs)
	if precision+recall > 0 {
		f1 = 2 * precision * recall / (precision + recall)
	}
	return precision, recall, f1
}

func precisionScore(c shingleCounts) float64 {
	switch {
	case c.FP == 0 && c.FN == 0:
		return 1
	case c.TP == 0 && c.FP == 0:
		return 0
	}
	return c.TP / (c.TP + c.FP)
}

func recallScore(c shingleCounts) float64 {
	switch {
	case c.FP == 0 && c.FN == 0:
		return 1
	case c.TP == 0 && c.FN == 0:
		return 0
	}
	return c.TP / (c.TP + c.FN)
}

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	var s float64
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// Confusion counts snippet outcomes over a corpus: a "with" snippet found
// in the output is a true positive, one missing a false negative; a
// "without" snippet found is a false positive, one missing a true
// negative. Counts are summed over pages (micro-averaged).
type Confusion struct {
	TP, FP, FN, TN int
}

// snippetNorm collapses whitespace as Python's re.sub(r"\s+", " ", s)
// does on str, so layout differences don't count as misses.
func snippetNorm(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f)
	}), " ")
}

// countSnippets scores one page's output. A failed extraction is passed
// as ok=false and, as in the reference, misses every "with" snippet and
// avoids every "without" one.
func countSnippets(with, without []string, output string, ok bool) Confusion {
	var c Confusion
	out := snippetNorm(output)
	for _, w := range with {
		if ok && strings.Contains(out, snippetNorm(w)) {
			c.TP++
		} else {
			c.FN++
		}
	}
	for _, w := range without {
		if ok && strings.Contains(out, snippetNorm(w)) {
			c.FP++
		} else {
			c.TN++
		}
	}
	return c
}

// Add accumulates another page's counts.
func (c *Confusion) Add(o Confusion) {
	c.TP += o.TP
	c.FP += o.FP
	c.FN += o.FN
	c.TN += o.TN
}

// Scores returns precision, recall, accuracy and F1, each 0 when its
// denominator is.
func (c Confusion) Scores() (precision, recall, accuracy, f1 float64) {
	ratio := func(a, b int) float64 {
		if b == 0 {
			return 0
		}
		return float64(a) / float64(b)
	}
	precision = ratio(c.TP, c.TP+c.FP)
	recall = ratio(c.TP, c.TP+c.FN)
	accuracy = ratio(c.TP+c.TN, c.TP+c.TN+c.FP+c.FN)
	f1 = ratio(2*c.TP, 2*c.TP+c.FP+c.FN)
	return precision, recall, accuracy, f1
}
