package web

import (
	"html/template"
	"regexp"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/news"
)

func TestAnnotate(t *testing.T) {
	text := `Quill said "the <b>canal</b> is clean" on Friday.`
	sp := func(s string) news.Span {
		i := strings.Index(text, s)
		return news.Span{Start: i, End: i + len(s)}
	}
	whole := news.Span{Start: 0, End: len(text)}
	tests := []struct {
		name  string
		p     news.Span
		marks []mark
		want  string
	}{
		{"plain text is escaped", whole, nil,
			`Quill said &#34;the &lt;b&gt;canal&lt;/b&gt; is clean&#34; on Friday.`},
		{"three kinds", whole, []mark{
			{Span: sp(`"the <b>canal</b> is clean"`), Kind: markQuote, Label: "Quote: Quill"},
			{Span: sp("Quill"), Kind: markEntity, Entity: "e1", Label: `Teodora "T" Quill`},
			{Span: sp("Friday"), Kind: markTime, Label: "2026-04-03", Date: "2026-04-03"}},
			`<a class="ent" href="/entities/e1" title="Teodora &#34;T&#34; Quill">Quill</a> said <mark class="q" title="Quote: Quill">&#34;the &lt;b&gt;canal&lt;/b&gt; is clean&#34;</mark> on <time class="tx" datetime="2026-04-03" title="2026-04-03">Friday</time>.`},
		{"nested, outer first whatever the order given", whole, []mark{
			{Span: sp("canal"), Kind: markEntity, Entity: "e2", Label: "Canal"},
			{Span: sp(`"the <b>canal</b> is clean"`), Kind: markQuote}},
			`Quill said <mark class="q" title="">&#34;the &lt;b&gt;<a class="ent" href="/entities/e2" title="Canal">canal</a>&lt;/b&gt; is clean&#34;</mark> on Friday.`},
		{"a crossing mark is cut at the outer end", whole, []mark{
			{Span: sp("said \"the"), Kind: markQuote},
			{Span: sp("the <b>canal"), Kind: markTime}},
			`Quill <mark class="q" title="">said &#34;<time class="tx" title="">the</time></mark> &lt;b&gt;canal&lt;/b&gt; is clean&#34; on Friday.`},
		{"a link in a link is dropped", whole, []mark{
			{Span: sp("Quill said"), Kind: markEntity, Entity: "e1"},
			{Span: sp("said"), Kind: markEntity, Entity: "e3"}},
			`<a class="ent" href="/entities/e1" title="">Quill said</a> &#34;the &lt;b&gt;canal&lt;/b&gt; is clean&#34; on Friday.`},
		{"spans clipped to the paragraph; bad ones ignored", sp("on Friday."), []mark{
			{Span: news.Span{Start: 0, End: len(text)}, Kind: markQuote},
			{Span: news.Span{Start: -4, End: 2}, Kind: markTime},
			{Span: news.Span{Start: 2, End: 9}, Kind: markTime},
			{Span: news.Span{Start: 45, End: 44}, Kind: markTime}},
			`<mark class="q" title="">on Friday.</mark>`},
		{"an id is escaped in the link", sp("Quill"), []mark{{Span: sp("Quill"), Kind: markEntity, Entity: `x"><script>`}},
			`<a class="ent" href="/entities/x%22%3E%3Cscript%3E" title="">Quill</a>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(annotate(text, tt.p, tt.marks)); got != tt.want {
				t.Errorf("annotate:\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

var tagRE = regexp.MustCompile(`</?(mark|a|time)[ >]`)

// FuzzAnnotate checks that any spans give balanced, properly nested
// tags and keep all the text, escaped, once.
func FuzzAnnotate(f *testing.F) {
	f.Add("Quill said \"it is <clean>\" on Friday — é.", 0, 5, 11, 30, 3, 20)
	f.Fuzz(func(t *testing.T, text string, a, b, c, d, e, g int) {
		marks := []mark{
			{Span: news.Span{Start: a, End: b}, Kind: markQuote},
			{Span: news.Span{Start: c, End: d}, Kind: markEntity, Entity: "e"},
			{Span: news.Span{Start: e, End: g}, Kind: markTime},
			{Span: news.Span{Start: a, End: d}, Kind: markEntity, Entity: "f"},
		}
		out := string(annotate(text, news.Span{Start: 0, End: len(text)}, marks))
		var stack []string
		for _, m := range tagRE.FindAllStringSubmatch(out, -1) {
			if strings.HasPrefix(m[0], "</") {
				if len(stack) == 0 || stack[len(stack)-1] != m[1] {
					t.Fatalf("unbalanced </%s> in %q", m[1], out)
				}
				stack = stack[:len(stack)-1]
			} else {
				stack = append(stack, m[1])
			}
		}
		if len(stack) != 0 {
			t.Fatalf("unclosed %v in %q", stack, out)
		}
		plain := regexp.MustCompile(`<[^>]*>`).ReplaceAllString(out, "")
		if want := template.HTMLEscapeString(text); plain != want {
			t.Fatalf("text changed:\n got %q\nwant %q", plain, want)
		}
	})
}
