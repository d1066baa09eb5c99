package timex

import "time"

// This file holds the grammars of units relative to the anchor or to
// the period last mentioned ("last week", "the year-ago quarter"), the
// prefixes that narrow a date ("early", "the end of", "around"), and
// holidays.

// unitGran maps the units that name calendar units to granularities.
var unitGran = map[unit]gran{uCentury: gCentury, uDecade: gDecade, uYear: gYear, uHalf: gHalf,
	uQuarter: gQuarter, uSeason: gSeason, uMonth: gMonth, uWeek: gWeek, uWeekend: gWeek, uDay: gDay}

// calendarUnitAt reads a singular calendar unit word ("year", "fiscal
// year", "quarter", "weekend") at k.
func calendarUnitAt(toks []token, k int) (unit, int) {
	if isWord(toks, k, "fiscal") && isWord(toks, k+1, "year") {
		return uYear, k + 2
	}
	w := lookup(toks, k)
	if w == nil || w.plural {
		return uNone, k
	}
	switch w.unit {
	case uCentury, uDecade, uYear, uQuarter, uMonth, uWeek, uWeekend:
		return w.unit, k + 1
	}
	return uNone, k
}

// matchRelative reads "this week", "last year", "next month", "the
// current quarter", "the previous year", "the same period", "the past
// year" (a duration), "last June", "the weekend", "the year-ago quarter".
func (tg *tagger) matchRelative(i int) (match, bool) {
	toks := tg.toks
	j := i
	the := isWord(toks, j, "the")
	if the {
		j++
	}
	if m, ok := tg.yearAgo(i, j); ok {
		return m, true
	}
	word := ""
	if j < len(toks) {
		word = toks[j].low
	}
	k := j + 1
	off, has := relWord[word]
	switch {
	case word == "this" && isWord(toks, j+1, "past"):
		word, off, has, k = "last", -1, true, j+2
	case word == "most" && isWord(toks, j+1, "recent"):
		word, off, has, k = "latest", -1, true, j+2
	case word == "same" && the, word == "that" && !the:
		has = true
	case the && word == "full" && isWord(toks, j+1, "year"):
		word, has = "", true // "the full year": the anchor's
	case the && !has:
		word, has, k = "", true, j // anaphoric "the year"
	}
	if !has || (the && word == "this") || (!the && (word == "previous" || word == "prior" || word == "preceding" || word == "following" || word == "latest" || word == "current")) {
		return match{}, false
	}
	// "last June", "next March"
	if !the && (word == "last" || word == "next" || word == "this") && k == j+1 {
		if mo, mk := monthAt(toks, k); mo != 0 {
			return tg.relMonth(word, mo, mk)
		}
	}
	u, end := calendarUnitAt(toks, k)
	if isPunct(toks, end, "-") && glued(toks, end) {
		return match{}, false // "the quarter-to-quarter comparison"
	}
	if u == uNone {
		if isWord(toks, k, "period") && (word == "latest" || word == "same") {
			u, end = uQuarter, k+1
		} else {
			return match{}, false
		}
	}
	if word == "" && u != uYear && u != uWeek && u != uWeekend && u != uQuarter && u != uMonth {
		return match{}, false
	}
	g := unitGran[u]
	if word == "" || word == "same" || word == "latest" || word == "current" {
		if m, ok := tg.endedOn(u, end); ok {
			return m, true
		}
	}
	if u == uWeekend {
		return tg.weekend(word, i, end)
	}
	if the && (word == "past" || word == "last" || word == "next" || word == "coming") {
		return match{end: end, typ: Duration, value: durationValue(1, false, u)}, true
	}
	if !the && word == "past" {
		return match{end: end, typ: Duration, value: durationValue(1, false, u)}, true
	}
	if !tg.hasAnchor && word != "same" && word != "that" && word != "" {
		return match{end: end, typ: Date, value: unknownOf(g)}, true
	}
	var p point
	switch word {
	case "this", "current", "last", "next", "coming":
		p = at(tg.anchor, g).shift(off)
	case "previous", "prior", "preceding", "following":
		base, ok := tg.refOr(i, g, gYear, gDay, 400)
		if !ok {
			return match{}, false
		}
		p = base.coarsen(g).shift(off)
	case "latest":
		p = at(tg.anchor, g).shift(-1) // the last one complete
	default: // "the year", "the same quarter", "that week"
		if word == "" && g != gQuarter {
			if !tg.hasAnchor {
				return match{end: end, typ: Date, value: unknownOf(g)}, true
			}
			p = at(tg.anchor, g) // "the year" in news is the current one
			break
		}
		base, ok := tg.refOr(i, g, g, gDay, 400)
		if !ok {
			return match{}, false
		}
		p = base.coarsen(g)
		if g == gQuarter && !p.last().Before(tg.anchor) && tg.tenseAt(i, end) != tFuture {
			// results are reported for a quarter that is over
			p = at(tg.anchor, gQuarter).shift(-1)
		}
	}
	return match{end: end, typ: Date, value: p.String(), ref: p}, true
}

