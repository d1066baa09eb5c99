package quote

import "math"

// prepared is a document ready for tagging: its tokens, context and the
// weight rows of each token's static features, flattened.
type prepared struct {
	toks []token
	ctx  *context
	rows []uint32
	off  []int32 // rows[off[i]:off[i+1]] are token i's
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
		return p.stack(first, mask)
	}
	return p
}

// stack returns the second stage's rows: p's static rows of each token
// followed by those on the first stage's tags.
func (p *prepared) stack(first *[2][]uint8, mask uint64) *prepared {
	toks := p.toks
	q := &prepared{toks: toks, ctx: p.ctx, rows: make([]uint32, 0, len(p.rows)+len(toks)*26), off: make([]int32, 1, len(toks)+1)}
	sf, sr := newStackInfo(toks, first[0]), newStackInfo(toks, first[1])
	var buf []uint64
	for i := range toks {
		q.rows = append(q.rows, p.rows[p.off[i]:p.off[i+1]]...)
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
		var sc [nTags]float32
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
