package quote

// Tags: outside, and begin/inside for each of the three roles.
const (
	tagO = iota
	tagBS
	tagIS
	tagBC
	tagIC
	tagBQ
	tagIQ
	nTags
)

// Roles, numbered so that a role's B tag is 2*role-1.
const (
	roleSource = 1 + iota
	roleCue
	roleContent
)

func tagRole(t int) int { return (t + 1) / 2 }

// Hashing: FNV-1a over bytes and a splitmix64 finaliser to combine a
// template number with its values.
const (
	fnvOffset = 0xcbf29ce484222325
	fnvPrime  = 0x100000001b3
)

func mix(a, b uint64) uint64 {
	x := a*0x9e3779b97f4a7c15 ^ b
	x ^= x >> 31
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 29
	x *= 0x94d049bb133111eb
	return x ^ x>>32
}

// featureVersion changes whenever the features or the decoding change,
// so an old model file is refused rather than silently misread.
const featureVersion = 7

// Feature templates.
const (
	fBias = iota + 1
	fW0
	fWm1
	fWp1
	fWm2
	fWp2
	fBiL
	fBiR
	fShape
	fSuf
	fCue0
	fCueM1
	fCueP1
	fQuote
	fQuoteNb
	fCueLeft
	fCueRight
	fCueLeftW
	fCueRightW
	fSentPos
	fQuoteSent
	fCapQ
	fPrev
	fPrev2
	fPrevW
	fPrevQ
	fPrevCueL
	fSentEnd
	fPunctR
	fAfterP
	fClause
)

// cueBucket says how often a word was a cue in the training set: 0 for
// unknown or rare words, then 1-5 by rising share.
type cueLexicon map[uint64]uint8

// candidate is the bucket from which a word counts as a likely cue for
// the distance features.
const candidate = 3

// context holds what the features look at beyond single tokens: each
// token's cue bucket and its nearest likely cue on either side within the
// sentence, outside quotations.
type context struct {
	bucket      []uint8
	left, right []int32 // token index of the nearest candidate, -1 if none
	sentQuote   []bool  // the sentence has a quotation mark
	toEnd       []int32 // tokens to the end of the sentence
	punctR      []int32 // index of the next comma, colon or dash in the sentence, -1 if none
}

func newContext(toks []token, lex func(uint64) uint8) *context {
	n := len(toks)
	c := &context{bucket: make([]uint8, n), left: make([]int32, n), right: make([]int32, n)}
	for i := range toks {
		c.bucket[i] = lex(toks[i].lower)
	}
	last := int32(-1)
	for i := range toks {
		if toks[i].sentStart {
			last = -1
		}
		c.left[i] = last
		if c.bucket[i] >= candidate && !toks[i].inQ {
			last = int32(i)
		}
	}
	last = -1
	for i := n - 1; i >= 0; i-- {
		c.right[i] = last
		if c.bucket[i] >= candidate && !toks[i].inQ {
			last = int32(i)
		}
		if toks[i].sentStart {
			last = -1
		}
	}
	c.toEnd, c.punctR = make([]int32, n), make([]int32, n)
	end, pr := n, int32(-1)
	for i := n - 1; i >= 0; i-- {
		c.toEnd[i], c.punctR[i] = int32(end-i), pr
		if toks[i].kind == kPunct {
			pr = int32(i)
		}
		if toks[i].sentStart {
			end, pr = i, -1
		}
	}
	c.sentQuote = make([]bool, n)
	for i := 0; i < n; {
		j, q := i+1, toks[i].kind >= kOpenQ
		for j < n && !toks[j].sentStart {
			q = q || toks[j].kind >= kOpenQ
			j++
		}
		for k := i; k < j; k++ {
			c.sentQuote[k] = q
		}
		i = j
	}
	return c
}

func distBucket(d int) uint64 {
	switch {
	case d <= 3:
		return uint64(d)
	case d <= 5:
		return 4
	case d <= 8:
		return 5
	case d <= 15:
		return 6
	}
	return 7
}

