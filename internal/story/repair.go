package story

import (
	"cmp"
	"math"
	"slices"
)

// Merge is one story absorbed into another by Repair. From keeps
// resolving to Into (see Resolve); Docs are the articles that moved.
type Merge struct {
	From, Into string
	Docs       []string
	// Score is the centroid cosine plus EntityWeight times the entity
	// profile cosine (when the centroid cosine reaches EntityMinText),
	// times the time factor, less the size penalty (MergeSizePenalty),
	// that merged them.
	Score float64
}

// Split is part of a story (From) that Repair moved to a new story
// (Into, named after its first article).
type Split struct {
	From, Into string
	Docs       []string
}

// Repairs is what one Repair changed; the caller stores the moves.
type Repairs struct {
	Merges []Merge
	Splits []Split
}

// Redirects maps every absorbed story id to the id that replaced it.
func (r Repairs) Redirects() map[string]string {
	m := make(map[string]string, len(r.Merges))
	for _, g := range r.Merges {
		m[g.From] = g.Into
	}
	for from, into := range m { // a chain of merges in one run
		for {
			next, ok := m[into]
			if !ok {
				break
			}
			into = next
		}
		m[from] = into
	}
	return m
}

// Repair revisits the live stories touched since the last Repair: two
// stories whose centroids turn out to be alike are merged (the older id
// stays), and a story whose members fall apart into unrelated groups is
// split. Online clustering needs both: an article that arrived before
// the words its story would be known by starts a story of its own, and
// a story can drift as each article joins on the last one's terms.
func (c *Clusterer) Repair() Repairs {
	var r Repairs
	dirty := make([]int32, 0)
	for _, s := range c.live {
		if st := &c.stories[s]; st.live && st.dirty {
			dirty = append(dirty, s)
		}
	}
	slices.Sort(dirty)
	for _, s := range dirty {
		if sp := c.split(s); len(sp) > 0 {
			r.Splits = append(r.Splits, sp...)
		}
	}
	// A merged story is looked at again: with its new centroid it may
	// now be like a third one.
	for work := dirty; len(work) > 0; {
		s := work[0]
		work = work[1:]
		if !c.stories[s].live {
			continue
		}
		if m, ok := c.mergeBest(s); ok {
			r.Merges = append(r.Merges, m)
			work = append(work, c.storyID[m.Into])
		}
	}
	for _, s := range c.live {
		c.stories[s].dirty = false
	}
	return r
}

// born orders stories by their first article, which is what "older"
// means when two merge.
func (c *Clusterer) born(s int32) int32 { return c.stories[s].members[0] }

// mergeBest merges s with the live story most like it, if alike enough.
func (c *Clusterer) mergeBest(s int32) (Merge, bool) {
	st := &c.stories[s]
	clear(c.acc)
	cv := centroidVector(st.cent, len(st.cent))
	for _, k := range c.queryTerms(cv) {
		c.collect(c.post, cv.ids[k], 1)
	}
	best, bestScore := int32(-1), 0.0
	se := c.entityProfile(st)
	for _, t := range c.topHits(s) {
		o := &c.stories[t]
		sc := cosMaps(st, o)
		if sc >= c.cfg.EntityMinText {
			sc += c.cfg.EntityWeight * se.dot(c.entityProfile(o))
		}
		if f, _ := c.spanFactor(st, o); f < 1 {
			sc *= f
		}
		if n := float64(st.own + o.own); n > float64(c.cfg.MergeFreeSize) {
			sc -= c.cfg.MergeSizePenalty * math.Log(n/float64(c.cfg.MergeFreeSize))
		}
		if sc > bestScore || (sc == bestScore && t < best) {
			best, bestScore = t, sc
		}
	}
	if best < 0 || bestScore < c.cfg.MergeThreshold {
		return Merge{}, false
	}
	keep, gone := best, s
	if c.born(s) < c.born(best) {
		keep, gone = s, best
	}
	m := Merge{From: c.stories[gone].id, Into: c.stories[keep].id, Score: bestScore}
	for _, a := range c.stories[gone].members {
		m.Docs = append(m.Docs, c.articles[a].id)
	}
	c.absorb(keep, gone)
	return m, true
}

// topHits are the Candidates live stories other than s with the most
// index weight in c.acc, strongest first.
func (c *Clusterer) topHits(s int32) []int32 {
	type hit struct {
		s int32
		w float64
	}
	hits := make([]hit, 0, len(c.acc))
	for t, w := range c.acc {
		if t != s && c.stories[t].live {
			hits = append(hits, hit{t, w})
		}
	}
	slices.SortFunc(hits, func(x, y hit) int {
		if r := cmp.Compare(y.w, x.w); r != 0 {
			return r
		}
		return cmp.Compare(x.s, y.s)
	})
	out := make([]int32, 0, c.cfg.Candidates)
	for _, h := range hits[:min(len(hits), c.cfg.Candidates)] {
		out = append(out, h.s)
	}
	return out
}

// entityProfile is a live story's entity profile: its entities weighted
// by the share of members naming them and their IDF, normalised.
func (c *Clusterer) entityProfile(st *storyState) vector {
	ws := make([]weighted, 0, len(st.ents))
	for e, n := range st.ents {
		ws = append(ws, weighted{e, float64(n) / float64(max(st.own, 1)) * idf(c.entDF[e], c.nDocs)})
	}
	return topVector(ws, c.cfg.ProfileEntities)
}

// centroidVector views a centroid as a vector (for its top terms).
func centroidVector(cent map[uint32]cell, k int) vector {
	ws := make([]weighted, 0, len(cent))
	for id, t := range cent {
		ws = append(ws, weighted{id, float64(t.w)})
	}
	return topVector(ws, k)
}

