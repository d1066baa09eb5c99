// Package entity finds and identifies the people, organisations and
// places an article talks about.
//
// Recognition is a greedy left-to-right averaged perceptron over BILOU
// tags (see docs/EVALUATION.md for why greedy rather than Viterbi), trained on
// CoNLL-2003 and embedded as compressed weights, so the binary needs
// nothing at run time. Resolution then joins mentions into one identity
// per person, organisation and place: surnames to full names within an
// article, spelling variants through a normalised key, countries through
// a small alias table, with demonyms linked and titles kept as roles.
package entity
