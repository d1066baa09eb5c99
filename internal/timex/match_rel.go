package timex

// This file holds the grammars of quarters, halves and seasons, whose
// year often has to be inferred, and of deictic words whose value
// follows from the anchor alone ("yesterday", "now", "the future").

// relWord maps the words that open a relative unit to their offset.
var relWord = map[string]int{"this": 0, "last": -1, "next": 1, "current": 0, "coming": 1,
	"previous": -1, "prior": -1, "preceding": -1, "past": -1, "following": 1, "latest": -1}

// matchQuarter reads "the third quarter", "third-quarter", "the fiscal
// first quarter", "the fourth quarter of 1989", "this year's third
// quarter", "the first half", "Q3".
func (tg *tagger) matchQuarter(i int) (match, bool) {
	toks := tg.toks
	j := i
	if isWord(toks, j, "the") {
		j++
	}
	yearShift, hasShift := 0, false
	if (isWord(toks, j, "this") || isWord(toks, j, "last") || isWord(toks, j, "next")) && isWord(toks, j+1, "year") && possessive(toks, j+1) {
		yearShift, hasShift = relWord[toks[j].low], true
		j += 4
	}
	if isWord(toks, j, "fiscal") {
		j++
		if isPunct(toks, j, "-") {
			j++
		}
	}
	var q int
	var k int
	if isWord(toks, j, "q") && toks[j].cap && j+1 < len(toks) && toks[j+1].kind == kNum && glued(toks, j+1) && toks[j+1].num >= 1 && toks[j+1].num <= 4 {
		q, k = toks[j+1].num, j+2
		if k < len(toks) && glued(toks, k) {
			return match{}, false
		}
		if y, yk, ok := yearAt(toks, k); ok {
			p := point{g: gQuarter, y: y, n: q}
			return match{end: yk, typ: Date, value: p.String(), ref: p}, true
		}
		p, v := tg.quarter(q, i, k)
		return match{end: k, typ: Date, value: v, ref: p}, true
	}
	w := lookup(toks, j)
	if w == nil {
		return match{}, false
	}
	q = w.ord
	if toks[j].low == "final" || (toks[j].low == "last" && isWord(toks, j+1, "half")) {
		q = 4
	}
	if q < 1 || q > 4 {
		return match{}, false
	}
	k = j + 1
	start := 0
	if isPunct(toks, k, "-") {
		k++
		if isWord(toks, i, "the") && !hasShift {
			start = i + 1 // "the third-quarter loss": the adjective alone
		}
	}
	g := gQuarter
	switch {
	case isWord(toks, k, "quarter"):
	case isWord(toks, k, "half") && q <= 4:
		g = gHalf
		if q > 2 {
			q = 2
		}
	default:
		return match{}, false
	}
	k++
	if k < len(toks) && isPunct(toks, k, "-") && glued(toks, k) {
		return match{}, false // "third-quarter-mile" and the like
	}
	year, hasYear := 0, false
	if isWord(toks, k, "of") || isPunct(toks, k, ",") {
		kk := k + 1
		if isWord(toks, kk, "fiscal") {
			kk++
		}
		if y, yk, ok := yearAt(toks, kk); ok {
			year, hasYear, k = y, true, yk
		} else if (isWord(toks, kk, "this") || isWord(toks, kk, "last") || isWord(toks, kk, "next")) && isWord(toks, kk+1, "year") && tg.hasAnchor {
			year, hasYear, k = tg.anchor.Year()+relWord[toks[kk].low], true, kk+2
		} else if isWord(toks, kk, "the") && isWord(toks, kk+1, "year") {
			hasShift, k = true, kk+2
		}
	} else if y, yk, ok := yearAt(toks, k); ok {
		year, hasYear, k = y, true, yk
	}
	if !hasYear && hasShift && tg.hasAnchor {
		year, hasYear = tg.anchor.Year()+yearShift, true
	}
	if hasYear {
		p := point{g: g, y: year, n: q}
		return match{start: start, end: k, typ: Date, value: p.String(), ref: p}, true
	}
	if g == gHalf {
		if !tg.hasAnchor {
			return match{end: k, typ: Date, value: "XXXX-H" + pad(q, 1)}, true
		}
		p := tg.nearestLean([]point{{g: gHalf, y: tg.anchor.Year() - 1, n: q}, {g: gHalf, y: tg.anchor.Year(), n: q}, {g: gHalf, y: tg.anchor.Year() + 1, n: q}}, tg.tenseAt(i, k), 3, 3)
		return match{end: k, typ: Date, value: p.String(), ref: p}, true
	}
	p, v := tg.quarter(q, i, k)
	return match{start: start, end: k, typ: Date, value: v, ref: p}, true
}

// seasonOpeners are words after which a season word is a season and
// not "fall" the verb or "spring" the noun.
var seasonOpeners = map[string]bool{"in": true, "during": true, "since": true, "until": true, "by": true,
	"through": true, "over": true, "this": true, "last": true, "next": true, "early": true, "late": true,
	"mid": true, "-": true, "the": true, "before": true, "after": true}

