// Package quote finds who said what in an article: attributions made of a
// source (who), a cue (the reporting verb or phrase) and a content (what
// was said, thought or reported), with byte offsets into the clean text.
//
// Extraction is a two-stage averaged perceptron over BIO tags for the
// three roles, trained on the PolNeAR corpus and embedded as compressed
// weights: two greedy passes (left to right, right to left), then a pass
// that sees both and picks each paragraph's best tagging exactly
// (Viterbi). Features include where a token stands
// relative to quotation marks (straight or curly, single inside double,
// quotations running over paragraphs) and how often each word was a cue
// in the training set. Tagged runs are then grouped around their cues.
// Resolve maps each source to a named entity, an institution or an
// anonymous source. See docs/EVALUATION.md ("Quotes") for the measurements.
package quote
