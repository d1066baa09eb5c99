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

// DefaultConfig is 100,000 articles in stories of 20 on average.
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
	count                 int       // articles so far
	texts                 []Article // recent articles, for copies
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

// Generate writes cfg.Articles articles as JSON lines to w: the
// stories' articles interleaved, each story's in publication order.
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
	}
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	for n := 0; n < cfg.Articles; n++ {
		s := stories[n%nStories]
		a := g.article(s, n)
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

// Sentence parts. A sentence draws one of each, so two reports of a
// story share names and subject but rarely a sentence: the duplicate
// index sees them as the distinct articles they stand for, and only the
// generated copies as copies.
var (
	openers = []string{"", "Earlier,", "On Tuesday,", "Late on Friday,", "According to officials,", "In a statement,",
		"Speaking to reporters,", "Meanwhile,", "By the evening,", "Despite the warnings,", "For the second day,", "Locally,"}
	subjects = []string{"%[1]s", "the leader of %[1]s", "a spokesperson for %[1]s", "%[2]s", "%[3]s",
		"residents of %[4]s", "the mayor of %[4]s", "an engineer in %[4]s", "two witnesses", "the regional authority",
		"union members", "a senior inspector"}
	verbs = []string{"said", "warned", "confirmed", "denied", "estimated", "told the council", "wrote in a letter",
		"insisted", "suggested", "admitted", "argued", "reported"}
	objects = []string{"that the %[5]s had cost %[6]d jobs", "that %[6]d homes were affected by the %[5]s",
		"the %[5]s would take %[7]d weeks to resolve", "that repairs near %[4]s would cost %[6]d thousand",
		"the %[5]s could have been prevented", "that %[1]s had been warned in %[8]d",
		"that an inquiry into the %[5]s would open soon", "the response to the %[5]s had been too slow",
		"that schools in %[4]s would reopen within %[7]d days", "that %[6]d people had signed a petition",
		"the cost of the %[5]s had doubled", "insurers were reviewing %[6]d claims"}
	codas = []string{".", ", adding that more details would follow.", ", though others disagreed.",
		" after a meeting that lasted %[7]d hours.", ", as crews worked through the night.", " in a message to staff.",
		", citing figures from %[8]d.", " before the vote.", ", a claim the company rejected.", " on local radio."}
)

func (g *gen) sentence(s *story, day time.Time) string {
	pick := func(xs []string) string { return xs[g.r.IntN(len(xs))] }
	format := strings.TrimSpace(pick(openers) + " " + pick(subjects) + " " + pick(verbs) + " " + pick(objects) + pick(codas))
	text := fmt.Sprintf(format, s.org, s.boss, s.aid, s.place, s.kind.noun, 2+g.r.IntN(900), 1+g.r.IntN(20), day.Year()-1-g.r.IntN(6))
	// Every object names an operand by index, so fmt does not complain
	// of the operands a sentence leaves unused.
	return strings.ToUpper(text[:1]) + text[1:]
}
