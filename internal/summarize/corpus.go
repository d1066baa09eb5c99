package summarize

import (
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/timex"
)

// Sentences shorter or longer than these many words are not candidates:
// short ones are captions, datelines and boilerplate; long ones are
// run-ons from text without punctuation.
const (
	minWords = 6
	maxWords = 70
)

// sentence is one sentence of one article.
type sentence struct {
	doc   int       // index in corpus.docs
	pos   int       // its index among its article's sentences
	span  news.Span // byte span in the article's text
	words int
	terms []term
	// days are the single calendar days the sentence names.
	days  []int32
	quote bool // holds a quotation
	group int  // index in corpus.groups
	// key identifies the sentence's words, all of them, numbers
	// included: copies that differ only in case and punctuation share it.
	key uint64
}

// group is a set of sentences that read the same once normalised: one
// statement with every article that carries it. Its first member is the
// earliest published.
type group struct {
	members []int // indices in corpus.sents
	docs    int   // distinct articles carrying it
	vec     vector
}

// corpus is a set of articles prepared for summarising.
type corpus struct {
	docs   []Doc
	sents  []sentence
	groups []group
	// df counts, for each term, the articles that use it; idf weighs
	// terms by it.
	df map[term]int
	// lead is each article's number of candidate sentences, for the
	// position weight.
	lead []int
}

