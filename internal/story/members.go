package story

import (
	"cmp"
	"math"
	"slices"
)

// score compares article a with live story s.
func (c *Clusterer) score(a *article, s int32, d Doc) Candidate {
	st := &c.stories[s]
	cd := Candidate{Story: st.id, Size: len(st.members)}
	type contrib struct {
		k int
		w float64
	}
	var parts []contrib
	if st.norm2 > 0 {
		n := math.Sqrt(st.norm2)
		own := float64(max(st.own, 1))
		var cos, cover float64
		for k, id := range a.vec.ids {
			if t := st.cent[id]; t.n != 0 {
				w := float64(a.vec.ws[k])
				cos += w * float64(t.w) / n
				p := w * w * min(1, float64(t.n)/own/c.cfg.CommonShare)
				cover += p
				parts = append(parts, contrib{k, p})
			}
		}
		cd.Text = (1-c.cfg.CoverWeight)*cos + c.cfg.CoverWeight*cover
	}
	// The nearest recent member: stories are told from several angles,
	// and an article may match one of them closely and the centroid only
	// loosely.
	var near float64
	ms := st.members[max(0, len(st.members)-c.cfg.NearMembers):]
	for _, m := range ms {
		if v := c.articles[m].vec; len(v.ids) > 0 {
			if d, n := a.vec.dotShared(v); n >= c.cfg.NearMinShared {
				near = max(near, d)
			}
		}
	}
	cd.Nearest = near
	cd.Text = max(cd.Text, c.cfg.NearWeight*near)
	if len(a.ents) > 0 {
		var num, den float64
		for _, e := range a.ents {
			w := idf(c.entDF[e], c.nDocs)
			den += w
			if n := st.ents[e]; n > 0 {
				num += w * min(1, 2*float64(n)/float64(max(st.own, 1)))
				cd.SharedEntities = append(cd.SharedEntities, c.entNm[e])
			}
		}
		cd.Entities = num / den
		slices.Sort(cd.SharedEntities)
	}
	cd.Time, cd.GapDays = c.timeFactor(a.day, a.events, st)
	ent := cd.Entities
	if cd.Text < c.cfg.EntityMinText && ent > 0 {
		ent, cd.EntitiesIgnored = 0, true
	}
	cd.Score = (cd.Text + c.cfg.EntityWeight*ent) * cd.Time
	slices.SortFunc(parts, func(x, y contrib) int { return cmp.Compare(y.w, x.w) })
	for _, p := range parts[:min(len(parts), 6)] {
		if w := c.word(d, a.vec.ids[p.k]); w != "" {
			cd.SharedTerms = append(cd.SharedTerms, w)
		}
	}
	return cd
}

// newStory opens an empty live story called id.
func (c *Clusterer) newStory(id string) int32 {
	s := int32(len(c.stories))
	c.stories = append(c.stories, storyState{
		id: id, live: true, into: -1, first: noDay, last: noDay,
		cent: map[uint32]cell{}, ents: map[uint32]int32{}, events: map[int32]int32{},
		indexed: map[uint32]struct{}{}, indexedE: map[uint32]struct{}{},
	})
	c.storyID[id] = s
	c.live = append(c.live, s)
	return s
}

// attach makes a a member of story s and folds it into the story's
// centroid, entities, span and index entries.
func (c *Clusterer) attach(a *article, s int32) {
	ai := c.byID[a.id]
	a.story = s
	st := &c.stories[s]
	st.members = append(st.members, ai)
	st.dirty = true
	if !st.live { // a late copy, or a restored member of a closed story
		a.vec, a.ents, a.events = vector{}, nil, nil
		return
	}
	st.lastSeq = c.seq
	if a.day != noDay {
		if st.first == noDay || a.day < st.first {
			st.first = a.day
		}
		if st.last == noDay || a.day > st.last {
			st.last = a.day
		}
	}
	if a.origin >= 0 {
		return
	}
	c.fold(st, a)
	for _, k := range c.queryTerms(a.vec) {
		id := a.vec.ids[k]
		if _, ok := st.indexed[id]; !ok {
			st.indexed[id] = struct{}{}
			c.post[id] = append(c.post[id], s)
			c.posted++
		}
	}
	for _, e := range a.ents {
		if _, ok := st.indexedE[e]; !ok {
			st.indexedE[e] = struct{}{}
			c.postE[e] = append(c.postE[e], s)
			c.posted++
		}
	}
}