// static appends the features of token i that do not depend on tags.
func static(dst []uint64, toks []token, c *context, i int) []uint64 {
	t := &toks[i]
	w := func(k int) uint64 {
		if k < 0 {
			return 1
		}
		if k >= len(toks) {
			return 2
		}
		return toks[k].lower
	}
	q := uint64(t.kind)
	if t.inQ {
		q |= 8
	}
	if t.contQ {
		q |= 16
	}
	var nb uint64
	if i > 0 {
		nb = uint64(toks[i-1].kind) | b2u(toks[i-1].inQ)<<3
	}
	if i+1 < len(toks) {
		nb |= (uint64(toks[i+1].kind) | b2u(toks[i+1].inQ)<<3) << 4
	}
	dst = append(dst,
		mix(fBias, 0),
		mix(fW0, t.lower),
		mix(fWm1, w(i-1)),
		mix(fWp1, w(i+1)),
		mix(fWm2, w(i-2)),
		mix(fWp2, w(i+2)),
		mix(fBiL, mix(w(i-1), t.lower)),
		mix(fBiR, mix(t.lower, w(i+1))),
		mix(fShape, t.shape),
		mix(fSuf, t.suf),
		mix(fCue0, uint64(c.bucket[i])|q<<8),
		mix(fQuote, q),
		mix(fQuoteNb, nb|q<<8),
		mix(fCapQ, b2u(t.cap)|q<<1|b2u(t.sentStart)<<6|b2u(t.paraStart)<<7),
	)
	var bm, bp uint64
	if i > 0 {
		bm = uint64(c.bucket[i-1])
	}
	if i+1 < len(toks) {
		bp = uint64(c.bucket[i+1])
	}
	dst = append(dst, mix(fCueM1, bm), mix(fCueP1, bp))
	l, r := c.left[i], c.right[i]
	var ld, rd uint64
	var lw, rw uint64 = 3, 3
	if l >= 0 {
		ld, lw = 1+distBucket(i-int(l)), toks[l].lower
	}
	if r >= 0 {
		rd, rw = 1+distBucket(int(r)-i), toks[r].lower
	}
	dst = append(dst,
		mix(fCueLeft, ld|rd<<4|q<<8),
		mix(fCueRight, rd|b2u(t.inQ)<<4|uint64(c.bucket[i])<<5),
		mix(fCueLeftW, mix(lw, ld)),
		mix(fCueRightW, mix(rw, rd)),
	)
	pos := 0
	for k := i; k > 0 && !toks[k].sentStart && pos < 6; k-- {
		pos++
	}
	pd, pw := uint64(0), uint64(3)
	if p := c.punctR[i]; p >= 0 {
		pd, pw = 1+distBucket(int(p)-i), toks[p].lower
	}
	aw := uint64(3)
	if p := c.punctR[i]; p >= 0 && int(p)+1 < len(toks) && !toks[p+1].sentStart {
		aw = toks[p+1].lower
	}
	var cls uint64
	if i > 0 && toks[i-1].lower == wComma {
		cls = 1
		switch {
		case t.lower == wAnd:
			cls = 2
		case t.lower == wWhich:
			cls = 3
		case t.lower == wWho:
			cls = 4
		case t.lower == wBut:
			cls = 5
		case t.lower == wThat:
			cls = 6
		case t.suf == sufIng:
			cls = 7
		}
	}
	dst = append(dst,
		mix(fAfterP, mix(aw, pd|q<<4)),
		mix(fClause, cls|ld<<4|distBucket(int(c.toEnd[i]))<<8|b2u(t.inQ)<<12),
		mix(fSentEnd, distBucket(int(c.toEnd[i]))|q<<4),
		mix(fPunctR, mix(pw, pd|rd<<4)),
		mix(fSentPos, uint64(pos)|b2u(t.paraStart)<<3),
		mix(fQuoteSent, b2u(c.sentQuote[i])|q<<1|ld<<6),
	)
	return dst
}

// dynamic appends the features on the tags already chosen: p1 is the
// previous tag, p2 the one before it.
func dynamic(dst []uint64, toks []token, c *context, i, p1, p2 int) []uint64 {
	h := history1(toks, c, i, p1)
	return append(dst, h[0], history2(p1, p2), h[1], h[2], h[3])
}

// history1 returns the hashes of the history features that look at the
// previous tag alone.
func history1(toks []token, c *context, i, p1 int) [4]uint64 {
	t := &toks[i]
	sb := b2u(t.sentStart) | b2u(t.paraStart)<<1
	return [4]uint64{
		mix(fPrev, uint64(p1)|sb<<4),
		mix(fPrevW, mix(t.lower, uint64(p1))),
		mix(fPrevQ, uint64(p1)|uint64(t.kind)<<4|b2u(t.inQ)<<8|sb<<9),
		mix(fPrevCueL, uint64(p1)|uint64(c.bucket[i])<<4|b2u(c.left[i] >= 0)<<8),
	}
}

// history2 is the hash of the feature on the two previous tags, the same
// at every token.
func history2(p1, p2 int) uint64 { return mix(fPrev2, uint64(p1)|uint64(p2)<<4) }

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

func wordHash(w string) uint64 {
	var t token
	describe(w, &t)
	return t.lower
}

func sufHash(w string) uint64 {
	var t token
	describe(w, &t)
	return t.suf
}

var (
	wComma, wAnd, wWhich, wWho = wordHash(","), wordHash("and"), wordHash("which"), wordHash("who")
	wBut, wThat                = wordHash("but"), wordHash("that")
	sufIng                     = sufHash("ing")
)
