package eval

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestParseTimeML(t *testing.T) {
	doc := `<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-20" functionInDocument="CREATION_TIME">19980120</TIMEX3></DCT>
<TEXT>
Prices rose &amp; fell <TIMEX3 tid="t1" type="DATE" value="1998-01-19">yesterday</TIMEX3>, <EVENT eid="e1">said</EVENT> a trader <TIMEX3 tid="t2" type="DURATION" value="P2Y"> two years </TIMEX3> on.
</TEXT>
</TimeML>`
	d, err := parseTimeML(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(1998, 1, 20, 0, 0, 0, 0, time.UTC); !d.DCT.Equal(want) {
		t.Errorf("DCT = %v, want %v", d.DCT, want)
	}
	var got []string
	for _, g := range d.Gold {
		got = append(got, d.Text[g.Start:g.End]+"|"+g.Type+"|"+g.Value)
	}
	want := []string{"yesterday|DATE|1998-01-19", "two years|DURATION|P2Y"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("gold spans (-want +got):\n%s", diff)
	}
	if !strings.Contains(d.Text, "rose & fell") {
		t.Errorf("entities not decoded: %q", d.Text)
	}
}

func TestScoreTimexDoc(t *testing.T) {
	gold := []timexGold{{0, 5, "DATE", "2015", ""}, {10, 20, "DATE", "2015-12", ""}, {30, 35, "DURATION", "P1Y", ""}}
	sys := []timexSpan{{0, 5, "DATE", "2015"}, {12, 20, "DATE", "2015-11"}, {40, 45, "DATE", "PAST_REF"}}
	s := scoreTimexDoc(gold, sys).withRatios()
	if s.Strict != 1 || s.Relaxed != 2 || s.ValueCorrect != 1 || s.TypeCorrect != 2 {
		t.Fatalf("counts = %+v; want strict 1, relaxed 2, value 1, type 2", s)
	}
	// value P = R = 1/3, so value F1 = 1/3
	if !near(s.ValueF1, 1.0/3) || !near(s.RelaxedF1, 2.0/3) || !near(s.ValueAccuracy, 0.5) {
		t.Errorf("ratios = %+v", s)
	}
}

// TestTimexTargets scores timex.Tag on TimeBank and AQUAINT and fails
// when the value F1 on both together is below the target. Set
// TIMEX_ERRORS=TimeBank (or AQUAINT, or all) to print the error groups
// (TIMEX_GROUPS=n for more than 60 of them), and TIMEX_BASELINE=1 to add the
// minutes-long go-dateparser run (dossier eval timex always includes it).
func TestTimexTargets(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluation skipped with -short")
	}
	if _, err := os.Stat(timexDir(sharedDir())); err != nil {
		t.Skip("no TBAQ data under ../shared")
	}
	var out strings.Builder
	rep, err := scoreTimex(sharedDir(), &out, os.Getenv("TIMEX_BASELINE") != "")
	if err != nil {
		t.Fatal(err)
	}
	rep.WriteText(&out)
	t.Log("\n" + out.String())
	if set := os.Getenv("TIMEX_ERRORS"); set != "" {
		if set == "all" {
			set = ""
		}
		var errs strings.Builder
		groups, _ := strconv.Atoi(os.Getenv("TIMEX_GROUPS"))
		rep.WriteErrors(&errs, set, max(groups, 60), 3)
		t.Log("\n" + errs.String())
	}
	if rep.All.Ours.ValueF1 < TargetTimexValueF1 {
		t.Errorf("value F1 %.2f below target %.0f", 100*rep.All.Ours.ValueF1, 100*TargetTimexValueF1)
	}
}
