package rouge

import "strings"

// ScoreStyle scores pred against refs with the semantics of Google's
// rouge-score package (rouge_scorer.RougeScorer with rouge1, rouge2 and
// rougeL): text is lower-cased, every run of characters outside [a-z0-9]
// becomes a space, tokens longer than three characters are stemmed with
// NLTK's Porter stemmer when stem is set, and rougeL is the LCS of the
// whole texts (not ROUGE-1.5.5's sentence-level union). With several
// references each key keeps the reference with the highest F (the first
// on a tie), as score_multi does. Scores are not rounded. With no
// references every score is zero.
func ScoreStyle(pred string, refs []string, stem bool) map[string]Score {
	out := map[string]Score{"rouge1": {}, "rouge2": {}, "rougeL": {}}
	p := scoreTokens(pred, stem)
	p1, p2 := countGrams(p, 1), countGrams(p, 2)
	seen := false
	for _, ref := range refs {
		r := scoreTokens(ref, stem)
		cand := map[string]Score{
			"rouge1": fromCounts(overlap(countGrams(r, 1), p1), len(p), len(r)),
			"rouge2": fromCounts(overlap(countGrams(r, 2), p2), max(len(p)-1, 0), max(len(r)-1, 0)),
			"rougeL": fromCounts(lcsLen(r, p), len(p), len(r)),
		}
		for k, s := range cand {
			if !seen || s.F > out[k].F {
				out[k] = s
			}
		}
		seen = true
	}
	return out
}

// scoreTokens is rouge_score's tokenize.tokenize.
func scoreTokens(text string, stem bool) []string {
	lower := pyLower(text)
	var b strings.Builder
	for _, r := range lower {
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
			b.WriteRune(r)
		} else {
			b.WriteByte(' ')
		}
	}
	toks := strings.Fields(b.String())
	if stem {
		for i, t := range toks {
			if len(t) > 3 {
				toks[i] = nltkStem(t)
			}
		}
	}
	return toks
}

func countGrams(toks []string, n int) map[string]int {
	g := map[string]int{}
	for i := 0; i+n <= len(toks); i++ {
		g[strings.Join(toks[i:i+n], " ")]++
	}
	return g
}

func overlap(ref, pred map[string]int) int {
	h := 0
	for k, c := range ref {
		h += min(c, pred[k])
	}
	return h
}

// fromCounts is rouge_score's precision/recall/F1 with empty-side zeros.
func fromCounts(hit, predN, refN int) Score {
	p := float64(hit) / float64(max(predN, 1))
	r := float64(hit) / float64(max(refN, 1))
	f := 0.0
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return Score{Recall: r, Precision: p, F: f}
}

// lcsLen is the length of the longest common subsequence of two texts.
func lcsLen(a, b []string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for _, x := range a {
		for j, y := range b {
			if x == y {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(prev[j+1], cur[j])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
