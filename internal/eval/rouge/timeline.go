package rouge

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Timeline maps ISO dates ("2006-01-02") to that day's summary sentences.
type Timeline map[string][]string

// timelineSep is the line that closes a date block in the T17 format.
const timelineSep = "--------------------------------"

// ReadTimeline reads a timeline in the Timeline17 format (blocks of a date
// line and one sentence per line, each closed by a line of 32 dashes) the
// way tilse's Timeline.from_file reads it, since tilse defines the
// published T17 scores:
//
//   - lines are stripped of surrounding whitespace; a line that parses as
//     a %Y-%m-%d date (Python's strptime rules) sets the block's date and
//     any other line is a sentence;
//   - a duplicated date keeps its LAST block;
//   - a block not closed by a separator line is dropped;
//   - the known T17 typo "2011-04-0" (MJ_bbc) is read as 2011-04-02, the
//     repair tilse's data preparation applies.
//
// A closed block without a date line is an error (tilse would store it
// under None and fail later when sorting dates).
func ReadTimeline(path string) (Timeline, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return parseTimeline(path, string(b))
}

func parseTimeline(name, text string) (Timeline, error) {
	// Python's text mode: invalid UTF-8 replaced, \r\n and \r become \n.
	text = strings.ToValidUTF8(text, "\uFFFD")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	text = strings.ReplaceAll(text, "\n2011-04-0\n", "\n2011-04-02\n")

	tl := Timeline{}
	date, summary := "", []string{}
	lines := strings.SplitAfter(text, "\n")
	for n, line := range lines {
		line = strings.TrimFunc(line, isPySpace)
		if line == timelineSep {
			if date == "" {
				return nil, fmt.Errorf("%s:%d: date block without a date line", name, n+1)
			}
			tl[date] = blockSentences(summary)
			date, summary = "", summary[:0:0]
			continue
		}
		if d, ok := parsePyDate(line); ok {
			date = d
		} else {
			summary = append(summary, line)
		}
	}
	return tl, nil
}

// blockSentences is tilse's summary.strip().split("\n") followed by
// stripping each sentence: blank lines at the block's ends go, blank lines
// inside stay as empty sentences (harmless to every metric).
func blockSentences(lines []string) []string {
	for len(lines) > 0 && lines[0] == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if len(lines) == 0 {
		return []string{""}
	}
	return append([]string(nil), lines...)
}

// pyDate is the pattern Python's strptime builds for "%Y-%m-%d".
var pyDate = regexp.MustCompile(`^(\d\d\d\d)-(1[0-2]|0[1-9]|[1-9])-(3[01]|[12]\d|0[1-9]|[1-9]| [1-9])$`)

// parsePyDate accepts what datetime.strptime(s, "%Y-%m-%d") accepts (with
// ASCII digits) and returns the date in ISO form.
func parsePyDate(s string) (string, bool) {
	m := pyDate.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(strings.TrimSpace(m[3]))
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if y < 1 || t.Day() != d { // year 0 or a day past the month's end
		return "", false
	}
	return t.Format(time.DateOnly), true
}

// isPySpace is Python's str.isspace for one character: Unicode white
// space plus the four ASCII separators (U+001C..U+001F) Python counts.
func isPySpace(r rune) bool {
	return unicode.IsSpace(r) || (r >= 0x1C && r <= 0x1F)
}

// pyFields is Python's str.split() with no argument.
func pyFields(s string) []string { return strings.FieldsFunc(s, isPySpace) }
