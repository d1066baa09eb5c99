package eval

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/quote"
)

// An invented article and its annotation: a discontinuous content (the
// quotation is broken by its source and cue), an attribution without a
// source, and a curly apostrophe before the spans so that brat's
// character offsets differ from byte offsets.
const bratText = "Mara’s plan stalled. “It is late,” Ines Ruiz said, “but not lost.”\nTalks were expected to resume."

const bratAnn = "T1\tContent 21 34;51 66\t“It is late,” “but not lost.”\n" +
	"T2\tSource 35 44\tInes Ruiz\n" +
	"T3\tCue 45 49\tsaid\n" +
	"T4\tAttribution 45 49\tsaid\n" +
	"E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2\n" +
	"T5\tContent 67 72\tTalks\n" +
	"T6\tCue 78 86\texpected\n" +
	"T7\tAttribution-no-source 78 86\texpected\n" +
	"E2\tAttribution-no-source:T7 Content:T5 Cue:T6\n" +
	"#1\tAnnotatorNotes T1\ta note\n"

func TestParseBrat(t *testing.T) {
	gold, err := quote.ParseBrat(bratText, strings.NewReader(bratAnn))
	if err != nil {
		t.Fatal(err)
	}
	texts := func(spans []quote.Span) []string {
		var out []string
		for _, s := range spans {
			out = append(out, bratText[s.Start:s.End])
		}
		return out
	}
	var got [][]string
	for _, g := range gold {
		got = append(got, texts(g.Source), texts(g.Cue), texts(g.Content))
	}
	want := [][]string{
		{"Ines Ruiz"}, {"said"}, {"“It is late,”", "“but not lost.”"},
		nil, {"expected"}, {"Talks"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("attributions (-want +got):\n%s", diff)
	}
	if _, err := quote.ParseBrat(bratText, strings.NewReader("T1\tCue 5 500\tx\n")); err == nil {
		t.Error("out-of-range span: no error")
	}
}

func TestScoreQuoteDoc(t *testing.T) {
	gold, err := quote.ParseBrat(bratText, strings.NewReader(bratAnn))
	if err != nil {
		t.Fatal(err)
	}
	at := func(s string) quote.Span {
		i := strings.Index(bratText, s)
		return quote.Span{Start: i, End: i + len(s)}
	}
	// The first attribution right but for a source one word short; the
	// second with its content one word too long.
	pred := []quote.Attribution{
		{Source: at("Ruiz"), Cue: at("said"), Content: at("“It is late,”"), More: []quote.Span{at("“but not lost.”")}},
		{Cue: at("expected"), Content: at("Talks were")},
	}
	s := scoreQuoteDoc(bratText, gold, pred)
	check := func(name string, got, want PRF) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %+v, want %+v", name, got, want)
		}
	}
	check("source exact", s.Source.Exact, PRF{TP: 0, FP: 1, FN: 1})
	check("source overlap", s.Source.Overlap, PRF{TP: 1})
	check("cue exact", s.Cue.Exact, PRF{TP: 2})
	check("content exact", s.Content.Exact, PRF{TP: 2, FP: 1, FN: 1})
	check("content overlap", s.Content.Overlap, PRF{TP: 3})
	check("attribution exact", s.Attribution.Exact, PRF{TP: 0, FP: 2, FN: 2})
	check("attribution overlap", s.Attribution.Overlap, PRF{TP: 2})
}

// quoteFloors are the dev figures the embedded model must keep: each
// published target that is met is its own floor; a target still missed
// has a regression floor at the achieved figure, rounded down to two
// decimals, until the model reaches it.
var quoteFloors = []struct {
	name          string
	target, floor float64
	get           func(QuoteScores) float64
}{
	{"source exact F1", TargetQuoteSourceExactF1, TargetQuoteSourceExactF1, func(s QuoteScores) float64 { return s.Source.Exact.F1() }},
	{"content exact F1", TargetQuoteContentExactF1, TargetQuoteContentExactF1, func(s QuoteScores) float64 { return s.Content.Exact.F1() }},
	{"content overlap F1", TargetQuoteContentOverlapF1, TargetQuoteContentOverlapF1, func(s QuoteScores) float64 { return s.Content.Overlap.F1() }},
}

// TestQuoteTargets scores quote.Extract on PolNeAR dev. It fails when a
// met target is lost or a missed one falls below its regression floor,
// and logs every target still missed.
func TestQuoteTargets(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluation skipped with -short")
	}
	if _, err := os.Stat(quote.PolNeARDir(sharedDir())); err != nil {
		t.Skip("no PolNeAR under ../shared")
	}
	var out strings.Builder
	rep, err := Quotes(sharedDir(), &out)
	if err != nil {
		t.Fatal(err)
	}
	rep.WriteText(&out)
	t.Log("\n" + out.String())
	if rep.Dev.Documents != 84 || rep.Dev.Gold != 2192 {
		t.Errorf("dev: %d documents, %d gold attributions; want 84 and 2192 (PolNeAR dev changed?)", rep.Dev.Documents, rep.Dev.Gold)
	}
	for _, f := range quoteFloors {
		got := f.get(rep.Dev)
		if f.floor > f.target {
			t.Errorf("%s: floor %.2f above target %.2f", f.name, f.floor, f.target)
		}
		if got < f.floor {
			t.Errorf("%s on dev = %.3f, below its floor %.2f (target %.2f)", f.name, got, f.floor, f.target)
		}
		if got < f.target {
			t.Logf("TARGET NOT MET: %s on dev = %.3f < %.2f (regression floor %.2f)", f.name, got, f.target, f.floor)
		}
	}
	// The speed target (2,000 articles/s per core, BenchmarkExtract in
	// internal/quote) is not met and is not asserted here: timings depend
	// on the machine and its load, and a floor would fail at random.
	if rep.Elapsed > 0 {
		t.Logf("TARGET NOT MET: speed 2,000 articles/s per core; dev ran at %.0f texts/s in one goroutine (not asserted)",
			float64(rep.Dev.Documents)/rep.Elapsed.Seconds())
	}
	if rep.Met() {
		for _, f := range quoteFloors {
			if f.floor < f.target {
				t.Logf("all targets met: raise the %s floor to its target %.2f", f.name, f.target)
			}
		}
	}
}
