package eval

import (
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"time"

	dateparser "github.com/markusmobius/go-dateparser"
	"github.com/markusmobius/go-dateparser/date"

	"github.com/dossier-news/dossier/internal/timex"
)

// TargetTimexValueF1 is the value F1 (TempEval-3 definition) the timex
// tagger must reach on TimeBank and AQUAINT together.
const TargetTimexValueF1 = 0.78

// TimexSet is the result of one sub-corpus: our tagger and the
// go-dateparser baseline, scored the same way on the same run.
type TimexSet struct {
	Name      string
	Documents int
	Ours      TimexScores
	Baseline  TimexScores
}

// TimexError is one disagreement of our tagger with the gold standard,
// kept so that rules can be developed by looking at errors.
type TimexError struct {
	Doc, Set string
	// Kind is "miss" (gold with no overlapping system expression),
	// "spurious" (the reverse), "value" or "type" (overlapping, attribute
	// differs).
	Kind                 string
	GoldText, SystemText string
	GoldType, SystemType string
	GoldValue, SystemVal string
	DCT                  string
	Context              string
}

// TimexReport is the evaluation of timex.Tag on TimeBank and AQUAINT
// (the TempEval-3 training data), with go-dateparser as a baseline.
// TimeBank is the development set the rules were written against;
// AQUAINT is held out.
type TimexReport struct {
	TimeBank, AQUAINT, All TimexSet
	// Elapsed is our tagging time alone; BaselineElapsed go-dateparser's.
	Elapsed, BaselineElapsed time.Duration
	Bytes                    int
	Errors                   []TimexError
}

// Timex scores timex.Tag and the go-dateparser baseline on the TBAQ
// corpus under sharedDir, anchoring each document on its creation time
// and scoring only its TEXT element.
func Timex(sharedDir string, progress io.Writer) (TimexReport, error) {
	return scoreTimex(sharedDir, progress, true)
}

// scoreTimex is Timex with the (slow: minutes) baseline optional, for
// quick development runs.
func scoreTimex(sharedDir string, progress io.Writer, baseline bool) (TimexReport, error) {
	var rep TimexReport
	sets := []*TimexSet{{Name: "TimeBank"}, {Name: "AQUAINT"}}
	rep.All.Name = "All"
	for _, set := range sets {
		docs, err := readTimexSet(filepath.Join(timexDir(sharedDir), set.Name))
		if err != nil {
			return rep, err
		}
		set.Documents = len(docs)
		if progress != nil {
			fmt.Fprintf(progress, "scoring %s: %d documents\n", set.Name, len(docs))
		}
		for _, d := range docs {
			rep.Bytes += len(d.Text)
			t0 := time.Now()
			exprs := timex.Tag(d.Text, d.DCT)
			rep.Elapsed += time.Since(t0)
			ours := make([]timexSpan, len(exprs))
			for i, x := range exprs {
				ours[i] = timexSpan{x.Start, x.End, string(x.Type), x.Value}
			}
			var base []timexSpan
			if baseline {
				t0 = time.Now()
				base = baselineTimexes(d.Text, d.DCT)
				rep.BaselineElapsed += time.Since(t0)
			}
			set.Ours.add(scoreTimexDoc(d.Gold, ours))
			set.Baseline.add(scoreTimexDoc(d.Gold, base))
			rep.Errors = append(rep.Errors, timexErrors(set.Name, d, ours)...)
		}
		rep.All.Documents += set.Documents
		rep.All.Ours.add(set.Ours)
		rep.All.Baseline.add(set.Baseline)
		set.Ours, set.Baseline = set.Ours.withRatios(), set.Baseline.withRatios()
	}
	rep.All.Ours, rep.All.Baseline = rep.All.Ours.withRatios(), rep.All.Baseline.withRatios()
	rep.TimeBank, rep.AQUAINT = *sets[0], *sets[1]
	return rep, nil
}

// baselineTimexes runs dateparser.Search with the DCT as the current
// time and maps its results to spans (found in order in the text) and
// DATE values at the granularity the parser reports: a year, a month,
// or otherwise a day.
func baselineTimexes(text string, dct time.Time) []timexSpan {
	cfg := &dateparser.Configuration{Languages: []string{"en"}, CurrentTime: dct, DefaultTimezone: time.UTC}
	_, res, err := dateparser.Search(cfg, text)
	if err != nil {
		return nil
	}
	var out []timexSpan
	from := 0
	for _, r := range res {
		k := strings.Index(text[from:], r.Text)
		if k < 0 || r.Text == "" {
			continue
		}
		s := from + k
		from = s + len(r.Text)
		layout := "2006-01-02"
		switch r.Date.Period {
		case date.Year:
			layout = "2006"
		case date.Month:
			layout = "2006-01"
		}
		out = append(out, timexSpan{s, s + len(r.Text), "DATE", r.Date.Time.Format(layout)})
	}
	return out
}

