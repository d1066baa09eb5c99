package story

import (
	"cmp"
	"math"
	"slices"
)

// sweepEvery is how many arrivals pass between two closings of stale
// stories; closing is linear in the live stories, so it is amortised.
const sweepEvery = 256

// Add places d in a story: its origin's when d is a copy of a known
// article, else the best-scoring recent story when that scores at least
// the threshold, else a new story whose id is "s" + d.ID. Adding an id
// twice repeats the first decision's story.
func (c *Clusterer) Add(d Doc) Decision {
	if i, ok := c.byID[d.ID]; ok {
		return Decision{Doc: d.ID, Story: c.stories[c.root(c.articles[i].story)].id, Reason: Known, Threshold: c.cfg.Threshold}
	}
	a, copyOf := c.analyse(d)
	if copyOf >= 0 {
		s := c.root(c.articles[copyOf].story)
		c.attach(a, s)
		return Decision{Doc: d.ID, Story: c.stories[s].id, Reason: Copied, Threshold: c.cfg.Threshold}
	}
	dec := Decision{Doc: d.ID, Threshold: c.cfg.Threshold}
	cands := c.rank(a, d)
	dec.Considered = len(cands)
	if len(cands) > 0 {
		dec.Best = &cands[0]
	}
	if len(cands) > 1 {
		dec.RunnerUp = &cands[1]
	}
	if dec.Best != nil && dec.Best.Score >= c.cfg.Threshold {
		s := c.storyID[dec.Best.Story]
		c.attach(a, s)
		dec.Story, dec.Reason = dec.Best.Story, Joined
		return dec
	}
	s := c.newStory(c.freshID("s" + d.ID))
	c.attach(a, s)
	dec.Story, dec.Reason = c.stories[s].id, Started
	return dec
}

// freshID returns id, or id with a suffix when id was given out before:
// story ids are never reused.
func (c *Clusterer) freshID(id string) string {
	out := id
	for n := 2; ; n++ {
		if _, ok := c.storyID[out]; !ok && !c.retired[out] {
			return out
		}
		out = id + "~" + itoa(n)
	}
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			return string(b[i:])
		}
	}
}

// analyse turns d into an article record (not yet in any story),
// updating document frequencies and the clock. It returns the index of
// the syndication origin when d is a copy of a known article, else -1;
// copies leave frequencies alone, as they add no new evidence.
func (c *Clusterer) analyse(d Doc) (*article, int32) {
	c.seq++
	a := article{id: d.ID, story: -1, origin: -1, day: dayOf(d.Published)}
	if a.day != noDay && (c.clock == noDay || a.day > c.clock) {
		c.clock = a.day
	}
	for _, t := range d.EventDays {
		a.events = append(a.events, dayOf(t))
	}
	slices.Sort(a.events)
	a.events = slices.Compact(a.events)
	if a.day == noDay && len(a.events) > 0 {
		a.day = a.events[len(a.events)-1] // the latest day it speaks of
	}
	if o, ok := c.byID[d.CopyOf]; ok && d.CopyOf != "" {
		a.origin = o
	}
	if a.origin < 0 {
		c.nDocs++
		c.vectorise(&a, d)
		for _, e := range d.Entities {
			h := termHash([]byte(e))
			if !slices.Contains(a.ents, h) {
				a.ents = append(a.ents, h)
				c.entDF[h]++
				if _, ok := c.entNm[h]; !ok {
					c.entNm[h] = e
				}
			}
		}
		slices.Sort(a.ents)
	}
	i := int32(len(c.articles))
	c.articles = append(c.articles, a)
	c.byID[d.ID] = i
	if c.seq%sweepEvery == 0 {
		c.sweep()
	}
	return &c.articles[i], a.origin
}

// vectorise builds a.vec from d's title and text.
func (c *Clusterer) vectorise(a *article, d Doc) {
	an := &c.an
	clear(an.counts)
	clear(an.pos)
	an.scan(d.Title, titleBoost, true)
	an.scan(d.Text, 1, false)
	an.terms = an.terms[:0]
	for h, n := range an.counts {
		c.df[h]++
		an.terms = append(an.terms, weighted{h, (1 + math.Log(n)) * math.Pow(idf(c.df[h], c.nDocs), c.cfg.IDFPower)})
	}
	a.vec = topVector(an.terms, c.cfg.DocTerms)
}

