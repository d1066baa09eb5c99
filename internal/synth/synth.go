// Package synth generates a synthetic news corpus for load and scale
// tests: invented places, people and organisations, stories of a few
// dozen articles each spread over two years, reports from many outlets
// and syndicated copies among them. The text is template prose — it
// reads like news to the pipeline (names, dates, quotes, reused
// paragraphs), not to people — and the same seed gives the same corpus.
package synth

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// Config sizes a corpus.
type Config struct {
	Articles int
	// PerStory is the mean number of articles per story.
	PerStory int
	// CopyRate is the share of articles that reprint an earlier one.
	CopyRate float64
	Seed     uint64
	// Start is the first day stories begin on; they spread over two
	// years from it.
	Start time.Time
}

// DefaultConfig is 100,000 articles in stories of about 20, one in a
// hundred of them ten times as large.
func DefaultConfig() Config {
	return Config{Articles: 100000, PerStory: 20, CopyRate: 0.1, Seed: 1, Start: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
}

// Article is one generated article, in the JSON of a JSONL input line.
type Article struct {
	URL       string    `json:"url"`
	Title     string    `json:"title"`
	Text      string    `json:"text"`
	Published time.Time `json:"published"`
	Source    string    `json:"source"`
	// Story is the generated story it belongs to (not read by ingest).
	Story int `json:"story"`
}

var syllables = strings.Fields("ka lor ven mar tis bel dra hol qui nor sel ta ban rim os el fen gar dun ash wyn cor lin pra mek zo har vel tor")

func (g *gen) name(parts int) string {
	var b strings.Builder
	for i := 0; i < parts; i++ {
		b.WriteString(syllables[g.r.IntN(len(syllables))])
	}
	s := b.String()
	return strings.ToUpper(s[:1]) + s[1:]
}

type gen struct {
	r       *rand.Rand
	cfg     Config
	outlets []string
}

type story struct {
	id                    int
	place, org, boss, aid string
	kind                  event
	start                 time.Time
	count                 int // articles so far
	// terms are invented words only this story uses (a site, a
	// product, a scheme), as real stories have vocabulary of their own.
	terms []string
	texts []Article // recent articles, for copies
}

// event is a kind of story with its vocabulary.
type event struct {
	title, verb, noun, aftermath string
}

var events = []event{
	{"Fire at %s depot", "broke out at", "fire", "investigators examined the cause of the fire"},
	{"%s council approves budget", "approved a budget for", "budget", "councillors debated the cuts"},
	{"Strike halts %s port", "walked out at", "strike", "talks between the union and employers resumed"},
	{"Flooding hits %s", "flooded streets in", "flood", "residents returned to damaged homes"},
	{"%s plant recalls products", "recalled products made in", "recall", "regulators opened an inquiry into the recall"},
	{"Court hears %s fraud case", "opened a fraud trial in", "trial", "the defence called its first witnesses"},
	{"%s election count begins", "began counting votes in", "election", "the losing candidate asked for a recount"},
	{"Bridge closed in %s", "closed the main bridge in", "closure", "engineers inspected the bridge supports"},
}

// Generate writes cfg.Articles articles as JSON lines to w, in
// publication order.
func Generate(w io.Writer, cfg Config) error {
	if cfg.PerStory <= 0 {
		cfg.PerStory = 20
	}
	g := &gen{r: rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x5eed)), cfg: cfg}
	for i := 0; i < 40; i++ {
		g.outlets = append(g.outlets, "The "+g.name(2)+" "+[]string{"Times", "Post", "Herald", "Courier", "Wire", "Daily", "Ledger", "News"}[i%8])
	}
	nStories := max(1, cfg.Articles/cfg.PerStory)
	stories := make([]*story, nStories)
	span := 730 * 24 * time.Hour
	for i := range stories {
		stories[i] = &story{id: i, place: g.name(2) + " " + []string{"Bay", "Ford", "Hill", "Vale", "Port", "Cross"}[g.r.IntN(6)],
			org:  g.name(2) + " " + []string{"Holdings", "Works", "Council", "Union", "Authority", "Group"}[g.r.IntN(6)],
			boss: g.name(1) + " " + g.name(2), aid: g.name(1) + " " + g.name(2),
			kind:  events[g.r.IntN(len(events))],
			start: cfg.Start.Add(time.Duration(g.r.Int64N(int64(span))))}
		for k := 0; k < 40; k++ {
			stories[i].terms = append(stories[i].terms, strings.ToLower(g.name(2+g.r.IntN(2))))
		}
	}
	// Every hundredth story is a big one, ten times the others: real
	// coverage has a long tail, and a reader's heaviest page is the
	// biggest story.
	var slots []*story
	for i, s := range stories {
		for k := 0; k < 1+9*boolInt(i%100 == 0); k++ {
			slots = append(slots, s)
		}
	}
	all := make([]Article, 0, cfg.Articles)
	for n := 0; n < cfg.Articles; n++ {
		all = append(all, g.article(slots[n%len(slots)], n))
	}
	// Delivered in publication order, as a crawl of live news arrives.
	slices.SortStableFunc(all, func(a, b Article) int { return a.Published.Compare(b.Published) })
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	for _, a := range all {
		if err := enc.Encode(a); err != nil {
			return err
		}
	}
	return bw.Flush()
}

