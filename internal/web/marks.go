package web

import (
	"cmp"
	"html/template"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/dossier-news/dossier/internal/news"
)

// Mark kinds, outermost first when two start at the same place: a quote
// holds names and dates, never the other way round.
const (
	markQuote = iota
	markEntity
	markTime
)

// mark is one highlighted span of an article: a quotation's content, an
// entity mention (a link to its page) or a time expression.
type mark struct {
	Span news.Span
	Kind int
	// Entity is the mentioned entity's id (markEntity).
	Entity string
	// Label is the tooltip: the speaker, the entity's name and class, the
	// resolved date value.
	Label string
	// Date is the ISO day a time expression starts on, for <time
	// datetime>; "" when it is not a calendar date.
	Date string
}

// open writes the mark's opening tag. Every attribute value is escaped
// here, since this HTML is built by hand and bypasses html/template.
func (m mark) open(b *strings.Builder) {
	title := template.HTMLEscapeString(m.Label)
	switch m.Kind {
	case markQuote:
		b.WriteString(`<mark class="q" title="` + title + `">`)
	case markEntity:
		b.WriteString(`<a class="ent" href="/entities/` + template.HTMLEscapeString(url.PathEscape(m.Entity)) + `" title="` + title + `">`)
	case markTime:
		b.WriteString(`<time class="tx"`)
		if m.Date != "" {
			b.WriteString(` datetime="` + template.HTMLEscapeString(m.Date) + `"`)
		}
		b.WriteString(` title="` + title + `">`)
	}
}

func (m mark) close(b *strings.Builder) {
	switch m.Kind {
	case markQuote:
		b.WriteString("</mark>")
	case markEntity:
		b.WriteString("</a>")
	case markTime:
		b.WriteString("</time>")
	}
}

// annotate renders the part of text in p with marks as properly nested
// elements, escaping all text. Spans come from different stages and may
// cross: a mark that starts inside another and ends past it is cut at
// the outer one's end, and a link inside a link is dropped, so the
// output is always well-formed. Spans outside p, empty, out of range or
// not on character boundaries are ignored.
func annotate(text string, p news.Span, marks []mark) template.HTML {
	if p.Start < 0 || p.End > len(text) || p.Start > p.End {
		return ""
	}
	var in []mark
	for _, m := range marks {
		s := news.Span{Start: max(m.Span.Start, p.Start), End: min(m.Span.End, p.End)}
		if s.Start >= s.End || !boundary(text, s.Start) || !boundary(text, s.End) {
			continue
		}
		m.Span = s
		in = append(in, m)
	}
	slices.SortStableFunc(in, func(a, b mark) int {
		return cmp.Or(cmp.Compare(a.Span.Start, b.Span.Start), cmp.Compare(b.Span.End, a.Span.End), cmp.Compare(a.Kind, b.Kind))
	})
	var b strings.Builder
	var stack []mark
	pos := p.Start
	// closeTo closes every open mark that ends at or before at.
	closeTo := func(at int) {
		for len(stack) > 0 && stack[len(stack)-1].Span.End <= at {
			top := stack[len(stack)-1]
			b.WriteString(template.HTMLEscapeString(text[pos:top.Span.End]))
			pos = top.Span.End
			top.close(&b)
			stack = stack[:len(stack)-1]
		}
	}
	for _, m := range in {
		if m.Span.Start < pos { // starts inside text already written: a crossing mark cut to nothing
			continue
		}
		closeTo(m.Span.Start)
		if n := len(stack); n > 0 {
			m.Span.End = min(m.Span.End, stack[n-1].Span.End)
		}
		if m.Span.Start >= m.Span.End || (m.Kind == markEntity && slices.ContainsFunc(stack, func(o mark) bool { return o.Kind == markEntity })) {
			continue
		}
		b.WriteString(template.HTMLEscapeString(text[pos:m.Span.Start]))
		pos = m.Span.Start
		m.open(&b)
		stack = append(stack, m)
	}
	closeTo(p.End)
	b.WriteString(template.HTMLEscapeString(text[pos:p.End]))
	return template.HTML(b.String())
}

// boundary reports whether byte offset i of s starts a character (or is
// the end), so that a span never splits a UTF-8 sequence.
func boundary(s string, i int) bool {
	return i == len(s) || (i >= 0 && i < len(s) && utf8.RuneStart(s[i]))
}
