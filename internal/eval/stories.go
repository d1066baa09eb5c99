package eval

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/dossier-news/dossier/internal/story"
)

// TargetStoryBCubedF1 is the BCubed F1 story clustering should reach on
// each labelled set (issue 7). It is not met yet: TestStoryTargets logs
// the shortfall and holds each set to a regression floor instead.
const TargetStoryBCubedF1 = 0.90

// storyRepairEvery is how often the evaluation runs Repair, in articles:
// a running pipeline would repair every few hundred stored articles.
const storyRepairEvery = 500

// StoriesReport holds the story-clustering figures of every labelled set.
type StoriesReport struct {
	Sets  []StorySetReport
	Notes []string
	// Config is the clustering configuration measured.
	Config story.Config
}

// StorySetReport is one set (or one half of it) clustered from scratch.
type StorySetReport struct {
	Set, Part string
	Scores    ClusterScores
	// Elapsed is the time spent in Add and Repair only (entities are
	// found beforehand); PerSecond the articles clustered per second.
	Elapsed   time.Duration
	PerSecond float64
	// Lines describes the storylines built over the set.
	Lines LineStats
	// Target tells whether the part is held to TargetStoryBCubedF1.
	Target bool
	// Loss splits the BCubed loss by predicted story size.
	Loss []SizeLoss
}

// storySet is one labelled set as Stories loads it.
type storySet struct {
	name  string
	path  string
	load  func(string) ([]storyItem, error)
	order string
	// boilerplate: also report the set without documents shared
	// verbatim across gold stories (see sharedBoilerplate).
	boilerplate bool
}

func storySets(shared string) []storySet {
	return []storySet{
		{"multinews-validation", multiNewsPath(shared), loadMultiNewsStories, "fixed pseudo-random order (the set has no dates)", true},
		{"uci-headlines", uciPath(shared), loadUCI, "timestamp order, headlines only", false},
	}
}

// Stories clusters the labelled story sets under sharedDir with the
// default configuration, each article once in arrival order, and scores
// every set whole and in its two halves (half 0 is where the parameters
// were tuned, half 1 is held out). Progress lines go to progress if not
// nil.
func Stories(sharedDir string, progress io.Writer) (StoriesReport, error) {
	return storiesWith(sharedDir, story.DefaultConfig(), progress)
}

func storiesWith(sharedDir string, cfg story.Config, progress io.Writer) (StoriesReport, error) {
	rep := StoriesReport{Config: cfg}
	say := func(format string, args ...any) {
		if progress != nil {
			fmt.Fprintf(progress, format+"\n", args...)
		}
	}
	for _, set := range storySets(sharedDir) {
		if _, err := os.Stat(set.path); err != nil {
			rep.Notes = append(rep.Notes, fmt.Sprintf("%s skipped: %v", set.name, err))
			continue
		}
		items, err := set.load(set.path)
		if err != nil {
			return rep, err
		}
		say("%s: %d articles; finding entities", set.name, len(items))
		addEntities(items)
		rep.Notes = append(rep.Notes, fmt.Sprintf("%s fed in %s", set.name, set.order))
		var boiler map[string]bool
		if set.boilerplate {
			boiler = sharedBoilerplate(items)
		}
		type part struct {
			name string
			keep func(storyItem) bool
		}
		parts := []part{
			{"all", func(storyItem) bool { return true }},
			{"half 0 (tuned on)", func(it storyItem) bool { return half(it.Gold) == 0 }},
			{"half 1 (held out)", func(it storyItem) bool { return half(it.Gold) == 1 }},
		}
		if len(boiler) > 0 {
			parts = append(parts, part{fmt.Sprintf("all but %d boilerplate documents", len(boiler)),
				func(it storyItem) bool { return !boiler[it.Doc.ID] }})
		}
		for _, part := range parts {
			var sub []storyItem
			for _, it := range items {
				if part.keep(it) {
					sub = append(sub, it)
				}
			}
			r := scoreStorySet(cfg, sub)
			r.Set, r.Part, r.Target = set.name, part.name, part.name == "all"
			say("%s %s: BCubed F1 %.3f, pairwise F1 %.3f", set.name, part.name, r.Scores.BCubedF1, r.Scores.PairF1)
			rep.Sets = append(rep.Sets, r)
		}
	}
	return rep, nil
}

