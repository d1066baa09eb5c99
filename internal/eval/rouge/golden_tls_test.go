package rouge

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// Golden tests of the timeline metrics against tilse's own outputs; the
// helpers they share with the summary tests are in golden_test.go.

type goldenPRF struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	FScore    float64 `json:"f_score"`
}

type goldenTLSMetric struct {
	Rouge1 goldenPRF `json:"rouge_1"`
	Rouge2 goldenPRF `json:"rouge_2"`
}

// goldenTLS is one line of tilse_tls_golden.jsonl.
type goldenTLS struct {
	Pred             string          `json:"pred"`
	Refs             []string        `json:"refs"`
	Mode             string          `json:"rouge_computation"`
	Date             goldenPRF       `json:"date_prf"`
	Concat           goldenTLSMetric `json:"concat"`
	Agreement        goldenTLSMetric `json:"agreement"`
	AlignDate        goldenTLSMetric `json:"align_date_costs"`
	AlignDateContent goldenTLSMetric `json:"align_date_content_costs"`
	AlignManyToOne   goldenTLSMetric `json:"align_date_content_costs_many_to_one"`
}

// readT17 reads a T17 timeline by its path under Data/, or reports why not.
func readT17(rel string) (Timeline, error) {
	return ReadTimeline(filepath.Join(t17Dir, rel))
}

func checkPRF(t *testing.T, stats *diffStats, where string, got Score, want goldenPRF) {
	t.Helper()
	stats.check(t, where+" P", got.Precision, want.Precision)
	stats.check(t, where+" R", got.Recall, want.Recall)
	stats.check(t, where+" F", got.F, want.FScore)
}

