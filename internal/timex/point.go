package timex

import (
	"time"
)

// gran is the granularity of a calendar point, coarsest first.
type gran uint8

const (
	gNone gran = iota
	gCentury
	gDecade
	gYear
	gHalf
	gQuarter
	gSeason
	gMonth
	gWeek
	gDay
)

// point is a calendar unit at some granularity: the 1990s, 2015-Q4,
// 2015-W51, 2015-12-15. Keeping it structured (rather than as a value
// string) lets "a year earlier" shift whatever was last mentioned at the
// granularity it was mentioned at.
type point struct {
	g gran
	y int // year; for weeks the ISO year
	n int // half 1-2, quarter 1-4, season 0-3 (SP SU FA WI), month 1-12, ISO week
	d int // day of month when g == gDay
}

var seasonCodes = [4]string{"SP", "SU", "FA", "WI"}

func seasonIndex(code string) int {
	for i, c := range seasonCodes {
		if c == code {
			return i
		}
	}
	return 0
}

// dayPoint is the point of a calendar day.
func dayPoint(t time.Time) point {
	return point{g: gDay, y: t.Year(), n: int(t.Month()), d: t.Day()}
}

// at returns the unit of granularity g that contains day t.
func at(t time.Time, g gran) point {
	switch g {
	case gCentury:
		return point{g: g, y: t.Year() / 100 * 100}
	case gDecade:
		return point{g: g, y: t.Year() / 10 * 10}
	case gYear:
		return point{g: g, y: t.Year()}
	case gHalf:
		return point{g: g, y: t.Year(), n: (int(t.Month())-1)/6 + 1}
	case gQuarter:
		return point{g: g, y: t.Year(), n: (int(t.Month())-1)/3 + 1}
	case gSeason:
		m := int(t.Month())
		switch {
		case m <= 2:
			return point{g: g, y: t.Year() - 1, n: 3}
		case m == 12:
			return point{g: g, y: t.Year(), n: 3}
		}
		return point{g: g, y: t.Year(), n: (m - 3) / 3}
	case gMonth:
		return point{g: g, y: t.Year(), n: int(t.Month())}
	case gWeek:
		y, w := t.ISOWeek()
		return point{g: g, y: y, n: w}
	}
	return dayPoint(t)
}

// first returns the first day the point covers.
func (p point) first() time.Time {
	switch p.g {
	case gCentury, gDecade, gYear:
		return date(p.y, 1, 1)
	case gHalf:
		return date(p.y, (p.n-1)*6+1, 1)
	case gQuarter:
		return date(p.y, (p.n-1)*3+1, 1)
	case gSeason:
		return date(p.y, 3+3*p.n, 1)
	case gMonth:
		return date(p.y, p.n, 1)
	case gWeek:
		return isoWeekStart(p.y, p.n)
	}
	return date(p.y, p.n, p.d)
}

// last returns the last day the point covers.
func (p point) last() time.Time {
	switch p.g {
	case gCentury:
		return date(p.y+99, 12, 31)
	case gDecade:
		return date(p.y+9, 12, 31)
	case gWeek:
		return p.first().AddDate(0, 0, 6)
	case gDay:
		return p.first()
	}
	return p.shift(1).first().AddDate(0, 0, -1)
}

// shift moves the point by k of its own units.
func (p point) shift(k int) point {
	switch p.g {
	case gCentury:
		p.y += 100 * k
	case gDecade:
		p.y += 10 * k
	case gYear:
		p.y += k
	case gHalf:
		i := p.y*2 + p.n - 1 + k
		p.y, p.n = floorDiv(i, 2), floorMod(i, 2)+1
	case gQuarter:
		i := p.y*4 + p.n - 1 + k
		p.y, p.n = floorDiv(i, 4), floorMod(i, 4)+1
	case gSeason:
		i := p.y*4 + p.n + k
		p.y, p.n = floorDiv(i, 4), floorMod(i, 4)
	case gMonth:
		i := p.y*12 + p.n - 1 + k
		p.y, p.n = floorDiv(i, 12), floorMod(i, 12)+1
	case gWeek:
		return at(p.first().AddDate(0, 0, 7*k), gWeek)
	case gDay:
		return dayPoint(p.first().AddDate(0, 0, k))
	}
	return p
}

// coarsen returns the unit of granularity g that holds the point's
// first day (a day's month, a quarter's year).
func (p point) coarsen(g gran) point {
	if g >= p.g {
		return p
	}
	return at(p.first(), g)
}

// index orders points of one granularity so that distances can be
// taken between them.
func (p point) index() int {
	switch p.g {
	case gCentury, gDecade, gYear:
		return p.y
	case gHalf:
		return p.y*2 + p.n - 1
	case gQuarter:
		return p.y*4 + p.n - 1
	case gSeason:
		return p.y*4 + p.n
	case gMonth:
		return p.y*12 + p.n - 1
	}
	return int(p.first().Unix() / 86400)
}

// String formats the point as a TimeML value.
func (p point) String() string {
	var buf [16]byte
	b := buf[:0]
	switch p.g {
	case gNone:
		return ""
	case gCentury:
		return string(appendPad(b, p.y/100, 2))
	case gDecade:
		return string(appendPad(b, p.y/10, 3))
	}
	b = appendPad(b, p.y, 4)
	switch p.g {
	case gHalf:
		b = append(b, '-', 'H', byte('0'+p.n))
	case gQuarter:
		b = append(b, '-', 'Q', byte('0'+p.n))
	case gSeason:
		b = append(b, '-')
		b = append(b, seasonCodes[p.n]...)
	case gMonth:
		b = appendPad(append(b, '-'), p.n, 2)
	case gWeek:
		b = appendPad(append(b, '-', 'W'), p.n, 2)
	case gDay:
		b = appendPad(append(b, '-'), p.n, 2)
		b = appendPad(append(b, '-'), p.d, 2)
	}
	return string(b)
}

// appendPad appends v in decimal, zero-padded to width.
func appendPad(b []byte, v, width int) []byte {
	if v < 0 {
		b = append(b, '-')
		v = -v
	}
	var d [20]byte
	k := len(d)
	for v > 0 || k == len(d) {
		k--
		d[k] = byte('0' + v%10)
		v /= 10
	}
	for n := len(d) - k; n < width; n++ {
		b = append(b, '0')
	}
	return append(b, d[k:]...)
}

// pad formats v zero-padded to width.
func pad(v, width int) string {
	return string(appendPad(nil, v, width))
}

func date(y, m, d int) time.Time {
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
}

// isoWeekStart returns the Monday of ISO week w of ISO year y.
func isoWeekStart(y, w int) time.Time {
	jan4 := date(y, 1, 4)
	wd := int(jan4.Weekday()+6) % 7 // Monday = 0
	return jan4.AddDate(0, 0, -wd+7*(w-1))
}

// validDay reports whether y-m-d exists on the calendar.
func validDay(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return false
	}
	t := date(y, m, d)
	return t.Day() == d
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int) int { return a - floorDiv(a, b)*b }

// weekdayISO returns 1 for Monday .. 7 for Sunday.
func weekdayISO(t time.Time) int {
	return int(t.Weekday()+6)%7 + 1
}