// word returns how term h was written in d (for explanations).
func (c *Clusterer) word(d Doc, h uint32) string {
	p, ok := c.an.pos[h]
	if !ok {
		return ""
	}
	if p.title {
		return d.Title[p.s:p.e]
	}
	return d.Text[p.s:p.e]
}

// rank scores the live stories that share index terms or entities with
// a, best first.
func (c *Clusterer) rank(a *article, d Doc) []Candidate {
	clear(c.acc)
	q := c.queryTerms(a.vec)
	for _, k := range q {
		c.collect(c.post, a.vec.ids[k], float64(a.vec.ws[k]))
	}
	for _, e := range a.ents {
		c.collect(c.postE, e, 0.1)
	}
	type hit struct {
		s int32
		w float64
	}
	hits := make([]hit, 0, len(c.acc))
	for s, w := range c.acc {
		hits = append(hits, hit{s, w})
	}
	slices.SortFunc(hits, func(x, y hit) int {
		if r := cmp.Compare(y.w, x.w); r != 0 {
			return r
		}
		return cmp.Compare(x.s, y.s)
	})
	if len(hits) > c.cfg.Candidates {
		hits = hits[:c.cfg.Candidates]
	}
	out := c.scored[:0]
	for _, h := range hits {
		out = append(out, c.score(a, h.s, d))
	}
	slices.SortStableFunc(out, func(x, y Candidate) int { return cmp.Compare(y.Score, x.Score) })
	c.scored = out
	return slices.Clone(out)
}

// queryTerms are the indexes of the QueryTerms entries of v that look up
// candidates, ranked by weight times the IDF that IDFPower took out:
// rare terms are the ones that tell stories apart, and their index lists
// are short, which keeps an Add cheap when many stories are live.
func (c *Clusterer) queryTerms(v vector) []int {
	type ranked struct {
		i int
		w float64
	}
	rs := make([]ranked, len(v.ids))
	for i, id := range v.ids {
		rs[i] = ranked{i, float64(v.ws[i]) * math.Pow(idf(c.df[id], c.nDocs), 1-c.cfg.IDFPower)}
	}
	slices.SortFunc(rs, func(x, y ranked) int {
		if r := cmp.Compare(y.w, x.w); r != 0 {
			return r
		}
		return cmp.Compare(v.ids[x.i], v.ids[y.i])
	})
	idx := make([]int, 0, c.cfg.QueryTerms)
	for _, r := range rs[:min(len(rs), c.cfg.QueryTerms)] {
		idx = append(idx, r.i)
	}
	return idx
}

// collect adds w to every live story posted under key, dropping closed
// ones from the list on the way.
func (c *Clusterer) collect(post map[uint32][]int32, key uint32, w float64) {
	list := post[key]
	if len(list) == 0 {
		return
	}
	kept := list[:0]
	for _, s := range list {
		if c.stories[s].live {
			kept = append(kept, s)
		} else {
			c.stale--
			c.posted--
		}
	}
	clear(list[len(kept):])
	post[key] = kept
	if len(kept) > c.cfg.PostingCap {
		return
	}
	for _, s := range kept {
		c.acc[s] += w
	}
}

// timeFactor scores how well an article's day and event days fit a
// story's span; gap is -1 when either is undated.
func (c *Clusterer) timeFactor(day int32, events []int32, st *storyState) (f, gap float64) {
	if day == noDay || st.first == noDay {
		return 1, -1
	}
	switch {
	case day < st.first:
		gap = float64(st.first - day)
	case day > st.last:
		gap = float64(day - st.last)
	}
	f = 1
	if gap > c.cfg.GraceDays {
		f = math.Exp(-(gap - c.cfg.GraceDays) / c.cfg.TauDays)
	}
	for _, e := range events {
		if st.events[e] > 0 {
			return max(f, 0.9), gap
		}
	}
	return f, gap
}
