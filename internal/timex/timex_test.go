package timex

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// tuesday is the anchor of most cases: Tuesday 2015-12-15, ISO week 51,
// the fourth quarter, winter.
var tuesday = time.Date(2015, 12, 15, 9, 30, 0, 0, time.UTC)

// tagOne tags text and returns the expression whose text is want, so
// that cases can carry a whole sentence for the tense.
func tagOne(t *testing.T, text, want string, anchor time.Time) (Expression, bool) {
	t.Helper()
	for _, x := range Tag(text, anchor) {
		if x.Text == want {
			return x, true
		}
	}
	return Expression{}, false
}

func TestTagValues(t *testing.T) {
	cases := []struct {
		text, expr string
		typ        Type
		value, mod string
	}{
		// explicit dates
		{"The deal closed on December 15, 2015.", "December 15, 2015", Date, "2015-12-15", ""},
		{"It was signed 15 December 2015 in Paris.", "15 December 2015", Date, "2015-12-15", ""},
		{"Filed 2015-12-15 with the court.", "2015-12-15", Date, "2015-12-15", ""},
		{"Filed 12/15/2015 with the court.", "12/15/2015", Date, "2015-12-15", ""},
		{"The war began in March 2011.", "March 2011", Date, "2011-03", ""},
		{"Fighting has raged since March 2011.", "March 2011", Date, "2011-03", ""},
		{"Prices peaked in 1990.", "1990", Date, "1990", ""},
		{"Growth slowed in the 1990s.", "the 1990s", Date, "199", ""},
		{"It was built in the '80s.", "the '80s", Date, "198", ""},
		{"Industry rose in the mid-1990s.", "mid-1990s", Date, "199", "MID"},
		{"Sales fell in fiscal 1998.", "fiscal 1998", Date, "1998", ""},
		{"A relic of the 20th century.", "the 20th century", Date, "19", ""},
		{"It happened in the year two thousand.", "the year two thousand", Date, "2000", ""},
		// month and day without a year, resolved near the anchor
		{"Turkey shot down a plane on Nov. 24.", "Nov. 24", Date, "2015-11-24", ""},
		{"Talks will cover the planned Jan. 1 ceasefire.", "Jan. 1", Date, "2016-01-01", ""},
		{"The vote was held in October.", "October", Date, "2015-10", ""},
		{"Elections are due in January.", "January", Date, "2016-01", ""},
		{"The summit is in mid-January.", "mid-January", Date, "2016-01", "MID"},
		{"Fighting eased in late November.", "late November", Date, "2015-11", "END"},
		{"They met last June.", "last June", Date, "2015-06", ""},
		{"Prices rose in March this year.", "March this year", Date, "2015-03", ""},
		// weekdays and tense
		{"Kerry said on Tuesday that talks went well.", "Tuesday", Date, "2015-12-15", ""},
		{"He said Wednesday the plan had failed.", "Wednesday", Date, "2015-12-09", ""},
		{"The ministers will meet on Friday.", "Friday", Date, "2015-12-18", ""},
		{"A meeting penciled in for Friday was unclear.", "Friday", Date, "2015-12-18", ""},
		{"Police arrested him Monday.", "Monday", Date, "2015-12-14", ""},
		{"They discussed Monday's comments.", "Monday", Date, "2015-12-14", ""},
		{"He left last Friday.", "last Friday", Date, "2015-12-11", ""},
		{"They meet next Monday.", "next Monday", Date, "2015-12-21", ""},
		{"Rebels attacked Tuesday night.", "Tuesday night", Time, "2015-12-15TNI", ""},
		{"The vote came late Tuesday.", "late Tuesday", Date, "2015-12-15", "END"},
		{"It opened Friday, Dec. 11, in London.", "Friday, Dec. 11", Date, "2015-12-11", ""},
		// deictic words
		{"Markets fell today.", "today", Date, "2015-12-15", ""},
		{"Markets fell yesterday.", "yesterday", Date, "2015-12-14", ""},
		{"Markets may fall tomorrow.", "tomorrow", Date, "2015-12-16", ""},
		{"He spoke yesterday morning.", "yesterday morning", Time, "2015-12-14TMO", ""},
		{"He spoke this morning.", "this morning", Time, "2015-12-15TMO", ""},
		{"Shelling resumed last night.", "last night", Time, "2015-12-14TNI", ""},
		{"He is now in Moscow.", "now", Date, "PRESENT_REF", ""},
		{"Ties have recently improved.", "recently", Date, "PAST_REF", ""},
		{"Clashes grew in recent weeks.", "recent weeks", Date, "PAST_REF", ""},
		{"Peace may come in the future.", "the future", Date, "FUTURE_REF", ""},
		// units relative to the anchor
		{"A meeting last week in Riyadh agreed.", "last week", Date, "2015-W50", ""},
		{"They meet this week.", "this week", Date, "2015-W51", ""},
		{"Talks resume next week.", "next week", Date, "2015-W52", ""},
		{"Prices fell last month.", "last month", Date, "2015-11", ""},
		{"It rose earlier this month.", "earlier this month", Date, "2015-12", "START"},
		{"A vote is expected later this month.", "later this month", Date, "2015-12", "END"},
		{"Sales rose last year.", "last year", Date, "2014", ""},
		{"Sales will rise next year.", "next year", Date, "2016", ""},
		{"Growth resumes early next year.", "early next year", Date, "2016", "START"},
		{"Growth slowed this year.", "this year", Date, "2015", ""},
		{"Profit rose in the current quarter.", "the current quarter", Date, "2015-Q4", ""},
		{"Results for the third quarter were weak.", "the third quarter", Date, "2015-Q3", ""},
		{"The third-quarter loss widened.", "third-quarter", Date, "2015-Q3", ""},
		{"In the first quarter of 2014 sales fell.", "the first quarter of 2014", Date, "2014-Q1", ""},
		{"Output rose in the second half of 2014.", "the second half of 2014", Date, "2014-H2", ""},
		{"Tourism peaks this summer.", "this summer", Date, "2015-SU", ""},
		{"The offensive began last spring.", "last spring", Date, "2015-SP", ""},
		{"The weekend saw protests.", "The weekend", Date, "2015-W50-WE", ""},
		{"They were elected a year ago.", "a year ago", Date, "2014", ""},
		{"Clashes broke out three days ago.", "three days ago", Date, "2015-12-12", ""},
		{"It started two months ago.", "two months ago", Date, "2015-10", ""},
		{"Shops close at the end of the month.", "the end of the month", Date, "2015-12", "END"},
		{"Debt must fall by year-end.", "year-end", Date, "2015-12-31", ""},
		// durations
		{"The war is in its fourth year after three years of talks.", "three years", Duration, "P3Y", ""},
		{"A two-year contract was signed.", "two-year", Duration, "P2Y", ""},
		{"Sales rose in the past two months.", "the past two months", Duration, "P2M", ""},
		{"Profit rose in the first nine months.", "the first nine months", Duration, "P9M", ""},
		{"The strike lasted more than four hours.", "more than four hours", Duration, "PT4H", "MORE_THAN"},
		{"Talks lasted about a week.", "about a week", Duration, "P1W", "APPROX"},
		{"It took 5 1/2 hours.", "5 1/2 hours", Duration, "PT5H30M", ""},
		{"The siege lasted a year and a half.", "a year and a half", Duration, "P1Y6M", ""},
		{"He has waited for years.", "years", Duration, "PXY", ""},
		{"It may take several months.", "several months", Duration, "PXM", ""},
		{"He served for a decade.", "a decade", Duration, "P10Y", ""},
		{"The war, now in its fourth year, goes on.", "fourth year", Duration, "P4Y", ""},
		// sets
		{"The paper is published daily.", "daily", Set, "P1D", ""},
		{"They meet every week.", "every week", Set, "P1W", ""},
		{"The club meets each Friday.", "each Friday", Set, "XXXX-WXX-5", ""},
		{"It rose 5% a year.", "a year", Set, "P1Y", ""},
		{"The fair opens each July.", "each July", Set, "XXXX-07", ""},
		// clock times
		{"The vote starts at 10 a.m. on Friday.", "10 a.m.", Time, "2015-12-15T10:00", ""},
		{"Polls closed at 8:30 p.m. EST Monday.", "8:30 p.m. EST Monday", Time, "2015-12-14T20:30", ""},
		{"They met at noon today.", "noon today", Time, "2015-12-15T12:00", ""},
		{"Gunmen arrived around 7:15 p.m. and left.", "around 7:15 p.m.", Time, "2015-12-15T19:15", "APPROX"},
		{"The sale closes around Nov. 1, officials said.", "around Nov. 1", Date, "2015-11-01", "APPROX"},
	}
	for _, c := range cases {
		x, ok := tagOne(t, c.text, c.expr, tuesday)
		if !ok {
			t.Errorf("Tag(%q): no expression %q; got %v", c.text, c.expr, Tag(c.text, tuesday))
			continue
		}
		if x.Type != c.typ || x.Value != c.value || x.Mod != c.mod {
			t.Errorf("Tag(%q) %q = %s %s %q; want %s %s %q", c.text, c.expr, x.Type, x.Value, x.Mod, c.typ, c.value, c.mod)
		}
	}
}

