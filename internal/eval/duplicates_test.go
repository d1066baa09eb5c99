package eval

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func dupData(t *testing.T) string {
	t.Helper()
	dir := sharedDir()
	for _, p := range []string{"eval/timelines/t17/Data", "eval/summaries/multinews", "eval/quotes/polnear"} {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			t.Skipf("../shared evaluation data not present (%s)", p)
		}
	}
	return dir
}

// TestDedupTargets runs the generated evaluation on ../shared and holds the
// index to the targets: pair F1 ≥ 0.95 overall and ≥ 0.90 for
// every edit type. It runs the default sample (about 10 s on 2 cores);
// -short halves it.
func TestDedupTargets(t *testing.T) {
	dir := dupData(t)
	opt := DefaultDupOptions()
	opt.Natural = false
	if testing.Short() {
		opt.Sources, opt.HardNegatives = opt.Sources/2, opt.HardNegatives/2
	}
	rep, err := Duplicates(dir, opt, testWriter{t})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	rep.WriteText(&b)
	t.Log("\n" + b.String())
	if rep.Options.Sources < opt.Sources || rep.HardPairs < opt.HardNegatives {
		t.Errorf("generated %d sources and %d hard pairs, want %d and %d", rep.Options.Sources, rep.HardPairs, opt.Sources, opt.HardNegatives)
	}
	if f := rep.Overall.F1(); f < TargetDupOverallF1 {
		t.Errorf("overall pair F1 %.3f, want ≥ %.2f", f, TargetDupOverallF1)
	}
	for _, e := range Edits {
		if f := rep.PerEdit[e].F1(); f < TargetDupEditF1 {
			t.Errorf("%s: F1 %.3f, want ≥ %.2f", e, f, TargetDupEditF1)
		}
	}
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// inventedArticle writes an article of n paragraphs of two sentences
// about an invented harbour; the words vary with tag so that two articles
// differ.
func inventedArticle(tag string, n int) sourceDoc {
	d := sourceDoc{ID: tag, Group: "story", Outlet: "test"}
	for i := range n {
		d.Paras = append(d.Paras, fmt.Sprintf(
			"Officials said on Monday that pier %s-%d of the harbour will close for repairs after the storm. "+
				"Many people told the city council the ferry was important, and the government promised to help the %d families.",
			tag, i, i+10))
	}
	return d
}

func TestDeriveEdits(t *testing.T) {
	src := inventedArticle("src", 9)
	foreign := inventedArticle("other", 6)
	n, srcWords := len(src.Paras), countWords(src.Paras)
	isSource := func(p string) bool { return slices.Contains(src.Paras, p) }
	tests := []struct {
		edit  Edit
		check func(d derivation) string
	}{
		{EditWire, func(d derivation) string {
			body := 0
			for _, p := range d.Paras {
				if isSource(p) {
					body++
				}
			}
			if isSource(d.Paras[0]) || body < n-1 || len(d.Paras) < body+4 {
				return fmt.Sprintf("got %d paragraphs, %d from the source, lead %q; want a new headline, a byline, ≥ %d source paragraphs and ≥ 2 boilerplate lines", len(d.Paras), body, d.Paras[0], n-1)
			}
			return ""
		}},
		{EditTrim, func(d derivation) string {
			k := len(d.Paras)
			if k < (n+1)/2 || k >= n || !slices.Equal(d.Paras, src.Paras[:k]) || 2*countWords(d.Paras) < srcWords {
				return fmt.Sprintf("got %d paragraphs (%d of %d words); want the first k, n/2 ≤ k < n = %d, with at least half the words", k, countWords(d.Paras), srcWords, n)
			}
			return ""
		}},
		{EditInsert, func(d derivation) string {
			var kept []string
			for _, p := range d.Paras {
				if isSource(p) {
					kept = append(kept, p)
				} else if !slices.Contains(foreign.Paras, p) {
					return fmt.Sprintf("paragraph %q comes from neither article", p)
				}
			}
			if extra := len(d.Paras) - n; !slices.Equal(kept, src.Paras) || extra < 1 || extra > 3 {
				return fmt.Sprintf("got %d source paragraphs in order=%v and %d inserted; want all %d in order and 1-3 inserted", len(kept), slices.Equal(kept, src.Paras), extra, n)
			}
			return ""
		}},
		{EditSpin, func(d derivation) string {
			if len(d.Paras) != n || d.Changed == 0 || d.Changed > d.Eligible || d.Eligible > d.Words {
				return fmt.Sprintf("got %d paragraphs, changed %d of %d eligible of %d words; want %d paragraphs and some words swapped", len(d.Paras), d.Changed, d.Eligible, d.Words, n)
			}
			if rate := float64(d.Changed) / float64(d.Eligible); rate < 0.08 || rate > 0.4 {
				return fmt.Sprintf("swapped %.2f of the eligible words, want about 0.15-0.30", rate)
			}
			same := 0
			for _, p := range d.Paras {
				if isSource(p) {
					same++
				}
			}
			if 2*same > n {
				return fmt.Sprintf("%d of %d paragraphs left as they were, want most rewritten", same, n)
			}
			return ""
		}},
		{EditShuffle, func(d derivation) string {
			a, b := strings.Fields(strings.Join(d.Paras, " ")), strings.Fields(strings.Join(src.Paras, " "))
			slices.Sort(a)
			slices.Sort(b)
			if !slices.Equal(a, b) || slices.Equal(d.Paras, src.Paras) || len(d.Paras) != n {
				return "want the same words in another sentence order, same paragraph count"
			}
			return ""
		}},
		{EditPartial, func(d derivation) string {
			var reused []string
			for _, p := range d.Paras {
				if isSource(p) {
					reused = append(reused, p)
				}
			}
			if len(reused) < 1 || len(reused) > max(1, n/3) || 5*countWords(reused) > 2*srcWords {
				return fmt.Sprintf("reused %d paragraphs (%d words of %d); want 1..n/3 = %d, under 40%% of the words", len(reused), countWords(reused), srcWords, n/3)
			}
			if len(d.Paras) != len(foreign.Paras)+len(reused) || d.Paras[0] != foreign.Paras[0] {
				return fmt.Sprintf("got %d paragraphs starting %q; want the host's %d with its lead first plus the reused ones", len(d.Paras), d.Paras[0], len(foreign.Paras))
			}
			return ""
		}},
	}
	for seed := uint64(1); seed <= 20; seed++ {
		r := rand.New(rand.NewPCG(seed, 2))
		for _, tt := range tests {
			if msg := tt.check(derive(tt.edit, src, foreign, DefaultDupOptions().SpinRate, r)); msg != "" {
				t.Errorf("seed %d, %s: %s", seed, tt.edit, msg)
			}
		}
	}
}

func TestDeriveDeterministic(t *testing.T) {
	src, foreign := inventedArticle("src", 8), inventedArticle("other", 6)
	for _, e := range Edits {
		a := derive(e, src, foreign, 0.225, rand.New(rand.NewPCG(7, 7)))
		b := derive(e, src, foreign, 0.225, rand.New(rand.NewPCG(7, 7)))
		if !slices.Equal(a.Paras, b.Paras) {
			t.Errorf("%s: two runs with seed 7 differ:\n%q\n%q", e, a.Paras, b.Paras)
		}
	}
}

func TestSpin(t *testing.T) {
	tests := []struct {
		in   string
		rate float64
		want func(got string) bool
	}{
		{"Officials said the war ended.", 0, func(got string) bool { return got == "Officials said the war ended." }},
		{"Officials said the war ended.", 1, func(got string) bool {
			return !strings.Contains(got, "said") && !strings.Contains(got, "war") && strings.ToUpper(got[:1]) == got[:1]
		}},
		{"Troops left Russia, and russia was quiet.", 1, func(got string) bool {
			return strings.Contains(got, "the Russian Federation, and russia was quiet")
		}},
		{"Nothing here changes.", 1, func(got string) bool { return got == "Nothing here changes." }},
	}
	for _, tt := range tests {
		got, changed, eligible, words := spin(tt.in, tt.rate, rand.New(rand.NewPCG(1, 1)))
		if !tt.want(got) {
			t.Errorf("spin(%q, %v) = %q", tt.in, tt.rate, got)
		}
		if wantChanged := int(tt.rate) * eligible; changed != wantChanged {
			t.Errorf("spin(%q, %v) changed %d of %d eligible words, want %d", tt.in, tt.rate, changed, eligible, wantChanged)
		}
		if n := len(spinWord.FindAllString(tt.in, -1)); words != n {
			t.Errorf("spin(%q) counted %d words, want %d", tt.in, words, n)
		}
	}
}

func TestInsertAt(t *testing.T) {
	got := insertAt([]string{"a", "b", "c"}, []string{"x", "y", "z"}, []int{1, 1, 3})
	if want := []string{"a", "x", "y", "b", "c", "z"}; !slices.Equal(got, want) {
		t.Errorf("insertAt = %q, want %q", got, want)
	}
}

// TestGenerate checks the stream on invented pools: one document per
// source and edit, hard negatives from one story each, foreign articles
// never indexed, arrival order, and the same stream for the same seed.
func TestGenerate(t *testing.T) {
	var pools [][]sourceDoc
	for p := range 2 {
		var pool []sourceDoc
		r := rand.New(rand.NewPCG(uint64(p), 9))
		for i := range 30 {
			// Random words, so that no two articles share a run of words
			// (which would keep them from being each other's foreign text).
			d := sourceDoc{ID: fmt.Sprintf("p%d-a%d", p, i), Group: fmt.Sprintf("story%d", i%5)}
			for range 6 + i%4 {
				var w []string
				for range 30 {
					w = append(w, fmt.Sprintf("w%d", r.IntN(5000)))
				}
				d.Paras = append(d.Paras, strings.Join(w, " ")+".")
			}
			pool = append(pool, d)
		}
		pools = append(pools, pool)
	}
	opt := DupOptions{Sources: 6, HardNegatives: 4, SpinRate: 0.225, Seed: 3}
	run := func() generated { return generate(pools, opt, rand.New(rand.NewPCG(opt.Seed, opt.Seed))) }
	g := run()
	if g.sources != 6 || len(g.hard) != 4 || len(g.docs) != 6*(1+len(Edits))+2*4 {
		t.Fatalf("got %d sources, %d hard pairs, %d documents; want 6, 4, %d", g.sources, len(g.hard), len(g.docs), 6*(1+len(Edits))+8)
	}
	ids := map[string]genDoc{}
	for i, d := range g.docs {
		if _, dup := ids[d.doc.ID]; dup {
			t.Errorf("document %s generated twice", d.doc.ID)
		}
		ids[d.doc.ID] = d
		if i > 0 && d.arrive.Before(g.docs[i-1].arrive) {
			t.Errorf("document %d arrives before document %d", i, i-1)
		}
		if d.edit != "" && d.doc.Published.Before(ids[d.src.ID].doc.Published) && ids[d.src.ID].doc.ID != "" {
			t.Errorf("%s published before its source", d.doc.ID)
		}
	}
	for _, h := range g.hard {
		a, b := ids[h[0]], ids[h[1]]
		if a.src.Group != b.src.Group || a.edit != "" || b.edit != "" {
			t.Errorf("hard pair %v: groups %s/%s, want one story", h, a.src.Group, b.src.Group)
		}
	}
	again := run()
	for i := range g.docs {
		if g.docs[i].doc.ID != again.docs[i].doc.ID || g.docs[i].doc.Text != again.docs[i].doc.Text {
			t.Fatalf("document %d differs between two runs with one seed", i)
		}
	}
}
