package quote_test

import (
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/quote"
)

// tailProbe builds invented reported-speech sentences, most of which end
// in a time phrase ("in May", "on Tuesday", "by Friday"), and counts those
// whose content runs to the end of the reported clause. PolNeAR's
// annotators leave such a phrase out of the content when it dates the
// speaking rather than the event (about a third of the time for a
// weekday), so a model learns to hesitate there; the probe says how often
// it stops early on sentences where the phrase belongs to the clause.
func tailProbe(extract func(string) []quote.Attribution) (full, n int, misses []string) {
	speakers := []string{"Tomas Berg", "The mayor", "A spokeswoman for the council", "Ms Lind"}
	cues := []string{"told reporters that", "told the council that", "said that", "said",
		"told journalists on Monday that", "announced that", "told Reuters that"}
	clauses := []string{"the bridge would reopen in May", "the ferry would stop running in June",
		"the school would close by Friday", "repairs would take another week", "the budget would be cut in 2027",
		"the talks would resume on Tuesday", "the plant had been shut since March"}
	for _, sp := range speakers {
		for _, cu := range cues {
			for _, cl := range clauses {
				s := sp + " " + cu + " " + cl + "."
				n++
				got := ""
				for _, a := range extract(s) {
					got = s[a.Content.Start:a.Content.End]
				}
				if strings.HasSuffix(got, cl) {
					full++
				} else {
					misses = append(misses, s+" → "+got)
				}
			}
		}
	}
	return full, n, misses
}

// TestTailProbe guards the share of probe sentences whose whole clause is
// taken as content. The committed model alone gets 157 of 196 (the model
// before exact decoding got 189, at 2.7 points less content exact F1 on
// dev); with extendTimeTail 193, the three left being sentences where it
// finds no attribution at all. The floor is 190.
func TestTailProbe(t *testing.T) {
	full, n, misses := tailProbe(quote.Extract)
	t.Logf("%d of %d sentences with the whole clause as content", full, n)
	for _, m := range misses {
		t.Log("  stops early: " + m)
	}
	if full < 190 {
		t.Errorf("%d of %d probe sentences with the whole clause as content; want at least 190", full, n)
	}
}
