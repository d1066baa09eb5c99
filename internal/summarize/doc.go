// Package summarize writes extractive summaries and dated timelines of a
// set of articles — a story or a storyline — in which every sentence
// cites the articles that carry it.
//
// Both work over the same prepared corpus: the articles split into
// sentences, each sentence reduced to its stemmed content words, and
// sentences that say the same thing in the same words (syndicated wire
// copy, an outlet reprinting a paragraph) grouped into one sentence with
// several carriers. A group's support — how many articles carry it — is
// evidence that it matters, and the group is what gets selected, so a
// summary never repeats a syndicated sentence.
//
// Everything is deterministic: no model download, no randomness, ties
// broken by article order and position.
package summarize

import (
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/timex"
)

// Doc is one article to summarise.
type Doc struct {
	ID     string
	Source string
	Title  string
	Text   string
	// Published is the publication time; zero when unknown.
	Published time.Time
	// Times are the article's resolved time expressions, as the time
	// stage stored them. Nil means the text is tagged here, anchored at
	// Published.
	Times []news.TimeExpression
	// Quotes are the byte spans of quoted contents in Text; sentences
	// holding a quote gain a little salience (what was said is often the
	// news).
	Quotes []news.Span
}

// DocFromArticle is the Doc of a stored article.
func DocFromArticle(a news.Article, times []news.TimeExpression, quotes []news.Span) Doc {
	return Doc{ID: a.ID, Source: a.Source.Label(), Title: a.Title, Text: a.Text, Published: a.Published,
		Times: times, Quotes: quotes}
}

// Sentences splits text into sentences, as the summariser sees them.
func Sentences(text string) []string {
	var out []string
	for _, s := range timex.Sentences(text, nil) {
		out = append(out, strings.Join(strings.Fields(text[s.Start:s.End]), " "))
	}
	return out
}
