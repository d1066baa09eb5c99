package eval

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/eval/rouge"
)

// timelineFloors are the regression floors TestTimelineTargets holds
// the Timeline17 averages (F of mean P/R) to, just under the figures
// measured on 2026-11-23 (AR1-F 0.124, AR2-F 0.043, date F1 0.649: all
// three targets met, AR1-F narrowly, so its floor is the target).
var timelineFloors = TimelineScores{
	AR1:  TimelinePRF{F: 0.120},
	AR2:  TimelinePRF{F: 0.040},
	Date: TimelinePRF{F: 0.64},
}

// TestTimelineTargets runs the Timeline17 evaluation, fails below the
// regression floors and logs each target still missed. It skips without
// the data or without ROUGE's word lists (see rouge.DefaultLexicon).
func TestTimelineTargets(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluation skipped with -short")
	}
	if _, err := os.Stat(t17Path(sharedDir())); err != nil {
		t.Skip("no Timeline17 data under ../shared")
	}
	var out strings.Builder
	rep, err := Timelines(context.Background(), sharedDir(), &out)
	if errors.Is(err, rouge.ErrNoLexicon) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	rep.WriteText(&out)
	t.Log("\n" + out.String())
	if len(rep.Tasks) == 0 {
		t.Fatal("no timeline tasks")
	}
	check := func(name string, got, floor, target float64) {
		if got < floor {
			t.Errorf("%s %.3f, want >= %.3f (regression floor)", name, got, floor)
		}
		if got < target {
			t.Logf("target not met: %s %.3f < %.3f", name, got, target)
		}
	}
	check("AR1-F", rep.Ours.AR1.F, timelineFloors.AR1.F, TargetTimelineAR1F)
	check("AR2-F", rep.Ours.AR2.F, timelineFloors.AR2.F, TargetTimelineAR2F)
	check("date F1", rep.Ours.Date.F, timelineFloors.Date.F, TargetTimelineDateF)
}
