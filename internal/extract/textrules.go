package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-news/dossier/internal/news"
)

// The line rules of plain-text cleaning. Each describes a kind of site
// chrome by its shape and wording, not by the strings of one site, so
// that it holds for outlets we have never seen. All of them are limited
// to short lines: a paragraph of prose is never chrome, whatever words it
// happens to contain.

// chromeWords is the vocabulary of navigation labels, share bars and ad
// slots. A short line made only of these words ("Most Read", "More from
// News", "Also Read", "Facebook Twitter WhatsApp") carries no article text.
var chromeWords = wordSet(`advertisement advertisements advert ad ads sponsored promoted partner content
	read more most also related recommended popular trending latest top stories story news from
	share shares this article articles comments comment see view all watch video videos photo photos
	gallery listen audio play subscribe newsletter newsletters follow us on click here tap print email
	e-mail next previous back to home menu search skip continue reading the and or a an with our your
	you may like might don't miss in case missed it for of sign up log login register now free app
	download feedback contact privacy policy terms cookie cookies accept close loading show hide expand
	full image images caption page featured highlights explore other sections section breaking live
	updates update tags topics editor's picks pick must copy link facebook twitter x whatsapp telegram
	linkedin reddit pinterest messenger instagram youtube tiktok vk viber tweet save bookmark`)

// moreFromRE matches links to an outlet's sections: "More from Politics",
// "Latest in Sport", "More on this story".
var moreFromRE = regexp.MustCompile(`^(?:more|latest|most\s+read|most\s+popular|top\s+stories)\s+(?:from|on|in|about)\s+[^.!?]{1,40}$`)

// ctaStart matches the imperative that opens a call to action.
var ctaStart = regexp.MustCompile(`^(?:please\s+)?(?:share|subscribe|follow|support|sign\s*up|sign\s+in|log\s*in|register|download|click|tap|join|donate|contribute|whatsapp|telegram|email|print|tweet|listen|watch|read|continue|install|bookmark)\b`)

// ctaObject are words that turn an imperative into a call to action:
// "Support for Assad" is news, "Support us" and "Share this article" are
// not.
var ctaObject = regexp.MustCompile(`\b(?:us|our|this|here|now|today|newsletters?|app|article|story|page|channel|more|below|free|link|subscriptions?|membership|journalism|updates|alerts|reading)\b`)

// siteNotice matches the start of sentences a site prints around every
// article: republication notes, copyright, cookie banners, loading
// placeholders, link labels. noticePhrases are the same kind of notice
// found anywhere in a short line.
var siteNotice = regexp.MustCompile(`^(?:` +
	`(?:this|the)\s+(?:story|article|report|piece|post|column|interview|content)\s+(?:was|is|has\s+been|had\s+been)\s+(?:first\s+|originally\s+|previously\s+)?(?:published|posted|appeared|produced|translated)\b` +
	`|(?:first|originally)\s+(?:published|posted|appeared)\b` +
	`|(?:©|\(c\)\s|copyright\s*(?:©|\(c\)|\d{4}))` +
	`|(?:we|this\s+(?:web)?site)\s+uses?\s+cookies\b` +
	`|by\s+(?:continuing|using|clicking)\b.*\b(?:site|website|cookies|agree)\b` +
	`|(?:accept|manage)\s+(?:all\s+)?cookies\b` +
	`|(?:please\s+)?wait\s+a\s+(?:sec|second|moment|minute)\b|please\s+wait\b|loading\s*(?:\.\.\.|…)?$|one\s+moment\b` +
	`|(?:related|recommended|read\s+more|read\s+also|also\s+read|see\s+also|more|watch|listen|video|photos?|gallery)\s*:` +
	`)`)

var noticePhrases = []string{"all rights reserved", "enable javascript", "javascript is disabled",
	"javascript is required", "javascript required", "your browser does not support"}

// trailerRE matches the reporting credits of a wire story, "(Reporting
// by ...; Editing by ...)": people, not outlets, and not article text.
var trailerRE = regexp.MustCompile(`^\(?(?:additional\s+)?(?:reporting|writing|editing)\s+by\b`)

