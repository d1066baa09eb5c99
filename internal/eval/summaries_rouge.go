package eval

import (
	"fmt"

	"github.com/dossier-news/dossier/internal/eval/rouge"
)

// summaryROUGEOptions are the ROUGE-1.5.5 options the Multi-News
// figures use, as its command line would name them: ROUGE-1 and -2 and
// summary-level ROUGE-L with Porter stemming (after WordNet's
// exceptions), every summary cut at SummaryWords words, F with α 0.5,
// averaged over clusters.
const summaryROUGEOptions = "-a -n 2 -m -l 300 -f A -p 0.5 -t 0"

var summaryROUGE = rouge.Options{N: 2, Stem: true, LengthWords: SummaryWords, Alpha: 0.5}

// scoreSummaries scores every item with the Perl-equivalent ROUGE and
// returns the mean F1 × 100 of ROUGE-1, ROUGE-2 and ROUGE-L.
func scoreSummaries(items []rougeItem) (r1, r2, rl float64, err error) {
	scores := make([]map[string]rouge.Score, 0, len(items))
	for i, it := range items {
		s, err := rouge.Perl(it.peer, it.models, summaryROUGE)
		if err != nil {
			return 0, 0, 0, fmt.Errorf("item %d: %w", i, err)
		}
		scores = append(scores, s)
	}
	m := rouge.Mean(scores)
	return 100 * m["ROUGE-1"].F, 100 * m["ROUGE-2"].F, 100 * m["ROUGE-L"].F, nil
}
