package extract

import (
	"bytes"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/dossier-news/dossier/internal/news"
)

// Text extracts the article from plain text as scraped from the web: one
// paragraph per line (blank lines between them or not), a headline at the
// top unless the scrape started at the lead, and site chrome mixed in.
//
// Cleaning works line by line with rules that hold across outlets (see
// boilerplateReason): navigation labels, calls to action, site notices,
// photo captions, repeated lines and, through opts.Recurring, lines the
// same outlet prints on every page. Credit lines at the foot ("Source:
// Reuters", a wire name after the last sentence) become Credits. Hints win
// over what the text says. When nothing is left the Result still carries
// the metadata and the error wraps news.ErrNoContent.
func Text(raw []byte, h Hints, opts Options) (Result, error) {
	src, err := decodeText(raw)
	if err != nil {
		return Result{}, err
	}
	res := Result{
		URL:       news.CanonicalURL(h.URL),
		Title:     strings.Join(strings.Fields(h.Title), " "),
		Source:    news.Source{Name: strings.Join(strings.Fields(h.Source), " "), Domain: news.Domain(h.URL)},
		Authors:   splitHintAuthors(h.Author),
		Published: h.Published,
	}

	lines := dropBoilerplate(splitTextLines(src), opts.Recurring, textOutlet(h))
	head, lines := splitHead(lines)
	if len(res.Authors) == 0 {
		res.Authors = head.authors
	}
	if res.Published.IsZero() {
		res.Published = head.published
	}
	res.Credits, lines = splitCredits(lines)
	if head.title != "" && len(lines) > 0 && news.NormaliseText(lines[0]) == news.NormaliseText(head.title) {
		lines = lines[1:] // the headline printed twice, as a heading and a lead
	}
	res.Text = strings.Join(lines, "\n\n")

	switch {
	case res.Title != "":
	case head.title != "":
		res.Title = head.title
	case len(lines) > 0:
		res.Title, res.TitleDerived = leadTitle(lines[0]), true
	}
	res.Language = DetectLanguage(res.Text)
	if res.Text == "" {
		return res, fmt.Errorf("text: only boilerplate left after cleaning: %w", news.ErrNoContent)
	}
	return res, nil
}

// binaryControlShare is the share of control characters above which a
// document is not text. Scraped text has next to none; a stray byte from
// a legacy encoding must not reject a whole article.
const binaryControlShare = 0.05

// decodeText turns raw into clean UTF-8. A BOM decides the encoding;
// without one, bytes that are not valid UTF-8 are taken as windows-1252,
// the encoding mislabelled web text is nearly always in.
func decodeText(raw []byte) (string, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return "", fmt.Errorf("text: %w", news.ErrEmpty)
	}
	var s string
	if enc, _, n := bomEncoding(raw); enc != nil {
		s = decodeWith(enc, raw[n:])
	} else {
		if looksBinary(raw) || bytes.IndexByte(raw, 0) >= 0 {
			return "", fmt.Errorf("text: control bytes in input: %w", news.ErrBinary)
		}
		if utf8.Valid(raw) {
			s = string(raw)
		} else {
			s = decodeWith(charmap.Windows1252, raw)
		}
	}
	ctrl, total := 0, 0
	for _, r := range s {
		total++
		if unicode.IsControl(r) && !unicode.IsSpace(r) {
			ctrl++
		}
	}
	if float64(ctrl) > binaryControlShare*float64(total) {
		return "", fmt.Errorf("text: %d of %d characters are control characters: %w", ctrl, total, news.ErrBinary)
	}
	if strings.TrimSpace(s) == "" {
		return "", fmt.Errorf("text: only a byte-order mark and spaces: %w", news.ErrEmpty)
	}
	return s, nil
}