// endedOn reads "the quarter ended Sept. 30": the fiscal quarter is the
// one holding most of the three months before that day, and "the year
// ended March 31" is, as annotated in TimeBank, a year-long duration.
func (tg *tagger) endedOn(u unit, end int) (match, bool) {
	toks := tg.toks
	k := end
	if isWord(toks, k, "that") {
		k++
	}
	if !isWord(toks, k, "ended") && !isWord(toks, k, "ending") && !isWord(toks, k, "through") {
		return match{}, false
	}
	d, ok := tg.matchMonthDate(k + 1)
	if !ok || d.ref.g != gDay {
		return match{}, false
	}
	switch u {
	case uQuarter:
		p := at(d.ref.first().AddDate(0, 0, -45), gQuarter)
		return match{end: end, typ: Date, value: p.String(), ref: p}, true
	case uYear:
		return match{end: end, typ: Duration, value: "P1Y"}, true
	}
	return match{}, false
}

// reported is the period a business story reports on, which comparisons
// ("a year ago", "the year-earlier quarter") count back from: the half,
// quarter or month mentioned last if it is over by the anchor, else the
// last full quarter when a quarter was mentioned, else the anchor's year.
func (tg *tagger) reported(i int) point {
	r := tg.ref
	if r.g >= gHalf && r.g <= gMonth && r.g != gSeason && i-tg.refTok < 300 {
		if !r.last().Before(tg.anchor) {
			return at(tg.anchor, r.g).shift(-1)
		}
		return r
	}
	return at(tg.anchor, gYear)
}

// relMonth resolves "last June" (the latest June before the anchor's
// month), "next June" and "this June".
func (tg *tagger) relMonth(word string, mo, end int) (match, bool) {
	if !tg.hasAnchor {
		return match{end: end, typ: Date, value: "XXXX-" + pad(mo, 2)}, true
	}
	p := point{g: gMonth, y: tg.anchor.Year(), n: mo}
	cur := at(tg.anchor, gMonth).index()
	switch word {
	case "last":
		if p.index() >= cur {
			p.y--
		}
	case "next":
		if p.index() <= cur {
			p.y++
		}
	}
	return match{end: end, typ: Date, value: p.String(), ref: p}, true
}

// weekend resolves "this weekend", "last weekend", "the weekend".
func (tg *tagger) weekend(word string, i, end int) (match, bool) {
	if !tg.hasAnchor {
		return match{end: end, typ: Date, value: "XXXX-WXX-WE"}, true
	}
	wk := at(tg.anchor, gWeek)
	inWeekend := weekdayISO(tg.anchor) >= 6
	switch word {
	case "last", "past", "previous":
		if !inWeekend || word != "past" {
			wk = wk.shift(-1)
		}
	case "next", "coming", "following":
		if inWeekend || word == "next" && weekdayISO(tg.anchor) >= 4 {
			wk = wk.shift(1)
		}
	case "this":
	default:
		if !inWeekend && tg.leaning(i, end) != tFuture {
			wk = wk.shift(-1)
		}
	}
	return match{end: end, typ: Date, value: wk.String() + "-WE", ref: wk}, true
}

