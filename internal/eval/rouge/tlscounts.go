package rouge

import "strings"

// This file computes the ROUGE-1/2 counts behind every TLS metric, with
// either of tilse's two ROUGE back ends.

// noDate stands for the placeholder summary [[""]] that tilse compares an
// unmatched date against.
const noDate = "\x00none"

// pair returns the counts of the predicted summary of pd against every
// reference timeline's summary of rd (an absent date is an empty summary).
func (e *tlsEval) pair(pd, rd string) ([2]tlsCounts, error) {
	key := [2]string{pd, rd}
	if c, ok := e.cache[key]; ok {
		return c, nil
	}
	placeholder := [][]string{{""}}
	pred := placeholder
	if pd != noDate {
		pred = splitSents(e.pred[pd])
	}
	refs := make([][][]string, len(e.refs))
	for i, r := range e.refs {
		refs[i] = placeholder
		if rd != noDate {
			refs[i] = splitSents(r[rd])
		}
	}
	c, err := e.counts(pred, refs)
	if err == nil {
		e.cache[key] = c
	}
	return c, err
}

// counts is tilse's _get_rouge_counts: hits, peer count (once per
// reference) and model count for ROUGE-1 and ROUGE-2 of tokenised
// sentences against one summary per reference timeline.
func (e *tlsEval) counts(pred [][]string, refs [][][]string) ([2]tlsCounts, error) {
	if e.original {
		return e.perlCounts(pred, refs)
	}
	return e.reimplCounts(pred, refs), nil
}

// tilsePunct is the punctuation tilse's RougeReimplementation ignores.
var tilsePunct = map[string]bool{".": true, ",": true, ";": true, ":": true, "``": true, "''": true, "-": true, `"`: true}

// reimplCounts is tilse's RougeReimplementation(stem=True,
// ignore_stopwords=True): tokens are lower-cased, ROUGE's stopwords and
// tilse's punctuation dropped, NLTK-stemmed, and n-grams run across
// sentence boundaries.
func (e *tlsEval) reimplCounts(pred [][]string, refs [][][]string) [2]tlsCounts {
	p := e.reimplTokens(pred)
	rs := make([][]string, len(refs))
	for i, r := range refs {
		rs[i] = e.reimplTokens(r)
	}
	var out [2]tlsCounts
	for m := range out {
		n := m + 1
		pg := countGrams(p, n)
		peer := max(len(p)-n+1, 0)
		for _, r := range rs {
			out[m].hit += overlap(countGrams(r, n), pg)
			out[m].peer += peer
			out[m].model += max(len(r)-n+1, 0)
		}
	}
	return out
}

func (e *tlsEval) reimplTokens(sents [][]string) []string {
	var out []string
	for _, s := range sents {
		for _, k := range s {
			k = pyLower(k)
			if e.lex.Stopwords[k] || tilsePunct[k] {
				continue
			}
			out = append(out, nltkStem(k))
		}
	}
	return out
}

// tilsePerl are the options tilse's pyrouge passes to ROUGE-1.5.5.
var tilsePerl = Options{N: 2, NoLCS: true, Stem: true, Stopwords: true, Counts: true}

// perlCounts runs the Perl port on the sentences as pyrouge writes them
// into SEE files: tokens joined by spaces, "^" escaped as "&circ;", and
// ROUGE's SEE reader keeping each sentence up to its first "<" and
// skipping empty ones.
func (e *tlsEval) perlCounts(pred [][]string, refs [][][]string) ([2]tlsCounts, error) {
	o := tilsePerl
	o.Lexicon = e.lex
	models := make([][]string, len(refs))
	for i, r := range refs {
		models[i] = seeSentences(r)
	}
	s, err := Perl(seeSentences(pred), models, o)
	if err != nil {
		return [2]tlsCounts{}, err
	}
	var out [2]tlsCounts
	for m, key := range []string{"ROUGE-1", "ROUGE-2"} {
		// Counts mode: Recall = model count, Precision = peer count, F = hits.
		out[m] = tlsCounts{hit: int(s[key].F), peer: int(s[key].Precision), model: int(s[key].Recall)}
	}
	return out, nil
}

func seeSentences(sents [][]string) []string {
	var out []string
	for _, toks := range sents {
		text := strings.ReplaceAll(strings.Join(toks, " "), "^", "&circ;")
		if i := strings.IndexByte(text, '<'); i >= 0 {
			text = text[:i]
		}
		if text != "" {
			out = append(out, text)
		}
	}
	return out
}
