package timex

import "strconv"

// mods are the quantity prefixes and the TimeML mod each gives.
var mods = []struct {
	words []string
	mod   string
}{
	{[]string{"more", "than"}, "MORE_THAN"}, {[]string{"less", "than"}, "LESS_THAN"},
	{[]string{"fewer", "than"}, "LESS_THAN"}, {[]string{"at", "least"}, "EQUAL_OR_MORE"},
	{[]string{"at", "most"}, "EQUAL_OR_LESS"}, {[]string{"up", "to"}, "EQUAL_OR_LESS"},
	{[]string{"no", "more", "than"}, "EQUAL_OR_LESS"}, {[]string{"no", "less", "than"}, "EQUAL_OR_MORE"},
	{[]string{"just", "over"}, "MORE_THAN"}, {[]string{"just", "under"}, "LESS_THAN"},
	{[]string{"well", "over"}, "MORE_THAN"}, {[]string{"upwards", "of"}, "MORE_THAN"},
	{[]string{"close", "to"}, "APPROX"}, {[]string{"about"}, "APPROX"}, {[]string{"around"}, "APPROX"},
	{[]string{"roughly"}, "APPROX"}, {[]string{"approximately"}, "APPROX"}, {[]string{"nearly"}, "APPROX"},
	{[]string{"almost"}, "LESS_THAN"}, {[]string{"over"}, "MORE_THAN"}, {[]string{"under"}, "LESS_THAN"},
	{[]string{"some"}, "APPROX"},
}

// modPrefix reads a quantity prefix at i.
func modPrefix(toks []token, i int) (string, int) {
	if w := lookup(toks, i); w == nil || !w.modp {
		return "", i
	}
	for _, m := range mods {
		k := i
		ok := true
		for _, w := range m.words {
			if !isWord(toks, k, w) {
				ok = false
				break
			}
			k++
		}
		if ok {
			return m.mod, k
		}
	}
	return "", i
}

// countRel are the words between "the" and a count: "the past two
// years", "the first nine months".
var countRel = map[string]bool{"past": true, "last": true, "next": true, "coming": true, "first": true,
	"previous": true, "final": true, "following": true, "ensuing": true, "preceding": true, "initial": true,
	"recent": true, "latest": true, "remaining": true}

// bareOpeners precede a bare plural unit that is a vague duration:
// "for years", "within days".
var bareOpeners = map[string]bool{"for": true, "in": true, "within": true, "lasted": true, "took": true,
	"spent": true, "than": true}

// matchQuantity reads counted units: durations ("three months",
// "two-year", "the past two weeks", "more than four hours", "for
// years") and dates counted from the anchor or the last date ("a year
// ago", "two days later").
func (tg *tagger) matchQuantity(i int) (match, bool) {
	toks := tg.toks
	if m, ok := tg.ordinalAge(i); ok {
		return m, true
	}
	mod, j := modPrefix(toks, i)
	if toks[i].low == "over" && !isWord(toks, j, "a") && !isWord(toks, j, "an") {
		return match{}, false // "over the past two years": "over" is the preposition
	}
	the := isWord(toks, j, "the")
	if the {
		j++
	}
	rel := ""
	if j < len(toks) && toks[j].w != nil && countRel[toks[j].low] {
		rel = toks[j].low
		j++
	}
	n, x, k, ok := numberAt(toks, j)
	if !ok {
		return tg.barePlural(i, j, the, rel, mod)
	}
	indefinite := toks[j].low == "a" || toks[j].low == "an"
	u, end, ok := unitAt(toks, k)
	if !ok || (mod == "APPROX" && toks[i].low == "some" && x) {
		return match{}, false
	}
	if indefinite && (u == uSecond || u == uQuarter || rel != "" || (the && !x)) {
		return match{}, false
	}
	if indefinite && j > 0 && setBefore(toks, j-1) && !x && !relSuffix(toks, end) {
		return match{}, false // "$5 a year" is a set
	}
	if isPunct(toks, end, "-") && relSuffix(toks, end) {
		return match{}, false // "a year-earlier loss": the adjective is the date
	}
	if isWord(toks, end, "old") {
		return match{}, false // ages are not time expressions
	}
	if t := toks[j]; t.kind == kNum && t.e-t.s == 4 && t.num >= 1000 && t.num < 2200 && k == j+1 && !lookup(toks, end-1).plural {
		return match{}, false // "the 1988 quarter": a year, not a count
	}
	if isWord(toks, end, "and") && isWord(toks, end+1, "a") && isWord(toks, end+2, "half") {
		n += 0.5
		end += 3
	}
	dur := match{end: end, typ: Duration, value: durationValue(n, x, u), mod: mod}
	if isWord(toks, end, "or") && isWord(toks, end+1, "so") && isWord(toks, end+2, "ago") {
		end += 2 // "a week or so ago"
		if mod == "" {
			mod = "APPROX"
		}
	}
	if isPunct(toks, end, "-") && isWord(toks, end+1, "old") {
		return match{}, false // ages ("a 52-year-old") are not annotated as durations
	}
	if the && rel == "" && isPunct(toks, k, "-") {
		dur.start = j // "the 23-year contract": the adjective alone
	}
	if rel != "" || the {
		return dur, true
	}
	switch {
	case isWord(toks, end, "ago"):
		return tg.ago(i, n, x, u, end+1, mod, dur)
	case isWord(toks, end, "earlier") || isWord(toks, end, "later") || isWord(toks, end, "before") && isPunct(toks, end+1, "."):
		sign := -1
		if toks[end].low == "later" {
			sign = 1
		}
		if x || n != float64(int(n)) {
			return dur, true
		}
		// a year back from the quarter or month being reported on, a day
		// or a week from the day just told
		coarse, fine := unitGranOr(u), gDay
		if u == uYear {
			coarse, fine = gHalf, gMonth
		}
		base, ok := tg.refOr(i, unitGranOr(u), coarse, fine, 300)
		if !ok {
			return dur, true
		}
		p, ok := shiftBy(base, sign*int(n), u)
		if !ok {
			return dur, true
		}
		return match{end: end + 1, typ: Date, value: p.String(), mod: mod}, true
	case isWord(toks, end, "from") && isWord(toks, end+1, "now"), isWord(toks, end, "hence"):
		e := end + 1
		if toks[end].low == "from" {
			e++
		}
		if x {
			return match{end: e, typ: Date, value: "FUTURE_REF", mod: mod}, true
		}
		return tg.counted(u, int(n), e, mod, dur)
	}
	return dur, true
}

