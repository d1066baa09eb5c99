package timex

import (
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzTag checks the properties every output must have, whatever the
// input: spans inside the text and equal to Text, sorted and
// non-overlapping, values well formed, calendar ranges ordered.
func FuzzTag(f *testing.F) {
	seeds := []string{
		"Kerry said on Tuesday he would meet Putin on Friday, Dec. 18, 2015.",
		"Sales rose 5% a year in the 1990s and fell in the third quarter of fiscal 1998.",
		"At 10:30 a.m. EST Monday, two years ago, about three-quarters of the last week's 52-year-old",
		"the end of the month, mid-November, early next year, a year earlier, year-end, the year-ago quarter",
		"every other week, each Friday, Tuesdays, the past few days, for years, 5 1/2 hours, a year and a half",
		"12/15/2015 2015-12-15 15.12.2015 '98 the '80s nineteen ninety-six the year two thousand",
		"Monday’s comments — “later this month” – the weekend; Christmas Eve; Thanksgiving 2015",
		"", "May", "a", "the", "-", "'", "1990s", "Q3 2015", "p.m.", "12 a", "31 February 2015",
	}
	for _, s := range seeds {
		f.Add(s, int64(1450137600))
		f.Add(s, int64(0))
	}
	f.Fuzz(func(t *testing.T, text string, unix int64) {
		var anchor time.Time
		if unix != 0 {
			anchor = time.Unix(unix%(1<<36), 0).UTC() // keep years in 4 digits
			if anchor.Year() < 1000 || anchor.Year() > 9000 {
				anchor = time.Time{}
			}
		}
		exprs := Tag(text, anchor)
		prevEnd := 0
		for _, x := range exprs {
			if x.Start < prevEnd || x.Start >= x.End || x.End > len(text) {
				t.Fatalf("bad span %d..%d (previous end %d, len %d) in %q", x.Start, x.End, prevEnd, len(text), text)
			}
			prevEnd = x.End
			if text[x.Start:x.End] != x.Text {
				t.Fatalf("Text %q != text[%d:%d] %q", x.Text, x.Start, x.End, text[x.Start:x.End])
			}
			if utf8.ValidString(text) && !utf8.ValidString(x.Text) {
				t.Fatalf("span %q splits a rune", x.Text)
			}
			if !Valid(x.Value) {
				t.Fatalf("invalid value %q for %q (%s) in %q", x.Value, x.Text, x.Type, text)
			}
			switch x.Type {
			case Date, Time, Duration, Set:
			default:
				t.Fatalf("bad type %q", x.Type)
			}
			if first, last, ok := Calendar(x.Value); ok && last.Before(first) {
				t.Fatalf("Calendar(%q) = %v..%v out of order", x.Value, first, last)
			}
		}
		for _, s := range Sentences(text, exprs) {
			if s.Start < 0 || s.End > len(text) || s.Start >= s.End {
				t.Fatalf("bad sentence %d..%d", s.Start, s.End)
			}
			for _, x := range s.Dates {
				if x.Start < s.Start || x.Start >= s.End {
					t.Fatalf("date %q outside its sentence %d..%d", x.Text, s.Start, s.End)
				}
			}
		}
	})
}
