package eval

import (
	"regexp"
	"strings"
)

// summaryROUGEOptions are the ROUGE-1.5.5 options the Multi-News
// figures use.
const summaryROUGEOptions = "-a -n 2 -m -l 300 -f A -p 0.5 -t 0 (proxy)"

var nonAlnum = regexp.MustCompile(`[^a-z0-9]+`)

// scoreSummaries is a temporary proxy (no stemming) until the ROUGE port lands.
func scoreSummaries(items []rougeItem) (r1, r2, rl float64, err error) {
	for _, it := range items {
		peer := strings.Fields(nonAlnum.ReplaceAllString(strings.ToLower(strings.Join(it.peer, " ")), " "))
		if len(peer) > SummaryWords {
			peer = peer[:SummaryWords]
		}
		model := strings.Fields(nonAlnum.ReplaceAllString(strings.ToLower(strings.Join(it.models[0], " ")), " "))
		r1 += ngramF(peer, model, 1)
		r2 += ngramF(peer, model, 2)
	}
	n := float64(len(items))
	return 100 * r1 / n, 100 * r2 / n, 0, nil
}

func ngramF(p, m []string, n int) float64 {
	count := func(t []string) map[string]int {
		c := map[string]int{}
		for i := 0; i+n <= len(t); i++ {
			c[strings.Join(t[i:i+n], " ")]++
		}
		return c
	}
	pc, mc := count(p), count(m)
	hit, tp, tm := 0, 0, 0
	for k, v := range pc {
		tp += v
		hit += min(v, mc[k])
	}
	for _, v := range mc {
		tm += v
	}
	if hit == 0 {
		return 0
	}
	r, pr := float64(hit)/float64(tm), float64(hit)/float64(tp)
	return 2 * r * pr / (r + pr)
}
