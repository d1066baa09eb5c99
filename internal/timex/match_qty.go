package timex

import (
	"strconv"
)

// This file reads counts and units and formats durations; the grammars
// that use them are in match_count.go.

// numberAt reads a count at token i: digits ("3", "1,000", "1.5",
// "5 1/2"), number words ("twenty-four", "a", "a hundred") or vague
// counts ("several", "a few": x is true, the value unknown).
func numberAt(toks []token, i int) (n float64, x bool, next int, ok bool) {
	if i >= len(toks) {
		return 0, false, i, false
	}
	t := &toks[i]
	if t.kind == kNum {
		if t.num < 0 {
			return 0, false, i, false
		}
		if i > 0 && glued(toks, i) {
			p := toks[i-1]
			if p.kind != kPunct || ((p.low == "," || p.low == "." || p.low == "/" || p.low == ":") && i > 1 && toks[i-2].kind == kNum && glued(toks, i-1)) {
				return 0, false, i, false
			}
		}
		v := float64(t.num)
		k := i + 1
		for k+1 < len(toks) && toks[k].low == "," && glued(toks, k) && glued(toks, k+1) && toks[k+1].kind == kNum && toks[k+1].e-toks[k+1].s == 3 {
			v = v*1000 + float64(toks[k+1].num)
			k += 2
		}
		if k+1 < len(toks) && toks[k].low == "." && glued(toks, k) && glued(toks, k+1) && toks[k+1].kind == kNum {
			f, err := strconv.ParseFloat("0."+toks[k+1].low, 64)
			if err == nil {
				v += f
			}
			k += 2
		}
		// "5 1/2"
		if k+2 < len(toks) && toks[k].kind == kNum && toks[k+1].low == "/" && glued(toks, k+1) && glued(toks, k+2) && toks[k+2].kind == kNum && toks[k+2].num > toks[k].num && toks[k].num > 0 {
			v += float64(toks[k].num) / float64(toks[k+2].num)
			k += 3
		}
		if v > 1e6 {
			return 0, false, i, false // no one counts time in millions of units
		}
		return v, false, k, true
	}
	if t.kind != kWord {
		return 0, false, i, false
	}
	switch t.low {
	case "a", "an":
		switch {
		case isWord(toks, i+1, "few"):
			return 0, true, i + 2, true
		case isWord(toks, i+1, "couple") && isWord(toks, i+2, "of"):
			return 2, false, i + 3, true
		case isWord(toks, i+1, "dozen"):
			return 12, false, i + 2, true
		case isWord(toks, i+1, "hundred"):
			return 100, false, i + 2, true
		case isWord(toks, i+1, "half") && !isWord(toks, i+2, "hour") && !isWord(toks, i+2, "century"):
			return 0.5, false, i + 2, true
		}
		return 1, false, i + 1, true
	case "few", "several", "many", "some":
		return 0, true, i + 1, true
	case "couple":
		if isWord(toks, i+1, "of") {
			return 2, false, i + 2, true
		}
	case "dozens", "hundreds", "thousands":
		if isWord(toks, i+1, "of") {
			return 0, true, i + 2, true
		}
	case "half":
		if isWord(toks, i+1, "a") || isWord(toks, i+1, "an") {
			return 0.5, false, i + 2, true
		}
	}
	v, k, ok := smallNumber(toks, i)
	if !ok {
		return 0, false, i, false
	}
	if isWord(toks, k, "hundred") {
		v *= 100
		k++
	}
	if isWord(toks, k, "thousand") {
		v *= 1000
		k++
	}
	if isWord(toks, k, "and") && isWord(toks, k+1, "a") && isWord(toks, k+2, "half") {
		return float64(v) + 0.5, false, k + 3, true
	}
	return float64(v), false, k, true
}

// fillers may stand between a count and its unit: "two more weeks",
// "eight trading days".
var fillers = map[string]bool{"more": true, "additional": true, "straight": true, "consecutive": true,
	"full": true, "trading": true, "business": true, "working": true, "calendar": true, "successive": true,
	"further": true, "extra": true, "short": true, "long": true}

// unitAt reads a unit after a count, with an optional glued hyphen
// ("two-year") and fillers.
func unitAt(toks []token, k int) (unit, int, bool) {
	hyph := false
	if isPunct(toks, k, "-") {
		k++
		hyph = true
	}
	if !hyph && isWord(toks, k, "of") {
		return uNone, k, false
	}
	for n := 0; n < 2 && k < len(toks) && fillers[toks[k].low]; n++ {
		k++
	}
	w := lookup(toks, k)
	if w == nil || w.unit == uNone || w.unit == uSeason || w.unit == uHalf {
		return uNone, k, false
	}
	if w.unit == uQuarter && (hyph || isWord(toks, k+1, "of")) {
		return uNone, k, false // "three-quarters of": a fraction
	}
	return w.unit, k + 1, true
}

// durationValue formats a count of units as a TimeML duration; x means
// an unknown count. Fractions move to the next smaller unit when that
// makes them whole ("1.5 years" is P18M).
func durationValue(n float64, x bool, u unit) string {
	code, clock := "Y", false
	switch u {
	case uCentury:
		code = "CE"
	case uDecade:
		code = "DE"
	case uQuarter:
		code = "Q"
	case uMonth:
		code = "M"
	case uWeek:
		code = "W"
	case uWeekend:
		n, code = n*2, "D"
	case uFortnight:
		n, code = n*2, "W"
	case uDay:
		code = "D"
	case uHour:
		code, clock = "H", true
	case uMinute:
		code, clock = "M", true
	case uSecond:
		code, clock = "S", true
	}
	if u == uDecade && !x && n == float64(int(n)) {
		n, code = n*10, "Y"
	}
	if u == uCentury && !x && n == float64(int(n)) {
		n, code = n*100, "Y"
	}
	prefix := "P"
	if clock {
		prefix = "PT"
	}
	if x {
		return prefix + "X" + code
	}
	if whole, frac := int(n), n-float64(int(n)); frac != 0 {
		key := code
		if clock && code == "M" {
			key = "MT"
		}
		s, ok := smaller[key]
		if rem := frac * s.f; ok && rem == float64(int(rem)) {
			v := prefix
			if whole > 0 {
				v += strconv.Itoa(whole) + code
			}
			if s.t && !clock {
				v += "T"
			}
			return v + strconv.Itoa(int(rem)) + s.code
		}
		return prefix + strconv.FormatFloat(n, 'f', -1, 64) + code
	}
	return prefix + strconv.Itoa(int(n)) + code
}

// smaller is the next smaller unit of each duration code, for
// fractions: how many of it make one, its code, whether it is a clock
// unit. "MT" is the minute, to tell it from the month.
var smaller = map[string]struct {
	f    float64
	code string
	t    bool
}{"Y": {12, "M", false}, "W": {7, "D", false}, "D": {24, "H", true}, "H": {60, "M", true}, "MT": {60, "S", true}}
