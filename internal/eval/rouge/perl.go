package rouge

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Options are ROUGE-1.5.5.pl's scoring options. The zero value is Perl run
// without options, which computes ROUGE-L only (ROUGE-N needs -n, and -x
// turns ROUGE-L off); "-n 2 -m -x" is Options{N: 2, Stem: true, NoLCS:
// true}. Perl's -a, -d and -e have no counterpart (each call is one
// evaluation), nor do -c and -r (Mean always replays 1000 resamples).
type Options struct {
	// N is -n: ROUGE-1 up to ROUGE-N are computed (0: none).
	N int
	// Stem is -m: words longer than three letters are replaced by their
	// WordNet exception base form or else their Porter stem.
	Stem bool
	// Stopwords is -s: SMART stopwords are removed before counting.
	Stopwords bool
	// SkipGap is -2: skip-bigrams with at most SkipGap words between the
	// pair (ROUGE-S4 for 4). 0 computes no skip-bigrams; a negative value
	// is Perl's -2 -1, no gap limit (ROUGE-S*).
	SkipGap int
	// SkipUnigrams is -u: skip-bigram counts include unigrams (ROUGE-SU).
	SkipUnigrams bool
	// LengthWords is -l: only the first LengthWords words of the peer and
	// of each model are read (0: no limit).
	LengthWords int
	// LengthBytes is -b: only the first LengthBytes bytes are read (0: no
	// limit). -l and -b exclude each other, as in Perl.
	LengthBytes int
	// Alpha is -p: F = P·R / ((1-Alpha)·P + Alpha·R). Zero selects Perl's
	// default, 0.5 (Perl's -p 0 gives F = R, which Recall already holds).
	Alpha float64
	// Best is -f B: each score comes from the single best-matching model
	// (by recall) instead of pooling the counts of all models (-f A).
	Best bool
	// Counts is -t 2: instead of ratios, each Score holds Perl's raw
	// counts in its printed order: Recall = model n-gram count,
	// Precision = peer n-gram count (once per model under -f A), F = hits.
	Counts bool
	// NoLCS is -x: ROUGE-L is not computed.
	NoLCS bool
	// Lexicon supplies the word lists for Stem and Stopwords; nil means
	// DefaultLexicon. It is not read when neither option is set.
	Lexicon *Lexicon
}

// Score is one ROUGE figure: recall, precision and F (the F-measure with
// Options.Alpha for Perl, F1 elsewhere). Under Options.Counts the fields
// hold Perl's raw counts instead (see there).
type Score struct{ Recall, Precision, F float64 }

// evaluator carries the options of one Perl call.
type evaluator struct {
	o     Options
	alpha float64
	lex   *Lexicon
}

// document is one summary as ROUGE reads it: the whole text's tokens for
// n-gram counting and the per-sentence tokens for ROUGE-L.
type document struct {
	tokens []string
	sents  [][]string
}

// Perl scores one peer summary against one or more model summaries the
// way ROUGE-1.5.5.pl does for one evaluation with an SPL config (one
// sentence per line), returning what its -d lines print: keys "ROUGE-1"
// to "ROUGE-N", "ROUGE-L" and "ROUGE-S4"/"ROUGE-SU4" (or "ROUGE-S*"),
// each rounded to 5 decimals, with F computed from the rounded R and P.
func Perl(peer []string, models [][]string, o Options) (map[string]Score, error) {
	e, err := newEvaluator(o)
	if err != nil {
		return nil, err
	}
	if len(models) == 0 {
		return nil, errors.New("rouge: no model summaries")
	}
	p := e.read(splLines(peer))
	ms := make([]document, len(models))
	for i, m := range models {
		ms[i] = e.read(splLines(m))
	}
	return e.score(p, ms), nil
}

func newEvaluator(o Options) (*evaluator, error) {
	switch {
	case o.N < 0:
		return nil, fmt.Errorf("rouge: N = %d", o.N)
	case o.LengthWords < 0 || o.LengthBytes < 0:
		return nil, errors.New("rouge: negative length limit")
	case o.LengthWords > 0 && o.LengthBytes > 0:
		return nil, errors.New("rouge: specify the length limit in words or bytes, not both")
	case o.Alpha < 0 || o.Alpha > 1:
		return nil, fmt.Errorf("rouge: alpha %v outside [0, 1]", o.Alpha)
	}
	e := &evaluator{o: o, alpha: o.Alpha, lex: o.Lexicon}
	if e.alpha == 0 {
		e.alpha = 0.5
	}
	if (o.Stem || o.Stopwords) && e.lex == nil {
		lex, err := DefaultLexicon()
		if err != nil {
			return nil, err
		}
		e.lex = lex
	}
	return e, nil
}

