package dedup

import (
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// LinkKind names how two documents are related, strongest first. The
// string values are stable: stores and the API may persist them.
type LinkKind string

// Link kinds, from the strongest relation to the weakest. Every kind but
// KindAssembledFrom is symmetric: both documents of a pair see the same
// kind. KindAssembledFrom is seen from the assembled document; its sources
// see KindSharesSentences (or a paragraph kind) back.
const (
	// KindExact: the normalised texts are identical.
	KindExact LinkKind = "exact"
	// KindNear: shingle Jaccard ≥ Config.NearJaccard.
	KindNear LinkKind = "near"
	// KindContained: most of one document's shingles occur in the other
	// (≥ Config.Containment, of at least 20 shingles): a trimmed or
	// excerpted copy.
	KindContained LinkKind = "contained"
	// KindReworded: most sentences of one document reappear exactly or
	// near-identically in the other (≥ Config.RewordCoverage): a spun,
	// reshuffled or lightly rewritten copy.
	KindReworded LinkKind = "reworded"
	// KindAssembledFrom: this document's sentences come mostly from two or
	// more unrelated documents, Other among them: a mash-up.
	KindAssembledFrom LinkKind = "assembled-from"
	// KindSharesParagraphs: at least one paragraph pair overlaps by
	// Config.ParagraphOverlap, e.g. two outlets running the same wire copy
	// inside different stories.
	KindSharesParagraphs LinkKind = "shares-paragraphs"
	// KindSharesSentences: at least one sentence is shared, exactly or
	// near-identically.
	KindSharesSentences LinkKind = "shares-sentences"
)

func (k LinkKind) rank() int {
	switch k {
	case KindExact:
		return 0
	case KindNear:
		return 1
	case KindContained:
		return 2
	case KindReworded:
		return 3
	case KindAssembledFrom:
		return 4
	case KindSharesParagraphs:
		return 5
	}
	return 6
}

// Syndicated reports whether the kind makes two documents copies of one
// another, and so members of the same syndication group. Partial reuse
// (paragraphs, sentences, mash-ups) does not: it would chain unrelated
// stories together through one shared quote.
func (k LinkKind) Syndicated() bool {
	return k == KindExact || k == KindNear || k == KindContained || k == KindReworded
}

// Report is what the index found for one document.
type Report struct {
	ID string
	// Group is the ID of the origin of the document's syndication group at
	// the time of the report; the document's own ID when it is the origin
	// or has no copies.
	Group string
	// Links are the related documents, strongest kind first.
	Links []Link
	// Sentences lists this document's sentences found in other documents,
	// in text order.
	Sentences []SentenceSources
	// EligibleSentences counts the sentences long enough to match
	// (Config.MinSentenceWords) and not boilerplate; MatchedSentences how
	// many of them were found elsewhere.
	EligibleSentences int
	MatchedSentences  int
	// Assembled is true when the matched sentences cover at least
	// Config.AssembledCoverage of the eligible ones and come from two or
	// more syndication groups.
	Assembled bool
}

// Link relates the reported document to Other. Containment and the
// sentence counts are directional, seen from the reported document.
type Link struct {
	Other     string
	Published time.Time // Other's publication time, zero when unknown
	Kind      LinkKind
	// Jaccard is the exact Jaccard of the two shingle sets.
	Jaccard float64
	// Containment is the share of this document's shingles found in
	// Other; OtherContainment the share of Other's found in this one.
	Containment      float64
	OtherContainment float64
	// SharedParagraphs are the paragraph pairs that overlap, in this
	// document's order.
	SharedParagraphs []ParagraphPair
	// SharedSentences counts this document's sentences with an identical
	// or near-identical counterpart in Other, ExactSentences those whose
	// counterpart is identical after normalisation.
	SharedSentences int
	ExactSentences  int
}

// ParagraphPair is one shared paragraph: its span here and in the other
// document, and the overlap coefficient of their shingle sets (1 for a
// verbatim copy).
type ParagraphPair struct {
	Span      news.Span
	OtherSpan news.Span
	Overlap   float64
}

// SentenceSources lists the documents that carry one sentence.
type SentenceSources struct {
	Span    news.Span
	Sources []SentenceRef
}

// SentenceRef is a sentence of another document matching a sentence of
// the reported one.
type SentenceRef struct {
	ID   string
	Span news.Span
	// Exact is true when the normalised sentences are identical;
	// Similarity is the Jaccard of their sets of words (1 when exact).
	Exact      bool
	Similarity float64
}