// Photo captions: a credit in brackets at the end ("... opposition forces
// [EPA]", "(AP Photo/...)"), or a caption label at the start.
var (
	captionCreditRE = regexp.MustCompile(`(?:\[\p{Lu}[^\[\]]{0,40}\]|\([^()]{0,80}\b(?i:photo|photograph|image|picture|credit|getty|shutterstock)\b[^()]{0,80}\))$`)
	captionLabelRE  = regexp.MustCompile(`^(?:photo|image|picture|photograph|illustration|file\s+photo|pictured|credit|caption)\s*:`)
)

// boilerplateReason names the rule that marks l as site chrome, or "".
//
// The patterns only look at the head of a line, lower-cased once, and the
// caption pattern at its tail: every rule is decided there, and matching
// whole paragraphs would cost more than everything else in Text.
func boilerplateReason(l string) string {
	n := countWords(l, 61)
	if n > 60 {
		return ""
	}
	low := strings.ToLower(clip(l, 0, 240))
	switch {
	case n <= 6 && (allChromeWords(low) || moreFromRE.MatchString(low)):
		return "navigation"
	case n <= 12 && isCallToAction(l, low):
		return "call to action"
	case n <= 40 && (siteNotice.MatchString(low) || containsAny(low, noticePhrases)):
		return "site notice"
	case n <= 40 && trailerRE.MatchString(low) && (strings.HasPrefix(l, "(") || !endsSentence(l)):
		return "wire trailer"
	case !endsSentence(l) && !strings.HasSuffix(low, "[sic]") &&
		(captionCreditRE.MatchString(clip(l, len(l)-200, len(l))) || captionLabelRE.MatchString(low)):
		return "caption"
	}
	return ""
}

// clip returns s[i:j] with the bounds moved into range and onto rune
// boundaries.
func clip(s string, i, j int) string {
	i, j = max(i, 0), min(j, len(s))
	for i < j && !utf8.RuneStart(s[i]) {
		i++
	}
	for j < len(s) && j > i && !utf8.RuneStart(s[j]) {
		j--
	}
	return s[i:j]
}

// countWords counts the words of s, stopping at limit.
func countWords(s string, limit int) int {
	n, in := 0, false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			in = false
		case !in:
			if in, n = true, n+1; n >= limit {
				return n
			}
		}
	}
	return n
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

func allChromeWords(low string) bool {
	for _, w := range strings.Fields(low) {
		w = strings.Trim(w, ".,:;!?|•·–—-»«\"'“”‘’()[]")
		if w != "" && !chromeWords[w] {
			return false
		}
	}
	return true
}

// isCallToAction reports an imperative line asking the reader to act on
// the site rather than telling news; low is the lower-cased head of l.
func isCallToAction(l, low string) bool {
	m := ctaStart.FindStringIndex(low)
	if m == nil {
		return false
	}
	rest := strings.Fields(low[m[1]:])
	if len(rest) == 0 || strings.HasPrefix(rest[0], ":") {
		return true
	}
	// The object follows the verb ("Subscribe to our newsletter"); further
	// on, "our" or "today" belongs to a sentence ("Share prices rose today").
	if len(rest) > 2 {
		rest = rest[:2]
	}
	return ctaObject.MatchString(strings.Join(rest, " ")) ||
		(strings.HasSuffix(l, "!") && len(strings.Fields(l)) <= 6)
}

// bylineRE matches "By Jane Doe", "By Jane Doe and John Roe, Moscow".
var bylineRE = regexp.MustCompile(`^(?i:by|von|par|por|di)\s+(\p{Lu}[\p{L}'’.-]*(?:\s+(?:\p{Lu}[\p{L}'’.-]*|de|van|von|al|bin|da|di|la|le))*(?:\s*(?:,|&|\band\b)\s*\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*)*)*)\s*(?:[,|—–-].*)?$`)

