package story

import (
	"math"
	"time"
)

// Doc is one article as the clusterer sees it.
type Doc struct {
	ID          string
	Title, Text string
	// Published is the publication time; zero when unknown.
	Published time.Time
	// Entities are the canonical keys of the entities the article names
	// (a registry's ids or canonical names); repeats are ignored.
	Entities []string
	// EventDays are the days the text refers to (from timex); optional.
	EventDays []time.Time
	// CopyOf is the id of the article this one is a syndicated copy of,
	// or "".
	CopyOf string
}

// Reason says how an article was placed.
type Reason string

// The reasons of a Decision.
const (
	// Joined: the best candidate story scored at least the threshold.
	Joined Reason = "joined"
	// Started: no candidate did, so the article starts a story.
	Started Reason = "started"
	// Copied: the article is a syndicated copy and follows its origin.
	Copied Reason = "copy"
	// Known: the id was added before; the decision repeats its story.
	Known Reason = "known"
	// Restored: the story came from the caller (Restore).
	Restored Reason = "restored"
)

// Candidate is one story an article was compared with, and why it scored
// what it did.
type Candidate struct {
	Story string `json:"story"`
	// Score = (Text + EntityWeight·Entities) · Time, where Entities
	// counts only when Text reaches EntityMinText.
	Score float64 `json:"score"`
	// Text is the text similarity: the cosine with the story centroid
	// mixed with the coverage of the article's weight by the story's
	// common terms (CoverWeight), or NearWeight·Nearest if higher.
	Text float64 `json:"text"`
	// Nearest is the highest cosine with one of the story's most recent
	// members; Text is at least NearWeight times it.
	Nearest float64 `json:"nearest"`
	// Entities is the IDF-weighted share of the article's entities that
	// the story commonly names.
	Entities float64 `json:"entities"`
	// EntitiesIgnored is set when Entities was left out of Score because
	// Text was under EntityMinText.
	EntitiesIgnored bool `json:"entities_ignored,omitempty"`
	// Time is the time factor: 1 within GraceDays of the story's span or
	// on one of its event days, decaying after; 1 when either is undated.
	Time float64 `json:"time"`
	// GapDays is the distance from the story's span in days; -1 when
	// either side is undated.
	GapDays float64 `json:"gap_days"`
	// SharedTerms are the article's words that weigh most in the match,
	// strongest first; SharedEntities the entities both name.
	SharedTerms    []string `json:"shared_terms,omitempty"`
	SharedEntities []string `json:"shared_entities,omitempty"`
	// Size is the number of articles in the story before this one.
	Size int `json:"size"`
}

// Decision is the outcome of Add: the story an article went to and the
// evidence, which is what "dossier story ID --why" shows.
type Decision struct {
	Doc    string `json:"doc"`
	Story  string `json:"story"`
	Reason Reason `json:"reason"`
	// Best and RunnerUp are the two highest-scoring candidates, if any.
	Best     *Candidate `json:"best,omitempty"`
	RunnerUp *Candidate `json:"runner_up,omitempty"`
	// Threshold is the score Best needed to be joined.
	Threshold float64 `json:"threshold"`
	// Considered is how many candidate stories were scored.
	Considered int `json:"considered"`
}

// noDay marks an undated article or story.
const noDay = math.MinInt32

// dayOf is the day number of t (days since 1970 in UTC), or noDay.
func dayOf(t time.Time) int32 {
	if t.IsZero() {
		return noDay
	}
	return int32(math.Floor(float64(t.Unix()) / 86400))
}

// dayTime is the inverse of dayOf.
func dayTime(d int32) time.Time {
	if d == noDay {
		return time.Time{}
	}
	return time.Unix(int64(d)*86400, 0).UTC()
}

// article is what the clusterer keeps of one Doc. vec and ents are
// dropped when its story closes.
type article struct {
	id     string
	story  int32
	origin int32 // article index of the syndication origin, or -1
	day    int32
	vec    vector
	ents   []uint32
	events []int32
}