func TestTagNoAnchor(t *testing.T) {
	cases := []struct{ text, expr, value string }{
		{"He spoke on Wednesday.", "Wednesday", "XXXX-WXX-3"},
		{"It happened on Dec. 15.", "Dec. 15", "XXXX-12-15"},
		{"It happened in December.", "December", "XXXX-12"},
		{"It happened on Dec. 15, 2015.", "Dec. 15, 2015", "2015-12-15"},
		{"It happened last week.", "last week", "XXXX-WXX"},
		{"It happened yesterday.", "yesterday", "XXXX-XX-XX"},
		{"It happens now.", "now", "PRESENT_REF"},
		{"It lasted three years.", "three years", "P3Y"},
	}
	for _, c := range cases {
		x, ok := tagOne(t, c.text, c.expr, time.Time{})
		if !ok {
			t.Errorf("Tag(%q, zero): no expression %q; got %v", c.text, c.expr, Tag(c.text, time.Time{}))
			continue
		}
		if x.Value != c.value {
			t.Errorf("Tag(%q, zero) %q = %s; want %s", c.text, c.expr, x.Value, c.value)
		}
	}
}

func TestTagRejects(t *testing.T) {
	// Words that look like dates but are not.
	for _, text := range []string{
		"You may go now-defunct", // "now-defunct" is an adjective
		"They march to the sea.",
		"The company employs 1990 people.",
		"It cost $2015 in total.",
		"He may well agree.",
		"A 52-year-old man and his 1,990 sheep.",
		"Three-quarters of voters agreed.",
		"He told the Komsomolskaya Pravda daily and China Daily.",
	} {
		for _, x := range Tag(text, tuesday) {
			if x.Text != "now" {
				t.Errorf("Tag(%q) found %q (%s %s); want nothing", text, x.Text, x.Type, x.Value)
			}
		}
	}
}

