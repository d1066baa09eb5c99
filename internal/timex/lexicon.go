package timex

// unit is a calendar or clock unit a quantity can count.
type unit uint8

const (
	uNone unit = iota
	uCentury
	uDecade
	uYear
	uHalf
	uQuarter
	uSeason
	uMonth
	uWeek
	uWeekend
	uDay
	uHour
	uMinute
	uSecond
	uFortnight
)

// word is what the lexicon knows about one lowercase word; a word can
// be several things at once ("second" is an ordinal and a unit, "may"
// a month and a verb), so every class has its own field.
type word struct {
	month  int    // 1-12
	wday   int    // ISO weekday, 1 = Monday
	card   int    // cardinal number value; 0 = none
	ord    int    // ordinal value; 0 = none
	tens   bool   // a tens word that can take a unit word after it ("twenty-four")
	unit   unit   // a unit noun, singular or plural
	plural bool   // the unit is in the plural ("years")
	season string // TimeML season code
	tod    string // TimeML part-of-day code
	abbr   bool   // abbreviation that may take a full stop ("Sept")
	mask   uint32 // grammars that can start at the word (see dispatch.go)
	cue    int8   // tense cue: tPast, tFuture, or tNone
	notEd  bool   // ends in "-ed" without being a past form
	modp   bool   // may open a quantity prefix ("more than", "about")
	posp   bool   // may open a position prefix ("the end of", "early")
	lead   bool   // starts an expression only before a lexicon word (see leadWords)
}

// lex maps lowercase words to their classes; built once at init.
var lex = map[string]*word{}

func entry(w string) *word {
	e := lex[w]
	if e == nil {
		e = &word{}
		lex[w] = e
	}
	return e
}

func init() {
	months := [][]string{
		{"january", "jan"}, {"february", "feb"}, {"march", "mar"}, {"april", "apr"},
		{"may"}, {"june", "jun"}, {"july", "jul"}, {"august", "aug"},
		{"september", "sep", "sept"}, {"october", "oct"}, {"november", "nov"}, {"december", "dec"},
	}
	for i, names := range months {
		for j, n := range names {
			e := entry(n)
			e.month = i + 1
			e.abbr = j > 0
		}
	}
	days := [][]string{
		{"monday", "mon"}, {"tuesday", "tue", "tues"}, {"wednesday", "wed"},
		{"thursday", "thu", "thur", "thurs"}, {"friday", "fri"}, {"saturday", "sat"}, {"sunday", "sun"},
	}
	for i, names := range days {
		for j, n := range names {
			e := entry(n)
			e.wday = i + 1
			e.abbr = j > 0
		}
	}
	cards := []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
	for i, n := range cards[1:] {
		entry(n).card = i + 1
	}
	for i, n := range []string{"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"} {
		e := entry(n)
		e.card = 20 + 10*i
		e.tens = true
	}
	entry("hundred").card = 100
	entry("thousand").card = 1000
	entry("dozen").card = 12
	ords := []string{"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
		"eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
		"nineteenth", "twentieth"}
	for i, n := range ords {
		entry(n).ord = i + 1
	}
	for w, v := range map[string]int{"twenty-first": 21, "thirtieth": 30, "thirty-first": 31} {
		entry(w).ord = v
	}
	units := map[string]unit{
		"century": uCentury, "decade": uDecade, "year": uYear, "quarter": uQuarter, "month": uMonth,
		"week": uWeek, "weekend": uWeekend, "day": uDay, "hour": uHour, "minute": uMinute,
		"second": uSecond, "fortnight": uFortnight, "half": uHalf, "season": uSeason,
		"yr": uYear, "hr": uHour, "min": uMinute, "sec": uSecond, "mins": uMinute, "hrs": uHour, "yrs": uYear,
	}
	for n, u := range units {
		entry(n).unit = u
	}
	for n, u := range map[string]unit{"centuries": uCentury, "decades": uDecade, "years": uYear,
		"quarters": uQuarter, "months": uMonth, "weeks": uWeek, "weekends": uWeekend, "days": uDay,
		"hours": uHour, "minutes": uMinute, "seconds": uSecond, "fortnights": uFortnight, "halves": uHalf,
		"seasons": uSeason} {
		e := entry(n)
		e.unit = u
		e.plural = true
	}
	for n, s := range map[string]string{"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
		"springs": "SP", "summers": "SU", "autumns": "FA", "winters": "WI"} {
		entry(n).season = s
	}
	for n, s := range map[string]string{"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
		"mornings": "MO", "afternoons": "AF", "evenings": "EV", "nights": "NI", "overnight": "NI",
		"daytime": "DT", "midday": "MI", "noon": "MI", "midnight": "NI", "tonight": "NI", "dawn": "MO", "dusk": "EV"} {
		entry(n).tod = s
	}
	setMasks() // last: they read the whole lexicon
	setShapes()
}

// lexShape has a bit for every (length, first letter, last letter) of an
// ASCII lexicon word: most words of a text fail it, and it is far
// cheaper than hashing them for the map.
var lexShape [16][26][26]bool

// lexWord returns the lexicon entry of a lowercase ASCII word, or nil.
func lexWord(low string) *word {
	n := len(low)
	if n >= 16 {
		return nil
	}
	a, z := low[0]-'a', low[n-1]-'a'
	if a >= 26 || z >= 26 || !lexShape[n][a][z] {
		return nil
	}
	return lex[low]
}

// setShapes fills lexShape from the lexicon.
func setShapes() {
	for w := range lex {
		n := len(w)
		if n == 0 || n >= 16 {
			continue
		}
		a, z := w[0]-'a', w[n-1]-'a'
		if a < 26 && z < 26 {
			lexShape[n][a][z] = true
		}
	}
}

// lookup returns the lexicon entry of token i, nil when it is none or
// out of range.
func lookup(toks []token, i int) *word {
	if i < 0 || i >= len(toks) {
		return nil
	}
	return toks[i].w
}

// monthAt returns the month named at token i (1-12) and the index after
// it, skipping a full stop after an abbreviation. Lowercase "may",
// "march" and short forms that are ordinary words need a capital.
func monthAt(toks []token, i int) (int, int) {
	w := lookup(toks, i)
	if w == nil || w.month == 0 {
		return 0, i
	}
	t := toks[i]
	if !t.cap && (w.abbr || t.low == "may" || t.low == "march") {
		return 0, i
	}
	j := i + 1
	if w.abbr && isPunct(toks, j, ".") && glued(toks, j) {
		j++
	}
	return w.month, j
}

// weekdayAt is monthAt for day names ("Tues." included); abbreviations
// need a capital because "sat" and "wed" are ordinary words.
func weekdayAt(toks []token, i int) (int, int) {
	w := lookup(toks, i)
	if w == nil || w.wday == 0 {
		return 0, i
	}
	if w.abbr && !toks[i].cap {
		return 0, i
	}
	j := i + 1
	if w.abbr {
		if isPunct(toks, j, ".") && glued(toks, j) {
			j++
		} else if toks[i].low == "sat" || toks[i].low == "sun" || toks[i].low == "wed" || toks[i].low == "mon" {
			return 0, i // "Sun" the newspaper, "Wed" the verb
		}
	}
	return w.wday, j
}
