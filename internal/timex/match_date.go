package timex

// This file holds the grammars of calendar dates that name their unit:
// numeric dates, month names, years and decades, weekdays.

// yearAt reads a four-digit year (1000-2199) at token i, or a
// two-digit one written with an apostrophe ("'98"), and returns it with
// the index after it.
func yearAt(toks []token, i int) (int, int, bool) {
	if i >= len(toks) {
		return 0, i, false
	}
	t := &toks[i]
	if t.kind == kNum && t.e-t.s == 4 && t.num >= 1000 && t.num < 2200 {
		return t.num, i + 1, true
	}
	if isPunct(toks, i, "'") && i+1 < len(toks) && toks[i+1].kind == kNum && toks[i+1].e-toks[i+1].s == 2 && glued(toks, i+1) {
		y := toks[i+1].num + 1900
		if y < 1930 {
			y += 100
		}
		return y, i + 2, true
	}
	return 0, i, false
}

// partOfNumber reports whether the digits at token i are glued to a
// bigger number ("1,990", "19.95", "$1990") or a code ("A-1990").
func partOfNumber(toks []token, i int) bool {
	if i > 0 && glued(toks, i) {
		p := toks[i-1]
		if p.kind == kWord || p.low == "$" || p.low == "#" || p.low == "£" || p.low == "€" {
			return true
		}
		if (p.low == "," || p.low == ".") && i > 1 && toks[i-2].kind == kNum && glued(toks, i-1) {
			return true
		}
	}
	if i+2 < len(toks) && glued(toks, i+1) && (toks[i+1].low == "," || toks[i+1].low == ".") && toks[i+2].kind == kNum && glued(toks, i+2) {
		return true
	}
	return false
}

// dayNumAt reads a day of the month: 1-31 with an optional glued
// ordinal suffix ("15th"), or an ordinal word ("fifteenth").
func dayNumAt(toks []token, i int) (int, int, bool) {
	if i >= len(toks) {
		return 0, i, false
	}
	t := &toks[i]
	if t.kind == kNum && t.e-t.s <= 2 && t.num >= 1 && t.num <= 31 {
		j := i + 1
		if j < len(toks) && glued(toks, j) {
			switch toks[j].low {
			case "st", "nd", "rd", "th":
				j++
			}
		}
		if j < len(toks) && glued(toks, j) && (toks[j].kind == kNum || toks[j].kind == kWord) {
			return 0, i, false
		}
		return t.num, j, true
	}
	if w := lookup(toks, i); w != nil && w.ord > 0 && w.ord <= 31 {
		return w.ord, i + 1, true
	}
	return 0, i, false
}

// matchNumericDate reads 2015-12-15, 12/15/2015, 12/15/15 and
// 15.12.2015: all pieces glued, a four-digit or slashed year.
func (tg *tagger) matchNumericDate(i int) (match, bool) {
	toks := tg.toks
	if toks[i].kind != kNum || i+4 >= len(toks) || partOfNumber(toks, i) {
		return match{}, false
	}
	sep := toks[i+1].low
	if (sep != "-" && sep != "/" && sep != ".") || toks[i+3].low != sep {
		return match{}, false
	}
	for k := i + 1; k <= i+4; k++ {
		if !glued(toks, k) {
			return match{}, false
		}
	}
	a, b, c := toks[i], toks[i+2], toks[i+4]
	if b.kind != kNum || c.kind != kNum {
		return match{}, false
	}
	if i+5 < len(toks) && glued(toks, i+5) && (toks[i+5].kind == kNum || toks[i+5].low == sep) {
		return match{}, false
	}
	var y, m, d int
	switch {
	case a.e-a.s == 4 && sep != ".":
		y, m, d = a.num, b.num, c.num
	case c.e-c.s == 4 && sep != "-":
		y, m, d = c.num, a.num, b.num
		if sep == "." || (m > 12 && d <= 12) {
			m, d = d, m
		}
	case c.e-c.s == 2 && sep == "/":
		y, m, d = c.num+1900, a.num, b.num
		if y < 1930 {
			y += 100
		}
	default:
		return match{}, false
	}
	if !validDay(y, m, d) || y < 1000 {
		return match{}, false
	}
	p := point{g: gDay, y: y, n: m, d: d}
	return match{end: i + 5, typ: Date, value: p.String(), ref: p}, true
}

