package news

import (
	"encoding/json"
	"time"
)

// Story is a group of articles about one event or development, formed
// as they arrive. Its id stays valid for readers: a story merged into
// another redirects to it.
type Story struct {
	ID string `json:"id"`
	// Title is the headline of its earliest article.
	Title string `json:"title"`
	// Articles counts its members; Outlets the distinct outlets among
	// them.
	Articles int `json:"articles"`
	Outlets  int `json:"outlets"`
	// First and Last are the earliest and latest publication times of
	// its dated members; ingestion times only when none is dated, so that
	// an undated article does not stretch the story to the day it was
	// ingested.
	First time.Time `json:"first"`
	Last  time.Time `json:"last"`
	// Storyline is the id of the storyline it belongs to, if any.
	Storyline string `json:"storyline,omitempty"`
	// Entities are the entities named by most of its articles, most
	// first (filled by Story, not by listings).
	Entities []Entity `json:"entities,omitempty"`
	// Members are its articles in the order they joined (filled by
	// Story, not by listings).
	Members []StoryMember `json:"members,omitempty"`
}

// StoryMember is one article's place in a story and why.
type StoryMember struct {
	Article string `json:"article"`
	Story   string `json:"story"`
	// Seq orders members in the order they were first placed, across
	// the whole store; replaying in this order rebuilds the clusterer.
	Seq int64 `json:"seq"`
	// Reason is how it was placed: joined, started, copy, or merged and
	// split for a move made by repair.
	Reason string `json:"reason"`
	// Why is the clusterer's decision (scores of the best candidate and
	// the runner-up, shared terms and entities), as JSON.
	Why json.RawMessage `json:"why,omitempty"`
	// Input is what the clusterer was given besides the article's title
	// and text (entities, event days, the copied origin), opaque to the
	// store, to replay the decision after a restart.
	Input []byte `json:"-"`
	// Title, Source and Published describe the article (filled when
	// reading a story); Published is zero when the article is undated.
	Title     string    `json:"title,omitempty"`
	Source    string    `json:"source,omitempty"`
	Published time.Time `json:"published"`
}

// Storyline is a set of stories about one long-running matter, linked
// across gaps longer than a story lasts.
type Storyline struct {
	ID string `json:"id"`
	// Stories are its story ids, oldest first.
	Stories []string `json:"stories"`
	// Title is the title of its largest story.
	Title    string    `json:"title"`
	Articles int       `json:"articles"`
	First    time.Time `json:"first"`
	Last     time.Time `json:"last"`
}
