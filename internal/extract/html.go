package extract

import (
	"bytes"
	"errors"
	"fmt"
	nurl "net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"

	"github.com/dossier-news/dossier/internal/news"
)

// DefaultDateTimeout bounds the extensive publication-date search of one
// page when Options.DateTimeout is zero. Most pages answer from the fast
// search in about a millisecond; the extensive one usually takes a few
// more, but we have seen it take a second on an odd page.
const DefaultDateTimeout = 250 * time.Millisecond

// HTML extracts the main text and metadata of one HTML page.
//
// The bytes are decoded by us (see decodeHTML) and parsed once; the same
// tree feeds go-trafilatura for the text and go-htmldate for the date.
// Hints win over what the page says. When the page has metadata but no
// body text, the Result still carries the metadata and the error wraps
// news.ErrNoContent.
func HTML(raw []byte, h Hints, opts Options) (res Result, err error) {
	// The extraction libraries walk arbitrary trees; should one of them
	// panic on a strange page, that page fails rather than the whole run.
	defer func() {
		if p := recover(); p != nil {
			res, err = Result{}, fmt.Errorf("html: extractor panic: %v: %w", p, news.ErrMalformed)
		}
	}()
	if len(bytes.TrimSpace(raw)) == 0 {
		return Result{}, fmt.Errorf("html: %w", news.ErrEmpty)
	}
	if looksBinary(raw) {
		return Result{}, fmt.Errorf("html: not a text document: %w", news.ErrBinary)
	}
	src, _ := decodeHTML(raw, h.ContentType)
	if strings.TrimSpace(src) == "" {
		return Result{}, fmt.Errorf("html: nothing left after decoding: %w", news.ErrEmpty)
	}
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		return Result{}, fmt.Errorf("html: parse: %v: %w", err, news.ErrMalformed)
	}

	pageURL, _ := nurl.Parse(strings.TrimSpace(h.URL))
	if pageURL != nil && (!pageURL.IsAbs() || pageURL.Host == "") {
		pageURL = nil
	}
	pruneComments(doc)

	// Our own scan of the head is cheap; it stands in for trafilatura's
	// metadata when trafilatura rejects the page (it returns none with its
	// error), fills what trafilatura leaves empty, and gives the time of
	// day that htmldate does not report.
	sm := scanMeta(doc)
	md := sm
	var text string
	var why error
	body := findFirst(doc, isElement("body"))
	if n := visibleText(body, tinyPage+1); n == 0 {
		why = errors.New("page has no body text")
	} else if n <= tinyPage {
		// Nothing to separate from boilerplate, and trafilatura's last
		// resort on such pages repeats the text and mixes in the <title>.
		text = dropLeadingTitle(nodeText(body), md.Title)
	} else if tr, err := extractMain(doc, pageURL); err != nil {
		why = fmt.Errorf("no article text found (%v)", err)
	} else {
		md = mergeMeta(metaFromTrafilatura(tr.Metadata), sm)
		text = dropLeadingTitle(nodeText(tr.ContentNode), md.Title)
	}

	res = Result{
		URL:     firstNonEmpty(news.CanonicalURL(h.URL), news.CanonicalURL(md.URL)),
		Title:   firstNonEmpty(h.Title, md.Title),
		Authors: splitAuthors(firstNonEmpty(h.Author, md.Author)),
		Text:    text,
	}
	res.Source = news.Source{Name: firstNonEmpty(h.Source, md.SiteName), Domain: news.Domain(res.URL)}
	res.Credits, res.Text = footCredits(res.Text)
	res.Published = h.Published
	if res.Published.IsZero() {
		day := pageDate(doc, firstNonEmpty(h.URL, md.URL), opts.DateTimeout)
		res.Published = refineTime(day, sm.Published)
	}
	// The page's lang attribute is a better guess than trafilatura's
	// classifier, which sees the same text as DetectLanguage.
	res.Language = firstNonEmpty(DetectLanguage(text), sm.Language, md.Language)
	if res.Text == "" {
		if why == nil {
			why = errors.New("no article text beyond the headline")
		}
		return res, fmt.Errorf("html: %v: %w", why, news.ErrNoContent)
	}
	return res, nil
}

// tinyPage is the visible-text length, in characters, up to which a page
// is taken whole rather than through trafilatura.
const tinyPage = 100

