package quote

import "math"

// prepared is a document ready for tagging: its tokens, context and the
// weight rows of each token's static features, flattened.
type prepared struct {
	toks []token
	ctx  *context
	rows []uint32
	off  []int32 // rows[off[i]:off[i+1]] are token i's
	// base, when not nil, holds each token's summed weights of features
	// not in rows (its static ones, scored ahead for all stages at once).
	base [][nTags]float32
}

// prepare computes the static rows; first, when not nil, holds the
// first stage's two taggings (left to right and right to left, both in
// forward form), whose features the second stage adds.
func prepare(toks []token, c *context, first *[2][]uint8, mask uint64) *prepared {
	p := &prepared{toks: toks, ctx: c, rows: make([]uint32, 0, len(toks)*32), off: make([]int32, 1, len(toks)+1)}
	var buf []uint64
	for i := range toks {
		buf = static(buf[:0], toks, c, i)
		for _, h := range buf {
			p.rows = append(p.rows, uint32(h&mask))
		}
		p.off = append(p.off, int32(len(p.rows)))
	}
	if first != nil {
		return p.stack(first, mask, true)
	}
	return p
}

// stack returns the second stage's rows: p's static rows of each token,
// when withStatic is set, followed by those on the first stage's tags.
func (p *prepared) stack(first *[2][]uint8, mask uint64, withStatic bool) *prepared {
	toks := p.toks
	n := len(toks) * 29 // stacked features a token
	if withStatic {
		n += len(p.rows)
	}
	q := &prepared{toks: toks, ctx: p.ctx, rows: make([]uint32, 0, n), off: make([]int32, 1, len(toks)+1)}
	sf, sr := newStackInfo(toks, first[0]), newStackInfo(toks, first[1])
	var buf []uint64
	for i := range toks {
		if withStatic {
			q.rows = append(q.rows, p.rows[p.off[i]:p.off[i+1]]...)
		}
		buf = stacked(buf[:0], toks, p.ctx, sf, i, 100)
		buf = stacked(buf, toks, p.ctx, sr, i, 200)
		buf = append(buf, mix(300, uint64(first[0][i])|uint64(first[1][i])<<4))
		for _, h := range buf {
			q.rows = append(q.rows, uint32(h&mask))
		}
		q.off = append(q.off, int32(len(q.rows)))
	}
	return q
}

// allowed says whether tag t may follow prev: an inside tag continues a
// run of its own role within one paragraph.
func allowed(t, prev int, paraStart bool) bool {
	if t == tagO || t%2 == 1 {
		return true
	}
	return !paraStart && prev != tagO && tagRole(prev) == tagRole(t)
}

// greedy tags p with score, which adds the weights of the given rows,
// left to right, or right to left when reverse is set: then the history
// features see the tags to the right, and a run's B tag is its last
// token (see flip). When learn is not nil it is called after each
// decision with the token's rows, the tag chosen and the previous tag.
func greedy(p *prepared, mask uint64, score func([]uint32, *[nTags]float32),
	learn func(rows []uint32, i, pred, prev int), reverse bool) []uint8 {
	n := len(p.toks)
	tags := make([]uint8, n)
	var dyn []uint64
	var rows []uint32
	p1, p2 := tagO, tagO
	var sc [nTags]float32 // declared once: it escapes to the scorer
	for k := 0; k < n; k++ {
		i, boundary := k, p.toks[k].paraStart
		if reverse {
			i = n - 1 - k
			boundary = i == n-1 || p.toks[i+1].paraStart
		}
		rows = append(rows[:0], p.rows[p.off[i]:p.off[i+1]]...)
		dyn = dynamic(dyn[:0], p.toks, p.ctx, i, p1, p2)
		for _, h := range dyn {
			rows = append(rows, uint32(h&mask))
		}
		sc = [nTags]float32{}
		if p.base != nil {
			sc = p.base[i]
		}
		score(rows, &sc)
		best, bestScore := tagO, float32(math.Inf(-1))
		for t := 0; t < nTags; t++ {
			if sc[t] > bestScore && allowed(t, p1, boundary) {
				best, bestScore = t, sc[t]
			}
		}
		if learn != nil {
			learn(rows, i, best, p1)
		}
		tags[i] = uint8(best)
		p1, p2 = best, p1
	}
	return tags
}

// toReverse turns tags read left to right (B first in each run) into
// tags read right to left (B last).
func toReverse(tags []uint8) []uint8 { return flip(tags) }

// toForward is the inverse of toReverse.
func toForward(tags []uint8) []uint8 {
	r := make([]uint8, len(tags))
	for i, t := range tags {
		r[len(tags)-1-i] = t
	}
	r = flip(r)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return r
}

