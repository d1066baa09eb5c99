package eval

import (
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// timexGold is one TIMEX3 of a TimeML document, as offsets into the
// plain text of its TEXT element.
type timexGold struct {
	Start, End int
	Type       string
	Value      string
	Mod        string
}

// timexDoc is one TimeML document reduced to what the timex scorer
// needs: the text with its markup stripped, the gold expressions, and
// the document creation time the values are anchored on.
type timexDoc struct {
	Name string
	Text string
	DCT  time.Time
	Gold []timexGold
}

// timexDir is where the TBAQ corpus sits under the shared directory.
func timexDir(sharedDir string) string {
	return filepath.Join(sharedDir, "eval", "timex", "tbaq")
}

// readTimexSet reads every .tml file of one sub-corpus (TimeBank or
// AQUAINT) in name order.
func readTimexSet(dir string) ([]timexDoc, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.tml"))
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("timex: no .tml files in %s", dir)
	}
	sort.Strings(paths)
	docs := make([]timexDoc, 0, len(paths))
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		d, err := parseTimeML(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("timex: %s: %w", p, err)
		}
		d.Name = filepath.Base(p)
		docs = append(docs, d)
	}
	return docs, nil
}

// parseTimeML strips the tags of the TEXT element, keeping the TIMEX3
// elements in it as offsets, and reads the DCT from the TIMEX3 whose
// functionInDocument is CREATION_TIME. Entities are decoded, so offsets
// are into the text a reader would see.
func parseTimeML(r io.Reader) (timexDoc, error) {
	var d timexDoc
	dec := xml.NewDecoder(r)
	var text strings.Builder
	inText := false
	var open *timexGold
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return d, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "TEXT":
				inText = true
			case "TIMEX3":
				attr := map[string]string{}
				for _, a := range t.Attr {
					attr[a.Name.Local] = a.Value
				}
				if attr["functionInDocument"] == "CREATION_TIME" {
					v := attr["value"]
					if len(v) >= 10 {
						v = v[:10]
					}
					dct, err := time.Parse("2006-01-02", v)
					if err != nil {
						return d, fmt.Errorf("bad DCT %q", attr["value"])
					}
					d.DCT = dct
				}
				if inText {
					open = &timexGold{Start: text.Len(), Type: attr["type"], Value: attr["value"], Mod: attr["mod"]}
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "TEXT":
				inText = false
			case "TIMEX3":
				if open != nil {
					open.End = text.Len()
					d.Gold = append(d.Gold, *open)
					open = nil
				}
			}
		case xml.CharData:
			if inText {
				text.Write(t)
			}
		}
	}
	d.Text = text.String()
	if d.DCT.IsZero() {
		return d, fmt.Errorf("no creation time")
	}
	// Token-based scorers do not see the spaces at the edges of a span.
	for i := range d.Gold {
		g := &d.Gold[i]
		for g.Start < g.End && isSpaceByte(d.Text[g.Start]) {
			g.Start++
		}
		for g.End > g.Start && isSpaceByte(d.Text[g.End-1]) {
			g.End--
		}
	}
	return d, nil
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// timexSpan is a system expression as the scorer sees it.
type timexSpan struct {
	Start, End  int
	Type, Value string
}

// TimexScores are the TempEval-3 timex scores of one tagger on one set:
// extents matched strictly (same span) and relaxed (overlapping), and
// over the relaxed matches the accuracy of the type and value
// attributes. An attribute's F1 is the relaxed F1 with precision and
// recall each multiplied by the attribute's accuracy, so Value P is
// correct values over system expressions and Value R correct values
// over gold ones.
type TimexScores struct {
	Gold, System                  int
	Strict, Relaxed               int // matched pairs
	TypeCorrect, ValueCorrect     int // among the relaxed matches
	StrictP, StrictR, StrictF1    float64
	RelaxedP, RelaxedR, RelaxedF1 float64
	TypeAccuracy, ValueAccuracy   float64
	TypeF1                        float64
	ValueP, ValueR, ValueF1       float64
}

// add accumulates another document's counts.
func (s *TimexScores) add(o TimexScores) {
	s.Gold += o.Gold
	s.System += o.System
	s.Strict += o.Strict
	s.Relaxed += o.Relaxed
	s.TypeCorrect += o.TypeCorrect
	s.ValueCorrect += o.ValueCorrect
}

// withRatios fills the ratios from the counts.
func (s TimexScores) withRatios() TimexScores {
	ratio := func(a, b int) float64 {
		if b == 0 {
			return 0
		}
		return float64(a) / float64(b)
	}
	f1 := func(p, r float64) float64 {
		if p+r == 0 {
			return 0
		}
		return 2 * p * r / (p + r)
	}
	s.StrictP, s.StrictR = ratio(s.Strict, s.System), ratio(s.Strict, s.Gold)
	s.StrictF1 = f1(s.StrictP, s.StrictR)
	s.RelaxedP, s.RelaxedR = ratio(s.Relaxed, s.System), ratio(s.Relaxed, s.Gold)
	s.RelaxedF1 = f1(s.RelaxedP, s.RelaxedR)
	s.TypeAccuracy, s.ValueAccuracy = ratio(s.TypeCorrect, s.Relaxed), ratio(s.ValueCorrect, s.Relaxed)
	s.TypeF1 = f1(ratio(s.TypeCorrect, s.System), ratio(s.TypeCorrect, s.Gold))
	s.ValueP, s.ValueR = ratio(s.ValueCorrect, s.System), ratio(s.ValueCorrect, s.Gold)
	s.ValueF1 = f1(s.ValueP, s.ValueR)
	return s
}

// timexPair is a relaxed match: indexes into gold and system.
type timexPair struct{ g, s int }

// matchTimexes pairs gold and system expressions one to one. An exact
// span match is taken first, then, for the rest, the system expression
// overlapping a gold one the most; this is the TE3 scorer's notion of a
// relaxed match without letting one expression count twice.
func matchTimexes(gold []timexGold, sys []timexSpan) (pairs []timexPair, strict int) {
	usedS := make([]bool, len(sys))
	usedG := make([]bool, len(gold))
	for gi, g := range gold {
		for si, s := range sys {
			if !usedS[si] && s.Start == g.Start && s.End == g.End {
				usedS[si], usedG[gi] = true, true
				pairs = append(pairs, timexPair{gi, si})
				strict++
				break
			}
		}
	}
	for gi, g := range gold {
		if usedG[gi] {
			continue
		}
		best, bestOv := -1, 0
		for si, s := range sys {
			if usedS[si] {
				continue
			}
			if ov := min(g.End, s.End) - max(g.Start, s.Start); ov > bestOv {
				best, bestOv = si, ov
			}
		}
		if best >= 0 {
			usedS[best], usedG[gi] = true, true
			pairs = append(pairs, timexPair{gi, best})
		}
	}
	return pairs, strict
}

// scoreTimexDoc scores one document's system expressions.
func scoreTimexDoc(gold []timexGold, sys []timexSpan) TimexScores {
	pairs, strict := matchTimexes(gold, sys)
	s := TimexScores{Gold: len(gold), System: len(sys), Strict: strict, Relaxed: len(pairs)}
	for _, p := range pairs {
		if gold[p.g].Type == sys[p.s].Type {
			s.TypeCorrect++
		}
		if gold[p.g].Value == sys[p.s].Value {
			s.ValueCorrect++
		}
	}
	return s
}
