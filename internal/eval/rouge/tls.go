package rouge

import (
	"errors"
	"sort"
	"strings"
	"time"
)

// This file is tilse's TimelineRougeEvaluator (Martschat and Markert
// 2017, tilse/evaluation/rouge.py) with measures rouge_1 and rouge_2 and
// beta 1, and tilse's date evaluation. Every metric is micro-averaged:
// hit, peer and model n-gram counts are summed over the compared day
// pairs before P and R are taken.

// TLSScores are tilse's timeline metrics; index 0 is ROUGE-1, 1 ROUGE-2.
type TLSScores struct {
	// Concat compares the concatenations of all daily summaries.
	Concat [2]Score
	// Agreement compares daily summaries of the same date only.
	Agreement [2]Score
	// AlignDate ("align") matches dates one-to-one by date distance and
	// weights each pair's hits by 1/(days apart + 1).
	AlignDate [2]Score
	// AlignDateContent ("align+") matches one-to-one by date distance
	// times content dissimilarity.
	AlignDateContent [2]Score
	// AlignManyToOne ("align+ m:1", news-tls' "AR") lets each date take
	// its cheapest counterpart under the align+ cost.
	AlignManyToOne [2]Score
	// Date is precision, recall and F1 of the predicted dates against the
	// union of the reference dates.
	Date Score
}

// TLS evaluates pred against the reference timelines with tilse's
// metrics. original selects tilse's rouge_computation="original" (the
// Perl counts of "-a -n 2 -x -m -s -f A -t 2" on its SEE files); false
// selects "reimpl", tilse's Python ROUGE (NLTK Porter stemming, ROUGE's
// stopwords, punctuation ignored). Both need DefaultLexicon's word lists.
func TLS(pred Timeline, refs []Timeline, original bool) (TLSScores, error) {
	lex, err := DefaultLexicon()
	if err != nil {
		return TLSScores{}, err
	}
	return tlsWith(lex, pred, refs, original)
}

func tlsWith(lex *Lexicon, pred Timeline, refs []Timeline, original bool) (TLSScores, error) {
	if len(pred) == 0 {
		return TLSScores{}, errors.New("rouge: predicted timeline has no dates")
	}
	if len(refs) == 0 {
		return TLSScores{}, errors.New("rouge: no reference timelines")
	}
	e := &tlsEval{lex: lex, original: original, pred: pred, refs: refs, cache: map[[2]string][2]tlsCounts{}}
	e.predDates = sortedDates(pred)
	union := map[string]bool{}
	for _, r := range refs {
		for d := range r {
			union[d] = true
		}
	}
	e.refDates = sortedSet(union)
	if len(e.refDates) == 0 {
		return TLSScores{}, errors.New("rouge: reference timelines have no dates")
	}
	for _, d := range append(append([]string(nil), e.predDates...), e.refDates...) {
		if _, err := dayNumber(d); err != nil {
			return TLSScores{}, err
		}
	}

	var s TLSScores
	var err error
	if s.Concat, err = e.concat(); err != nil {
		return s, err
	}
	if s.Agreement, err = e.agreement(); err != nil {
		return s, err
	}
	if s.AlignDate, err = e.aligned(e.dateCosts, true); err != nil {
		return s, err
	}
	if s.AlignDateContent, err = e.aligned(e.contentCosts, true); err != nil {
		return s, err
	}
	if s.AlignManyToOne, err = e.aligned(e.contentCosts, false); err != nil {
		return s, err
	}
	both := 0
	for _, d := range e.predDates {
		if union[d] {
			both++
		}
	}
	p := float64(both) / float64(len(e.predDates))
	r := float64(both) / float64(len(e.refDates))
	s.Date = Score{Recall: r, Precision: p, F: fScore(p, r)}
	return s, nil
}

// tlsCounts are one ROUGE measure's counts for one comparison.
type tlsCounts struct{ hit, peer, model int }

