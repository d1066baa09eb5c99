package quote

// Templates of the second stage's features on the first stage's tags.
const (
	fS0 = iota
	fS0W
	fSNb
	fSNext2
	fSPrev2
	fSCueL
	fSCueR
	fSCueRW
	fSRoleL
	fSRoleR
	fSFar
	fSWnb
	fSAfterP
	fSAfterPW
)

// stackInfo is what the second stage reads of the first stage's tags:
// for each token, the nearest first-stage cue and the nearest tagged
// token of another run on each side within its sentence.
type stackInfo struct {
	first                  []uint8
	cueL, cueR, tagL, tagR []int32
}

func newStackInfo(toks []token, first []uint8) *stackInfo {
	n := len(toks)
	s := &stackInfo{first: first, cueL: make([]int32, n), cueR: make([]int32, n), tagL: make([]int32, n), tagR: make([]int32, n)}
	cue, tag := int32(-1), int32(-1)
	for i := range toks {
		if toks[i].sentStart {
			cue, tag = -1, -1
		}
		s.cueL[i], s.tagL[i] = cue, tag
		if tagRole(int(first[i])) == roleCue {
			cue = int32(i)
		}
		if first[i] != tagO {
			tag = int32(i)
		}
	}
	cue, tag = -1, -1
	for i := n - 1; i >= 0; i-- {
		s.cueR[i], s.tagR[i] = cue, tag
		if tagRole(int(first[i])) == roleCue {
			cue = int32(i)
		}
		if first[i] != tagO {
			tag = int32(i)
		}
		if toks[i].sentStart {
			cue, tag = -1, -1
		}
	}
	return s
}

// stacked appends the second stage's features of token i.
func stacked(dst []uint64, toks []token, c *context, s *stackInfo, i int, base uint64) []uint64 {
	f := func(k int) uint64 {
		if k < 0 || k >= len(toks) {
			return 15
		}
		return uint64(s.first[k])
	}
	t := &toks[i]
	q := uint64(t.kind) | b2u(t.inQ)<<3
	near := func(k int32, from int) (uint64, uint64) {
		if k < 0 {
			return 0, 3
		}
		d := int(k) - from
		if d < 0 {
			d = -d
		}
		return 1 + distBucket(d), toks[k].lower
	}
	cl, _ := near(s.cueL[i], i)
	cr, crw := near(s.cueR[i], i)
	tl, _ := near(s.tagL[i], i)
	tr, _ := near(s.tagR[i], i)
	var rl, rr uint64
	if s.tagL[i] >= 0 {
		rl = uint64(tagRole(int(s.first[s.tagL[i]])))
	}
	if s.tagR[i] >= 0 {
		rr = uint64(tagRole(int(s.first[s.tagR[i]])))
	}
	// The first stage's tags around the next comma, colon or dash: whether
	// it ran a content on past it.
	pd, pt, pa, pw := uint64(0), uint64(14), uint64(14), uint64(3)
	if p := int(c.punctR[i]); p >= 0 {
		pd, pt = 1+distBucket(p-i), f(p)
		if p+1 < len(toks) && !toks[p+1].sentStart {
			pa, pw = f(p+1), toks[p+1].lower
		}
	}
	dst = append(dst,
		mix(base+fSAfterP, f(i)|pt<<4|pa<<8|pd<<12),
		mix(base+fSAfterPW, mix(pw, f(i)|pa<<4)),
	)
	return append(dst,
		mix(base+fS0, f(i)|q<<4),
		mix(base+fS0W, mix(t.lower, f(i))),
		mix(base+fSNb, f(i-1)|f(i)<<4|f(i+1)<<8),
		mix(base+fSNext2, f(i)|f(i+1)<<4|f(i+2)<<8),
		mix(base+fSPrev2, f(i)|f(i-1)<<4|f(i-2)<<8),
		mix(base+fSCueL, cl|f(i)<<4|q<<8),
		mix(base+fSCueR, cr|f(i)<<4|q<<8),
		mix(base+fSCueRW, mix(crw, cr)),
		mix(base+fSRoleL, tl|rl<<4|f(i)<<8),
		mix(base+fSRoleR, tr|rr<<4|f(i)<<8|b2u(t.sentStart)<<12),
		mix(base+fSFar, f(i)|f(i-3)<<4|f(i+3)<<8),
		mix(base+fSWnb, mix(t.lower, f(i-1)|f(i+1)<<4)),
	)
}