// matchMonthDate reads dates that start with a month: "Dec. 15",
// "December 15, 2015", "December 2015", "December of 2015", and the
// month alone ("in December").
func (tg *tagger) matchMonthDate(i int) (match, bool) {
	toks := tg.toks
	m, j := monthAt(toks, i)
	if m == 0 {
		return match{}, false
	}
	if d, k, ok := dayNumAt(toks, j); ok && !(k < len(toks) && toks[k].kind == kWord && lookup(toks, k) != nil && lookup(toks, k).unit != uNone) {
		end := k
		y, yk, hasYear := 0, k, false
		if isPunct(toks, k, ",") {
			y, yk, hasYear = yearAt(toks, k+1)
		} else {
			y, yk, hasYear = yearAt(toks, k)
		}
		if hasYear && validDay(y, m, d) {
			p := point{g: gDay, y: y, n: m, d: d}
			return match{end: yk, typ: Date, value: p.String(), ref: p}, true
		}
		if d > 31 || (!validDay(2000, m, d)) {
			return match{}, false
		}
		p, v := tg.monthDay(m, d, i, end)
		return match{end: end, typ: Date, value: v, ref: p}, true
	}
	k := j
	if isWord(toks, k, "of") || isPunct(toks, k, ",") {
		k++
	}
	if y, yk, ok := yearAt(toks, k); ok && !partOfNumber(toks, k) {
		p := point{g: gMonth, y: y, n: m}
		return match{end: yk, typ: Date, value: p.String(), ref: p}, true
	}
	if y, yk, ok := spelledYear(toks, k); ok {
		p := point{g: gMonth, y: y, n: m}
		return match{end: yk, typ: Date, value: p.String(), ref: p}, true
	}
	if !toks[i].cap {
		return match{}, false
	}
	if m == 5 && !monthContext(toks, i) {
		return match{}, false
	}
	// "March this year", "June last year"
	if isWord(toks, j, "this") || isWord(toks, j, "last") || isWord(toks, j, "next") {
		if isWord(toks, j+1, "year") {
			k := relWord[toks[j].low]
			if !tg.hasAnchor {
				return match{end: j + 2, typ: Date, value: "XXXX-" + pad(m, 2)}, true
			}
			p := point{g: gMonth, y: tg.anchor.Year() + k, n: m}
			return match{end: j + 2, typ: Date, value: p.String(), ref: p}, true
		}
	}
	p, v := tg.month(m, i, j)
	return match{end: j, typ: Date, value: v, ref: p}, true
}

// monthContext reports whether the word before a bare "May" makes it a
// month rather than the verb.
func monthContext(toks []token, i int) bool {
	if i == 0 {
		return false
	}
	switch toks[i-1].low {
	case "in", "since", "by", "until", "through", "from", "during", "of", "before", "after", "to",
		"last", "next", "this", "early", "late", "mid", "-", "and", "or", "between", "till", "on":
		return true
	}
	return false
}

// matchDayMonth reads "15 December [2015]" and "the 15th of December".
func (tg *tagger) matchDayMonth(i int) (match, bool) {
	toks := tg.toks
	j := i
	the := isWord(toks, j, "the")
	if the {
		j++
	}
	d, k, ok := dayNumAt(toks, j)
	if !ok || (toks[j].kind == kNum && partOfNumber(toks, j)) {
		return match{}, false
	}
	if isWord(toks, k, "of") {
		k++
	} else if the {
		return match{}, false
	}
	m, k2 := monthAt(toks, k)
	if m == 0 || !validDay(2000, m, d) {
		return match{}, false
	}
	if isPunct(toks, k2, ",") {
		if y, yk, ok := yearAt(toks, k2+1); ok && validDay(y, m, d) {
			p := point{g: gDay, y: y, n: m, d: d}
			return match{end: yk, typ: Date, value: p.String(), ref: p}, true
		}
	}
	if y, yk, ok := yearAt(toks, k2); ok && validDay(y, m, d) {
		p := point{g: gDay, y: y, n: m, d: d}
		return match{end: yk, typ: Date, value: p.String(), ref: p}, true
	}
	p, v := tg.monthDay(m, d, i, k2)
	return match{end: k2, typ: Date, value: v, ref: p}, true
}

