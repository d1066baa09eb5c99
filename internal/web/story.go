package web

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// memberView is one article of a story as its page lists it. N is its
// number, which the summary's and timeline's citations refer to.
type memberView struct {
	N         int
	ID        string
	Title     string
	Source    string
	Published time.Time
	// Copies counts the other members of its syndication group (all of
	// them, in this story or not); CopyOf is the group's first publisher
	// when this is a copy whose origin is not in the story.
	Copies int
	CopyOf string
}

// groupView is a first publisher with the copies of it in the story, or
// an article no other member copies.
type groupView struct {
	Lead   memberView
	Copies []memberView
}

// citeView is one citation of a summary or timeline sentence.
type citeView struct {
	N         int
	Article   string
	Source    string
	Published time.Time
}

// sentView is a cited sentence. Source is the sentence as its earliest
// carrier wrote it (syndicated copies may differ in a word or two);
// Outlets are the distinct outlets among the citations, earliest first.
type sentView struct {
	ID      string
	Text    string
	Source  string
	Cites   []citeView
	Outlets []string
}

// shownCites is how many citation numbers a sentence shows inline, and
// listedCites how many of its carriers it lists when opened; the rest
// are counted (every outlet is still named). Both keep a page's size
// bounded when a sentence is syndicated to hundreds of outlets.
const (
	shownCites  = 3
	listedCites = 10
)

// Shown is the citations to print inline, More how many are left out.
func (s sentView) Shown() []citeView { return s.Cites[:min(len(s.Cites), shownCites)] }

// More counts the citations not printed inline.
func (s sentView) More() int { return max(len(s.Cites)-shownCites, 0) }

// Listed is the citations listed when the sentence's sources are open,
// Unlisted how many are left out.
func (s sentView) Listed() []citeView { return s.Cites[:min(len(s.Cites), listedCites)] }

// Unlisted counts the citations not listed.
func (s sentView) Unlisted() int { return max(len(s.Cites)-listedCites, 0) }

// dayView is one timeline date.
type dayView struct {
	Date      time.Time
	Support   int
	Sentences []sentView
}

// storyView is what the story page derives from the story's members:
// the numbered article list, the cited summary and timeline, the quotes
// by speaker, and those sections rendered once (Body). It depends on
// the membership only, so it is cached by it and a reader of a story
// that has not changed pays for one store read and a map lookup. The
// quotes are the members' own, stored before the story stage placed
// them; what can change without the membership is how many other
// articles carry one of them, usually articles joining the same story.
type storyView struct {
	Story    news.Story
	Groups   []groupView
	Summary  []sentView
	Timeline []dayView
	Speakers []speakerView
	Quotes   int
	Body     template.HTML
}

// storyPage is one story: its cached view, and what is read per
// request.
type storyPage struct {
	*storyView
	// Asked is the id in the URL when it names a story merged into
	// this one.
	Asked string
	Line  *news.Storyline
	// LineStories are the storyline's stories, oldest first; the one
	// shown is marked Current.
	LineStories []lineStory
}

// lineStory is a story of a storyline.
type lineStory struct {
	Story   news.Story
	Current bool
}

// speakerView is one speaker's quotes in the story, earliest first:
// the first shownQuotes of them, and how many there are.
type speakerView struct {
	Speaker news.Speaker
	Quotes  []quoteView
	Total   int
}

// More counts the speaker's quotes not shown.
func (s speakerView) More() int { return s.Total - len(s.Quotes) }

// quoteView is a quote with the first of its carriers in the story.
type quoteView struct {
	Quote news.Quote
	// N and Article are its first carrier among the story's members;
	// Cue is that carrier's reporting verb as written.
	N       int
	Article string
	Cue     string
}

// Limits of the story page: a story's quotes beyond maxQuotes, a
// speaker's beyond shownQuotes, speakers beyond maxSpeakers and a
// storyline's stories beyond maxLineStories are not shown; a speaker's
// entity page has all their quotes.
const (
	maxQuotes      = 300
	shownQuotes    = 4
	maxSpeakers    = 12
	maxLineStories = 20
)

// story serves GET /stories/{id}. A merged story's id shows the story
// it was merged into, saying so.
func (h *Handler) story(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.PathValue("id")
	s, err := h.st.Story(ctx, id)
	if err != nil {
		h.fail(w, err, "No story with that id.")
		return
	}
	var d storyPage
	if s.ID != id {
		d.Asked = id
	}
	if d.storyView, err = h.storyView(ctx, s); err != nil {
		h.serverError(w, err)
		return
	}
	// The storyline is read every time: storylines are recomputed at the
	// end of each pipeline run, whether or not the story changed.
	if s.Storyline != "" {
		if d.Line, d.LineStories, err = h.storyline(ctx, s); err != nil {
			h.serverError(w, err)
			return
		}
	}
	h.render(w, http.StatusOK, "story.html", d)
}

