package eval

import (
	"sort"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-news/dossier/internal/quote"
)

// QuoteRoleScores are the scores of one role (source, cue or content)
// over contiguous fragments: Exact counts a prediction only when its
// trimmed bounds equal a gold fragment's; Overlap when it shares at least
// one character with a gold fragment, each gold and each predicted
// fragment used at most once (pairs are made largest overlap first).
type QuoteRoleScores struct{ Exact, Overlap PRF }

// QuoteScores are the scores of one set.
type QuoteScores struct {
	Documents, Gold, Predicted int
	Source, Cue, Content       QuoteRoleScores
	// Attribution pairs whole attributions one to one: Overlap when their
	// contents overlap and their sources overlap (or both are absent);
	// Exact when all content fragments and the source match exactly.
	Attribution QuoteRoleScores
}

// quoteItem is one attribution reduced to what scoring compares.
type quoteItem struct {
	source  []quote.Span
	cue     []quote.Span
	content []quote.Span
}

// trimSpan drops white space at both ends, so that a gold span taking in
// a trailing blank does not count as a boundary error.
func trimSpan(text string, s quote.Span) quote.Span {
	for s.Start < s.End {
		r, n := utf8.DecodeRuneInString(text[s.Start:s.End])
		if !unicode.IsSpace(r) {
			break
		}
		s.Start += n
	}
	for s.End > s.Start {
		r, n := utf8.DecodeLastRuneInString(text[s.Start:s.End])
		if !unicode.IsSpace(r) {
			break
		}
		s.End -= n
	}
	return s
}

func trimAll(text string, spans []quote.Span) []quote.Span {
	var out []quote.Span
	for _, s := range spans {
		if s = trimSpan(text, s); !s.Empty() {
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

func goldItems(text string, gold []quote.Labelled) []quoteItem {
	out := make([]quoteItem, len(gold))
	for i, g := range gold {
		out[i] = quoteItem{trimAll(text, g.Source), trimAll(text, g.Cue), trimAll(text, g.Content)}
	}
	return out
}

func predItems(text string, atts []quote.Attribution) []quoteItem {
	out := make([]quoteItem, len(atts))
	for i, a := range atts {
		var src []quote.Span
		if !a.Source.Empty() {
			src = []quote.Span{a.Source}
		}
		out[i] = quoteItem{trimAll(text, src), trimAll(text, []quote.Span{a.Cue}),
			trimAll(text, append([]quote.Span{a.Content}, a.More...))}
	}
	return out
}

func overlap(a, b quote.Span) int { return max(0, min(a.End, b.End)-max(a.Start, b.Start)) }

// matchExact counts the predicted spans equal to a gold span, each gold
// span used once.
func matchExact(gold, pred []quote.Span) PRF {
	left := map[quote.Span]int{}
	for _, g := range gold {
		left[g]++
	}
	var s PRF
	for _, p := range pred {
		if left[p] > 0 {
			left[p]--
			s.TP++
		} else {
			s.FP++
		}
	}
	s.FN = len(gold) - s.TP
	return s
}

// pairGreedy pairs items one to one, largest weight first, among the
// pairs with a positive weight, and returns the number of pairs.
func pairGreedy(ng, np int, weight func(g, p int) int) int {
	type pair struct{ g, p, w int }
	var pairs []pair
	for g := 0; g < ng; g++ {
		for p := 0; p < np; p++ {
			if w := weight(g, p); w > 0 {
				pairs = append(pairs, pair{g, p, w})
			}
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].w > pairs[j].w })
	usedG, usedP := make([]bool, ng), make([]bool, np)
	n := 0
	for _, pr := range pairs {
		if !usedG[pr.g] && !usedP[pr.p] {
			usedG[pr.g], usedP[pr.p] = true, true
			n++
		}
	}
	return n
}

func matchOverlap(gold, pred []quote.Span) PRF {
	tp := pairGreedy(len(gold), len(pred), func(g, p int) int { return overlap(gold[g], pred[p]) })
	return PRF{TP: tp, FP: len(pred) - tp, FN: len(gold) - tp}
}

func fragments(items []quoteItem, role func(quoteItem) []quote.Span) []quote.Span {
	var out []quote.Span
	for _, it := range items {
		out = append(out, role(it)...)
	}
	return out
}

func spansOverlap(a, b []quote.Span) int {
	n := 0
	for _, x := range a {
		for _, y := range b {
			n += overlap(x, y)
		}
	}
	return n
}

func sameSpans(a, b []quote.Span) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// scoreQuoteDoc scores one document's predictions against its gold.
func scoreQuoteDoc(text string, gold []quote.Labelled, atts []quote.Attribution) QuoteScores {
	g, p := goldItems(text, gold), predItems(text, atts)
	s := QuoteScores{Documents: 1, Gold: len(g), Predicted: len(p)}
	roles := []struct {
		out *QuoteRoleScores
		get func(quoteItem) []quote.Span
	}{
		{&s.Source, func(it quoteItem) []quote.Span { return it.source }},
		{&s.Cue, func(it quoteItem) []quote.Span { return it.cue }},
		{&s.Content, func(it quoteItem) []quote.Span { return it.content }},
	}
	for _, r := range roles {
		gs, ps := fragments(g, r.get), fragments(p, r.get)
		r.out.Exact = matchExact(gs, ps)
		r.out.Overlap = matchOverlap(gs, ps)
	}
	over := pairGreedy(len(g), len(p), func(i, j int) int {
		c := spansOverlap(g[i].content, p[j].content)
		if c == 0 {
			return 0
		}
		if len(g[i].source) == 0 && len(p[j].source) == 0 {
			return c
		}
		if spansOverlap(g[i].source, p[j].source) == 0 {
			return 0
		}
		return c
	})
	exact := pairGreedy(len(g), len(p), func(i, j int) int {
		if sameSpans(g[i].content, p[j].content) && sameSpans(g[i].source, p[j].source) {
			return 1
		}
		return 0
	})
	s.Attribution.Overlap = PRF{TP: over, FP: len(p) - over, FN: len(g) - over}
	s.Attribution.Exact = PRF{TP: exact, FP: len(p) - exact, FN: len(g) - exact}
	return s
}

func (r *QuoteRoleScores) add(b QuoteRoleScores) { r.Exact.add(b.Exact); r.Overlap.add(b.Overlap) }

func (s *QuoteScores) add(b QuoteScores) {
	s.Documents += b.Documents
	s.Gold += b.Gold
	s.Predicted += b.Predicted
	s.Source.add(b.Source)
	s.Cue.add(b.Cue)
	s.Content.add(b.Content)
	s.Attribution.add(b.Attribution)
}

// ScoreQuotes runs extract over docs and adds up the scores.
func ScoreQuotes(docs []quote.Document, extract func(string) []quote.Attribution) QuoteScores {
	var s QuoteScores
	for _, d := range docs {
		s.add(scoreQuoteDoc(d.Text, d.Gold, extract(d.Text)))
	}
	return s
}
