package eval

import (
	"fmt"
	"hash/maphash"
	"io"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/dedup"
	"github.com/dossier-news/dossier/internal/news"
)

// Targets of the duplicate evaluation (from the issue).
const (
	TargetDupOverallF1 = 0.95
	TargetDupEditF1    = 0.90
)

// DupOptions sizes the duplicate evaluation.
type DupOptions struct {
	// Sources is how many real articles are edited (each yields one
	// document per edit type); HardNegatives how many same-story,
	// same-day pairs of different real articles are added.
	Sources, HardNegatives int
	// Natural, when set, also runs every T17 article through an index of
	// its own and samples the copies it finds between different articles.
	Natural bool
	// SpinRate is the mean share of the words the synonym table knows
	// that the spin swaps (each document draws from ±1/3 around it).
	SpinRate float64
	Seed     uint64
}

// DefaultDupOptions is what `dossier eval dedup` runs.
func DefaultDupOptions() DupOptions {
	return DupOptions{Sources: 300, HardNegatives: 300, Natural: true, SpinRate: 0.225, Seed: 20261122}
}

// PRF holds pair counts and the scores derived from them.
type PRF struct{ TP, FP, FN int }

// Precision is TP/(TP+FP), 1 when nothing was predicted.
func (s PRF) Precision() float64 { return ratio(s.TP, s.TP+s.FP) }

// Recall is TP/(TP+FN), 1 when nothing was expected.
func (s PRF) Recall() float64 { return ratio(s.TP, s.TP+s.FN) }

// F1 is the harmonic mean of precision and recall.
func (s PRF) F1() float64 { return harmonic(s.Precision(), s.Recall()) }

func (s *PRF) add(o PRF) { s.TP, s.FP, s.FN = s.TP+o.TP, s.FP+o.FP, s.FN+o.FN }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func harmonic(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// PairNote is a linked pair of two different real articles, listed for a
// reader to judge: the index's kind and Jaccard, and how each begins.
type PairNote struct {
	A, B             string
	OutletA, OutletB string
	Kind             string
	Jaccard          float64
	// Runs is the evaluation's own measure: the share of the smaller
	// text's 8-word runs found in the other.
	Runs float64
	// StoryRuns (natural copies only) is Runs without the runs that recur
	// in more than storyMaxDocs articles of the set: page furniture.
	StoryRuns      float64
	StartA, StartB string
}

// DupReport is the outcome of the duplicate evaluation.
type DupReport struct {
	Options DupOptions
	Docs    int
	// PerEdit scores (source, edited) pairs of each edit type; Overall
	// adds them up together with the hard negatives' false copies.
	PerEdit map[Edit]PRF
	Overall PRF
	// Missed and Wrong list the failures of each edit type; Excused
	// counts copy links to another real article that the evaluation's own
	// measure (8-word runs) says is a copy of the one the document carries.
	Missed, Wrong map[Edit][]string
	Excused       map[Edit]int
	// HardPairs were checked; HardCopies of them were called copies (each
	// counted as a false positive), HardReuse shared some text without
	// being called copies (which real articles on one story may truly do).
	HardPairs  int
	HardCopies []PairNote
	HardReuse  int
	// SourceCopies are other pairs of different real articles the index
	// calls copies: not labelled either way, listed for a reader to judge.
	SourceCopies []PairNote
	// BCubed compares the index's syndication groups with the true ones;
	// OriginOK counts the true groups whose origin is their source.
	BCubedP, BCubedR float64
	Groups, OriginOK int
	// SpinChanged is the share of all words the spinner swapped,
	// SpinEligible the share it could have swapped.
	SpinChanged, SpinEligible float64
	// Natural copies among the T17 articles: copy links (and how many
	// join different folders), by kind, the groups they make (how many,
	// their members, the largest) and a sample for a reader.
	NaturalDocs, NaturalLinks, NaturalCross       int
	NaturalKinds                                  map[string]int
	NaturalGroups, NaturalGrouped, NaturalLargest int
	Samples                                       []PairNote
	Elapsed                                       time.Duration
}

// BCubedF1 is the harmonic mean of BCubed precision and recall.
func (r DupReport) BCubedF1() float64 { return harmonic(r.BCubedP, r.BCubedR) }

// genDoc is one document fed to the index, with its truth.
type genDoc struct {
	doc  dedup.Doc
	edit Edit      // "" for sources and hard negatives
	src  sourceDoc // the real article it derives from
	// foreign is the other real article whose text an insert or partial
	// reuse carries.
	foreign sourceDoc
	group   string    // true syndication group ("" for a group of one)
	arrive  time.Time // when the stream delivers it
}

// Duplicates generates the labelled documents from the real articles in
// sharedDir, streams them through one index in order of arrival, and
// scores what it reports.
func Duplicates(sharedDir string, opt DupOptions, progress io.Writer) (*DupReport, error) {
	start := time.Now()
	t17, err := loadT17(filepath.Join(sharedDir, "eval", "timelines", "t17"))
	if err != nil {
		return nil, err
	}
	mn, err := loadMultiNews(filepath.Join(sharedDir, "eval", "summaries", "multinews"))
	if err != nil {
		return nil, err
	}
	pn, err := loadPolNeAR(filepath.Join(sharedDir, "eval", "quotes", "polnear"))
	if err != nil {
		return nil, err
	}
	r := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15))
	g := generate([][]sourceDoc{t17, mn, pn}, opt, r)
	fmt.Fprintf(progress, "dedup eval: %d documents from %d sources, %d hard-negative pairs\n", len(g.docs), g.sources, len(g.hard))
	rep := &DupReport{Options: opt, Docs: len(g.docs)}
	rep.Options.Sources = g.sources
	if g.spinWords > 0 {
		rep.SpinChanged = float64(g.spinChanged) / float64(g.spinWords)
		rep.SpinEligible = float64(g.spinEligible) / float64(g.spinWords)
	}
	if err := score(rep, g.docs, g.hard); err != nil {
		return nil, err
	}
	if opt.Natural {
		if err := natural(rep, t17, r); err != nil {
			return nil, err
		}
	}
	rep.Elapsed = time.Since(start)
	return rep, nil
}