// storyView builds (or finds in the cache) the membership-derived part
// of the story page. Building it reads every member article once, for
// its syndication group and its cited sentences (the store's story
// members carry neither, and there is no batched article read), and the
// members' quotes in one query.
func (h *Handler) storyView(ctx context.Context, s news.Story) (*storyView, error) {
	ids := make([]string, len(s.Members))
	for i, m := range s.Members {
		ids[i] = m.Article
	}
	key := viewKey(s.ID, ids)
	if v, ok := h.views.get(key); ok {
		return v, nil
	}
	sum, tl, err := h.summary(ctx, s.ID)
	if err != nil {
		return nil, err
	}
	arts := make(map[string]news.Article, len(ids))
	for _, id := range ids {
		a, err := h.st.Article(ctx, id)
		if err != nil {
			return nil, err
		}
		arts[id] = a
	}
	s.Storyline = "" // not part of the view: see story
	v := &storyView{Story: s, Groups: groupMembers(s.Members, arts)}
	byID := v.members()
	for i, x := range sum.Sentences {
		v.Summary = append(v.Summary, citeSentence("s"+strconv.Itoa(i+1), x, byID, arts))
	}
	for i, e := range tl.Entries {
		d := dayView{Date: e.Date, Support: e.Support}
		for j, x := range e.Sentences {
			d.Sentences = append(d.Sentences, citeSentence("t"+strconv.Itoa(i+1)+"-"+strconv.Itoa(j+1), x, byID, arts))
		}
		v.Timeline = append(v.Timeline, d)
	}
	if v.Speakers, v.Quotes, err = h.storyQuotes(ctx, s, v); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := h.tmpl.ExecuteTemplate(&b, "storybody", v); err != nil {
		return nil, err
	}
	v.Body = template.HTML(b.String()) // html/template's own output
	h.views.put(key, v)
	return v, nil
}

// members indexes the story's articles by id.
func (v *storyView) members() map[string]memberView {
	out := map[string]memberView{}
	for _, g := range v.Groups {
		out[g.Lead.ID] = g.Lead
		for _, c := range g.Copies {
			out[c.ID] = c
		}
	}
	return out
}

// groupMembers orders a story's articles for reading and numbers them:
// by publication (undated last, then in the order they joined), each
// first publisher followed by its copies in the story.
func groupMembers(members []news.StoryMember, arts map[string]news.Article) []groupView {
	ms := slices.Clone(members)
	slices.SortStableFunc(ms, func(a, b news.StoryMember) int {
		if a.Published.IsZero() != b.Published.IsZero() {
			if a.Published.IsZero() {
				return 1
			}
			return -1
		}
		return cmp.Or(a.Published.Compare(b.Published), cmp.Compare(a.Seq, b.Seq))
	})
	in := map[string]bool{}
	for _, m := range ms {
		in[m.Article] = true
	}
	var groups []groupView
	at := map[string]int{} // origin id → index in groups
	var copies []memberView
	for _, m := range ms {
		a := arts[m.Article]
		mv := memberView{ID: m.Article, Title: m.Title, Source: cmp.Or(m.Source, "unknown outlet"), Published: m.Published, Copies: a.Copies}
		if g := a.DupGroup; g != "" && g != a.ID {
			if in[g] {
				copies = append(copies, mv)
				continue
			}
			mv.CopyOf = g
		}
		at[m.Article] = len(groups)
		groups = append(groups, groupView{Lead: mv})
	}
	for _, c := range copies {
		i := at[arts[c.ID].DupGroup]
		groups[i].Copies = append(groups[i].Copies, c)
	}
	n := 0
	for i := range groups {
		n++
		groups[i].Lead.N = n
		for j := range groups[i].Copies {
			n++
			groups[i].Copies[j].N = n
		}
	}
	return groups
}

