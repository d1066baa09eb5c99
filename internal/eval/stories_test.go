package eval

import (
	"fmt"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/story"
)

// storyFloors are the BCubed F1 figures TestStoryTargets holds each
// whole set to. Both sets miss TargetStoryBCubedF1, so these are
// regression floors a little under the achieved figures (Multi-News
// 0.811, UCI 0.802 on 2026-11-23, see docs/EVALUATION.md); raise them as
// the clusterer improves, up to the target.
var storyFloors = map[string]float64{
	"multinews-validation": 0.80,
	"uci-headlines":        0.80,
}

// TestStoryTargets clusters the labelled story sets, fails when a whole
// set falls below its floor and logs each target still missed.
// STORY_SWEEP=Threshold=0.2,0.3 (any numeric field of story.Config)
// prints the figures of each value instead, for tuning on half 0.
func TestStoryTargets(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluation skipped with -short")
	}
	if _, err := os.Stat(uciPath(sharedDir())); err != nil {
		t.Skip("no story sets under ../shared")
	}
	if sw := os.Getenv("STORY_SWEEP"); sw != "" {
		sweepStories(t, sw)
		return
	}
	var out strings.Builder
	rep, err := Stories(sharedDir(), &out)
	if err != nil {
		t.Fatal(err)
	}
	rep.WriteText(&out)
	t.Log("\n" + out.String())
	seen := 0
	for _, s := range rep.Sets {
		if !s.Target {
			continue
		}
		seen++
		got := s.Scores.BCubedF1
		floor, ok := storyFloors[s.Set]
		if !ok {
			t.Errorf("%s: no floor set", s.Set)
			continue
		}
		if got < floor {
			t.Errorf("%s: BCubed F1 %.3f, want >= %.2f (regression floor)", s.Set, got, floor)
		}
		if got < TargetStoryBCubedF1 {
			t.Logf("%s: target not met: BCubed F1 %.3f < %.2f", s.Set, got, TargetStoryBCubedF1)
		}
	}
	if seen != len(storyFloors) {
		t.Errorf("%d sets scored, want %d", seen, len(storyFloors))
	}
}

func sweepStories(t *testing.T, spec string) {
	name, vals, _ := strings.Cut(spec, "=")
	for _, v := range strings.Split(vals, ",") {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			t.Fatal(err)
		}
		cfg := story.DefaultConfig()
		if !setField(&cfg, name, f) {
			t.Fatalf("no float field %q in story.Config", name)
		}
		rep, err := storiesWith(sharedDir(), cfg, nil)
		if err != nil {
			t.Fatal(err)
		}
		line := fmt.Sprintf("%s=%v", name, f)
		for _, s := range rep.Sets {
			line += fmt.Sprintf("  %.5s/%.6s B %.3f (P %.3f R %.3f) pw %.3f", s.Set, s.Part, s.Scores.BCubedF1, s.Scores.BCubedP, s.Scores.BCubedR, s.Scores.PairF1)
		}
		t.Log(line)
	}
}

// setField sets a numeric field of cfg by name.
func setField(cfg *story.Config, name string, v float64) bool {
	f := reflect.ValueOf(cfg).Elem().FieldByName(name)
	switch {
	case !f.IsValid():
		return false
	case f.CanFloat():
		f.SetFloat(v)
	case f.CanInt():
		f.SetInt(int64(v))
	default:
		return false
	}
	return true
}

// TestSampleStories: the bundled corpus's four stories come out exactly,
// and in four storylines.
func TestSampleStories(t *testing.T) {
	res, err := SampleStories(story.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Decisions {
		if d.Best != nil {
			t.Logf("%s → %s (%s) best %s %.3f (text %.3f ent %.3f time %.2f)", d.Doc, d.Story, d.Reason, d.Best.Story, d.Best.Score, d.Best.Text, d.Best.Entities, d.Best.Time)
		} else {
			t.Logf("%s → %s (%s)", d.Doc, d.Story, d.Reason)
		}
	}
	for g, ss := range res.Stories {
		if len(ss) != 1 {
			t.Errorf("gold story %s split into %d stories: %v", g, len(ss), ss)
		}
	}
	if res.Scores.Predicted != res.Scores.Gold {
		t.Errorf("%d predicted stories, want %d", res.Scores.Predicted, res.Scores.Gold)
	}
	lines := map[string]bool{}
	for _, ls := range res.Lines {
		for _, l := range ls {
			lines[l] = true
		}
	}
	if len(lines) != len(res.Lines) {
		t.Errorf("%d storylines for %d gold stories: %v", len(lines), len(res.Lines), res.Lines)
	}
}