// bylineNames returns the authors named by a byline, or nil.
func bylineNames(l string) []string {
	// A byline is a label, not a sentence: "By Friday, the council will
	// vote." starts like one.
	if len(strings.Fields(l)) > 10 || endsSentence(l) {
		return nil
	}
	m := bylineRE.FindStringSubmatch(l)
	if m == nil {
		return nil
	}
	return splitNames(m[1])
}

// dateWords may make up a dateline ("Published: Wed 4 Nov 2015, 10:32 GMT").
var dateWords = wordSet(`published updated posted last modified on at am pm gmt utc bst cet cest est edt
	pst pdt msk ist jst ago hours hour minutes minute days day yesterday today mon tue wed thu fri sat sun
	monday tuesday wednesday thursday friday saturday sunday jan feb mar apr may jun jul aug sep sept oct
	nov dec january february march april june july august september october november december`)

// isDateLine reports a line that is only a date and time, possibly with
// a label: the reader's clock, not article text.
func isDateLine(l string) bool {
	words := strings.FieldsFunc(strings.ToLower(l), func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(",:|/-–—.()·•", r)
	})
	if len(words) == 0 || len(words) > 12 || !strings.ContainsAny(l, "0123456789") || strings.HasSuffix(l, ".") {
		return false
	}
	for _, w := range words {
		switch strings.TrimLeft(w, "0123456789") {
		case "", "st", "nd", "rd", "th", "am", "pm", "h":
			continue
		}
		if !dateWords[w] {
			return false
		}
	}
	return true
}

// agencies are wire services credited by name alone. Only the glued
// credit ("... eastern Ukraine. Reuters") and bare credit lines need the
// list; "Source:" lines credit any name.
var agencies = wordSet(`ap afp reuters dpa xinhua upi ansa efe pa tass interfax anadolu kyodo yonhap
	bloomberg`, "associated press", "agence france-presse", "agence france presse", "press association",
	"pa media", "ria novosti", "itar-tass", "thomson reuters", "agencies")

// allCapsAgency matches agency acronyms we do not list (PTI, IANS, SANA).
var allCapsAgency = regexp.MustCompile(`^\p{Lu}[\p{Lu}&-]{1,7}$`)

func isAgency(name string) bool {
	return agencies[strings.ToLower(name)] || allCapsAgency.MatchString(name)
}

var (
	sourceLineRE = regexp.MustCompile(`(?i)^sources?\s*:\s*(.+?)\.?$`)
	withLineRE   = regexp.MustCompile(`(?i)^\(?\s*with\s+(?:(?:additional\s+)?(?:inputs?|reporting|material)\s+from\s+)?(.+?)\s*\)?\.?$`)
	bareCreditRE = regexp.MustCompile(`^([—–-]+\s*|\(\s*)?(.+?)\s*\)?\.?$`)
	datelineRE   = regexp.MustCompile(`^\p{Lu}[\p{Lu} .,'/-]{1,40}?\s*\(([^()]{2,40})\)\s*[-—–]`)
)

// creditLine returns the names a foot line credits, or nil.
func creditLine(l string) []string {
	if utf8.RuneCountInString(l) > 150 {
		return nil
	}
	if m := sourceLineRE.FindStringSubmatch(l); m != nil {
		return splitNames(m[1])
	}
	if m := withLineRE.FindStringSubmatch(l); m != nil {
		if names := splitNames(m[1]); allNames(names, isProperName) {
			return names
		}
	}
	if utf8.RuneCountInString(l) > 60 {
		return nil
	}
	m := bareCreditRE.FindStringSubmatch(l)
	if m == nil {
		return nil
	}
	names := splitNames(m[2])
	wrapped := m[1] != ""
	if allNames(names, func(n string) bool { return isAgency(n) || wrapped && isProperName(n) }) {
		return names
	}
	return nil
}