func (e *evaluator) read(lines []string) document {
	var d document
	d.tokens = e.filterTokens(readText(lines, e.o.LengthWords, e.o.LengthBytes))
	for _, s := range readTextLCS(lines, e.o.LengthWords, e.o.LengthBytes) {
		d.sents = append(d.sents, e.filterTokens(s))
	}
	return d
}

func (e *evaluator) score(p document, ms []document) map[string]Score {
	out := make(map[string]Score)
	for n := 1; n <= e.o.N; n++ {
		out["ROUGE-"+strconv.Itoa(n)] = e.gramScore(ngrams(p.tokens, n), ms, func(m document) map[string]int {
			return ngrams(m.tokens, n)
		})
	}
	if !e.o.NoLCS {
		out["ROUGE-L"] = e.lcsScore(p, ms)
	}
	if e.o.SkipGap != 0 {
		name := "ROUGE-S"
		if e.o.SkipUnigrams {
			name = "ROUGE-SU"
		}
		if e.o.SkipGap < 0 {
			name += "*"
		} else {
			name += strconv.Itoa(e.o.SkipGap)
		}
		out[name] = e.gramScore(e.skipBigrams(p.tokens), ms, func(m document) map[string]int {
			return e.skipBigrams(m.tokens)
		})
	}
	return out
}

// countKey holds a gram map's total, like Perl's "_cn_" entry; a gram is
// never empty, so the key cannot collide.
const countKey = ""

// ngrams is createNGram: every run of n tokens, counted.
func ngrams(toks []string, n int) map[string]int {
	g := map[string]int{countKey: 0}
	for i := 0; i+n <= len(toks); i++ {
		g[strings.Join(toks[i:i+n], " ")]++
		g[countKey]++
	}
	return g
}

// skipBigrams is createSkipBigram. Its outer loop stops one token short,
// so under -u the last token's unigram is never counted, as in Perl.
func (e *evaluator) skipBigrams(toks []string) map[string]int {
	g := map[string]int{countKey: 0}
	for i := 0; i < len(toks)-1; i++ {
		if e.o.SkipUnigrams {
			g[toks[i]]++
			g[countKey]++
		}
		for j := i + 1; j < len(toks) && (e.o.SkipGap < 0 || j <= i+e.o.SkipGap+1); j++ {
			g[toks[i]+" "+toks[j]]++
			g[countKey]++
		}
	}
	return g
}

// hits is ngramScore's clipped overlap.
func hits(model, peer map[string]int) int {
	h := 0
	for k, c := range model {
		if k != countKey {
			h += min(c, peer[k])
		}
	}
	return h
}

// gramScore is computeNGramScore (and computeSkipBigramScore, which is the
// same code): under -f A the counts of all models are pooled, the peer's
// count once per model; under -f B the model with the best rounded recall
// wins, the first one on a tie.
func (e *evaluator) gramScore(peer map[string]int, ms []document, grams func(document) map[string]int) Score {
	var model, peerN, hit int
	best := -1.0
	for _, m := range ms {
		mg := grams(m)
		h := hits(mg, peer)
		if !e.o.Best {
			hit += h
			model += mg[countKey]
			peerN += peer[countKey]
			continue
		}
		r := 0.0
		if mg[countKey] != 0 {
			r = round5(float64(h) / float64(mg[countKey]))
		}
		if r > best {
			best, hit, model, peerN = r, h, mg[countKey], peer[countKey]
		}
	}
	return e.finish(model, peerN, hit)
}

// finish turns counts into what Perl prints: R and P rounded to 5
// decimals, and F from those rounded values, rounded again.
func (e *evaluator) finish(model, peer, hit int) Score {
	if e.o.Counts {
		return Score{Recall: float64(model), Precision: float64(peer), F: float64(hit)}
	}
	var s Score
	if model != 0 {
		s.Recall = round5(float64(hit) / float64(model))
	}
	if peer != 0 {
		s.Precision = round5(float64(hit) / float64(peer))
	}
	if d := (1-e.alpha)*s.Precision + e.alpha*s.Recall; d > 0 {
		s.F = round5(s.Precision * s.Recall / d)
	}
	return s
}

// round5 is Perl's sprintf("%7.5f") read back as a number.
func round5(x float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 5, 64), 64)
	return v
}