// timexErrors lists one document's disagreements.
func timexErrors(set string, d timexDoc, sys []timexSpan) []TimexError {
	pairs, _ := matchTimexes(d.Gold, sys)
	matchedG := make([]bool, len(d.Gold))
	matchedS := make([]bool, len(sys))
	ctx := func(s, e int) string {
		a, b := max(0, s-60), min(len(d.Text), e+40)
		return strings.ReplaceAll(d.Text[a:s]+"[["+d.Text[s:e]+"]]"+d.Text[e:b], "\n", " ")
	}
	base := TimexError{Doc: d.Name, Set: set, DCT: d.DCT.Format("2006-01-02")}
	var out []TimexError
	for _, p := range pairs {
		matchedG[p.g], matchedS[p.s] = true, true
		g, s := d.Gold[p.g], sys[p.s]
		e := base
		e.GoldText, e.SystemText = d.Text[g.Start:g.End], d.Text[s.Start:s.End]
		e.GoldType, e.SystemType, e.GoldValue, e.SystemVal = g.Type, s.Type, g.Value, s.Value
		e.Context = ctx(g.Start, g.End)
		switch {
		case g.Value != s.Value:
			e.Kind = "value"
		case g.Type != s.Type:
			e.Kind = "type"
		case g.Start != s.Start || g.End != s.End:
			e.Kind = "extent"
		default:
			continue
		}
		out = append(out, e)
	}
	for i, g := range d.Gold {
		if !matchedG[i] {
			e := base
			e.Kind, e.GoldText, e.GoldType, e.GoldValue, e.Context = "miss", d.Text[g.Start:g.End], g.Type, g.Value, ctx(g.Start, g.End)
			out = append(out, e)
		}
	}
	for i, s := range sys {
		if !matchedS[i] {
			e := base
			e.Kind, e.SystemText, e.SystemType, e.SystemVal, e.Context = "spurious", d.Text[s.Start:s.End], s.Type, s.Value, ctx(s.Start, s.End)
			out = append(out, e)
		}
	}
	return out
}

// WriteText prints the figures of both taggers per set, with the
// target the value F1 on All is held to.
func (r TimexReport) WriteText(w io.Writer) {
	fmt.Fprintf(w, "TBAQ timex (TempEval-3 scoring; TimeBank = development, AQUAINT = held out)\n")
	fmt.Fprintf(w, "  %-9s %-13s %5s %5s  %6s %6s  %6s %6s  %6s %6s  %6s %6s %6s\n",
		"set", "tagger", "gold", "sys", "strF1", "relF1", "relP", "relR", "typeAc", "valAc", "valP", "valR", "valF1")
	baselined := r.BaselineElapsed > 0 // a development run may leave the baseline out
	for _, s := range []TimexSet{r.TimeBank, r.AQUAINT, r.All} {
		for _, row := range []struct {
			name string
			sc   TimexScores
		}{{"timex", s.Ours}, {"go-dateparser", s.Baseline}} {
			if row.name != "timex" && !baselined {
				continue
			}
			c := row.sc
			fmt.Fprintf(w, "  %-9s %-13s %5d %5d  %6.2f %6.2f  %6.2f %6.2f  %6.2f %6.2f  %6.2f %6.2f %6.2f\n",
				s.Name, row.name, c.Gold, c.System, 100*c.StrictF1, 100*c.RelaxedF1, 100*c.RelaxedP, 100*c.RelaxedR,
				100*c.TypeAccuracy, 100*c.ValueAccuracy, 100*c.ValueP, 100*c.ValueR, 100*c.ValueF1)
		}
	}
	fmt.Fprintf(w, "  value F1 on All %.2f (target >= %.0f: %s)\n", 100*r.All.Ours.ValueF1, 100*TargetTimexValueF1,
		verdict(r.All.Ours.ValueF1 >= TargetTimexValueF1))
	perSec := func(d time.Duration) float64 {
		if d <= 0 {
			return 0
		}
		return float64(r.Bytes) / d.Seconds() / 1e6
	}
	fmt.Fprintf(w, "  tagging time: timex %v (%.1f MB/s)", r.Elapsed.Round(time.Millisecond), perSec(r.Elapsed))
	if baselined {
		fmt.Fprintf(w, ", go-dateparser %v (%.3f MB/s)", r.BaselineElapsed.Round(time.Millisecond), perSec(r.BaselineElapsed))
	}
	fmt.Fprintln(w)
}

// WriteErrors prints our tagger's errors on one set ("" for all),
// grouped by kind and gold/system text with counts, most frequent first,
// then up to perGroup examples in context for the top groups.
func (r TimexReport) WriteErrors(w io.Writer, set string, groups, perGroup int) {
	type group struct {
		key  string
		errs []TimexError
	}
	by := map[string]*group{}
	for _, e := range r.Errors {
		if set != "" && e.Set != set {
			continue
		}
		key := fmt.Sprintf("%-8s %-28q -> %-28q gold %s %s / sys %s %s", e.Kind, strings.ToLower(e.GoldText),
			strings.ToLower(e.SystemText), e.GoldType, valueShape(e.GoldValue), e.SystemType, valueShape(e.SystemVal))
		if by[key] == nil {
			by[key] = &group{key: key}
		}
		by[key].errs = append(by[key].errs, e)
	}
	list := make([]*group, 0, len(by))
	for _, g := range by {
		list = append(list, g)
	}
	sort.Slice(list, func(i, j int) bool {
		if len(list[i].errs) != len(list[j].errs) {
			return len(list[i].errs) > len(list[j].errs)
		}
		return list[i].key < list[j].key
	})
	for n, g := range list {
		if n >= groups {
			break
		}
		fmt.Fprintf(w, "%4d %s\n", len(g.errs), g.key)
		for k, e := range g.errs {
			if k >= perGroup {
				break
			}
			fmt.Fprintf(w, "       %s dct %s gold %q sys %q: %s\n", e.Doc, e.DCT, e.GoldValue, e.SystemVal, e.Context)
		}
	}
}

// valueShape abstracts digits away so that errors group by kind.
func valueShape(v string) string {
	b := []byte(v)
	for i, c := range b {
		if c >= '0' && c <= '9' {
			b[i] = 'd'
		}
	}
	return string(b)
}
