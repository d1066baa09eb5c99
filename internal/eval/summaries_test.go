package eval

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/eval/rouge"
)

// TestSummaryTargets runs `dossier eval summaries`: our summariser must
// reach the ROUGE targets on Multi-News validation and beat both
// baselines we implemented.
func TestSummaryTargets(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluation skipped with -short")
	}
	if _, err := os.Stat(multiNewsValidation(sharedDir())); err != nil {
		t.Skip("no Multi-News under ../shared")
	}
	if _, err := rouge.DefaultLexicon(); err != nil {
		t.Skipf("ROUGE's word lists are not installed (apt-get install wordnet-base r-cran-tm): %v", err)
	}
	var out strings.Builder
	rep, err := Summaries(sharedDir(), &out)
	if errors.Is(err, rouge.ErrNoLexicon) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	rep.WriteText(&out)
	t.Log("\n" + out.String())
	if len(rep.Systems) != 3 || rep.Systems[0].System != "dossier" {
		t.Fatalf("systems = %+v", rep.Systems)
	}
	ours := rep.Systems[0]
	if ours.ROUGE1 < TargetSummaryROUGE1 || ours.ROUGE2 < TargetSummaryROUGE2 {
		t.Errorf("ROUGE-1/2 F %.2f/%.2f, want at least %.0f/%.0f", ours.ROUGE1, ours.ROUGE2, TargetSummaryROUGE1, TargetSummaryROUGE2)
	}
	for _, b := range rep.Systems[1:] {
		if b.ROUGE1 >= ours.ROUGE1 || b.ROUGE2 >= ours.ROUGE2 {
			t.Errorf("baseline %s (%.2f/%.2f) is not below ours (%.2f/%.2f)", b.System, b.ROUGE1, b.ROUGE2, ours.ROUGE1, ours.ROUGE2)
		}
	}
}
