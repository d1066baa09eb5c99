package news

import "time"

// Time expression types, as in TimeML.
const (
	TimeDate     = "DATE"
	TimeTime     = "TIME"
	TimeDuration = "DURATION"
	TimeSet      = "SET"
)

// TimeExpression is a time expression of an article resolved against its
// publication date: "on Tuesday" → DATE 2015-12-15, "last week" → DATE
// 2015-W50, "for four years" → DURATION P4Y.
type TimeExpression struct {
	Article string `json:"article"`
	Span    Span   `json:"span"`
	// Sentence is the span of the sentence it dates.
	Sentence Span   `json:"sentence"`
	Text     string `json:"text"`
	// Type is TimeDate, TimeTime, TimeDuration or TimeSet.
	Type string `json:"type"`
	// Value is the TimeML value: 2015-12-15, 2015-W50, 2015-12, P4Y,
	// PRESENT_REF, XXXX-WXX-1 ...
	Value string `json:"value"`
	// Mod is the TimeML modifier when any (START, END, APPROX ...).
	Mod string `json:"mod,omitempty"`
	// First and Last are the calendar days a date covers (Last
	// inclusive), both zero when the value is not a calendar date.
	First time.Time `json:"first,omitzero"`
	Last  time.Time `json:"last,omitzero"`
}
