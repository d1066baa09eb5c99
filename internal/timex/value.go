package timex

import (
	"strings"
	"time"
)

// Calendar converts a DATE or TIME value to the range of calendar days
// it covers: "2015-W50" is Monday 2015-12-07 to Sunday 2015-12-13,
// "2015-12" the whole month, "199" the 1990s, "2015-12-15TNI" one day.
// ok is false for values that are not calendar dates: references
// (PRESENT_REF), durations (P4Y) and anything underspecified (XXXX-..).
func Calendar(value string) (first, last time.Time, ok bool) {
	v := value
	if k := strings.IndexByte(v, 'T'); k > 0 {
		v = v[:k]
	}
	if strings.ContainsRune(v, 'X') || v == "" {
		return first, last, false
	}
	p, extra, ok := parsePoint(v)
	if !ok {
		return first, last, false
	}
	first, last = p.first(), p.last()
	switch extra {
	case "":
	case "WE":
		first = first.AddDate(0, 0, 5)
	default: // a weekday of the week
		first = first.AddDate(0, 0, int(extra[0]-'1'))
		last = first
	}
	return first, last, true
}

// parsePoint reads a fully specified calendar value. extra is what may
// follow a week: "WE" or a weekday digit.
func parsePoint(v string) (p point, extra string, ok bool) {
	switch len(v) {
	case 2, 3, 4:
		n, ok := digits(v)
		if !ok {
			return p, "", false
		}
		switch len(v) {
		case 2:
			return point{g: gCentury, y: n * 100}, "", true
		case 3:
			return point{g: gDecade, y: n * 10}, "", true
		}
		return point{g: gYear, y: n}, "", true
	}
	if len(v) < 7 || v[4] != '-' {
		return p, "", false
	}
	y, ok := digits(v[:4])
	if !ok {
		return p, "", false
	}
	rest := v[5:]
	switch {
	case len(rest) == 2 && (rest[0] == 'Q' || rest[0] == 'H'):
		n := int(rest[1] - '0')
		if rest[0] == 'Q' && n >= 1 && n <= 4 {
			return point{g: gQuarter, y: y, n: n}, "", true
		}
		if rest[0] == 'H' && n >= 1 && n <= 2 {
			return point{g: gHalf, y: y, n: n}, "", true
		}
	case len(rest) == 2 && rest[0] >= 'A' && rest[0] <= 'Z':
		for i, c := range seasonCodes {
			if c == rest {
				return point{g: gSeason, y: y, n: i}, "", true
			}
		}
	case len(rest) == 2:
		if m, ok := digits(rest); ok && m >= 1 && m <= 12 {
			return point{g: gMonth, y: y, n: m}, "", true
		}
	case len(rest) == 5 && rest[2] == '-':
		m, ok1 := digits(rest[:2])
		d, ok2 := digits(rest[3:])
		if ok1 && ok2 && validDay(y, m, d) {
			return point{g: gDay, y: y, n: m, d: d}, "", true
		}
	case len(rest) >= 3 && rest[0] == 'W':
		w, ok := digits(rest[1:3])
		if !ok || w < 1 || w > 53 || (w == 53 && at(isoWeekStart(y, 53), gWeek).n != 53) {
			return p, "", false
		}
		p = point{g: gWeek, y: y, n: w}
		switch rest[3:] {
		case "":
			return p, "", true
		case "-WE":
			return p, "WE", true
		}
		if len(rest) == 5 && rest[3] == '-' && rest[4] >= '1' && rest[4] <= '7' {
			return p, rest[4:], true
		}
	}
	return p, "", false
}

// digits parses an all-digit string.
func digits(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

// Valid reports whether v is a TimeML value of the forms this package
// emits: the three references; centuries, decades and years ("19",
// "199", "2015", "XXXX"); a year with a half, quarter, season, month or
// week ("2015-Q4", "2015-SU", "2015-12", "2015-W51"); days and week
// days ("2015-12-15", "XXXX-12-15", "XXXX-WXX-1", "2015-W50-WE"), any
// of the day forms with a time ("T14:30", "TNI"); and durations ("P4Y",
// "PXM", "PT30M", "P1.5Y").
func Valid(v string) bool {
	switch v {
	case "PRESENT_REF", "PAST_REF", "FUTURE_REF":
		return true
	}
	if v == "" {
		return false
	}
	if v[0] == 'P' {
		return validDuration(v[1:])
	}
	if v[0] == 'T' {
		return validTime(v[1:])
	}
	if k := strings.IndexByte(v, 'T'); k > 0 {
		return validDate(v[:k], true) && validTime(v[k+1:])
	}
	return validDate(v, false)
}

// validDate checks the date part; withTime requires a day or week day.
func validDate(v string, withTime bool) bool {
	if strings.ContainsRune(v, 'X') {
		return validPattern(v, withTime)
	}
	p, extra, ok := parsePoint(v)
	if !ok {
		return false
	}
	return !withTime || p.g == gDay || (extra != "" && extra != "WE")
}

// validPattern checks an underspecified date against digit-or-X
// templates of the shapes this package writes.
func validPattern(v string, withTime bool) bool {
	shapes := []string{"dddd-Wdd-d", "dddd-dd-dd"}
	if !withTime {
		shapes = append(shapes, "dd", "ddd", "dddd", "dddd-dd", "dddd-Wdd", "dddd-Qd", "dddd-Hd", "dddd-Wdd-WE")
		if len(v) == 7 && v[4] == '-' && seasonCodes[seasonIndex(v[5:])] == v[5:] {
			v = v[:5] + "XX"
		}
	}
	for _, s := range shapes {
		if len(s) != len(v) {
			continue
		}
		ok := true
		for i := 0; i < len(s) && ok; i++ {
			switch s[i] {
			case 'd':
				ok = v[i] == 'X' || (v[i] >= '0' && v[i] <= '9')
			default:
				ok = v[i] == s[i]
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// validTime checks what follows T: a part of day or hh[:mm[:ss]].
func validTime(t string) bool {
	switch t {
	case "MO", "AF", "EV", "NI", "DT", "MI":
		return true
	}
	if len(t) != 2 && len(t) != 5 && len(t) != 8 {
		return false
	}
	for i := 0; i < len(t); i += 3 {
		n, ok := digits(t[i : i+2])
		if !ok || n > 59 || (i == 0 && n > 24) {
			return false
		}
		if i+2 < len(t) && t[i+2] != ':' {
			return false
		}
	}
	return true
}

// validDuration checks the part after P: number-unit pairs, with a T
// before clock units, X for an unknown number.
func validDuration(d string) bool {
	if d == "" {
		return false
	}
	inTime, seen := false, false
	for len(d) > 0 {
		if d[0] == 'T' {
			if inTime {
				return false
			}
			inTime = true
			d = d[1:]
			continue
		}
		n := 0
		if d[0] == 'X' {
			n = 1
		} else {
			dot := false
			for n < len(d) && ((d[n] >= '0' && d[n] <= '9') || (d[n] == '.' && !dot && n > 0)) {
				dot = dot || d[n] == '.'
				n++
			}
			if n == 0 || d[n-1] == '.' {
				return false
			}
		}
		d = d[n:]
		u := ""
		for _, c := range []string{"DE", "CE", "Y", "M", "W", "D", "Q", "H", "S"} {
			if strings.HasPrefix(d, c) {
				u = c
				break
			}
		}
		if u == "" || (inTime && !strings.Contains("HMS", u)) || (!inTime && (u == "H" || u == "S")) {
			return false
		}
		d = d[len(u):]
		seen = true
	}
	return seen
}