// yearNouns follow a four-digit number that counts something rather
// than naming a year ("1990 people").
var yearNouns = map[string]bool{
	"percent": true, "people": true, "shares": true, "feet": true, "miles": true, "metres": true,
	"meters": true, "tons": true, "troops": true, "times": true, "points": true, "units": true,
	"members": true, "cases": true, "deaths": true, "votes": true, "barrels": true, "pounds": true,
	"dollars": true, "kilometers": true, "km": true, "acres": true, "square": true, "workers": true,
	"jobs": true, "employees": true, "soldiers": true, "students": true, "seats": true, "rooms": true,
}

// matchYear reads years and decades: "1990", "fiscal 1990", "the year
// 1990", "the 1990s", "the '90s", "1990's", "nineteen ninety-six", "the
// 20th century".
func (tg *tagger) matchYear(i int) (match, bool) {
	toks := tg.toks
	j := i
	the := isWord(toks, j, "the")
	if the {
		j++
	}
	fiscal := false
	if isWord(toks, j, "fiscal") || (isWord(toks, j, "year") && !the) {
		fiscal = toks[j].low == "fiscal"
		j++
		if fiscal && isWord(toks, j, "year") {
			j++
		}
	} else if the && isWord(toks, j, "year") {
		j++
	}
	if c, k, ok := centuryAt(toks, j); ok {
		p := point{g: gCentury, y: (c - 1) * 100}
		return match{end: k, typ: Date, value: p.String(), ref: p}, true
	}
	y, k, ok := yearAt(toks, j)
	if !ok {
		if y, k, ok = spelledYear(toks, j); !ok {
			return match{}, false
		}
		if w := lookup(toks, k); w != nil && w.unit != uNone {
			return match{}, false // "two thousand years" is a count
		}
	} else if toks[j].kind == kNum && partOfNumber(toks, j) {
		return match{}, false
	}
	// decades: 1990s, 1990's, '90s
	if k < len(toks) && glued(toks, k) && toks[k].low == "s" && y%10 == 0 {
		p := point{g: gDecade, y: y}
		return match{end: k + 1, typ: Date, value: p.String(), ref: p}, true
	}
	if possessive(toks, k-1) && y%10 == 0 && toks[k-1].kind == kNum && !isWord(toks, k+2, "s") {
		p := point{g: gDecade, y: y}
		return match{end: k + 2, typ: Date, value: p.String(), ref: p}, true
	}
	if m, ok := tg.yearQuarter(y, k); ok {
		return m, true
	}
	if toks[k-1].kind == kNum && toks[k-1].e-toks[k-1].s == 2 {
		return match{}, false // a lone '98 is too often a score
	}
	if the && j == i+1 {
		return match{}, false // "the 1990" is not how years are written
	}
	if k < len(toks) {
		if n := toks[k]; (n.kind == kWord && yearNouns[n.low]) || (n.low == "%" && glued(toks, k)) {
			return match{}, false
		}
		if n := toks[k]; glued(toks, k) && (n.low == "-" || n.low == "/") && k+1 < len(toks) && toks[k+1].kind == kNum && !yearRange(toks, k+1, y) {
			return match{}, false
		}
	}
	p := point{g: gYear, y: y}
	return match{end: k, typ: Date, value: p.String(), ref: p}, true
}

// yearQuarter reads a quarter named after its year: "the 1988 third
// quarter", and "the 1988 quarter" or "the 1988 period" in a story about
// a quarter, which is that quarter in 1988.
func (tg *tagger) yearQuarter(y, k int) (match, bool) {
	toks := tg.toks
	if w := lookup(toks, k); w != nil && w.ord >= 1 && w.ord <= 4 {
		e := k + 1
		if isPunct(toks, e, "-") {
			e++
		}
		if isWord(toks, e, "quarter") {
			p := point{g: gQuarter, y: y, n: w.ord}
			return match{end: e + 1, typ: Date, value: p.String(), ref: p}, true
		}
	}
	if (isWord(toks, k, "quarter") || isWord(toks, k, "period")) && tg.ref.g == gQuarter {
		p := point{g: gQuarter, y: y, n: tg.ref.n}
		return match{end: k + 1, typ: Date, value: p.String()}, true
	}
	if isWord(toks, k, "period") && k >= 2 && isWord(toks, k-2, "the") {
		p := point{g: gYear, y: y}
		return match{end: k + 1, typ: Date, value: p.String(), ref: p}, true
	}
	return match{}, false
}

// yearRange reports whether the number after a dash continues a year
// range ("1998-99", "1990-1995") rather than a code or a score.
func yearRange(toks []token, i int, y int) bool {
	t := toks[i]
	switch t.e - t.s {
	case 2:
		return t.num == (y+1)%100
	case 4:
		return t.num > y && t.num < y+50
	}
	return false
}

