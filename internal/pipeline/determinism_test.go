package pipeline

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/pipeline/pipelinetest"
	"github.com/dossier-news/dossier/internal/sample"
)

// TestSampleDeterministic: the same input gives the same duplicate
// groups, stories and quotes (with their speakers) run after run. The
// serial stages depend on batch cuts (a speaker is resolved against
// the names its batch registered), so cuts must come from the batch
// size, not from a clock: this failed about half the time while the
// writer flushed every 250 ms.
func TestSampleDeterministic(t *testing.T) {
	dir := t.TempDir()
	if _, err := sample.WriteTo(dir); err != nil {
		t.Fatal(err)
	}
	var first pipelinetest.Outcome
	for i := 0; i < 3; i++ {
		st := openStore(t)
		if _, err := Run(context.Background(), st, []string{dir}, sizeCuts, nil); err != nil {
			t.Fatal(err)
		}
		o := pipelinetest.Of(t, st)
		if i == 0 {
			first = o
			continue
		}
		if diff := cmp.Diff(first, o); diff != "" {
			t.Errorf("run %d differs from run 0:\n%s", i, diff)
		}
	}
}

// sizeCuts cuts batches by size alone: a stall of the input (FlushEvery)
// is a legitimate cut, and on a loaded machine extraction can stall
// for longer than the default 250 ms, which would make two runs of a
// comparison cut — and so resolve speakers — differently.
var sizeCuts = Config{FlushEvery: time.Hour, MaxWait: time.Hour}
