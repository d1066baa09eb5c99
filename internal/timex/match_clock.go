package timex

// timeZones may follow a clock time and belong to the expression.
var timeZones = map[string]bool{"est": true, "edt": true, "cst": true, "cdt": true, "mst": true, "mdt": true,
	"pst": true, "pdt": true, "gmt": true, "utc": true, "bst": true, "cet": true, "cest": true, "et": true,
	"pt": true, "ct": true}

// meridiemAt reads "a.m.", "am", "p.m.", "pm" at k: ok, whether it is
// p.m., and the index after it. A final full stop that also ends the
// sentence is left out, as annotators do.
func meridiemAt(toks []token, k int) (bool, bool, int) {
	if k >= len(toks) || toks[k].kind != kWord {
		return false, false, k
	}
	switch toks[k].low {
	case "am", "pm":
		return true, toks[k].low == "pm", k + 1
	case "a", "p":
		if isPunct(toks, k+1, ".") && glued(toks, k+1) && isWord(toks, k+2, "m") && glued(toks, k+2) {
			e := k + 3
			if isPunct(toks, e, ".") && glued(toks, e) {
				e++
				if e == len(toks) || toks[e].nl > 0 {
					e--
				}
			}
			return true, toks[k].low == "p", e
		}
	}
	return false, false, k
}

// matchClock reads clock times: "10 a.m.", "10:35 a.m. EST", "3 p.m.
// Friday", "noon Tuesday", "at 14:30", "six o'clock".
func (tg *tagger) matchClock(i int) (match, bool) {
	toks := tg.toks
	t := &toks[i]
	h, mi, k := -1, 0, i+1
	switch {
	case t.low == "noon" || t.low == "midday":
		h = 12
	case t.low == "midnight":
		h = 24
	case t.kind == kNum && t.e-t.s <= 2 && t.num <= 24 && !partOfNumber(toks, i):
		h = t.num
		hasMin := false
		if isPunct(toks, k, ":") && glued(toks, k) && k+1 < len(toks) && toks[k+1].kind == kNum && glued(toks, k+1) && toks[k+1].e-toks[k+1].s == 2 && toks[k+1].num < 60 {
			mi, hasMin, k = toks[k+1].num, true, k+2
		}
		if ok, pm, e := meridiemAt(toks, k); ok && h >= 1 && h <= 12 {
			if pm && h < 12 {
				h += 12
			} else if !pm && h == 12 {
				h = 0
			}
			k = e
		} else if isWord(toks, k, "o") && isPunct(toks, k+1, "'") && isWord(toks, k+2, "clock") && h <= 12 {
			k += 3
		} else if !hasMin || !(isWord(toks, i-1, "at") || isWord(toks, i-1, "by") || isWord(toks, i-1, "until") ||
			isWord(toks, i-1, "from") || isWord(toks, i-1, "around") || tzAt(toks, k) > k) {
			return match{}, false
		}
	default:
		if w := lookup(toks, i); w != nil && w.card > 0 && w.card <= 12 && isWord(toks, i+1, "o") && isPunct(toks, i+2, "'") && isWord(toks, i+3, "clock") {
			h, k = w.card, i+4
		} else {
			return match{}, false
		}
	}
	k = tzAt(toks, k)
	clock := pad(h, 2) + ":" + pad(mi, 2)
	// a day after the time: "3 p.m. Friday", "noon today"
	day := ""
	if dm, ok := tg.dayAfter(k); ok {
		day, k = dm.value, dm.end
	} else if _, v := tg.rel(gDay, 0); true {
		day = v
	}
	return match{end: k, typ: Time, value: day + "T" + clock}, true
}

// tzAt skips a time zone at k ("EST", "local time", "Eastern time").
func tzAt(toks []token, k int) int {
	if k < len(toks) && toks[k].kind == kWord && timeZones[toks[k].low] && toks[k].cap {
		return k + 1
	}
	if isWord(toks, k, "local") && isWord(toks, k+1, "time") {
		return k + 2
	}
	switch {
	case isWord(toks, k, "eastern"), isWord(toks, k, "pacific"), isWord(toks, k, "central"), isWord(toks, k, "mountain"):
		if isWord(toks, k+1, "time") {
			return k + 2
		}
		if (isWord(toks, k+1, "standard") || isWord(toks, k+1, "daylight")) && isWord(toks, k+2, "time") {
			return k + 3
		}
	}
	return k
}

// dayAfter reads a day expression right after a clock time.
func (tg *tagger) dayAfter(k int) (match, bool) {
	if k >= len(tg.toks) {
		return match{}, false
	}
	if isPunct(tg.toks, k, ",") {
		// "5 p.m. EST, Nov. 6": only a full date after a comma
		if m, ok := tg.matchMonthDate(k + 1); ok && m.ref.g == gDay {
			return m, true
		}
		return match{}, false
	}
	if w := lookup(tg.toks, k); w != nil && w.wday > 0 {
		if m, ok := tg.matchWeekday(k); ok && m.typ == Date {
			return m, true
		}
	}
	switch tg.toks[k].low {
	case "today", "yesterday", "tomorrow":
		if m, ok := tg.matchDeictic(k); ok && m.typ == Date {
			return m, true
		}
	}
	if m, ok := tg.matchMonthDate(k); ok && m.ref.g == gDay {
		return m, true
	}
	return match{}, false
}