// flip moves the B tag of each run, found reading left to right, to the
// run's last token.
func flip(tags []uint8) []uint8 {
	out := make([]uint8, len(tags))
	for i := 0; i < len(tags); {
		t := int(tags[i])
		if t == tagO {
			i++
			continue
		}
		role := tagRole(t)
		j := i + 1
		for j < len(tags) && tags[j] != tagO && tags[j]%2 == 0 && tagRole(int(tags[j])) == role {
			j++
		}
		for k := i; k < j; k++ {
			out[k] = uint8(2 * role)
		}
		out[j-1] = uint8(2*role - 1)
		i = j
	}
	return out
}

// viterbi tags p left to right with the best tag sequence under score,
// exactly: the history features look at the two previous tags only, so
// the states are pairs of tags. Each paragraph is decoded on its own,
// starting from the last two tags of the one before it.
func viterbi(p *prepared, mask uint64, score func([]uint32, *[nTags]float32)) []uint8 {
	v := newDecoder(mask, score)
	tags := make([]uint8, len(p.toks))
	for from := 0; from < len(p.toks); {
		to := from + 1
		for to < len(p.toks) && !p.toks[to].paraStart {
			to++
		}
		p1, p2 := history(tags, from)
		v.span(p, tags, from, to, p1, p2)
		from = to
	}
	return tags
}

// history returns the two tags before token i.
func history(tags []uint8, i int) (p1, p2 int) {
	p1, p2 = tagO, tagO
	if i > 0 {
		p1 = int(tags[i-1])
	}
	if i > 1 {
		p2 = int(tags[i-2])
	}
	return p1, p2
}

// states is the number of Viterbi states: pairs of the previous two tags,
// numbered p1*nTags + p2.
const states = nTags * nTags

// decoder holds what a Viterbi pass reuses from token to token: the
// weights of the feature on the two previous tags, which do not depend
// on the token, and the lattice's buffers.
type decoder struct {
	mask        uint64
	score       func([]uint32, *[nTags]float32)
	pair        [states][nTags]float32
	delta, next [states]float32
	back        [][states]uint8
	// static and s1 are a token's sums, kept here because they escape
	// to the scorer and would otherwise be allocated at every token.
	static, s1 [nTags]float32
}

func newDecoder(mask uint64, score func([]uint32, *[nTags]float32)) *decoder {
	d := &decoder{mask: mask, score: score}
	var row [1]uint32
	for s := range d.pair {
		row[0] = uint32(history2(s/nTags, s%nTags) & mask)
		score(row[:], &d.pair[s])
	}
	return d
}

// span writes into tags[from:to] the best tagging of those tokens given
// the two tags before them.
func (d *decoder) span(p *prepared, tags []uint8, from, to, h1, h2 int) {
	neg := float32(math.Inf(-1))
	for s := range d.delta {
		d.delta[s] = neg
	}
	d.delta[h1*nTags+h2] = 0
	// Entries of back are read only along the best path, every one of
	// them written in this span, so a reused buffer needs no clearing.
	if cap(d.back) < to-from {
		d.back = make([][states]uint8, to-from, max(to-from, 2*cap(d.back)))
	}
	d.back = d.back[:to-from]
	var rows [4]uint32
	for i := from; i < to; i++ {
		d.static = [nTags]float32{}
		if p.base != nil {
			d.static = p.base[i]
		}
		d.score(p.rows[p.off[i]:p.off[i+1]], &d.static)
		for s := range d.next {
			d.next[s] = neg
		}
		boundary := p.toks[i].paraStart
		back := &d.back[i-from]
		for p1 := 0; p1 < nTags; p1++ {
			// best[t] is the best score of a path through (p1, any p2)
			// followed by t, leaving out the features on p1 alone,
			// which are the same for every p2.
			var best [nTags]float32
			var arg [nTags]uint8
			for t := range best {
				best[t] = neg
			}
			reachable := false
			for p2 := 0; p2 < nTags; p2++ {
				dl := d.delta[p1*nTags+p2]
				if dl == neg {
					continue
				}
				reachable = true
				pw := &d.pair[p1*nTags+p2]
				for t := 0; t < nTags; t++ {
					if v := dl + pw[t]; v > best[t] {
						best[t], arg[t] = v, uint8(p2)
					}
				}
			}
			if !reachable {
				continue
			}
			h := history1(p.toks, p.ctx, i, p1)
			for k := range h {
				rows[k] = uint32(h[k] & d.mask)
			}
			d.s1 = d.static
			d.score(rows[:], &d.s1)
			for t := 0; t < nTags; t++ {
				if allowed(t, p1, boundary) {
					d.next[t*nTags+p1] = best[t] + d.s1[t]
					back[t*nTags+p1] = arg[t]
				}
			}
		}
		d.delta, d.next = d.next, d.delta
	}
	best, bestScore := 0, neg
	for s, v := range d.delta {
		if v > bestScore {
			best, bestScore = s, v
		}
	}
	t, p1 := best/nTags, best%nTags
	for i := to - 1; i >= from; i-- {
		tags[i] = uint8(t)
		t, p1 = p1, int(d.back[i-from][t*nTags+p1])
	}
}