type tlsEval struct {
	lex                 *Lexicon
	original            bool
	pred                Timeline
	refs                []Timeline
	predDates, refDates []string
	cache               map[[2]string][2]tlsCounts
}

// concat compares all sentences, date by date in order.
func (e *tlsEval) concat() ([2]Score, error) {
	var p [][]string
	for _, d := range e.predDates {
		p = append(p, splitSents(e.pred[d])...)
	}
	refs := make([][][]string, len(e.refs))
	for i, r := range e.refs {
		for _, d := range sortedDates(r) {
			refs[i] = append(refs[i], splitSents(r[d])...)
		}
	}
	c, err := e.counts(p, refs)
	if err != nil {
		return [2]Score{}, err
	}
	var out [2]Score
	for m := range out {
		// tilse divides without a guard; an empty side scores 0 here.
		out[m] = ratios(float64(c[m].hit), float64(c[m].peer), float64(c[m].hit), float64(c[m].model))
	}
	return out, nil
}

// agreement compares the summaries of each date in either timeline;
// precision sums over predicted dates, recall over reference dates.
func (e *tlsEval) agreement() ([2]Score, error) {
	dates := map[string]bool{}
	for _, d := range e.predDates {
		dates[d] = true
	}
	for _, d := range e.refDates {
		dates[d] = true
	}
	var pn, pd, rn, rd [2]float64
	for _, d := range sortedSet(dates) {
		c, err := e.pair(d, d)
		if err != nil {
			return [2]Score{}, err
		}
		_, inPred := e.pred[d]
		inRef := e.inRefs(d)
		for m := range c {
			if inPred {
				pn[m] += float64(c[m].hit)
				pd[m] += float64(c[m].peer)
			}
			if inRef {
				rn[m] += float64(c[m].hit)
				rd[m] += float64(c[m].model)
			}
		}
	}
	var out [2]Score
	for m := range out {
		out[m] = ratios(pn[m], pd[m], rn[m], rd[m])
	}
	return out, nil
}

func (e *tlsEval) inRefs(d string) bool {
	for _, r := range e.refs {
		if _, ok := r[d]; ok {
			return true
		}
	}
	return false
}

// ratios is tilse's guarded P and R and its F_1.
func ratios(pNum, pDen, rNum, rDen float64) Score {
	var s Score
	if pDen != 0 {
		s.Precision = pNum / pDen
	}
	if rDen != 0 {
		s.Recall = rNum / rDen
	}
	s.F = fScore(s.Precision, s.Recall)
	return s
}

// fScore is tilse's get_f_score with beta 1.
func fScore(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// splitSents is tilse's [sent.split() for sent in summary].
func splitSents(sents []string) [][]string {
	out := make([][]string, len(sents))
	for i, s := range sents {
		out[i] = pyFields(s)
	}
	return out
}

func sortedDates(t Timeline) []string {
	out := make([]string, 0, len(t))
	for d := range t {
		out = append(out, d)
	}
	sort.Strings(out) // ISO dates sort chronologically
	return out
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for d := range m {
		out = append(out, d)
	}
	sort.Strings(out)
	return out
}

// dayNumber is a date's day count, for Python's toordinal differences.
func dayNumber(iso string) (int, error) {
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(iso))
	if err != nil {
		return 0, errors.New("rouge: timeline date " + iso + " is not YYYY-MM-DD")
	}
	return int(t.Unix() / 86400), nil
}

// MeanPR is news-tls' aggregation over tasks (Ghalandari and Ifrim 2020):
// the mean precision and mean recall, and the F1 of those two means (not
// the mean of the per-task F1 scores). No items give zeros.
func MeanPR(items []Score) Score {
	if len(items) == 0 {
		return Score{}
	}
	var p, r float64
	for _, s := range items {
		p += s.Precision
		r += s.Recall
	}
	p /= float64(len(items))
	r /= float64(len(items))
	return Score{Recall: r, Precision: p, F: fScore(p, r)}
}