// generated is the stream the evaluation feeds to the index.
type generated struct {
	docs                                 []genDoc // in order of arrival
	hard                                 [][2]string
	sources                              int
	spinChanged, spinEligible, spinWords int
}

// generate picks sources, the foreign articles their edits draw on, and
// hard negatives from disjoint parts of the pools, derives the edited
// documents and orders everything as a stream would deliver it.
func generate(pools [][]sourceDoc, opt DupOptions, r *rand.Rand) generated {
	var usableDocs [][]sourceDoc
	for _, p := range pools {
		var u []sourceDoc
		for _, d := range p {
			if usable(d) {
				u = append(u, d)
			}
		}
		r.Shuffle(len(u), func(i, j int) { u[i], u[j] = u[j], u[i] })
		usableDocs = append(usableDocs, u)
	}
	used := map[string]bool{}
	// take returns an unused article of pool i, one of group g when there
	// is one, that is not a copy of avoid (8-word runs in common ≥ 20% of
	// the smaller), so that foreign text never makes a copy by accident.
	take := func(i int, g string, avoid *sourceDoc) (sourceDoc, bool) {
		pool := usableDocs[i%len(usableDocs)]
		var runs map[uint64]bool
		if avoid != nil {
			runs = wordRuns(avoid.Paras)
		}
		for pass := 0; pass < 2; pass++ {
			for _, d := range pool {
				if used[d.ID] || (pass == 0 && d.Group != g) || (runs != nil && runContainment(runs, wordRuns(d.Paras)) >= 0.2) {
					continue
				}
				used[d.ID] = true
				return d, true
			}
		}
		return sourceDoc{}, false
	}
	// The stream spans a few weeks; each document arrives up to six hours
	// after publication, so copies sometimes arrive before their source
	// (the index must not care).
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	span := time.Duration(opt.Sources+opt.HardNegatives) * time.Hour
	var out generated
	add := func(id string, paras []string, at time.Time, g genDoc) {
		text := strings.Join(paras, "\n\n")
		g.doc = dedup.Doc{ID: id, Text: text, Paragraphs: news.SplitParagraphs(text), Published: at}
		g.arrive = at.Add(time.Duration(r.Int64N(int64(6 * time.Hour))))
		out.docs = append(out.docs, g)
	}
	for i := 0; i < opt.Sources; i++ {
		src, ok := take(i, "", nil)
		if !ok {
			break
		}
		donor, ok1 := take(i, src.Group, &src)
		host, ok2 := take(i, src.Group, &src)
		if !ok1 || !ok2 {
			break
		}
		out.sources++
		at := base.Add(time.Duration(r.Int64N(int64(span))))
		grp := "g:" + src.ID
		add(src.ID, src.Paras, at, genDoc{src: src, group: grp})
		for _, e := range Edits {
			foreign := donor
			if e == EditPartial {
				foreign = host
			}
			d := derive(e, src, foreign, opt.SpinRate, r)
			g := genDoc{edit: e, src: src, group: grp, foreign: foreign}
			if !e.Copy() {
				g.group = ""
			}
			if e == EditSpin {
				out.spinChanged += d.Changed
				out.spinEligible += d.Eligible
				out.spinWords += d.Words
			}
			add(src.ID+"#"+string(e), d.Paras, at.Add(time.Duration(5+r.IntN(600))*time.Minute), g)
		}
	}
	// Hard negatives: two unused articles of one story and day (T17 topic
	// and date, Multi-News cluster), published the same day.
	byGroup := map[string][]sourceDoc{}
	var groups []string
	for _, pool := range usableDocs[:2] {
		for _, d := range pool {
			if used[d.ID] {
				continue
			}
			if len(byGroup[d.Group]) == 0 {
				groups = append(groups, d.Group)
			}
			byGroup[d.Group] = append(byGroup[d.Group], d)
		}
	}
	r.Shuffle(len(groups), func(i, j int) { groups[i], groups[j] = groups[j], groups[i] })
	for progressed := true; progressed && len(out.hard) < opt.HardNegatives; {
		progressed = false
		for _, g := range groups {
			ds := byGroup[g]
			if len(ds) < 2 || len(out.hard) >= opt.HardNegatives {
				continue
			}
			a, b := ds[0], ds[1]
			byGroup[g] = ds[2:]
			at := base.Add(time.Duration(r.Int64N(int64(span))))
			add(a.ID, a.Paras, at, genDoc{src: a})
			add(b.ID, b.Paras, at.Add(time.Duration(r.IntN(600))*time.Minute), genDoc{src: b})
			out.hard = append(out.hard, [2]string{a.ID, b.ID})
			progressed = true
		}
	}
	slices.SortStableFunc(out.docs, func(a, b genDoc) int { return a.arrive.Compare(b.arrive) })
	return out
}

