package entity

import "github.com/dossier-news/dossier/internal/news"

// Mention is one occurrence of a name in a text.
type Mention struct {
	// Span locates the name in the text, in bytes.
	Span news.Span `json:"span"`
	// Text is the name as written.
	Text string `json:"text"`
	// Type is its class.
	Type Type `json:"type"`
}

// Recognize finds the names in a clean text with the embedded model.
// Mentions come in text order and never overlap.
func Recognize(text string) []Mention {
	return Default().Recognize(text)
}

// Recognize finds the names in a clean text. The whole text is tagged as
// one document, so that a name recognised in one sentence helps with the
// next.
func (m *Model) Recognize(text string) []Mention {
	sents := Tokenize(text)
	words := make([][]string, len(sents))
	for i, s := range sents {
		words[i] = make([]string, len(s))
		for j, t := range s {
			words[i][j] = t.Text
		}
	}
	var out []Mention
	for i, tags := range m.tagDoc(words) {
		for _, sp := range spansFromBILOU(tags) {
			span := news.Span{Start: sents[i][sp.start].Span.Start, End: sents[i][sp.end-1].Span.End}
			out = append(out, Mention{Span: span, Text: text[span.Start:span.End], Type: types[sp.typ]})
		}
	}
	return out
}

// Find recognises and resolves the names of one article: its entities
// as Resolve makes them, ready for a Registry.
func Find(article, text string) []Entity {
	return Resolve(Article{ID: article, Text: text, Mentions: Recognize(text)})
}