// dayOf is t's calendar day as days since the Unix epoch.
func dayOf(t time.Time) int32 {
	t = t.UTC()
	return int32(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// dayTime is the inverse of dayOf.
func dayTime(d int32) time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// termVector is the tf-idf unit vector of a sentence's terms.
func (c *corpus) termVector(ts []term) vector {
	keys := slices.Clone(ts)
	slices.Sort(keys)
	v := vector{keys: keys[:0], vals: make([]float64, 0, len(keys))}
	var norm float64
	for i := 0; i < len(keys); {
		j := i
		for j < len(keys) && keys[j] == keys[i] {
			j++
		}
		w := float64(j-i) * c.idf(keys[i])
		v.keys = append(v.keys, keys[i])
		v.vals = append(v.vals, w)
		norm += w * w
		i = j
	}
	if norm > 0 {
		norm = math.Sqrt(norm)
		for i := range v.vals {
			v.vals[i] /= norm
		}
	}
	return v
}

func (c *corpus) idf(t term) float64 {
	return math.Log(float64(1+len(c.docs)) / float64(1+c.df[t]))
}

// prepare splits docs into sentences and groups repeated ones. Docs are
// taken in publication order (undated last, then by id) so that a
// group's first member is its earliest publisher.
func prepare(docs []Doc) *corpus {
	docs = slices.Clone(docs)
	slices.SortStableFunc(docs, func(a, b Doc) int {
		switch {
		case a.Published.IsZero() != b.Published.IsZero():
			if a.Published.IsZero() {
				return 1
			}
			return -1
		case !a.Published.Equal(b.Published):
			return a.Published.Compare(b.Published)
		}
		return strings.Compare(a.ID, b.ID)
	})
	c := &corpus{docs: docs, df: map[term]int{}, lead: make([]int, len(docs))}
	byKey := map[uint64]int{}
	seen := map[term]bool{}
	for di, sents := range splitAll(docs) {
		clear(seen)
		for _, s := range sents {
			s.doc = di
			for _, t := range s.terms {
				if !seen[t] {
					seen[t] = true
					c.df[t]++
				}
			}
			if s.words < minWords || s.words > maxWords || len(s.terms) < 3 {
				continue
			}
			s.pos = c.lead[di]
			c.lead[di]++
			g, ok := byKey[s.key]
			if !ok {
				g = len(c.groups)
				byKey[s.key] = g
				c.groups = append(c.groups, group{})
			}
			s.group = g
			gr := &c.groups[g]
			if len(gr.members) == 0 || c.sents[gr.members[len(gr.members)-1]].doc != di {
				gr.docs++
			}
			gr.members = append(gr.members, len(c.sents))
			c.sents = append(c.sents, s)
		}
	}
	for gi := range c.groups {
		c.groups[gi].vec = c.termVector(c.sents[c.groups[gi].members[0]].terms)
	}
	return c
}

// splitAll splits every doc, in parallel: splitting is most of the
// cost of summarising, and each article is independent.
func splitAll(docs []Doc) [][]sentence {
	out := make([][]sentence, len(docs))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(docs)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = split(docs[i])
			}
		}()
	}
	for i := range docs {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

// split cuts one article into sentences with their terms, named days
// and quotations.
func split(d Doc) []sentence {
	var exprs []timex.Expression
	if d.Times == nil {
		exprs = timex.Tag(d.Text, d.Published)
	}
	raw := timex.Sentences(d.Text, exprs)
	out := make([]sentence, 0, len(raw))
	for _, r := range raw {
		s := sentence{span: news.Span{Start: r.Start + datelineLen(d.Text[r.Start:r.End]), End: r.End}}
		s.terms, s.words, s.key = analyse(d.Text[s.span.Start:s.span.End], nil)
		for _, x := range r.Dates {
			if first, last, ok := timex.Calendar(x.Value); ok && first.Equal(last) {
				s.days = appendDay(s.days, dayOf(first))
			}
		}
		out = append(out, s)
	}
	for _, x := range d.Times {
		if x.First.IsZero() || !x.First.Equal(x.Last) {
			continue
		}
		if k := find(out, x.Span.Start); k >= 0 {
			out[k].days = appendDay(out[k].days, dayOf(x.First))
		}
	}
	for _, q := range d.Quotes {
		if k := find(out, q.Start); k >= 0 {
			out[k].quote = true
		}
	}
	return out
}

func appendDay(days []int32, d int32) []int32 {
	if slices.Contains(days, d) {
		return days
	}
	return append(days, d)
}

// find returns the index of the sentence holding byte offset at, or -1.
func find(ss []sentence, at int) int {
	k, _ := slices.BinarySearchFunc(ss, at, func(s sentence, at int) int {
		switch {
		case s.span.End <= at:
			return -1
		case s.span.Start > at:
			return 1
		}
		return 0
	})
	if k < len(ss) && ss[k].span.Start <= at && at < ss[k].span.End {
		return k
	}
	return -1
}

// cite lists every article carrying group g, earliest first.
func (c *corpus) cite(g int) news.SummarySentence {
	gr := c.groups[g]
	first := c.sents[gr.members[0]]
	out := news.SummarySentence{Text: c.text(first)}
	for _, m := range gr.members {
		s := c.sents[m]
		d := c.docs[s.doc]
		if n := len(out.Citations); n > 0 && out.Citations[n-1].Article == d.ID {
			continue
		}
		out.Citations = append(out.Citations, news.Citation{Article: d.ID, Source: d.Source, Span: s.span, Published: d.Published})
	}
	return out
}

func (c *corpus) text(s sentence) string {
	return strings.Join(strings.Fields(c.docs[s.doc].Text[s.span.Start:s.span.End]), " ")
}

// datelineLen is the length of a wire dateline opening s ("PORT ALDMERE,
// March 2 (Valdren Wire) — "), or 0. A summary sentence reads better
// without it, and its citation already names the outlet. A dateline
// starts with a place in capitals and ends at the first dash.
func datelineLen(s string) int {
	caps := 0
	for caps < len(s) && (s[caps] >= 'A' && s[caps] <= 'Z' || s[caps] == ' ' && caps > 0) {
		caps++
	}
	place := strings.TrimRight(s[:caps], " ")
	if len(place) < 3 || caps == len(s) {
		return 0
	}
	// The place is followed by its date, its agency or the dash, never
	// by lowercase words ("UN envoy says ...").
	if c := s[caps]; c != ',' && c != '(' && c != '-' && !strings.HasPrefix(s[caps:], "—") && !strings.HasPrefix(s[caps:], "–") {
		return 0
	}
	head := s[:min(len(s), 90)]
	for _, dash := range []string{" — ", " – ", " -- ", " - "} {
		if k := strings.Index(head, dash); k >= len(place) {
			return k + len(dash)
		}
	}
	return 0
}
