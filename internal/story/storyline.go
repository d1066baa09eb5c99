package story

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// lineScan bounds how many earlier stories one entity's list offers a
// story when linking storylines: an entity in thousands of stories
// ("United States") would otherwise make linking quadratic, and the
// newest stories are the likeliest continuation.
const lineScan = 400

// Storyline is a set of stories about one developing matter, linked
// across gaps longer than a story's recency window.
type Storyline struct {
	// ID is "l" followed by the id of its oldest story without the "s".
	ID string
	// Stories are the story ids, oldest first.
	Stories []string
	// First and Last are the first and last days of its stories (zero
	// when all are undated); Articles counts their members.
	First, Last time.Time
	Articles    int
}

// StoryInfo describes one story.
type StoryInfo struct {
	ID      string
	Members []string // article ids in arrival order
	Live    bool     // still open to new articles
	// First and Last are its first and last publication days (zero when
	// undated).
	First, Last time.Time
	// Entities are its most characteristic entities, strongest first.
	Entities []string
}

// Story describes a story (following merges).
func (c *Clusterer) Story(id string) (StoryInfo, bool) {
	s, ok := c.storyID[id]
	if !ok {
		return StoryInfo{}, false
	}
	s = c.root(s)
	st := &c.stories[s]
	info := StoryInfo{ID: st.id, Members: c.Members(st.id), Live: st.live, First: dayTime(st.first), Last: dayTime(st.last)}
	_, ents := c.profile(s)
	order := make([]int, len(ents.ids))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(x, y int) int { return cmp.Compare(ents.ws[y], ents.ws[x]) })
	for _, i := range order {
		info.Entities = append(info.Entities, c.entNm[ents.ids[i]])
	}
	return info, true
}

// profile returns a story's term and entity profiles, live or closed.
func (c *Clusterer) profile(s int32) (terms, ents vector) {
	st := &c.stories[s]
	if st.live {
		return c.profiles(st)
	}
	return st.profile, st.entProf
}

// Storylines links every story to earlier stories that share at least
// LineMinEntities of their characteristic entities and score at least
// LineThreshold on terms and entities together, no more than
// LineMaxGapDays apart, and returns the connected groups, oldest first.
// It is computed afresh from the stories' profiles, so it needs no state
// of its own and gives the same answer after a Restore.
func (c *Clusterer) Storylines() []Storyline {
	var order []int32
	for s := range c.stories {
		if st := &c.stories[s]; st.into < 0 && len(st.members) > 0 {
			order = append(order, int32(s))
		}
	}
	slices.SortFunc(order, func(x, y int32) int { return cmp.Compare(c.born(x), c.born(y)) })
	n := len(order)
	terms, ents := make([]vector, n), make([]vector, n)
	for i, s := range order {
		terms[i], ents[i] = c.profile(s)
	}
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	post := map[uint32][]int{}
	shared := map[int]int{}
	for i, s := range order {
		clear(shared)
		for _, e := range ents[i].ids {
			list := post[e]
			for _, j := range list[max(0, len(list)-lineScan):] {
				shared[j]++
			}
		}
		for j, k := range shared {
			if k < c.cfg.LineMinEntities || find(i) == find(j) {
				continue
			}
			if _, gap := c.spanFactor(&c.stories[s], &c.stories[order[j]]); gap > c.cfg.LineMaxGapDays {
				continue
			}
			if c.lineScore(terms[i], ents[i], terms[j], ents[j]) >= c.cfg.LineThreshold {
				parent[find(j)] = find(i)
			}
		}
		for _, e := range ents[i].ids {
			post[e] = append(post[e], i)
		}
	}
	byRoot := map[int]int{}
	var out []Storyline
	for i, s := range order { // oldest first, so each line's first story names it
		r := find(i)
		k, ok := byRoot[r]
		st := &c.stories[s]
		if !ok {
			k = len(out)
			byRoot[r] = k
			out = append(out, Storyline{ID: "l" + strings.TrimPrefix(st.id, "s")})
		}
		l := &out[k]
		l.Stories = append(l.Stories, st.id)
		l.Articles += len(st.members)
		if f := dayTime(st.first); !f.IsZero() && (l.First.IsZero() || f.Before(l.First)) {
			l.First = f
		}
		if t := dayTime(st.last); t.After(l.Last) {
			l.Last = t
		}
	}
	return out
}

// StorylineOf finds the storyline of a story among lines.
func StorylineOf(lines []Storyline, story string) (Storyline, bool) {
	for _, l := range lines {
		if slices.Contains(l.Stories, story) {
			return l, true
		}
	}
	return Storyline{}, false
}

// lineScore is the storyline similarity of two stories' profiles.
func (c *Clusterer) lineScore(ti, ei, tj, ej vector) float64 {
	w := c.cfg.LineTextWeight
	return w*ti.dot(tj) + (1-w)*ei.dot(ej)
}