// yearAgo reads "year-earlier", "the year-ago quarter", "the comparable
// year-earlier period": the unit last mentioned, a year back.
func (tg *tagger) yearAgo(i, j int) (match, bool) {
	toks := tg.toks
	if isWord(toks, j, "comparable") || isWord(toks, j, "same") {
		j++
	}
	if !isWord(toks, j, "year") || !isPunct(toks, j+1, "-") || !(isWord(toks, j+2, "earlier") || isWord(toks, j+2, "ago")) {
		return match{}, false
	}
	end, start := j+3, 0
	if u, k := calendarUnitAt(toks, end); u == uQuarter || u == uMonth || u == uYear || u == uWeek {
		end = k
	} else if isWord(toks, end, "period") {
		end++
	} else if q, ok := tg.matchQuarter(end); ok {
		end = q.end
	} else if i != j {
		start = j // "the year-earlier $4.5 million": the adjective alone
	}
	if !tg.hasAnchor {
		return match{start: start, end: end, typ: Date, value: "XXXX"}, true
	}
	base := tg.reported(i)
	if u, _ := calendarUnitAt(toks, j+3); u == uQuarter && base.g != gQuarter {
		base = at(tg.anchor, gQuarter).shift(-1)
	}
	p := yearBefore(base, 1)
	return match{start: start, end: end, typ: Date, value: p.String()}, true
}

// positions are the prefixes that narrow a date to its start, middle
// or end: "early 2015", "the end of the month", "mid-1990s".
var positions = []struct {
	words []string
	mod   string
}{
	{[]string{"the", "end", "of"}, "END"}, {[]string{"end", "of"}, "END"},
	{[]string{"the", "beginning", "of"}, "START"}, {[]string{"beginning", "of"}, "START"},
	{[]string{"the", "start", "of"}, "START"}, {[]string{"start", "of"}, "START"},
	{[]string{"the", "middle", "of"}, "MID"}, {[]string{"middle", "of"}, "MID"},
	{[]string{"the", "close", "of"}, "END"}, {[]string{"the", "rest", "of"}, "END"},
	{[]string{"earlier", "in"}, "START"}, {[]string{"later", "in"}, "END"},
	{[]string{"earlier"}, "START"}, {[]string{"later"}, "END"},
	{[]string{"the", "early"}, "START"}, {[]string{"the", "late"}, "END"}, {[]string{"the", "mid"}, "MID"},
	{[]string{"early"}, "START"}, {[]string{"late"}, "END"}, {[]string{"mid"}, "MID"},
}

// matchPosition reads a position prefix followed by a date.
func (tg *tagger) matchPosition(i int) (match, bool) {
	toks := tg.toks
	if approxWords[toks[i].low] {
		return tg.approxDate(i)
	}
	if w := lookup(toks, i); w == nil || !w.posp || (toks[i].low == "the" && (lookup(toks, i+1) == nil || !lookup(toks, i+1).posp)) {
		return tg.yearEnd(i)
	}
	for _, p := range positions {
		j := i
		ok := true
		for _, w := range p.words {
			if !isWord(toks, j, w) {
				ok = false
				break
			}
			j++
		}
		if !ok {
			continue
		}
		if p.words[0] == "mid" && isPunct(toks, j, "-") {
			j++
		}
		if j >= len(toks) {
			return match{}, false
		}
		tg.inPosition = true
		m, ok := tg.matchAt(j)
		tg.inPosition = false
		if !ok || (m.typ != Date && m.typ != Time) || m.value == "PRESENT_REF" || m.value == "PAST_REF" || m.value == "FUTURE_REF" {
			if (p.words[0] == "earlier" || p.words[0] == "later") && len(p.words) == 1 {
				continue
			}
			return match{}, false
		}
		m.mod, m.start = p.mod, i
		return m, true
	}
	return tg.yearEnd(i)
}

// approxWords may precede a clock time or a numbered date and belong to
// it: "around 7:15 p.m.", "about Nov. 1".
var approxWords = map[string]bool{"about": true, "around": true, "approximately": true, "roughly": true}

// approxDate reads an approximator before a time or date that starts
// with a number or a month, where it cannot be a preposition ("talked
// about Friday" keeps "about" out).
func (tg *tagger) approxDate(i int) (match, bool) {
	toks := tg.toks
	j := i + 1
	if !approxWords[toks[i].low] || j >= len(toks) {
		return match{}, false
	}
	if w := lookup(toks, j); toks[j].kind != kNum && (w == nil || w.month == 0) {
		return match{}, false
	}
	tg.inPosition = true
	m, ok := tg.matchAt(j)
	tg.inPosition = false
	if !ok || (m.typ != Date && m.typ != Time) || m.start != j {
		return match{}, false
	}
	m.start, m.mod = i, "APPROX"
	return m, true
}