func TestTLSGolden(t *testing.T) {
	recs := readJSONL[goldenTLS](t, goldenFile(t, "tilse_tls_golden.jsonl"))
	needLexicon(t)
	var stats diffStats
	skipped := 0
	for _, r := range recs {
		pred, err := readT17(r.Pred)
		var refs []Timeline
		for _, p := range r.Refs {
			if err != nil {
				break
			}
			var tl Timeline
			tl, err = readT17(p)
			refs = append(refs, tl)
		}
		if errors.Is(err, os.ErrNotExist) {
			// The shared T17 copy lacks the SyrianCrisis folders.
			t.Logf("skip %s %s vs %v: %v", r.Mode, r.Pred, r.Refs, err)
			skipped++
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		got, err := TLS(pred, refs, r.Mode == "original")
		if err != nil {
			t.Fatalf("%s %s: %v", r.Mode, r.Pred, err)
		}
		where := fmt.Sprintf("mode %s pred %s refs %v", r.Mode, r.Pred, r.Refs)
		checkPRF(t, &stats, where+" date", got.Date, r.Date)
		for _, m := range []struct {
			name string
			got  [2]Score
			want goldenTLSMetric
		}{
			{"concat", got.Concat, r.Concat},
			{"agreement", got.Agreement, r.Agreement},
			{"align_date_costs", got.AlignDate, r.AlignDate},
			{"align_date_content_costs", got.AlignDateContent, r.AlignDateContent},
			{"align_date_content_costs_many_to_one", got.AlignManyToOne, r.AlignManyToOne},
		} {
			checkPRF(t, &stats, where+" "+m.name+" rouge_1", m.got[0], m.want.Rouge1)
			checkPRF(t, &stats, where+" "+m.name+" rouge_2", m.got[1], m.want.Rouge2)
		}
	}
	t.Logf("tilse_tls_golden.jsonl: %d records, %d skipped (inputs absent), %d values compared, max |diff| %.2g, %d off",
		len(recs), skipped, stats.compared, stats.maxDiff, stats.failed)
	if skipped == len(recs) {
		t.Skipf("no T17 timelines under %s", t17Dir)
	}
}

// sdfDir is where SDF-TLS's public T17 outputs would sit in the shared data
// (the golden harness read data/sdf-tls-system-outputs/system_output/).
const sdfDir = "../../../../shared/eval/timelines/sdf-tls-system-outputs/system_output"

// goldenSDF is one line of sdf_tls_t17_scores_{reimpl,original}.jsonl: a
// task's align+ m:1 ROUGE and date scores, or a system's news-tls average.
type goldenSDF struct {
	System string          `json:"system"`
	Task   string          `json:"task"`
	Ref    string          `json:"ref"`
	Mode   string          `json:"mode"`
	Rouge  goldenTLSMetric `json:"rouge"`
	Date   goldenPRF       `json:"date"`
	Agg    map[string]struct {
		P, R, F float64
	} `json:"agg"`
}

func TestSDFGolden(t *testing.T) {
	for _, mode := range []string{"reimpl", "original"} {
		t.Run(mode, func(t *testing.T) { testSDF(t, mode) })
	}
}

// testSDF checks one mode's file. The news-tls aggregation is checked
// first on the golden per-task scores themselves, which needs no inputs;
// the per-task scores need the SDF-TLS outputs and all T17 folders.
func testSDF(t *testing.T, mode string) {
	recs := readJSONL[goldenSDF](t, goldenFile(t, "sdf_tls_t17_scores_"+mode+".jsonl"))
	var aggStats diffStats
	tasks := map[string][]goldenSDF{}
	for _, r := range recs {
		if r.Task != "AVERAGE_newstls_style" {
			tasks[r.System] = append(tasks[r.System], r)
		}
	}
	checkAvg := func(stats *diffStats, r goldenSDF, per [3][]Score, what string) {
		for i, key := range []string{"rouge_1", "rouge_2", "date"} {
			m := MeanPR(per[i])
			where := fmt.Sprintf("sdf mode %s system %s AVERAGE %s (%s)", mode, r.System, key, what)
			stats.check(t, where+" P", m.Precision, r.Agg[key].P)
			stats.check(t, where+" R", m.Recall, r.Agg[key].R)
			stats.check(t, where+" F", m.F, r.Agg[key].F)
		}
	}
	for _, r := range recs {
		if r.Task != "AVERAGE_newstls_style" {
			continue
		}
		var per [3][]Score
		for _, x := range tasks[r.System] {
			for i, g := range []goldenPRF{x.Rouge.Rouge1, x.Rouge.Rouge2, x.Date} {
				per[i] = append(per[i], Score{Recall: g.Recall, Precision: g.Precision, F: g.FScore})
			}
		}
		checkAvg(&aggStats, r, per, "from golden task scores")
	}
	t.Logf("sdf_tls_t17_scores_%s.jsonl aggregation: %d values compared, max |diff| %.2g, %d off",
		mode, aggStats.compared, aggStats.maxDiff, aggStats.failed)

	needLexicon(t)
	var stats diffStats
	got := map[string][3][]Score{} // system → AR-1, AR-2, date per task
	missing, total := 0, 0
	for _, x := range recs {
		if x.Task == "AVERAGE_newstls_style" {
			continue
		}
		total++
		pred, err := ReadTimeline(filepath.Join(sdfDir, x.System, x.System+"_"+x.Task+".txt"))
		var ref Timeline
		if err == nil {
			ref, err = readT17(x.Ref)
		}
		if errors.Is(err, os.ErrNotExist) {
			missing++
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		s, err := TLS(pred, []Timeline{ref}, mode == "original")
		if err != nil {
			t.Fatalf("%s %s %s: %v", mode, x.System, x.Task, err)
		}
		where := fmt.Sprintf("sdf mode %s system %s task %s", mode, x.System, x.Task)
		checkPRF(t, &stats, where+" AR rouge_1", s.AlignManyToOne[0], x.Rouge.Rouge1)
		checkPRF(t, &stats, where+" AR rouge_2", s.AlignManyToOne[1], x.Rouge.Rouge2)
		checkPRF(t, &stats, where+" date", s.Date, x.Date)
		g := got[x.System]
		g[0], g[1], g[2] = append(g[0], s.AlignManyToOne[0]), append(g[1], s.AlignManyToOne[1]), append(g[2], s.Date)
		got[x.System] = g
	}
	for _, r := range recs {
		if r.Task == "AVERAGE_newstls_style" && len(got[r.System][0]) == len(tasks[r.System]) {
			checkAvg(&stats, r, got[r.System], "recomputed") // needs every task of the system
		}
	}
	if missing == total {
		t.Skipf("SDF-TLS system outputs not in the shared data (looked in %s): %d task records not computed", sdfDir, total)
	}
	t.Logf("sdf_tls_t17_scores_%s.jsonl: %d of %d task records skipped (inputs absent); %d values compared, max |diff| %.2g, %d off",
		mode, missing, total, stats.compared, stats.maxDiff, stats.failed)
}