// ordinalAge reads "in its fourth year": how long something has lasted,
// counted by the unit it is in, so a duration of four years.
func (tg *tagger) ordinalAge(i int) (match, bool) {
	toks := tg.toks
	switch toks[i].low {
	case "its", "their", "his", "her":
	default:
		return match{}, false
	}
	w := lookup(toks, i+1)
	if w == nil || w.ord < 2 {
		return match{}, false
	}
	u := lookup(toks, i+2)
	if u == nil || u.plural || (u.unit != uYear && u.unit != uMonth && u.unit != uWeek && u.unit != uDay && u.unit != uDecade) {
		return match{}, false
	}
	return match{start: i + 1, end: i + 3, typ: Duration, value: durationValue(float64(w.ord), false, u.unit)}, true
}

// relSuffix reports whether a counted unit ending before k is a date
// counted back or forth ("a year ago", "a year-earlier loss").
func relSuffix(toks []token, k int) bool {
	if isPunct(toks, k, "-") && glued(toks, k) && k+1 < len(toks) && toks[k+1].kind == kWord && glued(toks, k+1) {
		return toks[k+1].low != "old" && toks[k+1].low != "long"
	}
	switch {
	case isWord(toks, k, "ago"), isWord(toks, k, "earlier"), isWord(toks, k, "later"), isWord(toks, k, "hence"):
		return true
	}
	return false
}

// setBefore reports whether token i ends a rate's numerator ("$5",
// "20%", "twice", "three times"), so "a year" after it is a set.
func setBefore(toks []token, i int) bool {
	t := toks[i]
	switch t.low {
	case "%", "percent", "times", "twice", "once", "thrice", "million", "billion", "cents", "dollars", "trillion":
		return true
	}
	return t.kind == kNum
}

// barePlural reads vague durations written as a plural unit alone:
// "for years", "the coming months", "the years ahead".
func (tg *tagger) barePlural(i, j int, the bool, rel, mod string) (match, bool) {
	toks := tg.toks
	w := lookup(toks, j)
	if w == nil || !w.plural || w.unit == uNone || w.unit == uSeason || w.unit == uHalf || w.unit == uWeekend || mod != "" {
		return match{}, false
	}
	switch {
	case rel == "coming" || rel == "next" || rel == "past" || rel == "last":
	case the && rel == "" && (isWord(toks, j+1, "ahead") || isWord(toks, i-1, "over")):
	case !the && rel == "" && i > 0 && bareOpeners[toks[i-1].low] && !isWord(toks, j+1, "of"):
	default:
		return match{}, false
	}
	end := j + 1
	if isWord(toks, end, "ahead") {
		end++
	}
	return match{end: end, typ: Duration, value: durationValue(0, true, w.unit)}, true
}

// unitGranOr is the granularity a unit counts in, days for clock units.
func unitGranOr(u unit) gran {
	if g, ok := unitGran[u]; ok {
		return g
	}
	return gDay
}

// ago resolves "two years ago" against the anchor; "a year ago" in a
// story about a quarter means that quarter a year back.
func (tg *tagger) ago(i int, n float64, x bool, u unit, end int, mod string, dur match) (match, bool) {
	if x {
		return match{end: end, typ: Date, value: "PAST_REF", mod: mod}, true
	}
	if n != float64(int(n)) || u == uHour || u == uMinute || u == uSecond || u == uWeekend {
		return dur, true
	}
	if u == uYear && n == 1 && tg.ref.g >= gHalf && tg.ref.g <= gMonth && tg.ref.g != gSeason && i-tg.refTok < 150 {
		p := yearBefore(tg.reported(i), 1)
		return match{end: end, typ: Date, value: p.String(), mod: mod}, true
	}
	return tg.counted(u, -int(n), end, mod, dur)
}