func TestSeed(t *testing.T) {
	b, err := os.ReadFile("../../../shared/seeds/004_3c4670c9a2580622.txt")
	if err != nil {
		t.Skip("seed article not available:", err)
	}
	text := string(b)
	exprs := Tag(text, tuesday)
	// find the expression that starts at the first occurrence of phrase
	// plus offset, so the checks pin the right mention
	at := func(phrase, expr string) (Expression, bool) {
		k := strings.Index(text, phrase)
		if k < 0 {
			return Expression{}, false
		}
		k += strings.Index(phrase, expr)
		for _, x := range exprs {
			if x.Start == k && x.Text == expr {
				return x, true
			}
		}
		return Expression{}, false
	}
	cases := []struct{ phrase, expr, value string }{
		{"Moscow on Tuesday", "Tuesday", "2015-12-15"},
		{"penciled in for Friday", "Friday", "2015-12-18"},
		{"News agencies on Monday", "Monday", "2015-12-14"},
		{"Monday’s comments", "Monday", "2015-12-14"},
		{"on Nov. 24", "Nov. 24", "2015-11-24"},
		{"Jan. 1 ceasefire", "Jan. 1", "2016-01-01"},
		{"a meeting last week", "last week", "2015-W50"},
		{"later on Tuesday", "Tuesday", "2015-12-15"},
	}
	for _, c := range cases {
		x, ok := at(c.phrase, c.expr)
		if !ok {
			t.Errorf("seed: no %q in %q", c.expr, c.phrase)
			continue
		}
		if x.Value != c.value {
			t.Errorf("seed: %q in %q = %s; want %s", c.expr, c.phrase, x.Value, c.value)
		}
	}
}

func TestCalendar(t *testing.T) {
	d := func(s string) time.Time { v, _ := time.Parse("2006-01-02", s); return v }
	cases := []struct {
		value       string
		first, last string
		ok          bool
	}{
		{"2015-12-15", "2015-12-15", "2015-12-15", true},
		{"2015-12-15TNI", "2015-12-15", "2015-12-15", true},
		{"2015-W50", "2015-12-07", "2015-12-13", true},
		{"2015-W50-WE", "2015-12-12", "2015-12-13", true},
		{"2015-W50-3", "2015-12-09", "2015-12-09", true},
		{"2015-12", "2015-12-01", "2015-12-31", true},
		{"2016-02", "2016-02-01", "2016-02-29", true},
		{"2015-Q4", "2015-10-01", "2015-12-31", true},
		{"2015-H1", "2015-01-01", "2015-06-30", true},
		{"2015-SU", "2015-06-01", "2015-08-31", true},
		{"2015", "2015-01-01", "2015-12-31", true},
		{"199", "1990-01-01", "1999-12-31", true},
		{"19", "1900-01-01", "1999-12-31", true},
		{"2009-W53", "2009-12-28", "2010-01-03", true},
		{"2015-W53", "2015-12-28", "2016-01-03", true},
		{"2014-W53", "", "", false},
		{"PRESENT_REF", "", "", false},
		{"P4Y", "", "", false},
		{"XXXX-12-15", "", "", false},
		{"XXXX-WXX-1", "", "", false},
		{"2015-13", "", "", false},
		{"2015-02-30", "", "", false},
	}
	for _, c := range cases {
		first, last, ok := Calendar(c.value)
		if ok != c.ok {
			t.Errorf("Calendar(%q) ok = %v; want %v", c.value, ok, c.ok)
			continue
		}
		if ok && (!first.Equal(d(c.first)) || !last.Equal(d(c.last))) {
			t.Errorf("Calendar(%q) = %s..%s; want %s..%s", c.value, first.Format("2006-01-02"), last.Format("2006-01-02"), c.first, c.last)
		}
	}
}