// splitTextLines returns the non-empty lines of s with whitespace
// collapsed. Scraped text uses both one line and one blank-line-separated
// block per paragraph, so every line is a paragraph.
func splitTextLines(s string) []string {
	var out []string
	for _, l := range strings.FieldsFunc(s, isLineBreak) {
		if l = cleanTextLine(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func isLineBreak(r rune) bool {
	return r == '\n' || r == '\r' || r == '\v' || r == '\f' || r == '\u2028' || r == '\u2029' || r == '\u0085'
}

// cleanTextLine collapses whitespace (non-breaking spaces included) and
// drops invisible characters, which otherwise defeat every comparison
// between lines. A line without a letter or digit is a separator ("* * *").
func cleanTextLine(l string) string {
	var b strings.Builder
	b.Grow(len(l))
	space, content := false, false
	for _, r := range l {
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
		case unicode.IsControl(r) || r == utf8.RuneError || r == '\u00ad' || r == '\ufeff' ||
			(r >= '\u200b' && r <= '\u200d') || r == '\u2060':
		default:
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteRune(r)
			content = content || unicode.IsLetter(r) || unicode.IsNumber(r)
		}
	}
	if !content {
		return ""
	}
	return b.String()
}

// textOutlet is the key Text asks opts.Recurring about.
func textOutlet(h Hints) string {
	switch {
	case h.Outlet != "":
		return h.Outlet
	case strings.TrimSpace(h.Source) != "":
		return strings.TrimSpace(h.Source)
	}
	return news.Domain(h.URL)
}

func splitHintAuthors(s string) []string {
	var out []string
	for _, a := range strings.Split(s, ";") {
		if a = strings.Join(strings.Fields(a), " "); a != "" {
			out = append(out, a)
		}
	}
	return out
}

// dropBoilerplate keeps the lines that may be article text.
func dropBoilerplate(lines []string, rec RecurringLines, outlet string) []string {
	out := lines[:0:0]
	prev := ""
	for _, l := range lines {
		norm := news.NormaliseText(l)
		dup := norm != "" && norm == prev
		prev = norm
		if dup || boilerplateReason(l) != "" || recurs(rec, outlet, l, norm) {
			continue
		}
		out = append(out, l)
	}
	return out
}

// recurs reports whether rec knows l as the outlet's site chrome. A
// sentence of eight words or more is spared whatever the counts say:
// those are article text, and the counts can be fooled by the same story
// filed several times.
func recurs(rec RecurringLines, outlet, l, norm string) bool {
	if rec == nil || norm == "" || utf8.RuneCountInString(norm) >= maxRecurringLine {
		return false
	}
	if endsSentence(l) && len(strings.Fields(l)) >= 8 {
		return false
	}
	return rec.Recurs(outlet, norm)
}

// endsSentence reports whether l ends like prose, looking through closing
// quotes and brackets.
func endsSentence(l string) bool {
	l = strings.TrimRight(l, " \"'”’»)]")
	r, _ := utf8.DecodeLastRuneInString(l)
	return strings.ContainsRune(".!?…;:", r)
}

// headInfo is what the lines above the lead told us.
type headInfo struct {
	title   string
	authors []string
	// published is a day found in a dateline under the headline.
	published time.Time
}

// headScan bounds how many short lines above the lead may be headline,
// kicker, byline or dateline; more than that is a list, not a head.
const headScan = 4

// splitHead takes the headline, byline and dateline off the top of lines.
//
// The headline is a short line without closing punctuation that is
// followed by prose. Scrapes often carry a kicker or a site label above
// it ("From the news desk"), so among several such lines the one most
// like a headline wins (see headlineScore); lines above it are dropped
// and lines below it, a standfirst, stay. Without prose below, nothing is
// taken: a text of short lines is all content.
func splitHead(lines []string) (headInfo, []string) {
	var h headInfo
	var cands []int
	skip := map[int]bool{}
	i := 0
	for ; i < len(lines) && len(cands)+len(skip) < headScan; i++ {
		l := lines[i]
		if names := bylineNames(l); names != nil {
			h.authors = append(h.authors, names...)
			skip[i] = true
			continue
		}
		if names, d, ok := splitMetaLine(l); ok {
			h.authors = append(h.authors, names...)
			h.published = d
			skip[i] = true
			continue
		}
		if isDateLine(l) && h.published.IsZero() {
			h.published = lineDate(l)
		}
		if isDateLine(l) || (len(strings.Fields(l)) == 1 && !endsSentence(l)) {
			skip[i] = true // a dateline, or a section label ("World")
			continue
		}
		if !headlineShaped(l) {
			break
		}
		cands = append(cands, i)
	}
	if i >= len(lines) || headlineShaped(lines[i]) {
		return headInfo{}, lines
	}
	best, bestScore := -1, 0
	for _, c := range cands {
		if s := headlineScore(lines[c]); best < 0 || s > bestScore {
			best, bestScore = c, s
		}
	}
	var rest []string
	for j, l := range lines {
		if j < i && (skip[j] || j <= best) {
			continue
		}
		rest = append(rest, l)
	}
	if best >= 0 {
		h.title = lines[best]
	}
	return h, rest
}

// headlineShaped reports whether l could be a headline: short, at least
// two words, not ending like a sentence (a question may be a headline).
func headlineShaped(l string) bool {
	n := len(strings.Fields(l))
	if n < 2 || n > 25 || utf8.RuneCountInString(l) > 160 {
		return false
	}
	t := strings.TrimRight(l, " \"'”’»)]")
	r, _ := utf8.DecodeLastRuneInString(t)
	return !strings.ContainsRune(".;:,…", r)
}

// headlineScore favours lines naming things: headlines are dense with
// proper nouns, site labels and kickers are not.
func headlineScore(l string) int {
	words := strings.Fields(l)
	score := 0
	for _, w := range words[1:] {
		r, _ := utf8.DecodeRuneInString(strings.TrimLeft(w, "\"'‘“«(["))
		if unicode.IsUpper(r) {
			score++
		}
	}
	switch {
	case len(words) >= 4:
		score++
	case len(words) <= 3:
		score-- // site labels ("Kestrel News Online") are short name runs
	}
	return score
}

// leadTitle makes a title from the lead paragraph of a text without a
// headline: its first sentence, cut to a dozen words.
func leadTitle(lead string) string {
	const maxWords = 12
	s := firstSentence(lead)
	words := strings.Fields(s)
	if len(words) > maxWords {
		return strings.TrimRight(strings.Join(words[:maxWords], " "), ",;:-–—") + "…"
	}
	return strings.TrimSpace(strings.TrimSuffix(strings.Join(words, " "), "."))
}

// firstSentence returns the text up to the first sentence end that is
// followed by a capital. A period after a short word or an initial
// ("Mr.", "U.S.") is taken as an abbreviation.
func firstSentence(p string) string {
	for i, r := range p {
		if r != '.' && r != '?' && r != '!' {
			continue
		}
		after := strings.TrimLeft(p[i+1:], "\"'”’)")
		if !strings.HasPrefix(after, " ") {
			continue
		}
		next, _ := utf8.DecodeRuneInString(strings.TrimLeft(after[1:], "\"'“‘("))
		if !unicode.IsUpper(next) {
			continue
		}
		if r == '.' {
			word := p[strings.LastIndexByte(p[:i], ' ')+1 : i]
			if utf8.RuneCountInString(word) <= 3 || strings.Contains(word, ".") {
				continue
			}
		}
		return strings.TrimSpace(p[:i+1])
	}
	return p
}