// yearEnd reads "year-end", "year end" and "year's end".
func (tg *tagger) yearEnd(i int) (match, bool) {
	toks := tg.toks
	if isWord(toks, i, "year") {
		k := i + 1
		if isPunct(toks, k, "-") {
			k++
		} else if possessive(toks, i) {
			k += 2
		}
		if isWord(toks, k, "end") && !isPunct(toks, k+1, "-") {
			p, v := tg.rel(gYear, 0)
			if k == i+2 && toks[i+1].low == "-" && tg.hasAnchor {
				// "year-end" is the closing day, as books are closed then
				d := point{g: gDay, y: p.y, n: 12, d: 31}
				return match{end: k + 1, typ: Date, value: d.String(), ref: d}, true
			}
			return match{end: k + 1, typ: Date, value: v, mod: "END", ref: p}, true
		}
	}
	return match{}, false
}

// holiday dates for a year; nil for holidays whose date is not fixed by
// a simple rule.
var holidays = map[string]func(y int) time.Time{
	"christmas":      func(y int) time.Time { return date(y, 12, 25) },
	"christmas eve":  func(y int) time.Time { return date(y, 12, 24) },
	"new year's day": func(y int) time.Time { return date(y, 1, 1) },
	"new year's eve": func(y int) time.Time { return date(y, 12, 31) },
	"halloween":      func(y int) time.Time { return date(y, 10, 31) },
	"independence day": func(y int) time.Time {
		return date(y, 7, 4)
	},
	"valentine's day":  func(y int) time.Time { return date(y, 2, 14) },
	"thanksgiving":     func(y int) time.Time { return nthWeekday(y, 11, 4, 4) },
	"thanksgiving day": func(y int) time.Time { return nthWeekday(y, 11, 4, 4) },
	"labor day":        func(y int) time.Time { return nthWeekday(y, 9, 1, 1) },
	"memorial day":     func(y int) time.Time { return nthWeekday(y, 6, 1, 1).AddDate(0, 0, -7) },
	"easter":           easter,
	"easter sunday":    easter,
}

// nthWeekday returns the n-th ISO weekday wd of a month.
func nthWeekday(y, m, wd, n int) time.Time {
	first := date(y, m, 1)
	delta := (wd - weekdayISO(first) + 7) % 7
	return first.AddDate(0, 0, delta+7*(n-1))
}

// easter is the Gregorian Easter Sunday (anonymous computus).
func easter(y int) time.Time {
	a, b, c := y%19, y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return date(y, month, day)
}

// matchHoliday reads holidays with fixed or rule-based dates:
// "Christmas", "New Year's Day", "Thanksgiving 2015".
func (tg *tagger) matchHoliday(i int) (match, bool) {
	toks := tg.toks
	if !toks[i].cap {
		return match{}, false
	}
	name, best, k := "", "", i+0
	for end := i; end < len(toks) && end < i+5; {
		switch {
		case isPunct(toks, end, "'") && glued(toks, end) && isWord(toks, end+1, "s"):
			name += "'s"
			end += 2
		case toks[end].kind == kWord && toks[end].cap:
			if name != "" {
				name += " "
			}
			name += toks[end].low
			end++
		default:
			end = len(toks)
			continue
		}
		if holidays[name] != nil {
			best, k = name, end
		}
	}
	f := holidays[best]
	if f == nil {
		return match{}, false
	}
	if y, yk, ok := yearAt(toks, k); ok {
		p := dayPoint(f(y))
		return match{end: yk, typ: Date, value: p.String(), ref: p}, true
	}
	if !tg.hasAnchor {
		d, d2 := f(2000), f(2001)
		day := pad(d.Day(), 2)
		if d.Day() != d2.Day() {
			day = "XX" // Thanksgiving and Easter move
		}
		return match{end: k, typ: Date, value: "XXXX-" + pad(int(d.Month()), 2) + "-" + day}, true
	}
	y := tg.anchor.Year()
	cands := []point{dayPoint(f(y - 1)), dayPoint(f(y)), dayPoint(f(y + 1))}
	p := tg.nearest(cands, tg.leaning(i, k))
	return match{end: k, typ: Date, value: p.String(), ref: p}, true
}