// storyState is one story. A closed story (live false) keeps only its
// members and profile; a merged one (into ≥ 0) only its id.
type storyState struct {
	id      string
	members []int32 // article indexes, in arrival order
	live    bool
	into    int32 // the story it was merged into, or -1
	dirty   bool  // touched since the last Repair

	cent     map[uint32]cell
	norm2    float64
	ents     map[uint32]int32 // members (copies excluded) naming each entity
	own      int32            // members that are not copies
	first    int32            // first and last day, or noDay
	last     int32
	events   map[int32]int32
	lastSeq  int64
	indexed  map[uint32]struct{} // terms posted in the index
	indexedE map[uint32]struct{} // entities posted in the index

	profile vector // top terms, kept when closed
	entProf vector // entity weights, kept when closed
}

// cell is one centroid term: the sum of the members' weights and the
// number of members whose vector holds the term.
type cell struct {
	w float32
	n int32
}

// Clusterer assigns articles to stories as they arrive. It is not safe
// for concurrent use: like the dedup index, it is fed by one writer, so
// that each article is compared with exactly those added before it.
type Clusterer struct {
	cfg      Config
	articles []article
	byID     map[string]int32
	stories  []storyState
	storyID  map[string]int32 // including absorbed and retired ids
	retired  map[string]bool  // ids used before a restart

	df     map[uint32]int32
	entDF  map[uint32]int32
	nDocs  int32
	entNm  map[uint32]string
	post   map[uint32][]int32 // term → live stories
	postE  map[uint32][]int32 // entity → live stories
	stale  int                // index entries of closed stories
	posted int

	seq   int64
	clock int32 // the newest day seen
	live  []int32

	an     analyser
	acc    map[int32]float64
	scored []Candidate
}

// New returns an empty Clusterer. cfg should come from DefaultConfig;
// an invalid cfg is replaced by the defaults (call Validate first to
// report it instead).
func New(cfg Config) *Clusterer {
	if cfg.Validate() != nil {
		cfg = DefaultConfig()
	}
	return &Clusterer{
		cfg:     cfg,
		byID:    map[string]int32{},
		storyID: map[string]int32{},
		retired: map[string]bool{},
		df:      map[uint32]int32{},
		entDF:   map[uint32]int32{},
		entNm:   map[uint32]string{},
		post:    map[uint32][]int32{},
		postE:   map[uint32][]int32{},
		clock:   noDay,
		an:      analyser{counts: map[uint32]float64{}, pos: map[uint32]termPos{}},
		acc:     map[int32]float64{},
	}
}

// Config returns the parameters in use.
func (c *Clusterer) Config() Config { return c.cfg }

// Len returns the number of articles and of stories (merged ones not
// counted).
func (c *Clusterer) Len() (articles, stories int) {
	n := 0
	for i := range c.stories {
		if c.stories[i].into < 0 {
			n++
		}
	}
	return len(c.articles), n
}

// StoryOf returns the current story of an article.
func (c *Clusterer) StoryOf(doc string) (string, bool) {
	i, ok := c.byID[doc]
	if !ok {
		return "", false
	}
	return c.stories[c.articles[i].story].id, true
}

// Resolve follows merges: the id a story is known by now, and whether
// the id was ever given out.
func (c *Clusterer) Resolve(story string) (string, bool) {
	s, ok := c.storyID[story]
	if !ok {
		return "", false
	}
	return c.stories[c.root(s)].id, true
}

func (c *Clusterer) root(s int32) int32 {
	for c.stories[s].into >= 0 {
		s = c.stories[s].into
	}
	return s
}

// Members returns the article ids of a story (after following merges),
// in arrival order.
func (c *Clusterer) Members(story string) []string {
	s, ok := c.storyID[story]
	if !ok {
		return nil
	}
	st := &c.stories[c.root(s)]
	out := make([]string, len(st.members))
	for i, a := range st.members {
		out[i] = c.articles[a].id
	}
	return out
}
