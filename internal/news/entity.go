package news

// Entity is one person, organisation, place or other named thing with one
// identity across the corpus, whatever spelling or title an article used.
type Entity struct {
	// ID is stable: derived from the first name the entity was seen
	// under, and kept when a fuller name or a new spelling joins it.
	ID string `json:"id"`
	// Type is the CoNLL class: PER, ORG, LOC or MISC.
	Type string `json:"type"`
	// Name is the canonical name.
	Name string `json:"name"`
	// Aliases are the other forms it was written in, most frequent
	// first; Roles the titles written with a person's name.
	Aliases []string `json:"aliases,omitempty"`
	Roles   []string `json:"roles,omitempty"`
	// Articles counts the articles that mention it, Mentions the
	// mentions (demonyms such as "Russian" are linked, not counted).
	Articles int `json:"articles"`
	Mentions int `json:"mentions"`
	// Keys are the normalised names the entity is known by; the
	// resolver matches new mentions against them. Not for display.
	Keys []string `json:"-"`
	// Votes count the classes the tagger gave its mentions; Type is the
	// majority, so one odd sentence does not decide what a name is.
	Votes map[string]int `json:"-"`
}

// Mention kinds.
const (
	// MentionName is the entity's name in any spelling ("Sergei Lavrov",
	// "Lavrov").
	MentionName = "name"
	// MentionTitle is a title standing for a person named earlier in
	// the same article ("the foreign minister").
	MentionTitle = "title"
	// MentionDemonym is an adjective or nationality noun ("Russian")
	// linked to a country; it does not count as a mention of it.
	MentionDemonym = "demonym"
)

// EntityMention is one place an article refers to an entity.
type EntityMention struct {
	Entity  string `json:"entity"`
	Article string `json:"article"`
	Span    Span   `json:"span"`
	Text    string `json:"text"`
	// Kind is MentionName, MentionTitle or MentionDemonym.
	Kind string `json:"kind"`
	// Role is the title written with the name, if any ("Secretary of
	// State" in "US Secretary of State John Kerry").
	Role string `json:"role,omitempty"`
}