// matchSeason reads "this summer", "last fall", "the summer of 2015",
// "spring 2016", "(in) winter".
func (tg *tagger) matchSeason(i int) (match, bool) {
	toks := tg.toks
	j, k := i, 0
	rel, hasRel := 0, false
	switch toks[i].low {
	case "this", "last", "next", "past", "coming":
		rel, hasRel, j = relWord[toks[i].low], true, i+1
		if toks[i].low == "this" && (isWord(toks, j, "past") || isWord(toks, j, "coming")) {
			rel, j = relWord[toks[j].low], j+1
		}
	case "the":
		j = i + 1
	}
	w := lookup(toks, j)
	if w == nil || w.season == "" || toks[j].low[len(toks[j].low)-1] == 's' {
		return match{}, false
	}
	s := seasonIndex(w.season)
	k = j + 1
	y, yk, hasYear := 0, k, false
	if isWord(toks, k, "of") || isPunct(toks, k, ",") {
		y, yk, hasYear = yearAt(toks, k+1)
		if !hasYear {
			y, yk, hasYear = spelledYear(toks, k+1)
		}
	} else {
		y, yk, hasYear = yearAt(toks, k)
	}
	if hasYear && !hasRel {
		p := point{g: gSeason, y: y, n: s}
		return match{end: yk, typ: Date, value: p.String(), ref: p}, true
	}
	if j == i && (i == 0 || !seasonOpeners[toks[i-1].low]) {
		return match{}, false
	}
	if !tg.hasAnchor {
		return match{end: k, typ: Date, value: "XXXX-" + w.season}, true
	}
	if hasRel {
		cur := at(tg.anchor, gSeason)
		p := point{g: gSeason, y: tg.anchor.Year(), n: s}
		switch {
		case rel < 0:
			for p.index() >= cur.index() {
				p.y--
			}
		case rel > 0 && toks[i].low == "next":
			for p.index() <= cur.index() {
				p.y++
			}
		}
		return match{end: k, typ: Date, value: p.String(), ref: p}, true
	}
	p, v := tg.season(s, i, k)
	return match{end: k, typ: Date, value: v, ref: p}, true
}

// matchDeictic reads words whose value follows from the anchor alone:
// today, yesterday, tonight, now, recently, the future...
func (tg *tagger) matchDeictic(i int) (match, bool) {
	toks := tg.toks
	t := toks[i].low
	ref := func(end int, v string) (match, bool) { return match{end: end, typ: Date, value: v}, true }
	day := func(end, k int) (match, bool) {
		p, v := tg.rel(gDay, k)
		if tod, e := todAfter(toks, end); tod != "" {
			return match{end: e, typ: Time, value: v + "T" + tod, ref: p}, true
		}
		return match{end: end, typ: Date, value: v, ref: p}, true
	}
	switch t {
	case "today":
		return day(i+1, 0)
	case "yesterday":
		return day(i+1, -1)
	case "tomorrow":
		return day(i+1, 1)
	case "tonight":
		_, v := tg.rel(gDay, 0)
		return match{end: i + 1, typ: Time, value: v + "TNI"}, true
	case "now", "currently", "nowadays", "presently":
		if t == "now" && isPunct(toks, i+1, "-") && glued(toks, i+1) {
			return match{}, false // "now-defunct"
		}
		return ref(i+1, "PRESENT_REF")
	case "recently", "lately":
		return ref(i+1, "PAST_REF")
	case "soon":
		if isWord(toks, i+1, "after") || isWord(toks, i-1, "as") {
			return match{}, false
		}
		return ref(i+1, "FUTURE_REF")
	case "current":
		if w := lookup(toks, i+1); w != nil && (w.unit != uNone || w.season != "") {
			return match{}, false // "current quarter": a relative unit
		}
		return ref(i+1, "PRESENT_REF")
	case "recent":
		if w := lookup(toks, i+1); w != nil && w.unit != uNone && w.plural {
			return ref(i+2, "PAST_REF") // "recent weeks"
		}
		if w := lookup(toks, i+1); w != nil && (w.unit != uNone || w.card > 0) {
			return match{}, false
		}
		return ref(i+1, "PAST_REF")
	case "these":
		if isWord(toks, i+1, "days") {
			return ref(i+2, "PRESENT_REF")
		}
	case "the":
		switch {
		case isWord(toks, i+1, "past") && !quantityFollows(toks, i+2):
			return ref(i+2, "PAST_REF")
		case isWord(toks, i+1, "future"):
			return ref(i+2, "FUTURE_REF")
		case isWord(toks, i+1, "near") && isWord(toks, i+2, "future"):
			return ref(i+3, "FUTURE_REF")
		case isWord(toks, i+1, "present") && !isWord(toks, i+2, "day"):
			return ref(i+2, "PRESENT_REF")
		case isWord(toks, i+1, "moment") && isWord(toks, i-1, "at"):
			return ref(i+2, "PRESENT_REF")
		case isWord(toks, i+1, "day") && isWord(toks, i+2, "before") && isWord(toks, i+3, "yesterday"):
			return day(i+4, -2)
		case isWord(toks, i+1, "day") && isWord(toks, i+2, "after") && isWord(toks, i+3, "tomorrow"):
			return day(i+4, 2)
		}
	case "this", "last":
		w := lookup(toks, i+1)
		if w == nil || w.tod == "" || w.plural || w.card > 0 {
			return match{}, false
		}
		k := 0
		if t == "last" {
			k = -1
			if w.tod != "NI" {
				return match{}, false // "last morning" is not said
			}
		}
		_, v := tg.rel(gDay, k)
		tod, e := todAfter(toks, i+1)
		if tod == "" {
			return match{}, false
		}
		return match{end: e, typ: Time, value: v + "T" + tod}, true
	}
	return match{}, false
}

// quantityFollows reports whether a number or "few" follows, as in "the
// past two years", which is a duration and not PAST_REF.
func quantityFollows(toks []token, i int) bool {
	if i < len(toks) && toks[i].kind == kNum {
		return true
	}
	w := lookup(toks, i)
	return w != nil && (w.card > 0 || w.unit != uNone || toks[i].low == "few" || toks[i].low == "several" ||
		toks[i].low == "couple" || toks[i].low == "decade" || w.season != "")
}