// visibleText returns the number of non-space characters of text under n
// outside scripts and styles, counting no further than limit.
func visibleText(n *html.Node, limit int) int {
	count := 0
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		for c := x.FirstChild; c != nil && count < limit; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				for _, r := range c.Data {
					if !unicode.IsSpace(r) {
						count++
					}
				}
			case html.ElementNode:
				switch c.Data {
				case "script", "style", "noscript", "template":
				default:
					walk(c)
				}
			}
		}
	}
	if n != nil {
		walk(n)
	}
	return count
}

func isElement(tag string) func(*html.Node) bool {
	return func(x *html.Node) bool { return x.Type == html.ElementNode && x.Data == tag }
}

// fallbackBelow is the length, in characters, under which trafilatura's
// own text is checked against its fallback extractors. See extractMain.
const fallbackBelow = 750

// extractMain runs trafilatura on doc, and runs it again with its
// fallback extractors (go-readability, then DOM Distiller) only when its
// own result looks like a miss: shorter than fallbackBelow (about a
// hundred words, short for an article) or its last-resort baseline
// output. The fallback gains about a point of F1 on trafilatura's corpus
// but doubles the cost of a page when run on all of them; run on the
// one page in ten that needs it, it keeps the gain at a tenth of the
// cost, and it stays away from long pages where it tends to swap a
// short article for its comment thread (docs/EVALUATION.md).
func extractMain(doc *html.Node, pageURL *nurl.URL) (*trafilatura.ExtractResult, error) {
	o := trafilatura.Options{
		OriginalURL:     pageURL,
		Focus:           trafilatura.Balanced,
		ExcludeComments: true,
		// We run htmldate ourselves, bounded in time; see pageDate.
		HtmlDateMode: trafilatura.Disabled,
	}
	res, err := trafilatura.ExtractDocument(doc, o)
	if err == nil && utf8.RuneCountInString(res.ContentText) >= fallbackBelow && !looksLikeBaseline(doc, res.ContentNode) {
		return res, nil
	}
	o.EnableFallback = true
	if res2, err2 := trafilatura.ExtractDocument(doc, o); err2 == nil {
		return res2, nil
	}
	return res, err
}

// looksLikeBaseline reports whether n is trafilatura's last-resort
// baseline output, which it returns when its own extraction came up
// short, and which the fallback would have tried to beat first: a single
// block, or one bare paragraph per <p>-like element of the page, starting
// with the page's first one.
func looksLikeBaseline(doc, n *html.Node) bool {
	var first *html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.Data != "p" || (c.FirstChild != nil && (c.FirstChild.Type != html.TextNode || c.FirstChild.NextSibling != nil)) {
			return false
		}
		if first == nil {
			first = c
		}
	}
	if first == nil || first.NextSibling == nil {
		return true
	}
	lead := findFirst(doc, func(x *html.Node) bool {
		if x.Type != html.ElementNode {
			return false
		}
		switch x.Data {
		case "p", "blockquote", "pre", "q", "code":
			return true
		}
		return false
	})
	return lead != nil && textOf(lead) == textOf(first)
}

// findFirst returns the first node under n, in document order, that
// matches.
func findFirst(n *html.Node, match func(*html.Node) bool) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if match(c) {
			return c
		}
		if f := findFirst(c, match); f != nil {
			return f
		}
	}
	return nil
}

// pruneComments removes reader-comment sections from doc, by the rule
// trafilatura applies in its precision mode. We never keep comments, and
// left in they let the fallback extractors mistake a long comment thread
// for the article; taking them out gains half a point of F1 on both text
// benchmarks.
func pruneComments(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if isCommentSection(c) {
			n.RemoveChild(c)
		} else {
			pruneComments(c)
		}
		c = next
	}
}

func isCommentSection(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	switch n.Data {
	case "div", "ol", "ul", "dl", "section":
	default:
		return false
	}
	id, class := attr(n, "id"), attr(n, "class")
	return strings.HasPrefix(strings.ToLower(id), "comment") ||
		strings.HasPrefix(strings.ToLower(class), "comment") ||
		strings.Contains(class, "article-comments") || strings.Contains(class, "post-comments") ||
		strings.HasPrefix(id, "comol") || strings.HasPrefix(id, "disqus_thread") ||
		strings.HasPrefix(id, "dsq-comments")
}