// runSeed hashes word runs; the hashes only live within one process.
var runSeed = maphash.MakeSeed()

// wordRuns returns the hashes of a text's runs of 8 lower-cased words. It
// is the evaluation's own measure of shared text, independent of the
// index: two real articles with most runs in common are one text.
func wordRuns(paras []string) map[uint64]bool {
	w := strings.Fields(strings.ToLower(strings.Join(paras, " ")))
	runs := make(map[uint64]bool, len(w))
	for i := 0; i+8 <= len(w); i++ {
		runs[maphash.String(runSeed, strings.Join(w[i:i+8], " "))] = true
	}
	return runs
}

// runContainment is the share of the smaller set's runs found in the
// other (0 when either is empty).
func runContainment(a, b map[uint64]bool) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) == 0 {
		return 0
	}
	n := 0
	for h := range a {
		if b[h] {
			n++
		}
	}
	return float64(n) / float64(len(a))
}

func pairKey(a, b string) [2]string {
	if a > b {
		a, b = b, a
	}
	return [2]string{a, b}
}

// lead is the first n words of a text, for a reader to recognise it.
func lead(text string, n int) string {
	w := strings.Fields(text)
	s := strings.Join(w[:min(n, len(w))], " ")
	if len(w) > n {
		s += " …"
	}
	return s
}