// cosMaps is the cosine of two live centroids.
func cosMaps(a, b *storyState) float64 {
	if a.norm2 == 0 || b.norm2 == 0 {
		return 0
	}
	if len(b.cent) < len(a.cent) {
		a, b = b, a
	}
	var d float64
	for id, w := range a.cent {
		d += float64(w.w) * float64(b.cent[id].w)
	}
	return d / math.Sqrt(a.norm2*b.norm2)
}

// spanFactor is the time factor between two stories' spans.
func (c *Clusterer) spanFactor(a, b *storyState) (f, gap float64) {
	if a.first == noDay || b.first == noDay {
		return 1, -1
	}
	switch {
	case a.last < b.first:
		gap = float64(b.first - a.last)
	case b.last < a.first:
		gap = float64(a.first - b.last)
	}
	if gap <= c.cfg.GraceDays {
		return 1, gap
	}
	return math.Exp(-(gap - c.cfg.GraceDays) / c.cfg.TauDays), gap
}

// absorb moves every member of story gone into keep and leaves gone as a
// redirect.
func (c *Clusterer) absorb(keep, gone int32) {
	k, g := &c.stories[keep], &c.stories[gone]
	for _, a := range g.members {
		c.articles[a].story = keep
	}
	k.members = append(k.members, g.members...)
	slices.Sort(k.members)
	c.rebuild(keep, g.members)
	c.stale += len(g.indexed) + len(g.indexedE)
	*g = storyState{id: g.id, into: keep, first: noDay, last: noDay}
}

// rebuild recomputes a live story's aggregates from its members, in
// arrival order, exactly as Add built them, and posts the index terms of
// the fresh members (those new to the story). The others keep the terms
// chosen when they joined, under the document frequencies of that time:
// re-choosing them for every member on every merge made Repair's cost
// grow with the story's size, for index entries that differ only where
// the frequencies have drifted (which moves a few decisions: 15,934 →
// 15,941 stories over the 100,000 synthetic articles of BenchmarkScale,
// the labelled sets unchanged).
func (c *Clusterer) rebuild(s int32, fresh []int32) {
	st := &c.stories[s]
	st.cent, st.ents, st.events = map[uint32]cell{}, map[uint32]int32{}, map[int32]int32{}
	st.norm2, st.own, st.first, st.last = 0, 0, noDay, noDay
	st.dirty = true
	for _, ai := range st.members {
		a := &c.articles[ai]
		if a.day != noDay {
			if st.first == noDay || a.day < st.first {
				st.first = a.day
			}
			st.last = max(st.last, a.day)
		}
		if a.origin >= 0 {
			continue
		}
		c.fold(st, a)
	}
	for _, ai := range fresh {
		a := &c.articles[ai]
		if a.origin >= 0 {
			continue
		}
		for _, k := range c.queryTerms(a.vec) {
			if id := a.vec.ids[k]; !has(st.indexed, id) {
				st.indexed[id] = struct{}{}
				c.post[id] = append(c.post[id], s)
				c.posted++
			}
		}
		for _, e := range a.ents {
			if !has(st.indexedE, e) {
				st.indexedE[e] = struct{}{}
				c.postE[e] = append(c.postE[e], s)
				c.posted++
			}
		}
	}
}

func has(m map[uint32]struct{}, k uint32) bool {
	_, ok := m[k]
	return ok
}

// split cuts story s into the groups its members form when only pairs
// with cosine ≥ SplitThreshold hold together; groups of at least
// SplitMin members other than the first article's become new stories.
func (c *Clusterer) split(s int32) []Split {
	st := &c.stories[s]
	if int(st.own) < 2*c.cfg.SplitMin || len(st.members) > c.cfg.SplitMaxMembers {
		return nil
	}
	var own []int32
	for _, a := range st.members {
		if c.articles[a].origin < 0 {
			own = append(own, a)
		}
	}
	parent := make([]int, len(own))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i := range own {
		for j := i + 1; j < len(own); j++ {
			if find(i) != find(j) && c.articles[own[i]].vec.dot(c.articles[own[j]].vec) >= c.cfg.SplitThreshold {
				parent[find(j)] = find(i)
			}
		}
	}
	groups := map[int][]int32{}
	for i, a := range own {
		groups[find(i)] = append(groups[find(i)], a)
	}
	main := find(0)
	var roots []int
	for r, g := range groups {
		if r != main && len(g) >= c.cfg.SplitMin {
			roots = append(roots, r)
		}
	}
	if len(roots) == 0 {
		return nil
	}
	slices.SortFunc(roots, func(x, y int) int { return cmp.Compare(groups[x][0], groups[y][0]) })
	var out []Split
	for _, r := range roots {
		moved := map[int32]bool{}
		for _, a := range groups[r] {
			moved[a] = true
		}
		for _, a := range st.members { // copies follow their origin
			if o := c.articles[a].origin; o >= 0 && moved[o] {
				moved[a] = true
			}
		}
		ns := c.newStory(c.freshID("s" + c.articles[groups[r][0]].id))
		st = &c.stories[s] // newStory may have moved the slice
		nst := &c.stories[ns]
		nst.lastSeq = st.lastSeq
		sp := Split{From: st.id, Into: nst.id}
		kept := st.members[:0]
		for _, a := range st.members {
			if moved[a] {
				nst.members = append(nst.members, a)
				c.articles[a].story = ns
				sp.Docs = append(sp.Docs, c.articles[a].id)
			} else {
				kept = append(kept, a)
			}
		}
		st.members = kept
		c.rebuild(ns, nst.members)
		out = append(out, sp)
	}
	c.rebuild(s, nil)
	return out
}
