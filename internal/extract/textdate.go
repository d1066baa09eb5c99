package extract

import (
	"regexp"
	"strings"
	"time"
)

// Scraped text often carries its publication date in a dateline or a
// byline under the headline ("Ines Halvard · 31 March 2026", "March 18,
// 2026 1:25 PM UTC · Updated 2 hours ago"). These patterns find the
// calendar day in such a line; the full temporal tagger is a later stage.
var (
	dayMonthYear = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})\b`)
	monthDayYear = regexp.MustCompile(`(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	isoDay       = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)
)

var monthIndex = map[string]time.Month{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
	"jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}

// lineDate returns the first calendar day written in l, or the zero time.
// Impossible dates (31 February) are rejected rather than normalised.
func lineDate(l string) time.Time {
	var y, d, m string
	if s := dayMonthYear.FindStringSubmatch(l); s != nil {
		d, m, y = s[1], s[2], s[3]
	} else if s := monthDayYear.FindStringSubmatch(l); s != nil {
		m, d, y = s[1], s[2], s[3]
	} else if s := isoDay.FindStringSubmatch(l); s != nil {
		t, err := time.Parse("2006-01-02", s[0])
		if err != nil {
			return time.Time{}
		}
		return t
	} else {
		return time.Time{}
	}
	month := monthIndex[strings.ToLower(m)]
	t, err := time.Parse("2006-1-2", y+"-"+itoa(int(month))+"-"+d)
	if err != nil || month == 0 {
		return time.Time{}
	}
	return t
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return string(rune('0'+n/10)) + string(rune('0'+n%10))
}

// metaSeparators split a byline-and-date line into its parts.
var metaSeparators = []string{" · ", " • ", " | ", " — ", " – "}

// splitMetaLine recognises a short line made of a dateline plus, perhaps,
// author names joined by a separator ("Idris Penmarch · 31 March 2026").
// It returns the names and the date; ok is false when l is anything else.
func splitMetaLine(l string) (names []string, date time.Time, ok bool) {
	if len(strings.Fields(l)) > 14 || endsSentence(l) {
		return nil, time.Time{}, false
	}
	parts := []string{l}
	for _, sep := range metaSeparators {
		var next []string
		for _, p := range parts {
			next = append(next, strings.Split(p, sep)...)
		}
		parts = next
	}
	if len(parts) < 2 {
		return nil, time.Time{}, false
	}
	for _, p := range parts {
		p = strings.TrimSpace(p)
		switch {
		case isDateLine(p):
			if date.IsZero() {
				date = lineDate(p)
			}
		case bylineNames(p) != nil:
			names = append(names, bylineNames(p)...)
		case looksLikeName(p):
			names = append(names, p)
		default:
			return nil, time.Time{}, false
		}
	}
	if date.IsZero() {
		return nil, time.Time{}, false
	}
	return names, date, true
}

// looksLikeName is two to four capitalised words: a person's name.
func looksLikeName(s string) bool {
	ws := strings.Fields(s)
	if len(ws) < 2 || len(ws) > 4 {
		return false
	}
	for _, w := range ws {
		if r := []rune(w); len(r) == 0 || r[0] < 'A' || r[0] > 'Z' && r[0] < 0xC0 {
			return false
		}
	}
	return true
}