// scoreStorySet clusters items and scores the result against their gold
// stories.
func scoreStorySet(cfg story.Config, items []storyItem) StorySetReport {
	start := time.Now()
	pred, lines := clusterItems(cfg, items, storyRepairEvery)
	el := time.Since(start)
	gold := make([]string, len(items))
	for i, it := range items {
		gold[i] = it.Gold
	}
	r := StorySetReport{Scores: scoreClusters(gold, pred), Elapsed: el, Lines: lineStats(gold, lines), Loss: lossBySize(gold, pred)}
	if el > 0 {
		r.PerSecond = float64(len(items)) / el.Seconds()
	}
	return r
}

// WriteText prints one block per set and part, with the target verdict
// on each whole set.
func (r StoriesReport) WriteText(w io.Writer) {
	for _, s := range r.Sets {
		c := s.Scores
		fmt.Fprintf(w, "%s, %s: %d articles, %d gold stories, %d predicted (%s, %.0f articles/s)\n",
			s.Set, s.Part, c.Items, c.Gold, c.Predicted, round(s.Elapsed), s.PerSecond)
		fmt.Fprintf(w, "  BCubed P %.3f R %.3f F1 %.3f   pairwise P %.3f R %.3f F1 %.3f",
			c.BCubedP, c.BCubedR, c.BCubedF1, c.PairP, c.PairR, c.PairF1)
		if s.Target {
			fmt.Fprintf(w, "   (target BCubed F1 >= %.2f: %s)", TargetStoryBCubedF1, verdict(c.BCubedF1 >= TargetStoryBCubedF1))
		}
		fmt.Fprintln(w)
		l := s.Lines
		fmt.Fprintf(w, "  storylines %d; gold stories sharing a storyline with another: %d of %d; largest line holds %d gold stories\n",
			l.Lines, l.LinkedGold, c.Gold, l.LargestGold)
		if s.Target {
			fmt.Fprintf(w, "  BCubed loss by predicted story size (articles, recall lost, precision lost):")
			for _, b := range s.Loss {
				band := fmt.Sprintf("%d-%d", b.MinSize, b.MaxSize)
				switch {
				case b.MaxSize == 0:
					band = fmt.Sprintf("%d+", b.MinSize)
				case b.MinSize == b.MaxSize:
					band = fmt.Sprint(b.MinSize)
				}
				fmt.Fprintf(w, "  %s: %d, %.3f, %.3f;", band, b.Items, b.Recall, b.Precision)
			}
			fmt.Fprintln(w)
		}
	}
	for _, n := range r.Notes {
		fmt.Fprintf(w, "note: %s\n", n)
	}
}

// LineStats summarises the storylines over a set whose gold stories are
// (mostly) unrelated, so that gold stories sharing a storyline are
// mostly links a reader would not want.
type LineStats struct {
	Lines       int
	LinkedGold  int // gold stories whose storyline holds another gold story
	LargestGold int // most gold stories in one storyline
}

func lineStats(gold, lines []string) LineStats {
	golds := map[string]map[string]bool{} // line → gold stories
	for i, l := range lines {
		if golds[l] == nil {
			golds[l] = map[string]bool{}
		}
		golds[l][gold[i]] = true
	}
	s := LineStats{Lines: len(golds)}
	linked := map[string]bool{}
	for _, g := range golds {
		s.LargestGold = max(s.LargestGold, len(g))
		if len(g) > 1 {
			for k := range g {
				linked[k] = true
			}
		}
	}
	s.LinkedGold = len(linked)
	return s
}

// sharedBoilerplate finds documents whose opening is shared verbatim by
// documents of different gold stories: in Multi-News these are crawler
// and archive notices ("These crawls are part of an effort to archive
// pages…") that say nothing about their story, so no clusterer can
// place them. Reports give the figures with and without them.
func sharedBoilerplate(items []storyItem) map[string]bool {
	golds := map[string]map[string]bool{}
	for _, it := range items {
		k := it.Doc.Title + "\x00" + it.Doc.Text[:min(len(it.Doc.Text), 200)]
		if golds[k] == nil {
			golds[k] = map[string]bool{}
		}
		golds[k][it.Gold] = true
	}
	out := map[string]bool{}
	for _, it := range items {
		k := it.Doc.Title + "\x00" + it.Doc.Text[:min(len(it.Doc.Text), 200)]
		if len(golds[k]) > 1 {
			out[it.Doc.ID] = true
		}
	}
	return out
}