// gluedCredit splits a wire credit off the end of the last paragraph, as
// in "... eastern Ukraine. Reuters": up to four words after the last
// sentence end, all of them agency names.
func gluedCredit(p string) (string, []string) {
	words := strings.Fields(p)
	for k := 1; k <= 4 && k < len(words); k++ {
		body := strings.Join(words[:len(words)-k], " ")
		if !endsSentence(body) || strings.HasSuffix(body, ":") {
			continue
		}
		tail := strings.Trim(strings.Join(words[len(words)-k:], " "), "—–-(). ")
		if names := splitNames(tail); allNames(names, isAgency) {
			return body, names
		}
	}
	return p, nil
}

// splitCredits takes credit lines and trailing captions off the foot of
// the text, a wire name off the end of its last paragraph and a wire
// dateline's agency off its first ("MOSCOW (Reuters) - ...").
func splitCredits(lines []string) ([]news.Credit, []string) {
	var credits []news.Credit
	add := func(line string, names []string) {
		for _, n := range names {
			credits = append(credits, news.Credit{Name: n, Line: line})
		}
	}
	prose := false
	for _, l := range lines {
		prose = prose || endsSentence(l)
	}
	var foot []news.Credit // bottom up
	for len(lines) > 0 {
		last := lines[len(lines)-1]
		if names := creditLine(last); names != nil {
			for i := len(names) - 1; i >= 0; i-- {
				foot = append(foot, news.Credit{Name: names[i], Line: last})
			}
		} else if body, names := gluedCredit(last); names != nil {
			lines[len(lines)-1] = body
			for i := len(names) - 1; i >= 0; i-- {
				foot = append(foot, news.Credit{Name: names[i], Line: strings.TrimPrefix(last, body+" ")})
			}
			break
		} else if !prose || len(lines) == 1 || endsSentence(last) || utf8.RuneCountInString(last) > 160 ||
			firstSentence(last) != last {
			break
		}
		// A trailing line that is not a sentence is a caption or a link.
		lines = lines[:len(lines)-1]
	}
	if len(lines) > 0 {
		if m := datelineRE.FindStringSubmatchIndex(lines[0]); m != nil {
			if names := splitNames(lines[0][m[2]:m[3]]); allNames(names, isAgency) {
				add(lines[0][:m[1]], names)
				lines[0] = strings.TrimSpace(lines[0][:m[2]-1]) + " " + strings.TrimSpace(lines[0][m[3]+1:])
			}
		}
	}
	for i := len(foot) - 1; i >= 0; i-- {
		credits = append(credits, foot[i])
	}
	return dedupeCredits(credits), lines
}

func dedupeCredits(cs []news.Credit) []news.Credit {
	seen := map[string]bool{}
	out := cs[:0]
	for _, c := range cs {
		if k := strings.ToLower(c.Name); !seen[k] {
			seen[k] = true
			out = append(out, c)
		}
	}
	return out
}

var nameSepRE = regexp.MustCompile(`\s*(?:[,;/&+]|\band\b)\s*`)

// splitNames splits "Al Jazeera, Reuters and AFP" into names.
func splitNames(s string) []string {
	var out []string
	for _, part := range nameSepRE.Split(s, -1) {
		part = strings.Trim(strings.Join(strings.Fields(part), " "), "—–-.()[] ")
		if part != "" {
			out = append(out, part)
		}
	}
	return out
}

func allNames(names []string, ok func(string) bool) bool {
	if len(names) == 0 {
		return false
	}
	for _, n := range names {
		if len(strings.Fields(n)) > 5 || !ok(n) {
			return false
		}
	}
	return true
}

// isProperName reports a short capitalised name ("Al Jazeera", "agencies"
// excepted, which outlets write in lower case).
func isProperName(n string) bool {
	if agencies[strings.ToLower(n)] {
		return true
	}
	words := strings.Fields(n)
	if len(words) > 4 {
		return false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// wordSet builds a set from space-separated word lists and single entries.
func wordSet(lists ...string) map[string]bool {
	set := map[string]bool{}
	for i, l := range lists {
		if i > 0 {
			set[l] = true
			continue
		}
		for _, w := range strings.Fields(l) {
			set[w] = true
		}
	}
	return set
}
