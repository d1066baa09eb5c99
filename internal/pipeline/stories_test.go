package pipeline

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/sample"
	"github.com/dossier-news/dossier/internal/store"
)

// storyOf maps every placed article to its stored story.
func storyOf(t *testing.T, st store.Store) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := st.StoryMembers(context.Background(), func(m news.StoryMember, _ news.Article) error {
		out[m.Article] = m.Story
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSampleStories runs the bundled corpus through the whole pipeline,
// in the order ingestion reads it, and checks that the stored stories
// are exactly its labelled stories.
func TestSampleStories(t *testing.T) {
	st, ids, labels := sampleRun(t)
	checkSampleStories(t, st, ids, labels)
}

// TestSampleStoriesScheduling: the stories do not depend on how many
// workers extract or how the writer cuts batches — results reach the
// serial stages in read order, and repair runs after every batch. (Before
// the reorder stage, worker scheduling under load split a story.)
func TestSampleStoriesScheduling(t *testing.T) {
	for _, cfg := range []Config{
		{Workers: 8, BatchSize: 1},
		{Workers: 8, BatchSize: 7},
		{Workers: 3, FlushEvery: time.Microsecond},
	} {
		t.Run(fmt.Sprintf("workers=%d,batch=%d,flush=%v", cfg.Workers, cfg.BatchSize, cfg.FlushEvery), func(t *testing.T) {
			st, ids, labels := sampleRunWith(t, cfg)
			checkSampleStories(t, st, ids, labels)
		})
	}
}

// checkSampleStories asserts the stored stories are exactly the sample's
// labelled stories.
func checkSampleStories(t *testing.T, st store.Store, ids map[string]string, labels []sample.Label) {
	t.Helper()
	placed := storyOf(t, st)
	if len(placed) != len(labels) {
		t.Fatalf("%d articles placed, want %d", len(placed), len(labels))
	}
	goldToPred := map[string][]string{}
	predToGold := map[string][]string{}
	for _, l := range labels {
		s := placed[ids[l.File]]
		if !slices.Contains(goldToPred[l.Story], s) {
			goldToPred[l.Story] = append(goldToPred[l.Story], s)
		}
		if !slices.Contains(predToGold[s], l.Story) {
			predToGold[s] = append(predToGold[s], l.Story)
		}
	}
	for g, ps := range goldToPred {
		if len(ps) != 1 {
			t.Errorf("labelled story %s split over stories %v", g, ps)
		}
	}
	for p, gs := range predToGold {
		if len(gs) != 1 {
			t.Errorf("story %s mixes labelled stories %v", p, gs)
		}
	}
	ss, err := st.Stories(context.Background(), store.StoryQuery{Limit: store.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != len(predToGold) {
		t.Errorf("Stories lists %d stories, the members name %d", len(ss), len(predToGold))
	}
}

// TestSeedStories: the five real articles are one storyline, and the
// two reports of Kerry's December 2015 Moscow visit (003 and 004) one
// story without the 2014 pieces (000, 001). The files carry no dates, so
// each is ingested as a user would, in its own run with its publication
// date given (read from the articles themselves, as in the story
// package's seed test) — which also makes every run after the first
// replay the stored placements before placing its article.
func TestSeedStories(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "seeds")
	files, _ := filepath.Glob(filepath.Join(dir, "00*.txt"))
	if len(files) < 5 {
		t.Skip("../shared/seeds not present")
	}
	ctx := context.Background()
	st := openStore(t)
	for _, in := range []struct{ seed, day string }{
		{"000", "2014-01-10"}, {"001", "2014-11-26"}, {"003", "2015-12-15"}, {"004", "2015-12-15"}, {"002", "2015-12-16"},
	} {
		day, _ := time.Parse(time.DateOnly, in.day)
		file, _ := filepath.Glob(filepath.Join(dir, in.seed+"_*.txt"))
		if _, err := Run(ctx, st, file, Config{Published: day}, nil); err != nil {
			t.Fatal(err)
		}
	}
	seed := map[string]string{}
	for _, a := range allArticles(t, st) {
		seed[filepath.Base(a.Origin)[:3]] = a.ID
	}
	placed := storyOf(t, st)
	kerry := placed[seed["003"]]
	if kerry == "" || placed[seed["004"]] != kerry {
		t.Errorf("003 in %q, 004 in %q: want one story", kerry, placed[seed["004"]])
	}
	for _, s := range []string{"000", "001"} {
		if placed[seed[s]] == kerry {
			t.Errorf("seed %s joined the Moscow-talks story %s", s, kerry)
		}
	}
	lines, err := st.Storylines(ctx, store.StorylineQuery{Story: kerry})
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 1 {
		t.Fatalf("storylines of %s = %+v, want one", kerry, lines)
	}
	for s, id := range seed {
		if !slices.Contains(lines[0].Stories, placed[id]) {
			t.Errorf("seed %s (story %s) not in storyline %s %v", s, placed[id], lines[0].ID, lines[0].Stories)
		}
	}
}

// partition turns article → story into the set of stories as sorted
// member lists, so that two runs can be compared whatever their ids.
func partition(placed map[string]string) [][]string {
	by := map[string][]string{}
	for a, s := range placed {
		by[s] = append(by[s], a)
	}
	var out [][]string
	for _, ms := range by {
		slices.Sort(ms)
		out = append(out, ms)
	}
	slices.SortFunc(out, func(x, y []string) int { return strings.Compare(x[0], y[0]) })
	return out
}

// TestStoriesResume: ingesting the sample corpus in two runs — the
// second replaying what the first stored — gives the stories one run
// gives.
func TestStoriesResume(t *testing.T) {
	whole, _, _ := sampleRun(t)
	dir := t.TempDir()
	if _, err := sample.WriteTo(dir); err != nil {
		t.Fatal(err)
	}
	st := openStore(t)
	for _, inputs := range [][]string{
		{filepath.Join(dir, "feeds"), filepath.Join(dir, "html")},
		{filepath.Join(dir, "jsonl"), filepath.Join(dir, "text")},
	} {
		if _, err := Run(context.Background(), st, inputs, Config{}, nil); err != nil {
			t.Fatal(err)
		}
	}
	if diff := cmp.Diff(partition(storyOf(t, whole)), partition(storyOf(t, st))); diff != "" {
		t.Errorf("stories after two runs differ from one run (-one +two):\n%s", diff)
	}
}