func (g *gen) article(s *story, n int) Article {
	k := len(s.texts)
	s.count++
	day := s.start.Add(time.Duration(s.count-1)*18*time.Hour + time.Duration(g.r.IntN(12))*time.Hour)
	outlet := g.outlets[g.r.IntN(len(g.outlets))]
	slug := strings.ToLower(strings.ReplaceAll(s.place, " ", "-"))
	a := Article{URL: fmt.Sprintf("https://%s.example/%d/%s-%d", strings.ToLower(strings.ReplaceAll(outlet, " ", "")), day.Year(), slug, n),
		Published: day, Source: outlet, Story: s.id}
	if k > 0 && g.r.Float64() < g.cfg.CopyRate {
		orig := s.texts[g.r.IntN(k)]
		a.Title, a.Text = orig.Title, orig.Text
		a.Published = orig.Published.Add(time.Duration(1+g.r.IntN(6)) * time.Hour)
		return a
	}
	a.Title = fmt.Sprintf(s.kind.title, s.place)
	if s.count > 1 {
		a.Title += []string{": what we know", " as inquiry widens", ": residents react", " — update", ", officials say"}[g.r.IntN(5)]
	}
	np := 4 + g.r.IntN(5)
	paras := make([]string, 0, np)
	for p := 0; p < np; p++ {
		paras = append(paras, g.sentence(s, day)+" "+g.sentence(s, day))
	}
	a.Text = strings.Join(paras, "\n\n")
	s.texts = append(s.texts, a)
	if len(s.texts) > 8 {
		s.texts = s.texts[1:] // copies reprint recent pieces; bounds memory
	}
	return a
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// common are everyday words mixed into every sentence.
var common = strings.Fields(`the a of in on at for with after before over against during about officials residents ` +
	`council company police workers families city week report plan cost water road school hospital court ` +
	`said told warned added confirmed expected agreed called asked found opened closed raised cut moved ` +
	`new local regional early late second final public private main small large`)

// sentence is template-free prose: the story's own invented words mixed
// with everyday ones and its names, so that two reports of a story share
// vocabulary but rarely a word sequence (the duplicate index sees them
// as distinct articles, and only the generated copies as copies), and
// two stories share little but the everyday words.
func (g *gen) sentence(s *story, day time.Time) string {
	n := 10 + g.r.IntN(10)
	ws := make([]string, 0, n+8)
	names := []string{s.org, s.boss, s.aid, s.place}
	for len(ws) < n {
		switch x := g.r.Float64(); {
		case x < 0.45:
			ws = append(ws, s.terms[g.r.IntN(len(s.terms))])
		case x < 0.9:
			ws = append(ws, common[g.r.IntN(len(common))])
		default:
			ws = append(ws, names[g.r.IntN(len(names))])
		}
	}
	switch g.r.IntN(4) {
	case 0:
		ws = append(ws, "on", day.Add(-time.Duration(g.r.IntN(3))*24*time.Hour).Format("Monday"))
	case 1:
		ws = append(ws, "on", day.Add(time.Duration(g.r.IntN(20)-10)*24*time.Hour).Format("January 2"))
	}
	text := strings.Join(ws, " ")
	text = strings.ToUpper(text[:1]) + text[1:]
	if g.r.IntN(5) == 0 {
		return fmt.Sprintf("\"%s,\" said %s.", text, []string{s.boss, s.aid}[g.r.IntN(2)])
	}
	return text + "."
}