// blockTags end a paragraph in trafilatura's output tree.
var blockTags = map[string]bool{
	"p": true, "div": true, "section": true, "article": true, "blockquote": true,
	"pre": true, "ul": true, "ol": true, "li": true, "dl": true, "dt": true, "dd": true,
	"table": true, "tr": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "figure": true, "figcaption": true, "hr": true,
	"header": true, "footer": true, "main": true, "aside": true, "details": true,
	"summary": true, "address": true, "body": true, "caption": true, "thead": true,
	"tbody": true, "tfoot": true,
}

// sourceBreaks turns line breaks in source text into spaces: outside
// <pre> they are only white space, and our newlines mean <br> and blocks.
var sourceBreaks = strings.NewReplacer("\n", " ", "\r", " ")

// nodeText renders an extracted tree as text with one paragraph per block
// element. trafilatura's own ContentText joins every block with a space,
// which would lose the paragraph structure the rest of Dossier relies on.
func nodeText(n *html.Node) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	var walk func(*html.Node, bool)
	walk = func(n *html.Node, pre bool) {
		switch n.Type {
		case html.TextNode:
			if pre {
				b.WriteString(n.Data)
			} else {
				b.WriteString(sourceBreaks.Replace(n.Data))
			}
			return
		case html.ElementNode:
		default:
			return
		}
		switch tag := n.Data; {
		case tag == "br":
			b.WriteByte('\n')
			return
		case tag == "script" || tag == "style" || tag == "noscript" || tag == "template":
			return
		case tag == "td" || tag == "th":
			b.WriteByte(' ')
		case blockTags[tag]:
			b.WriteString("\n\n")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, pre || n.Data == "pre")
		}
		if blockTags[n.Data] {
			b.WriteString("\n\n")
		}
	}
	walk(n, false)
	return normaliseSpace(b.String())
}

// normaliseSpace collapses runs of spaces, trims lines, drops control
// characters and leaves at most one blank line between paragraphs. A
// single newline (from <br>) survives inside a paragraph; two in a row
// become a paragraph break, which is what <br><br> means on the web.
func normaliseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	newlines, space := 0, false
	for _, r := range s {
		switch {
		case r == '\n':
			newlines++
		case unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff':
			space = true
		case unicode.IsControl(r) || r == utf8.RuneError:
		default:
			if b.Len() > 0 {
				switch {
				case newlines >= 2:
					b.WriteString("\n\n")
				case newlines == 1:
					b.WriteByte('\n')
				case space:
					b.WriteByte(' ')
				}
			}
			newlines, space = 0, false
			b.WriteRune(r)
		}
	}
	return b.String()
}

// dropLeadingTitle removes the headline when the text starts with it:
// Result.Title carries it already, and repeated in the text it counts as
// boilerplate.
func dropLeadingTitle(text, title string) string {
	first, rest, _ := strings.Cut(text, "\n\n")
	if title == "" || news.NormaliseText(first) != news.NormaliseText(title) {
		return text
	}
	return rest
}

// splitAuthors splits trafilatura's "A; B" author string.
func splitAuthors(s string) []string {
	var out []string
	for _, a := range strings.Split(s, ";") {
		if a = strings.Join(strings.Fields(a), " "); a != "" {
			out = append(out, a)
		}
	}
	return out
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// footCredits takes credit lines ("— Valdren Wire", "Source: Reuters", a
// wire name glued to the last sentence) off the end of extracted page
// text. Unlike plain text, a page's trailing short lines are kept: the
// extractor already removed the page chrome, so what is left is content.
func footCredits(text string) ([]news.Credit, string) {
	if text == "" {
		return nil, text
	}
	paras := strings.Split(text, "\n\n")
	var foot []news.Credit // bottom up
	for len(paras) > 1 {
		last := paras[len(paras)-1]
		if names := creditLine(last); names != nil {
			for i := len(names) - 1; i >= 0; i-- {
				foot = append(foot, news.Credit{Name: names[i], Line: last})
			}
			paras = paras[:len(paras)-1]
			continue
		}
		if body, names := gluedCredit(last); names != nil {
			paras[len(paras)-1] = body
			for i := len(names) - 1; i >= 0; i-- {
				foot = append(foot, news.Credit{Name: names[i], Line: strings.TrimPrefix(last, body+" ")})
			}
		}
		break
	}
	credits := make([]news.Credit, 0, len(foot))
	for i := len(foot) - 1; i >= 0; i-- {
		credits = append(credits, foot[i])
	}
	if len(credits) == 0 {
		return nil, text
	}
	return dedupeCredits(credits), strings.Join(paras, "\n\n")
}