// centuryAt reads "20th century" and "twentieth century".
func centuryAt(toks []token, i int) (int, int, bool) {
	c, k, ok := dayNumAt(toks, i)
	if !ok || !isWord(toks, k, "century") {
		return 0, i, false
	}
	return c, k + 1, true
}

// spelledYear reads years in words: "nineteen ninety-six", "two
// thousand", "two thousand and five".
func spelledYear(toks []token, i int) (int, int, bool) {
	w := lookup(toks, i)
	if w == nil || w.card == 0 {
		return 0, i, false
	}
	if w.card == 2 && isWord(toks, i+1, "thousand") {
		y, k := 2000, i+2
		if isWord(toks, k, "and") {
			k++
		}
		if n, k2, ok := smallNumber(toks, k); ok && n < 100 {
			return y + n, k2, true
		}
		return y, k, true
	}
	if w.card < 11 || w.card > 20 {
		return 0, i, false
	}
	n, k, ok := smallNumber(toks, i+1)
	if !ok || n < 10 || n > 99 {
		return 0, i, false
	}
	return w.card*100 + n, k, true
}

// smallNumber reads a number word below a hundred, "ninety-six" or
// "ninety six" included.
func smallNumber(toks []token, i int) (int, int, bool) {
	w := lookup(toks, i)
	if w == nil || w.card == 0 || w.card >= 100 {
		return 0, i, false
	}
	if w.tens {
		k := i + 1
		if isPunct(toks, k, "-") && glued(toks, k) {
			k++
		}
		if u := lookup(toks, k); u != nil && u.card > 0 && u.card < 10 {
			return w.card + u.card, k + 1, true
		}
	}
	return w.card, i + 1, true
}

// matchWeekday reads "Friday", "last Friday", "Friday night",
// "Friday's", "Friday, Oct. 27" and "Friday, Oct. 27, 1989".
func (tg *tagger) matchWeekday(i int) (match, bool) {
	toks := tg.toks
	j, shift := i, 0
	switch toks[i].low {
	case "last", "past":
		j, shift = i+1, -2
	case "next", "coming":
		j, shift = i+1, 2
	case "this":
		j, shift = i+1, 3
		if isWord(toks, j, "coming") || isWord(toks, j, "past") {
			j, shift = j+1, map[string]int{"coming": 2, "past": -2}[toks[j].low]
		}
	}
	wd, k := weekdayAt(toks, j)
	if wd == 0 {
		return match{}, false
	}
	if isPunct(toks, k, ",") || isPunct(toks, k, "(") {
		if dm, ok := tg.matchMonthDate(k + 1); ok && dm.ref.g == gDay {
			dm.end = max(dm.end, k+1)
			if isPunct(toks, dm.end, ")") {
				dm.end++
			}
			return dm, true
		}
	} else if dm, ok := tg.matchMonthDate(k); ok && dm.ref.g == gDay {
		return dm, true
	}
	var p point
	var v string
	switch {
	case possessive(toks, k-1) && shift == 0 && tg.hasAnchor:
		// "Monday's comments" modifies a noun, so prepositions say
		// nothing; the clause's tense and nearness decide
		back, _ := tg.weekday(wd, -1)
		fwd, _ := tg.weekday(wd, 1)
		p = tg.nearest([]point{back, fwd}, tg.tenseAt(j, k))
		v = p.String()
	case shift != 0:
		p, v = tg.weekday(wd, shift)
	default:
		dir := tg.leaning(j, k)
		if dir == tFuture {
			p, v = tg.weekday(wd, 1)
		} else {
			p, v = tg.weekday(wd, -1)
		}
	}
	m := match{end: k, typ: Date, value: v, ref: p}
	if tod, k2 := todAfter(toks, k); tod != "" {
		m.end, m.typ, m.value = k2, Time, v+"T"+tod
	}
	return m, true
}

// todAfter reads a part of the day after a day expression: "morning",
// "night", "afternoon".
func todAfter(toks []token, k int) (string, int) {
	w := lookup(toks, k)
	if w == nil || w.tod == "" || w.plural || toks[k].low == "tonight" || toks[k].low == "overnight" {
		return "", k
	}
	if toks[k].low == "noon" {
		return "12:00", k + 1
	}
	if toks[k].low == "midnight" {
		return "24:00", k + 1
	}
	return w.tod, k + 1
}
