package eval

import (
	"fmt"
	"io"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/dedup"
	"github.com/dossier-news/dossier/internal/news"
)

// DupOptions sizes the duplicate evaluation.
type DupOptions struct {
	// Sources is how many real articles are edited (each yields one
	// document per edit type); HardNegatives how many same-story,
	// same-day pairs of different real articles are added.
	Sources, HardNegatives int
	// Natural, when set, also runs every T17 article through an index of
	// its own and samples the cross-outlet copies it finds.
	Natural bool
	Seed    uint64
}

// DefaultDupOptions is what `dossier eval dedup` runs.
func DefaultDupOptions() DupOptions {
	return DupOptions{Sources: 300, HardNegatives: 300, Natural: true, Seed: 20261122}
}

// PRF holds pair counts and the scores derived from them.
type PRF struct{ TP, FP, FN int }

// Precision is TP/(TP+FP), 1 when nothing was predicted.
func (s PRF) Precision() float64 { return ratio(s.TP, s.TP+s.FP) }

// Recall is TP/(TP+FN), 1 when nothing was expected.
func (s PRF) Recall() float64 { return ratio(s.TP, s.TP+s.FN) }

// F1 is the harmonic mean of precision and recall.
func (s PRF) F1() float64 { return harmonic(s.Precision(), s.Recall()) }

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

// NaturalPair is a copy found among real articles of different outlets.
type NaturalPair struct {
	A, B             string
	Kind             string
	Jaccard          float64
	StartA, StartB   string
	OutletA, OutletB string
}

// DupReport is the outcome of the duplicate evaluation.
type DupReport struct {
	Options DupOptions
	Docs    int
	// PerEdit scores (source, edited) pairs of each edit type; Overall
	// adds them up together with the hard negatives' false copies.
	PerEdit map[Edit]PRF
	Overall PRF
	// HardPairs were checked; FalseCopies of them were called copies, and
	// ReuseLinks shared some text (which real articles on one story may
	// truly do).
	HardPairs, FalseCopies, ReuseLinks int
	// SourceCopies are pairs of different real articles the index calls
	// copies: not labelled either way, listed for a reader to judge.
	SourceCopies [][2]string
	// BCubed compares the index's syndication groups with the true ones.
	BCubedP, BCubedR float64
	// Natural copies among the T17 articles.
	NaturalDocs  int
	NaturalPairs int
	Samples      []NaturalPair
	Elapsed      time.Duration
}

// BCubedF1 is the harmonic mean of BCubed precision and recall.
func (r DupReport) BCubedF1() float64 { return harmonic(r.BCubedP, r.BCubedR) }

// genDoc is one document fed to the index, with its truth.
type genDoc struct {
	doc   dedup.Doc
	edit  Edit   // "" for sources and hard negatives
	src   string // the source it was derived from
	group string // true syndication group ("" for a group of one)
}

// Duplicates generates the labelled documents from the real articles in
// sharedDir, streams them through one index in publication order, and
// scores what it reports.
func Duplicates(sharedDir string, opt DupOptions, progress io.Writer) (*DupReport, error) {
	start := time.Now()
	t17, err := loadT17(filepath.Join(sharedDir, "eval", "timelines", "t17"))
	if err != nil {
		return nil, err
	}
	mn, err := loadMultiNews(filepath.Join(sharedDir, "eval", "summaries", "multinews", "validation.jsonl"))
	if err != nil {
		return nil, err
	}
	pn, err := loadPolNeAR(filepath.Join(sharedDir, "eval", "quotes", "polnear"))
	if err != nil {
		return nil, err
	}
	r := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15))
	docs, hard := generate([][]sourceDoc{t17, mn, pn}, opt, r)
	fmt.Fprintf(progress, "dedup eval: %d documents from %d sources, %d hard-negative pairs\n", len(docs), opt.Sources, len(hard))
	rep := &DupReport{Options: opt, Docs: len(docs), PerEdit: map[Edit]PRF{}}
	if err := score(rep, docs, hard); err != nil {
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

// generate picks sources, hosts for partial reuse and hard negatives from
// disjoint parts of the pools, and derives the edited documents.
func generate(pools [][]sourceDoc, opt DupOptions, r *rand.Rand) ([]genDoc, [][2]string) {
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
	take := func(i int) (sourceDoc, bool) {
		for _, d := range usableDocs[i%len(usableDocs)] {
			if !used[d.ID] {
				used[d.ID] = true
				return d, true
			}
		}
		return sourceDoc{}, false
	}
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var docs []genDoc
	add := func(id string, paras []string, at time.Time, g genDoc) {
		text := strings.Join(paras, "\n\n")
		g.doc = dedup.Doc{ID: id, Text: text, Paragraphs: news.SplitParagraphs(text), Published: at}
		docs = append(docs, g)
	}
	for i := 0; i < opt.Sources; i++ {
		src, ok := take(i)
		if !ok {
			break
		}
		host, ok := take(i + 1)
		if !ok {
			break
		}
		at := base.Add(time.Duration(i) * time.Hour)
		grp := "g:" + src.ID
		add(src.ID, src.Paras, at, genDoc{src: src.ID, group: grp})
		for j, e := range Edits {
			g := genDoc{edit: e, src: src.ID, group: grp}
			if !e.Copy() {
				g.group = ""
			}
			add(src.ID+"#"+string(e), derive(e, src, host, r), at.Add(time.Duration(j+1)*time.Minute), g)
		}
	}
	// Hard negatives: two unused articles of one story and day.
	byGroup := map[string][]sourceDoc{}
	var groups []string
	for _, pool := range usableDocs[:2] { // T17 and Multi-News carry story ids
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
	var hard [][2]string
	at := base.Add(-24 * time.Hour)
	for len(hard) < opt.HardNegatives && len(groups) > 0 {
		progressed := false
		for _, g := range groups {
			ds := byGroup[g]
			if len(ds) < 2 || len(hard) >= opt.HardNegatives {
				continue
			}
			a, b := ds[0], ds[1]
			byGroup[g] = ds[2:]
			add(a.ID, a.Paras, at, genDoc{src: a.ID})
			add(b.ID, b.Paras, at.Add(time.Minute), genDoc{src: b.ID})
			at = at.Add(-time.Hour)
			hard = append(hard, [2]string{a.ID, b.ID})
			progressed = true
		}
		if !progressed {
			break
		}
	}
	slices.SortStableFunc(docs, func(a, b genDoc) int { return a.doc.Published.Compare(b.doc.Published) })
	return docs, hard
}

func pairKey(a, b string) [2]string {
	if a > b {
		a, b = b, a
	}
	return [2]string{a, b}
}
