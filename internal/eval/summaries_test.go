package eval

import (
	"os"
	"strings"
	"testing"
)

func TestSummaryTargets(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluation skipped with -short")
	}
	if _, err := os.Stat(multiNewsValidation(sharedDir())); err != nil {
		t.Skip("no Multi-News under ../shared")
	}
	var out strings.Builder
	rep, err := Summaries(sharedDir(), &out)
	if err != nil {
		t.Fatal(err)
	}
	rep.WriteText(&out)
	t.Log("\n" + out.String())
}
