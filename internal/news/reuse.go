package news

// Reuse relates an article to another whose text it shares, as found by
// the duplicate detector. It is seen from Article: Containment is the share
// of Article's text found in Other, and Paragraphs are in Article's order.
type Reuse struct {
	Article string `json:"article"`
	Other   string `json:"other"`
	// Kind is one of the detector's link kinds: "exact", "near",
	// "contained", "reworded" (copies of one another), "assembled-from",
	// "shares-paragraphs", "shares-sentences" (partial reuse).
	Kind             string  `json:"kind"`
	Jaccard          float64 `json:"jaccard"`
	Containment      float64 `json:"containment"`
	OtherContainment float64 `json:"other_containment"`
	// Paragraphs are the shared paragraph pairs; Sentences counts
	// Article's sentences with a near-identical counterpart in Other.
	Paragraphs []SharedParagraph `json:"paragraphs,omitempty"`
	Sentences  int               `json:"sentences"`
}

// SharedParagraph is one paragraph of an article found in another: its span
// in each and how much of the smaller one the other covers (1 = verbatim).
type SharedParagraph struct {
	Span      Span    `json:"span"`
	OtherSpan Span    `json:"other_span"`
	Overlap   float64 `json:"overlap"`
}

// Copy reports whether the relation makes the two articles copies of one
// another (members of one syndication group) rather than partial reuse.
func (r Reuse) Copy() bool {
	switch r.Kind {
	case "exact", "near", "contained", "reworded":
		return true
	}
	return false
}

// Reversed returns the relation seen from Other. An assembled-from link
// is directional: its source sees only the sentences or paragraphs it gave.
func (r Reuse) Reversed() Reuse {
	out := Reuse{Article: r.Other, Other: r.Article, Kind: r.Kind, Jaccard: r.Jaccard,
		Containment: r.OtherContainment, OtherContainment: r.Containment, Sentences: r.Sentences}
	if r.Kind == "assembled-from" {
		out.Kind = "shares-sentences"
		if len(r.Paragraphs) > 0 {
			out.Kind = "shares-paragraphs"
		}
	}
	for _, p := range r.Paragraphs {
		out.Paragraphs = append(out.Paragraphs, SharedParagraph{Span: p.OtherSpan, OtherSpan: p.Span, Overlap: p.Overlap})
	}
	return out
}

// DupGroup is a syndication group: articles that are copies of one another,
// with the one published first as Origin.
type DupGroup struct {
	Origin string `json:"origin"`
	// Members are all articles of the group, Origin first.
	Members []string `json:"members"`
}
