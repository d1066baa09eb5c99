package entity

import (
	"strings"
	"testing"
)

// benchText is our own wire-style prose, repeated to make a document.
const benchText = `Foreign Minister Maria Olsen met her Kenyan counterpart in Nairobi on Tuesday , the ministry said .
The talks , which the World Bank helped to arrange , covered trade , water rights and the port of Mombasa .
Olsen told reporters that Norway would double its aid , and that Statoil would open an office in the city .
" We are here for the long term , " she said , before flying on to Addis Ababa for a meeting of the African Union .`

// BenchmarkTag measures tagging alone (tokens already split), the
// figure held to the 100,000 tokens/s per core target.
func BenchmarkTag(b *testing.B) {
	m := Default()
	var doc [][]string
	for range 10 {
		for _, l := range strings.Split(benchText, "\n") {
			doc = append(doc, strings.Fields(l))
		}
	}
	tokens := 0
	for _, s := range doc {
		tokens += len(s)
	}
	b.ResetTimer()
	for b.Loop() {
		m.TagDocument(doc)
	}
	b.ReportMetric(float64(tokens*b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkRecognize measures tokenising and tagging raw text.
func BenchmarkRecognize(b *testing.B) {
	m := Default()
	text := strings.Repeat(benchText+"\n", 10)
	tokens := 0
	for _, s := range Tokenize(text) {
		tokens += len(s)
	}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		m.Recognize(text)
	}
	b.ReportMetric(float64(tokens*b.N)/b.Elapsed().Seconds(), "tokens/s")
}
