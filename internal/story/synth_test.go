package story

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// synth generates a stream of invented news articles: words are made of
// random syllables, background words follow a Zipf law, and each story
// has its own topic words and entities, a size drawn from a heavy-tailed
// law (most stories have a few articles, some have hundreds) and a life
// of a few days. Nothing is copied from real text.
type synth struct {
	r       *rand.Rand
	vocab   []string
	zipf    *rand.Zipf
	perDay  int
	live    []*synthStory
	n       int
	stories int
	start   time.Time
}

type synthStory struct {
	id     int
	topic  []string
	ents   []string
	left   int
	lastAt int // article number of its last article
}

func newSynth(seed uint64, perDay int) *synth {
	r := rand.New(rand.NewPCG(seed, 7))
	syll := []string{"ka", "lo", "mi", "ren", "dor", "sa", "vel", "tu", "bra", "quin", "ost", "ela", "mar", "fi", "zu", "pen", "gor", "li", "an", "thi"}
	vocab := make([]string, 30000)
	for i := range vocab {
		var b strings.Builder
		for k := 0; k < 2+r.IntN(3); k++ {
			b.WriteString(syll[r.IntN(len(syll))])
		}
		vocab[i] = b.String()
	}
	return &synth{r: r, vocab: vocab, zipf: rand.NewZipf(r, 1.1, 1, uint64(len(vocab)-1)), perDay: perDay,
		start: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}
}

// newStory invents a story: 12 topic words from the rarer part of the
// vocabulary and 3 entities.
func (g *synth) newStory() *synthStory {
	g.stories++
	s := &synthStory{id: g.stories, left: 1 + int(g.r.ExpFloat64()*6)}
	if g.r.IntN(20) == 0 {
		s.left += g.r.IntN(200)
	}
	for k := 0; k < 12; k++ {
		s.topic = append(s.topic, g.vocab[2000+g.r.IntN(len(g.vocab)-2000)])
	}
	for k := 0; k < 3; k++ {
		s.ents = append(s.ents, "E"+strconv.Itoa(g.r.IntN(50000)))
	}
	return s
}

// next returns the next article and its story number.
func (g *synth) next() (Doc, int) {
	// about one article in six starts a story; the rest continue a live one
	if len(g.live) == 0 || g.r.IntN(6) == 0 {
		g.live = append(g.live, g.newStory())
	}
	// news is bursty: recent stories get most of the articles
	k := len(g.live) - 1 - min(len(g.live)-1, int(g.r.ExpFloat64()*40))
	s := g.live[k]
	s.left--
	s.lastAt = g.n
	if s.left <= 0 {
		g.live[k] = g.live[len(g.live)-1]
		g.live = g.live[:len(g.live)-1]
	}
	var title, body strings.Builder
	for w := 0; w < 8; w++ {
		if w%2 == 0 {
			title.WriteString(s.topic[g.r.IntN(len(s.topic))])
		} else {
			title.WriteString(g.vocab[g.zipf.Uint64()])
		}
		title.WriteByte(' ')
	}
	for w := 0; w < 300; w++ {
		if g.r.IntN(4) == 0 {
			body.WriteString(s.topic[g.r.IntN(len(s.topic))])
		} else {
			body.WriteString(g.vocab[g.zipf.Uint64()])
		}
		if w%15 == 14 {
			body.WriteString(". ")
		} else {
			body.WriteByte(' ')
		}
	}
	pub := g.start.Add(time.Duration(g.n) * 24 * time.Hour / time.Duration(g.perDay))
	d := Doc{ID: "a" + strconv.Itoa(g.n), Title: title.String(), Text: body.String(), Published: pub}
	d.Entities = append(d.Entities, s.ents[:1+g.r.IntN(len(s.ents))]...)
	g.n++
	// stories that went quiet for long are dropped, as news moves on
	if len(g.live) > 1000 {
		g.live = g.live[len(g.live)-1000:]
	}
	return d, s.id
}