// citeSentence turns a summary sentence into its view: the citations
// numbered as in the article list, the source sentence as the earliest
// carrier wrote it, and the outlets that carried it.
// Outlets are named as the story's member list names them (the
// source's name, else its domain), which a citation alone may not.
func citeSentence(id string, x news.SummarySentence, byID map[string]memberView, arts map[string]news.Article) sentView {
	v := sentView{ID: id, Text: x.Text, Source: x.Text}
	seen := map[string]bool{}
	for _, c := range x.Citations {
		m := byID[c.Article]
		src := cmp.Or(m.Source, c.Source, "unknown outlet")
		v.Cites = append(v.Cites, citeView{N: m.N, Article: c.Article, Source: src, Published: c.Published})
		if !seen[src] {
			seen[src] = true
			v.Outlets = append(v.Outlets, src)
		}
	}
	if len(x.Citations) > 0 {
		c := x.Citations[0]
		if t := arts[c.Article].Text; c.Span.Start >= 0 && c.Span.Start < c.Span.End && c.Span.End <= len(t) {
			v.Source = t[c.Span.Start:c.Span.End]
		}
	}
	return v
}

// storyQuotes reads the quotes the story's articles carry and groups
// them by speaker, the most quoted first. One query: the store selects
// quotes by a set of carrier articles.
func (h *Handler) storyQuotes(ctx context.Context, s news.Story, v *storyView) ([]speakerView, int, error) {
	ids := make([]string, len(s.Members))
	for i, m := range s.Members {
		ids[i] = m.Article
	}
	if len(ids) == 0 {
		return nil, 0, nil
	}
	qs, err := h.st.Quotes(ctx, store.QuoteQuery{Articles: ids, Limit: maxQuotes})
	if err != nil {
		return nil, 0, err
	}
	byID := v.members()
	var out []speakerView
	at := map[string]int{}
	for _, q := range qs {
		qv := quoteView{Quote: q}
		for _, c := range q.Carriers {
			if m, ok := byID[c.Article]; ok {
				qv.N, qv.Article, qv.Cue = m.N, c.Article, c.CueText
				break
			}
		}
		key := q.Speaker.Entity
		if key == "" {
			key = "name:" + q.Speaker.Name
		}
		i, ok := at[key]
		if !ok {
			i = len(out)
			at[key] = i
			out = append(out, speakerView{Speaker: q.Speaker})
		}
		if out[i].Total++; len(out[i].Quotes) < shownQuotes {
			out[i].Quotes = append(out[i].Quotes, qv)
		}
	}
	// Named speakers before unnamed ones, then the most quoted; ties keep
	// the order of their first quote.
	slices.SortStableFunc(out, func(a, b speakerView) int {
		return cmp.Or(cmp.Compare(named(b.Speaker), named(a.Speaker)), cmp.Compare(b.Total, a.Total))
	})
	return out[:min(len(out), maxSpeakers)], len(qs), nil
}

// named is 1 for a speaker with an entity, else 0, so that named
// speakers sort first.
func named(s news.Speaker) int {
	if s.Entity != "" {
		return 1
	}
	return 0
}

// storyline reads the story's storyline and its stories. Each story is
// one Story read (the store has no listing by ids), so only the first
// maxLineStories are shown.
func (h *Handler) storyline(ctx context.Context, s news.Story) (*news.Storyline, []lineStory, error) {
	ls, err := h.st.Storylines(ctx, store.StorylineQuery{Story: s.ID, Limit: 1})
	if err != nil || len(ls) == 0 {
		return nil, nil, err
	}
	line := ls[0]
	var out []lineStory
	for _, id := range line.Stories[:min(len(line.Stories), maxLineStories)] {
		if id == s.ID {
			out = append(out, lineStory{Story: s, Current: true})
			continue
		}
		o, err := h.st.Story(ctx, id)
		if err != nil {
			return nil, nil, err
		}
		o.Members, o.Entities = nil, nil
		out = append(out, lineStory{Story: o, Current: o.ID == s.ID})
	}
	return &line, out, nil
}

// viewKey identifies a story's membership, as summarize keys its cache.
func viewKey(story string, members []string) string {
	h := sha256.New()
	h.Write([]byte(story))
	for _, m := range members {
		h.Write([]byte{0})
		h.Write([]byte(m))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// cache holds recent values by key, for story views and leads. Like
// summarize's cache it drops everything when full: crude but bounded,
// and every value is cheap to rebuild next to what it was built from.
type cache[V any] struct {
	mu  sync.Mutex
	max int
	m   map[string]V
}

func newCache[V any](max int) *cache[V] { return &cache[V]{max: max, m: map[string]V{}} }

func (c *cache[V]) get(key string) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[key]
	return v, ok
}

func (c *cache[V]) put(key string, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= c.max {
		clear(c.m)
	}
	c.m[key] = v
}
