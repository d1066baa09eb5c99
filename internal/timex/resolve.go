package timex

// This file turns underspecified calendar units ("Friday", "Dec. 15",
// "the third quarter") into points, using the anchor and the tense of
// the clause.

// lean is how much farther a candidate against the tense may be before
// it loses: "Jan. 1" in a future clause published on Dec. 15 is the
// coming one, "Nov. 24" in a past clause the last one. Without any cue
// news leans to the past, by noneLean.
const (
	lean     = 4
	noneLean = 2
)

// nearest picks among candidates (same granularity) the one closest to
// the anchor, weighing distances against the clause's direction.
func (tg *tagger) nearest(cands []point, dir int8) point {
	return tg.nearestLean(cands, dir, lean, noneLean)
}

// nearestLean is nearest with given leans. Ties go to the candidate in
// the anchor's year, then to the past.
func (tg *tagger) nearestLean(cands []point, dir int8, lean, noneLean int) point {
	a := at(tg.anchor, cands[0].g).index()
	if cands[0].g == gDay {
		a = dayPoint(tg.anchor).index()
	}
	ay := tg.anchor.Year()
	best, bestD := cands[0], 1<<62
	for _, c := range cands {
		d := c.index() - a
		w := d
		switch {
		case d < 0:
			w = -d
			if dir == tFuture {
				w *= lean
			}
		case dir == tPast:
			w *= lean
		case dir == tNone:
			w *= noneLean
		}
		tie := w == bestD && ((c.y == ay) != (best.y == ay) && c.y == ay || (c.y == ay) == (best.y == ay) && d < 0)
		if w < bestD || tie {
			best, bestD = c, w
		}
	}
	return best
}

// monthDay resolves a month and day without a year for the expression
// at tokens [i, j).
func (tg *tagger) monthDay(m, d, i, j int) (point, string) {
	if !tg.hasAnchor {
		return point{}, "XXXX-" + pad(m, 2) + "-" + pad(d, 2)
	}
	y := tg.anchor.Year()
	var cands [3]point
	n := 0
	for _, yy := range [3]int{y - 1, y, y + 1} {
		if validDay(yy, m, d) {
			cands[n] = point{g: gDay, y: yy, n: m, d: d}
			n++
		}
	}
	if n == 0 {
		return point{}, "XXXX-" + pad(m, 2) + "-" + pad(d, 2)
	}
	p := tg.nearestLean(cands[:n], tg.leaning(i, j), tg.leanAt(i), noneLean)
	return p, p.String()
}

// leanAt is the lean for a date at token i: strong when a verb governs
// it directly.
func (tg *tagger) leanAt(i int) int {
	if tg.verbNextTo(i) {
		return 12
	}
	return lean
}

// month resolves a month name without a year.
func (tg *tagger) month(m, i, j int) (point, string) {
	if !tg.hasAnchor {
		return point{}, "XXXX-" + pad(m, 2)
	}
	y := tg.anchor.Year()
	cands := [3]point{{g: gMonth, y: y - 1, n: m}, {g: gMonth, y: y, n: m}, {g: gMonth, y: y + 1, n: m}}
	p := tg.nearestLean(cands[:], tg.leaning(i, j), tg.leanAt(i), noneLean)
	return p, p.String()
}

// quarter resolves "the third quarter" without a year.
func (tg *tagger) quarter(q, i, j int) (point, string) {
	if !tg.hasAnchor {
		return point{}, "XXXX-Q" + pad(q, 1)
	}
	y := tg.anchor.Year()
	cands := [3]point{{g: gQuarter, y: y - 1, n: q}, {g: gQuarter, y: y, n: q}, {g: gQuarter, y: y + 1, n: q}}
	// Quarters are reported on after they end, so "expects to report
	// third-quarter results" in October is still the quarter just gone:
	// a weaker lean, and no preposition cue.
	p := tg.nearestLean(cands[:], tg.tenseAt(i, j), 3, 3)
	return p, p.String()
}

// season resolves "the summer" without a year.
func (tg *tagger) season(s, i, j int) (point, string) {
	if !tg.hasAnchor {
		return point{}, "XXXX-" + seasonCodes[s]
	}
	y := tg.anchor.Year()
	cands := [3]point{{g: gSeason, y: y - 1, n: s}, {g: gSeason, y: y, n: s}, {g: gSeason, y: y + 1, n: s}}
	p := tg.nearest(cands[:], tg.leaning(i, j))
	return p, p.String()
}

// weekday resolves a day name. mode -1: the last one on or before the
// anchor (past clauses, the default); 1: the first on or after it
// (future clauses); -2 and 2: strictly before or after ("last Friday",
// "next Friday"); 3: the one in the anchor's week ("this Friday"); 0:
// the nearest either way ("Monday's comments").
func (tg *tagger) weekday(wd, mode int) (point, string) {
	if !tg.hasAnchor {
		return point{}, "XXXX-WXX-" + pad(wd, 1)
	}
	a := weekdayISO(tg.anchor)
	back := (a - wd + 7) % 7 // days back to the last one on or before
	fwd := (wd - a + 7) % 7  // days on to the next one on or after
	var delta int
	switch mode {
	case -1:
		delta = -back
	case 1:
		delta = fwd
	case -2:
		delta = -back
		if back == 0 {
			delta = -7
		}
	case 2:
		delta = fwd
		if fwd == 0 {
			delta = 7
		}
	case 3:
		delta = wd - a
	default:
		delta = -back
		if fwd < back {
			delta = fwd
		}
	}
	p := dayPoint(tg.anchor.AddDate(0, 0, delta))
	return p, p.String()
}

// refOr returns the unit last mentioned if it has granularity between
// coarse and fine and was mentioned within window tokens; otherwise the
// anchor's unit of granularity g. ok is false when neither exists.
func (tg *tagger) refOr(i int, g, coarse, fine gran, window int) (point, bool) {
	if tg.ref.g >= coarse && tg.ref.g <= fine && tg.ref.g != gNone && i-tg.refTok <= window {
		return tg.ref, true
	}
	if !tg.hasAnchor {
		return point{}, false
	}
	return at(tg.anchor, g), true
}

// yearBefore shifts p back by k years at its own granularity.
func yearBefore(p point, k int) point {
	switch p.g {
	case gHalf:
		return p.shift(-2 * k)
	case gQuarter, gSeason:
		return p.shift(-4 * k)
	case gMonth:
		return p.shift(-12 * k)
	case gWeek:
		return p.shift(-52 * k)
	case gDay:
		return dayPoint(p.first().AddDate(-k, 0, 0))
	}
	return point{g: gYear, y: p.y - k}
}
