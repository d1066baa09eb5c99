package news

import "time"

// Citation points a summary sentence at one article that carries it:
// the article's id, its outlet, and the byte span of the sentence in the
// article's clean text.
type Citation struct {
	Article string `json:"article"`
	Source  string `json:"source,omitempty"`
	Span    Span   `json:"span"`
	// Published is the citing article's publication time, zero when
	// undated.
	Published time.Time `json:"published,omitzero"`
}

// SummarySentence is one extracted sentence with every article that
// carries it. A sentence syndicated to ten outlets is one sentence with
// ten citations; the first citation is its earliest publisher.
type SummarySentence struct {
	Text      string     `json:"text"`
	Citations []Citation `json:"citations"`
}

// Summary is a short extractive summary of a story: every sentence
// cites the articles it comes from.
type Summary struct {
	Story     string            `json:"story,omitempty"`
	Sentences []SummarySentence `json:"sentences"`
	// Words counts the words of all sentences.
	Words int `json:"words"`
	// Articles is how many articles the summary was drawn from.
	Articles int `json:"articles"`
}

// TimelineEntry is one date that matters in a story, with one to three
// sentences saying what happened then.
type TimelineEntry struct {
	// Date is the calendar day, at midnight UTC.
	Date      time.Time         `json:"date"`
	Sentences []SummarySentence `json:"sentences"`
	// Support counts the articles that published on the date or refer
	// to it, the evidence that it matters.
	Support int `json:"support"`
}

// Timeline is a dated account of a story or storyline, oldest first.
type Timeline struct {
	Story     string          `json:"story,omitempty"`
	Storyline string          `json:"storyline,omitempty"`
	Entries   []TimelineEntry `json:"entries"`
}
