package news

import (
	"strconv"
	"strings"
	"time"
)

// Quote kinds.
const (
	QuoteDirect   = "direct"   // the words inside quotation marks
	QuoteIndirect = "indirect" // reported speech, no quotation marks
	QuoteMixed    = "mixed"    // reported speech with a quoted fragment
)

// Speaker types besides the entity classes PER, ORG and LOC.
const (
	// SpeakerAnonymous is a source the text does not name ("a senior
	// State Department official"); it is kept as written, never guessed.
	SpeakerAnonymous = "anonymous"
)

// Quote is one attributed statement. The same words carried by several
// articles (syndicated copies, or outlets quoting one press conference)
// are one quote with several carriers.
type Quote struct {
	// ID is derived from the normalised content, so every carrier of the
	// same words shares it.
	ID      string `json:"id"`
	Kind    string `json:"kind"`
	Content string `json:"content"`
	// Speaker is the speaker most carriers name (the earliest carrier's
	// on a tie).
	Speaker Speaker `json:"speaker"`
	// First is the earliest publication (or ingestion) time among the
	// carriers.
	First    time.Time      `json:"first"`
	Carriers []QuoteCarrier `json:"carriers"`
}

// Speaker is who a quote is attributed to.
type Speaker struct {
	// Entity is the speaker's entity id, empty when the source is
	// anonymous or could not be resolved to a name.
	Entity string `json:"entity,omitempty"`
	// Name is the entity's canonical name, else the source as written.
	Name string `json:"name,omitempty"`
	// Type is PER, ORG, LOC (a government named by its capital or
	// country), SpeakerAnonymous, or empty when unknown.
	Type string `json:"type,omitempty"`
}

// QuoteCarrier is one article's occurrence of a quote.
type QuoteCarrier struct {
	Quote   string `json:"quote"`
	Article string `json:"article"`
	// Source, Cue and Content are byte spans into the article's clean
	// text; Source is empty when no source is written.
	Source  Span `json:"source"`
	Cue     Span `json:"cue"`
	Content Span `json:"content"`
	// SourceText and CueText are the source and reporting verb or phrase
	// as written ("he", "told reporters").
	SourceText string  `json:"source_text,omitempty"`
	CueText    string  `json:"cue_text,omitempty"`
	Speaker    Speaker `json:"speaker"`
	// Published is the carrying article's publication (or ingestion)
	// time; filled when reading.
	Published time.Time `json:"published"`
}

// quoteMinWords is the length from which the same words in two articles
// are taken to be the same statement; shorter contents ("it", "the
// plan") are too common to be identified across articles.
const quoteMinWords = 6

// QuoteID returns the id of a quote with content found in article: the
// hash of the normalised words, so copies share it, or for a short
// content a hash scoped to the article and its position.
func QuoteID(article, content string, at int) string {
	norm := NormaliseText(content)
	if strings.Count(norm, " ")+1 >= quoteMinWords {
		return IDFromKey("quote:" + norm)
	}
	return IDFromKey("quote:" + article + ":" + strconv.Itoa(at) + ":" + norm)
}
