package eval

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func dupData(t *testing.T) string {
	dir := sharedDir()
	if _, err := os.Stat(filepath.Join(dir, "eval", "timelines", "t17")); err != nil {
		t.Skip("../shared evaluation data not present")
	}
	return dir
}

// TestDuplicateTargets runs the generated evaluation and holds the index
// to the targets: pair F1 ≥ 0.95 overall and ≥ 0.90 per edit type.
func TestDuplicateTargets(t *testing.T) {
	dir := dupData(t)
	opt := DefaultDupOptions()
	opt.Natural = false
	rep, err := Duplicates(dir, opt, testWriter{t})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	rep.WriteText(&b)
	t.Log("\n" + b.String())
	if f := rep.Overall.F1(); f < 0.95 {
		t.Errorf("overall pair F1 %.3f < 0.95", f)
	}
	for _, e := range Edits {
		if f := rep.PerEdit[e].F1(); f < 0.90 {
			t.Errorf("%s: F1 %.3f < 0.90", e, f)
		}
	}
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

func TestDeriveEdits(t *testing.T) {
	src := sourceDoc{ID: "s", Paras: []string{
		"The harbour board said on Monday that the north pier will close.",
		"Officials told residents the government would help. The meeting ended late.",
		"Many people said the ferry was important to the city. Children walked home.",
		"The company bought new boats last year. It started repairs in May.",
		"Police said the attack on the office was reported quickly. Leaders met after.",
		"The report showed an increase in money for jobs. The end came near dusk.",
	}}
	host := sourceDoc{ID: "h", Paras: []string{"Host one.", "Host two.", "Host three."}}
	r := rand.New(rand.NewPCG(1, 2))
	n := len(src.Paras)
	tests := []struct {
		edit  Edit
		check func(got []string) string
	}{
		{EditWire, func(got []string) string {
			if !strings.HasPrefix(got[0], "UPDATE: ") || len(got) < n+3 {
				return "want a new headline and three boilerplate lines"
			}
			return ""
		}},
		{EditTrim, func(got []string) string {
			if len(got) < (n+1)/2 || len(got) >= n || got[0] != src.Paras[0] {
				return "want the first k paragraphs, n/2 ≤ k < n"
			}
			return ""
		}},
		{EditInsert, func(got []string) string {
			if len(got) <= n || len(got) > n+2 {
				return "want one or two paragraphs inserted"
			}
			return ""
		}},
		{EditSpin, func(got []string) string {
			if strings.Join(got, " ") == strings.Join(src.Paras, " ") || len(got) != n {
				return "want words swapped, paragraphs kept"
			}
			return ""
		}},
		{EditShuffle, func(got []string) string {
			a, b := strings.Fields(strings.Join(got, " ")), strings.Fields(strings.Join(src.Paras, " "))
			if len(a) != len(b) || strings.Join(got, " ") == strings.Join(src.Paras, " ") {
				return "want the same words in another order"
			}
			return ""
		}},
		{EditPartial, func(got []string) string {
			shared := 0
			for _, p := range got {
				for _, q := range src.Paras {
					if p == q {
						shared++
					}
				}
			}
			if shared != n/3 || len(got) != len(host.Paras)+shared {
				return "want n/3 source paragraphs inside the host"
			}
			return ""
		}},
	}
	for _, tt := range tests {
		got := derive(tt.edit, src, host, r)
		if msg := tt.check(got); msg != "" {
			t.Errorf("%s: got %q: %s", tt.edit, got, msg)
		}
	}
	// Same seed, same documents.
	a := derive(EditSpin, src, host, rand.New(rand.NewPCG(7, 7)))
	b := derive(EditSpin, src, host, rand.New(rand.NewPCG(7, 7)))
	if strings.Join(a, "|") != strings.Join(b, "|") {
		t.Error("derive is not deterministic for a fixed seed")
	}
}
