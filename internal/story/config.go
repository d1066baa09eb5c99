package story

import (
	"errors"
	"fmt"
)

// Config holds the clustering parameters. Start from DefaultConfig.
type Config struct {
	// DocTerms is how many of an article's strongest terms its vector
	// keeps: enough for the centroid to see the story's vocabulary, few
	// enough that an article costs a few hundred bytes.
	DocTerms int
	// IDFPower dampens the inverse document frequency in term weights
	// (weight = (1+ln tf)·idf^IDFPower). Full IDF lets words no other
	// article has used yet crowd out the story's shared vocabulary, the
	// more so while the corpus is small.
	IDFPower float64
	// QueryTerms is how many of those terms look up candidate stories.
	QueryTerms int
	// CentroidTerms bounds a live story's centroid; it is pruned back to
	// this many terms when it grows to twice as many.
	CentroidTerms int
	// ProfileTerms and ProfileEntities are what a closed story keeps for
	// storyline linking.
	ProfileTerms, ProfileEntities int
	// Candidates is how many stories, ranked by the index, are scored in
	// full.
	Candidates int
	// PostingCap skips index terms carried by more live stories than this:
	// they are too common to tell stories apart and would make an Add
	// cost grow with the number of live stories.
	PostingCap int

	// EntityWeight is how much shared entities add to the text
	// similarity. They add and never subtract: entity keys are noisy
	// (headlines in title case, a surname not joined to the full name),
	// so an article whose entities a story lacks is judged on its words.
	EntityWeight float64
	// EntityMinText is the text similarity (in Repair, the centroid
	// cosine) under which shared entities add nothing, when an article is
	// placed and when Repair weighs a merge: entities corroborate words
	// and never stand in for them. A headline whose one entity is "U.S."
	// matches every American story on entities alone; on the UCI
	// headlines such matches had merged a story on transit ridership into
	// one on Mt. Gox's bankruptcy at a text cosine of 0.004.
	EntityMinText float64
	// CoverWeight mixes into the text similarity, beside the cosine with
	// the centroid, the coverage: the share of the article's (squared)
	// weight on terms that at least CommonShare of the story's members
	// use (less common terms count in proportion). A big story's centroid
	// spreads over many words, so a short article about it has a low
	// cosine; the coverage still sees that its key words are the story's.
	CoverWeight, CommonShare float64
	// NearMembers is how many of a story's latest members an article is
	// also compared with one by one; NearWeight scales that similarity.
	NearMembers int
	NearWeight  float64
	// NearMinShared is how many terms an article must share with a member
	// for that member to count as its nearest.
	NearMinShared int
	// Threshold is the score an article needs to join a story.
	Threshold float64
	// GraceDays is how far (in days) an article may lie outside a story's
	// span before the time factor starts to decay; TauDays is the decay
	// constant after that.
	GraceDays, TauDays float64

	// WindowDays closes stories whose last article is more than this many
	// days older than the newest publication date seen. WindowDocs closes
	// stories that no article joined among the last WindowDocs arrivals,
	// which is what bounds undated streams.
	WindowDays float64
	WindowDocs int

	// MergeThreshold is the score at which Repair merges two live
	// stories: centroid cosine plus EntityWeight times the cosine of their
	// entity profiles (when the centroid cosine reaches EntityMinText),
	// times the time factor of their spans, less the size penalty below.
	MergeThreshold float64
	// MergeSizePenalty is taken off a merge score per unit of the log of
	// the two stories' combined size (own members). A centroid summed
	// over many members leans towards common words, so without it a big
	// story looks like everything and absorbs story after story (on the
	// synthetic stream of the benchmarks one swallowed 6,000 articles of
	// hundreds of stories by 20,000 arrivals, and every merge rebuilt it).
	MergeSizePenalty float64
	// MergeFreeSize is the combined size up to which no penalty applies:
	// a strand of a few articles rejoining its story is what Repair is
	// for (the sample corpus's fishers' lawsuit and the spill, 28).
	MergeFreeSize int
	// SplitThreshold is the member-to-member cosine under which Repair
	// cuts the links of a story's members; a part that is left detached
	// with at least SplitMin members becomes a story of its own.
	SplitThreshold float64
	SplitMin       int
	// SplitMaxMembers skips splitting larger stories, whose pairwise check
	// would be quadratic.
	SplitMaxMembers int

	// LineThreshold is the score at which two stories join one storyline:
	// LineTextWeight·text + (1-LineTextWeight)·entities over their
	// profiles, where both must share at least LineMinEntities entities.
	LineThreshold   float64
	LineTextWeight  float64
	LineMinEntities int
	// LineMaxGapDays is the longest gap between two stories that can still
	// link them.
	LineMaxGapDays float64
}

// DefaultConfig returns the parameters tuned on the evaluation sets (see
// docs/EVALUATION.md, "Stories").
func DefaultConfig() Config {
	return Config{
		DocTerms:         40,
		IDFPower:         0.5,
		QueryTerms:       12,
		CentroidTerms:    200,
		ProfileTerms:     40,
		ProfileEntities:  40,
		Candidates:       8,
		PostingCap:       150,
		EntityWeight:     0.6,
		EntityMinText:    0.1,
		CoverWeight:      0.5,
		CommonShare:      0.5,
		NearMembers:      20,
		NearWeight:       1,
		NearMinShared:    5,
		Threshold:        0.30,
		GraceDays:        7,
		TauDays:          10,
		WindowDays:       21,
		WindowDocs:       200000,
		MergeThreshold:   0.3,
		MergeSizePenalty: 0.01,
		MergeFreeSize:    50,
		SplitThreshold:   0.08,
		SplitMin:         3,
		SplitMaxMembers:  300,
		LineThreshold:    0.15,
		LineTextWeight:   0.5,
		LineMinEntities:  3,
		LineMaxGapDays:   730,
	}
}

// Validate reports the first unusable parameter.
func (c Config) Validate() error {
	switch {
	case c.DocTerms < 1 || c.QueryTerms < 1 || c.CentroidTerms < 1 || c.ProfileTerms < 1:
		return errors.New("story: DocTerms, QueryTerms, CentroidTerms and ProfileTerms must be positive")
	case c.Candidates < 1 || c.PostingCap < 1:
		return errors.New("story: Candidates and PostingCap must be positive")
	case c.Threshold <= 0:
		return fmt.Errorf("story: Threshold %v must be positive", c.Threshold)
	case c.EntityWeight < 0:
		return errors.New("story: EntityWeight must not be negative")
	case !(c.EntityMinText >= 0): // NaN too: it would turn one gate off and the other on
		return fmt.Errorf("story: EntityMinText %v must be a number, not negative", c.EntityMinText)
	case c.TauDays <= 0 || c.WindowDays <= 0 || c.WindowDocs < 1:
		return errors.New("story: TauDays, WindowDays and WindowDocs must be positive")
	}
	return nil
}