func TestValid(t *testing.T) {
	good := []string{"2015-12-15", "2015-W51", "2015-12", "P4Y", "PRESENT_REF", "PAST_REF", "FUTURE_REF",
		"XXXX-WXX-1", "2015-Q4", "2015-SU", "199", "19", "2015-12-15TNI", "2015-12-15T14:30", "XXXX-12-15",
		"PT30M", "P1Y6M", "PT5H30M", "P1DT12H", "PXY", "P1.5Y", "2015-W50-WE", "XXXX-SU", "XXXX-XX-XXTMO", "XXXX"}
	bad := []string{"", "2015-13", "2015-W54", "P", "PY", "P4", "PT4Y", "P4H", "2015-12-15TXX", "2015-Q5",
		"12/15/2015", "2015-12-15T25:00", "XXXX-W", "P1..5Y", "2015-SX", "NOW"}
	for _, v := range good {
		if !Valid(v) {
			t.Errorf("Valid(%q) = false; want true", v)
		}
	}
	for _, v := range bad {
		if Valid(v) {
			t.Errorf("Valid(%q) = true; want false", v)
		}
	}
}

func TestSentences(t *testing.T) {
	text := "Kerry arrived on Tuesday. He met Mr. Putin for talks.\n\nA vote is set for Jan. 1, 2016. Officials said the plan had support in recent weeks."
	exprs := Tag(text, tuesday)
	sents := Sentences(text, exprs)
	var got [][]string
	for _, s := range sents {
		row := []string{text[s.Start:s.End]}
		for _, x := range s.Dates {
			row = append(row, x.Value)
		}
		got = append(got, row)
	}
	want := [][]string{
		{"Kerry arrived on Tuesday.", "2015-12-15"},
		{"He met Mr. Putin for talks."},
		{"A vote is set for Jan. 1, 2016.", "2016-01-01"},
		{"Officials said the plan had support in recent weeks."}, // PAST_REF is not a calendar date
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Sentences (-want +got):\n%s", diff)
	}
}

func TestInferPublished(t *testing.T) {
	cases := []struct {
		text string
		want string // "" for none
	}{
		{"The truce of March 3, 2014 held until Dec. 15, 2015, officials said on Wednesday.", "2015-12-15"},
		{"Talks opened on 2 June 2014. A deal followed on June 20, 2014.", "2014-06-20"},
		{"Talks opened on Wednesday, in December.", ""},
		{"No dates here at all.", ""},
	}
	for _, c := range cases {
		got, ok := InferPublished(c.text)
		if c.want == "" {
			if ok {
				t.Errorf("InferPublished(%q) = %v; want none", c.text, got)
			}
			continue
		}
		if !ok || got.Format("2006-01-02") != c.want {
			t.Errorf("InferPublished(%q) = %v, %v; want %s", c.text, got, ok, c.want)
		}
	}
}

// TestTagLinear guards against grammars that call each other on
// repeated words ("late late late ...") and go quadratic.
func TestTagLinear(t *testing.T) {
	for _, w := range []string{"late ", "early ", "the end of ", "mid-", "later ", "earlier in ", "a ", "the ",
		"10 ", "Friday, ", "last ", "this ", "about ", "5:", "12/", "Jan. ", "year-", "more than "} {
		s := strings.Repeat(w, 4000)
		t0 := time.Now()
		Tag(s, tuesday)
		if d := time.Since(t0); d > 250*time.Millisecond {
			t.Errorf("Tag(%q x 4000) took %v", w, d)
		}
	}
}

// TestTagConcurrent checks that pooled buffers are not shared between
// goroutines (run with -race).
func TestTagConcurrent(t *testing.T) {
	want := Tag(benchArticle, tuesday)
	done := make(chan []Expression)
	for g := 0; g < 4; g++ {
		go func() { done <- Tag(benchArticle, tuesday) }()
	}
	for g := 0; g < 4; g++ {
		if diff := cmp.Diff(want, <-done); diff != "" {
			t.Errorf("concurrent Tag differs (-want +got):\n%s", diff)
		}
	}
}