// counted shifts the anchor by k units at the unit's granularity.
func (tg *tagger) counted(u unit, k, end int, mod string, dur match) (match, bool) {
	g, ok := unitGran[u]
	if !ok {
		return dur, true
	}
	if u == uFortnight {
		g, k = gWeek, 2*k
	}
	p, v := tg.rel(g, k)
	return match{end: end, typ: Date, value: v, mod: mod, ref: p}, true
}

// shiftBy moves p by k units of u, if p is fine enough to express it.
func shiftBy(p point, k int, u unit) (point, bool) {
	switch u {
	case uYear:
		return yearBefore(p, -k), true
	case uDecade:
		return yearBefore(p, -10*k), true
	case uQuarter:
		switch p.g {
		case gQuarter:
			return p.shift(k), true
		case gMonth:
			return p.shift(3 * k), true
		case gDay:
			return dayPoint(p.first().AddDate(0, 3*k, 0)), true
		}
	case uMonth:
		switch p.g {
		case gMonth:
			return p.shift(k), true
		case gDay:
			return dayPoint(p.first().AddDate(0, k, 0)), true
		}
	case uWeek:
		switch p.g {
		case gWeek:
			return p.shift(k), true
		case gDay:
			return p.shift(7 * k), true
		}
	case uDay:
		if p.g == gDay {
			return p.shift(k), true
		}
	}
	return p, false
}

// setWords are adverbs of frequency and their set values.
var setWords = map[string]string{"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M",
	"yearly": "P1Y", "hourly": "PT1H", "biweekly": "P2W", "fortnightly": "P2W"}

// matchSet reads sets: "daily", "every week", "each Friday", "every
// other month", "twice a year" (the "a year" part), "Tuesdays".
func (tg *tagger) matchSet(i int) (match, bool) {
	toks := tg.toks
	t := toks[i].low
	if v, ok := setWords[t]; ok {
		first := i == 0 || tg.sent[i-1] != tg.sent[i]
		prevFirst := i < 2 || tg.sent[i-2] != tg.sent[i-1]
		if toks[i].cap && !first || (i > 0 && !first && (toks[i-1].cap && !prevFirst && toks[i-1].kind == kWord || toks[i-1].low == "tabloid" || toks[i-1].low == "newspaper")) {
			return match{}, false // "China Daily", "Komsomolskaya Pravda tabloid daily": a paper
		}
		return match{end: i + 1, typ: Set, value: v}, true
	}
	if len(t) > 4 && t[len(t)-1] == 's' && toks[i].cap {
		if w := lex[t[:len(t)-1]]; w != nil && w.wday > 0 && !w.abbr {
			v := "XXXX-WXX-" + strconv.Itoa(w.wday)
			if tod, e := todAfter(toks, i+1); tod == "" && isWord(toks, i+1, "nights") {
				return match{end: i + 2, typ: Set, value: v + "TNI"}, true
			} else if tod != "" {
				return match{end: e, typ: Set, value: v + "T" + tod}, true
			}
			return match{end: i + 1, typ: Set, value: v}, true
		}
	}
	every := t == "every" || t == "each" || t == "per"
	if !every && !((t == "a" || t == "an") && i > 0 && setBefore(toks, i-1)) {
		return match{}, false
	}
	k := i + 1
	n := 1.0
	if isWord(toks, k, "other") && t == "every" {
		n, k = 2, k+1
	} else if every {
		if v, x, kk, ok := numberAt(toks, k); ok && !x && toks[k].low != "a" {
			n, k = v, kk
		}
	}
	if wd, e := weekdayAt(toks, k); wd > 0 && every {
		v := "XXXX-WXX-" + strconv.Itoa(wd)
		if tod, e2 := todAfter(toks, e); tod != "" {
			return match{end: e2, typ: Set, value: v + "T" + tod}, true
		}
		return match{end: e, typ: Set, value: v}, true
	}
	if mo, e := monthAt(toks, k); mo > 0 && every {
		return match{end: e, typ: Set, value: "XXXX-" + pad(mo, 2)}, true
	}
	if w := lookup(toks, k); w != nil && every && w.tod != "" && !w.plural {
		return match{end: k + 1, typ: Set, value: "XXXX-XX-XXT" + w.tod}, true
	}
	u, e, ok := unitAt(toks, k)
	if !ok || isPunct(toks, k, "-") || u == uWeekend && !every || relSuffix(toks, e) {
		return match{}, false
	}
	if t == "per" && (u == uSecond || u == uMinute || u == uHour) {
		return match{}, false // "instructions per second" is a rate, not a schedule
	}
	return match{end: e, typ: Set, value: durationValue(n, false, u)}, true
}