// fold adds an original article's vector, entities and event days to a
// live story's aggregates.
func (c *Clusterer) fold(st *storyState, a *article) {
	st.own++
	for k, id := range a.vec.ids {
		t := st.cent[id]
		old := float64(t.w)
		nw := old + float64(a.vec.ws[k])
		st.cent[id] = cell{float32(nw), t.n + 1}
		st.norm2 += nw*nw - old*old
	}
	if len(st.cent) > 2*c.cfg.CentroidTerms {
		c.prune(st)
	}
	for _, e := range a.ents {
		st.ents[e]++
	}
	for _, e := range a.events {
		st.events[e]++
	}
}

// prune keeps a centroid's CentroidTerms heaviest terms; the rest are
// words a single member used, which only add noise to the cosine.
func (c *Clusterer) prune(st *storyState) {
	ws := make([]weighted, 0, len(st.cent))
	for id, t := range st.cent {
		ws = append(ws, weighted{id, float64(t.w)})
	}
	slices.SortFunc(ws, func(x, y weighted) int {
		if r := cmp.Compare(y.w, x.w); r != 0 {
			return r
		}
		return cmp.Compare(x.id, y.id)
	})
	ws = ws[:c.cfg.CentroidTerms]
	slices.SortFunc(ws, func(x, y weighted) int { return cmp.Compare(x.id, y.id) })
	kept := make(map[uint32]cell, 2*c.cfg.CentroidTerms)
	st.norm2 = 0
	for _, t := range ws {
		kept[t.id] = st.cent[t.id]
		st.norm2 += float64(float32(t.w)) * float64(float32(t.w))
	}
	st.cent = kept
}

// sweep closes the live stories that fell out of the recency window.
func (c *Clusterer) sweep() {
	kept := c.live[:0]
	for _, s := range c.live {
		st := &c.stories[s]
		if !st.live {
			continue
		}
		old := c.seq-st.lastSeq > int64(c.cfg.WindowDocs) ||
			(st.last != noDay && c.clock != noDay && float64(c.clock-st.last) > c.cfg.WindowDays)
		if old {
			c.close(s)
		} else {
			kept = append(kept, s)
		}
	}
	c.live = kept
	if c.stale > 4096 && 2*c.stale > c.posted {
		c.compact()
	}
}

// close turns a live story into its profile and frees what only live
// stories need: member vectors, the full centroid, index entries.
func (c *Clusterer) close(s int32) {
	st := &c.stories[s]
	st.profile, st.entProf = c.profiles(st)
	st.live = false
	c.stale += len(st.indexed) + len(st.indexedE)
	st.cent, st.ents, st.events, st.indexed, st.indexedE = nil, nil, nil, nil, nil
	for _, ai := range st.members {
		a := &c.articles[ai]
		a.vec, a.ents, a.events = vector{}, nil, nil
	}
}

// profiles are a live story's top terms and its entities weighted by how
// many members name them and how rare they are, both normalised.
func (c *Clusterer) profiles(st *storyState) (terms, ents vector) {
	return centroidVector(st.cent, c.cfg.ProfileTerms), c.entityProfile(st)
}

// compact drops closed stories from every index list, once they make up
// half of the entries.
func (c *Clusterer) compact() {
	for _, post := range []map[uint32][]int32{c.post, c.postE} {
		for k, list := range post {
			kept := list[:0]
			for _, s := range list {
				if c.stories[s].live {
					kept = append(kept, s)
				}
			}
			if len(kept) == 0 {
				delete(post, k)
			} else {
				post[k] = slices.Clip(kept)
			}
		}
	}
	c.posted -= c.stale
	c.stale = 0
}
