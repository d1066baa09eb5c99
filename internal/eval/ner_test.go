package eval

import (
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/jdkato/prose/v2"
)

func TestNERChunks(t *testing.T) {
	// conlleval's rules: I- after O or after another class opens a name.
	got := nerChunks([]string{"B-PER", "I-PER", "O", "I-LOC", "I-LOC", "B-LOC", "I-ORG", "B-MISC"})
	want := map[nerChunk]bool{{0, 2, "PER"}: true, {3, 5, "LOC"}: true, {5, 6, "LOC"}: true, {6, 7, "ORG"}: true, {7, 8, "MISC"}: true}
	if len(got) != len(want) {
		t.Fatalf("nerChunks = %v, want %v", got, want)
	}
	for c := range want {
		if !got[c] {
			t.Errorf("missing chunk %v in %v", c, got)
		}
	}
}

func TestScoreNERFake(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, nerValidPath(dir), "-DOCSTART- -X- -X- O\n\nAnna NNP B-NP B-PER\nlives VBZ B-VP O\nin IN B-PP O\nOslo NNP B-NP B-LOC\n\n"+
		"Bo NNP B-NP B-ORG\nCo NNP I-NP I-ORG\n")
	// A fake tagger that finds Anna and Bo but misses the rest.
	fake := func(sents [][]string) [][]string {
		out := make([][]string, len(sents))
		for i, s := range sents {
			out[i] = make([]string, len(s))
			for j, w := range s {
				out[i][j] = "O"
				if w == "Anna" {
					out[i][j] = "B-PER"
				}
				if w == "Bo" {
					out[i][j] = "B-ORG"
				}
			}
		}
		return out
	}
	rep, err := ScoreNER(dir, fake, nil)
	if err != nil {
		t.Fatal(err)
	}
	if m := rep.Micro; m.Gold != 3 || m.Predicted != 2 || m.Correct != 1 || !near(m.F1, 0.4) {
		t.Errorf("micro = %+v; want gold 3, predicted 2, correct 1, F1 0.4", m)
	}
	if rep.Tokens != 6 || rep.Sentences != 2 || rep.Documents != 1 {
		t.Errorf("counts = %d tokens %d sentences %d documents", rep.Tokens, rep.Sentences, rep.Documents)
	}
}

// TestNERTargets scores the embedded model on the CoNLL-2003 validation
// set and fails below the target.
func TestNERTargets(t *testing.T) {
	if _, err := os.Stat(nerValidPath(sharedDir())); err != nil {
		t.Skip("no CoNLL-2003 data under ../shared")
	}
	var out strings.Builder
	rep, err := NER(sharedDir(), &out)
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + out.String())
	if rep.Micro.F1 < TargetNERF1 {
		t.Errorf("micro-F1 %.2f below target %.0f", 100*rep.Micro.F1, 100*TargetNERF1)
	}
}

// TestNERProse scores github.com/jdkato/prose/v2 on the same set, for
// the comparison in docs/EVALUATION.md. It only reports: prose has no target.
func TestNERProse(t *testing.T) {
	if testing.Short() {
		t.Skip("comparison only")
	}
	if _, err := os.Stat(nerValidPath(sharedDir())); err != nil {
		t.Skip("no CoNLL-2003 data under ../shared")
	}
	var out strings.Builder
	if _, err := ScoreNER(sharedDir(), proseTagger, &out); err != nil {
		t.Fatal(err)
	}
	t.Log("prose v2:\n" + out.String())
}

// proseModel is prose's default model, decoded once: NewDocument would
// decode it again for every call.
var proseModel = sync.OnceValue(func() *prose.Model {
	doc, err := prose.NewDocument("Start.")
	if err != nil {
		panic(err)
	}
	return doc.Model
})

// proseTagger runs prose on each sentence (its tokens joined by spaces)
// and maps its labels back onto the CoNLL tokens by character offset.
func proseTagger(sents [][]string) [][]string {
	out := make([][]string, len(sents))
	model := proseModel()
	for i, toks := range sents {
		labels := make([]string, len(toks))
		for j := range labels {
			labels[j] = "O"
		}
		out[i] = labels
		text := strings.Join(toks, " ")
		doc, err := prose.NewDocument(text, prose.WithSegmentation(false), prose.UsingModel(model))
		if err != nil {
			continue
		}
		// Offsets of prose's tokens in text.
		type pt struct {
			start, end int
			label      string
		}
		var pts []pt
		cur := 0
		for _, tk := range doc.Tokens() {
			k := strings.Index(text[cur:], tk.Text)
			if k < 0 {
				continue
			}
			pts = append(pts, pt{cur + k, cur + k + len(tk.Text), tk.Label})
			cur += k + len(tk.Text)
		}
		off, p, prevP := 0, 0, -1
		for j, w := range toks {
			for p < len(pts) && pts[p].end <= off {
				p++
			}
			if p < len(pts) && pts[p].start <= off+len(w)-1 && pts[p].label != "O" && len(pts[p].label) > 2 {
				typ := proseType(pts[p].label[2:])
				prefix := pts[p].label[:1]
				if p == prevP || (j > 0 && labels[j-1] != "O" && prefix == "I") {
					prefix = "I"
				} else {
					prefix = "B"
				}
				labels[j] = prefix + "-" + typ
				prevP = p
			}
			off += len(w) + 1
		}
	}
	return out
}

func proseType(l string) string {
	switch l {
	case "PERSON":
		return "PER"
	case "GPE", "LOC":
		return "LOC"
	case "ORG":
		return "ORG"
	}
	return "MISC"
}
