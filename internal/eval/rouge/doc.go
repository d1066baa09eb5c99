// Package rouge computes summary and timeline metrics with the exact
// semantics of the reference tools that published figures come from, so
// that our numbers compare with the literature's:
//
//   - Perl reproduces ROUGE-1.5.5.pl (Lin 2004): its tokenisation, its
//     WordNet-then-Porter stemming, its stopword removal, ROUGE-N, the
//     summary-level union-LCS ROUGE-L, skip-bigrams, length limits, the
//     model-average and best-model formulas, the raw-count mode, and its
//     5-decimal rounding; Mean reproduces its bootstrap AVERAGE line.
//   - ScoreStyle reproduces the semantics of Google's rouge-score package
//     (NLTK Porter stemmer, whole-text rougeL, max over references).
//   - TLS reproduces tilse's timeline metrics (Martschat and Markert 2017):
//     concat, agreement, align, align+ and align+ m:1, plus date F1, with
//     either tilse's Python ROUGE or the Perl counts underneath.
//
// Nothing here calls the reference tools: they are ported, and golden
// tests compare the ports with outputs the real tools produced.
//
// Stemming and stopword removal in the Perl port need two word lists that
// ROUGE ships and this repository does not carry; Lexicon loads them from
// Debian packages at run time (see lexicon.go).
package rouge
