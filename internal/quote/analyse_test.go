package quote

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// heldOut splits PolNeAR train into nine tenths and the tenth of
// documents with index ≡ 3 mod 10, as TestTune does.
func heldOut(t *testing.T) (tr, held []Document) {
	t.Helper()
	dir := PolNeARDir(filepath.Join("..", "..", "..", "shared"))
	docs, err := ReadPolNeAR(filepath.Join(dir, "train"))
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range docs {
		if i%10 == 3 {
			held = append(held, d)
		} else {
			tr = append(tr, d)
		}
	}
	return tr, held
}

// heldModel trains on nine tenths of train, caching the model in the
// file QUOTE_CACHE names (if any) so that rules can be compared quickly.
func heldModel(t *testing.T, tr []Document) *Model {
	t.Helper()
	cache := os.Getenv("QUOTE_CACHE")
	if cache != "" {
		if b, err := os.ReadFile(cache); err == nil {
			if m, err := Load(bytes.NewReader(b)); err == nil {
				return m
			}
		}
	}
	m, err := TrainDocuments(tr, TrainOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if cache != "" {
		var buf bytes.Buffer
		m.WriteTo(&buf)
		os.WriteFile(cache, buf.Bytes(), 0o644)
	}
	return m
}

func trimmed(text string, s Span) Span {
	for s.Start < s.End && strings.ContainsRune(" \t\n\r", rune(text[s.Start])) {
		s.Start++
	}
	for s.End > s.Start && strings.ContainsRune(" \t\n\r", rune(text[s.End-1])) {
		s.End--
	}
	return s
}

// TestAnalyseContent counts the kinds of content boundary errors on the
// held-out tenth of train: for each gold content fragment that a
// predicted one overlaps but does not match, what differs at its start
// and at its end. QUOTE_ANALYSE=1 to run.
func TestAnalyseContent(t *testing.T) {
	if os.Getenv("QUOTE_ANALYSE") == "" {
		t.Skip("set QUOTE_ANALYSE=1")
	}
	tr, held := heldOut(t)
	m := heldModel(t, tr)
	if os.Getenv("P_SET") != "" {
		post.dropShort, _ = strconv.Atoi(os.Getenv("P_SHORT"))
		post.trimTail = os.Getenv("P_TAIL") != ""
		post.dropSolo, _ = strconv.Atoi(os.Getenv("P_SOLO"))
	}
	starts, ends, fpKind := map[string]int{}, map[string]int{}, map[string]int{}
	var tp, fp, fn, over int
	var examples []string
	for _, d := range held {
		var gold, pred []Span
		for _, g := range d.Gold {
			for _, s := range g.Content {
				if s = trimmed(d.Text, s); !s.Empty() {
					gold = append(gold, s)
				}
			}
		}
		var predMore []bool
		for _, a := range m.Extract(d.Text) {
			for k, s := range append([]Span{a.Content}, a.More...) {
				pred = append(pred, trimmed(d.Text, s))
				predMore = append(predMore, k > 0 || len(a.More) > 0)
			}
		}
		left := map[Span]int{}
		for _, g := range gold {
			left[g]++
		}
		for k, p := range pred {
			if left[p] > 0 {
				left[p]--
				tp++
				fpKind[fmt.Sprintf("TP more=%v words=%d", predMore[k], min(5, len(fields(d.Text[p.Start:p.End]))))]++
			} else {
				fp++
				ov := false
				for _, g := range gold {
					if min(p.End, g.End) > max(p.Start, g.Start) {
						ov = true
					}
				}
				fpKind[fmt.Sprintf("FP more=%v overlap=%v words=%d", predMore[k], ov, min(5, len(fields(d.Text[p.Start:p.End]))))]++
				if os.Getenv("QUOTE_SHORT") != "" && predMore[k] && len(fields(d.Text[p.Start:p.End])) <= 2 {
					t.Logf("SHORT %q in %q", d.Text[p.Start:p.End], d.Text[max(0, p.Start-100):min(len(d.Text), p.End+60)])
				}
			}
		}
		fn += len(gold) - 0
		for _, g := range gold {
			if left[g] == 0 {
				continue
			}
			left[g]--
			// best overlapping prediction
			best, bo := Span{}, 0
			for _, p := range pred {
				if o := min(p.End, g.End) - max(p.Start, g.Start); o > bo {
					best, bo = p, o
				}
			}
			if bo == 0 {
				starts["(missed)"]++
				continue
			}
			over++
			diff := func(a, b int) string {
				switch {
				case a == b:
					return "="
				case a < b:
					return "+" + clip(d.Text[a:b])
				}
				return "-" + clip(d.Text[b:a])
			}
			// "+x": prediction has x more than gold; "-x": less.
			if best.Start < g.Start {
				f := fields(d.Text[best.Start:g.Start])
				starts["EXTRA last="+f[len(f)-1]]++
				starts["EXTRA first="+f[0]]++
			} else if best.Start > g.Start {
				f := fields(d.Text[g.Start:best.Start])
				starts["MISSING last="+f[len(f)-1]]++
				starts["MISSING first="+f[0]]++
				starts["MISSING predfirst="+fields(d.Text[best.Start:best.End])[0]]++
			}
			if best.End > g.End {
				f := fields(d.Text[g.End:best.End])
				ends["EXTRA first="+f[0]]++
			} else if best.End < g.End {
				f := fields(d.Text[best.End:g.End])
				ends["MISSING first="+f[0]]++
				ends["MISSING predlast="+fields(d.Text[best.Start:best.End])[len(fields(d.Text[best.Start:best.End]))-1]]++
			}
			sk := diff(best.Start, g.Start)
			ek := diff(g.End, best.End)
			starts[sk]++
			ends[ek]++
			if len(examples) < 80 {
				examples = append(examples, fmt.Sprintf("start %s | end %s\n  GOLD %q\n  PRED %q", sk, ek, d.Text[g.Start:g.End], d.Text[best.Start:best.End]))
			}
		}
	}
	fn = fn - tp
	t.Logf("content exact TP %d FP %d FN %d F1 %.3f; overlapped-not-exact gold %d", tp, fp, fn, 2*float64(tp)/float64(2*tp+fp+fn), over)
	show := func(name string, c map[string]int) {
		type kv struct {
			k string
			v int
		}
		var l []kv
		for k, v := range c {
			l = append(l, kv{k, v})
		}
		sort.Slice(l, func(i, j int) bool { return l[i].v > l[j].v || l[i].v == l[j].v && l[i].k < l[j].k })
		var b strings.Builder
		for i, x := range l {
			if i == 40 {
				break
			}
			fmt.Fprintf(&b, "  %5d %q\n", x.v, x.k)
		}
		t.Logf("%s:\n%s", name, b.String())
	}
	show("predicted", fpKind)
	show("start", starts)
	show("end", ends)
	if os.Getenv("QUOTE_EXAMPLES") != "" {
		t.Log(strings.Join(examples, "\n"))
	}
}

// clip keeps short differences whole and summarises long ones.
func clip(s string) string {
	if len(s) <= 12 {
		return s
	}
	return fmt.Sprintf("<%d bytes, %d words>", len(s), len(strings.Fields(s)))
}

// TestAnalyseSentences counts gold and predicted content fragments that
// run over a sentence boundary, by the tokenizer's sentences.
func TestAnalyseSentences(t *testing.T) {
	if os.Getenv("QUOTE_ANALYSE") == "" {
		t.Skip("set QUOTE_ANALYSE=1")
	}
	tr, held := heldOut(t)
	m := heldModel(t, tr)
	count := func(text string, toks []token, s Span) int {
		first, last := -1, -1
		for _, tk := range toks {
			if tk.end > s.Start && tk.start < s.End {
				if first < 0 {
					first = tk.sent
				}
				last = tk.sent
			}
		}
		return last - first + 1
	}
	gs, ps := map[int]int{}, map[int]int{}
	for _, d := range held {
		toks := tokenize(d.Text)
		for _, g := range d.Gold {
			for _, s := range g.Content {
				gs[min(4, count(d.Text, toks, s))]++
			}
		}
		for _, a := range m.Extract(d.Text) {
			for _, s := range append([]Span{a.Content}, a.More...) {
				ps[min(4, count(d.Text, toks, s))]++
			}
		}
	}
	t.Logf("sentences per gold fragment %v, per predicted %v", gs, ps)
}

func fields(s string) []string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return []string{"(space)"}
	}
	return f
}

// TestAnalysePeriod counts content fragments that end just before or
// just after a period, gold and predicted.
func TestAnalysePeriod(t *testing.T) {
	if os.Getenv("QUOTE_ANALYSE") == "" {
		t.Skip("set QUOTE_ANALYSE=1")
	}
	tr, held := heldOut(t)
	m := heldModel(t, tr)
	c := map[string]int{}
	classify := func(who, text string, s Span, inQ bool) {
		s = trimmed(text, s)
		if s.Empty() {
			return
		}
		q := ""
		if inQ {
			q = " quoted"
		}
		last := text[s.End-1]
		switch {
		case last == '.' || last == '!' || last == '?':
			c[who+" ends with ."+q]++
		case s.End < len(text) && (text[s.End] == '.'):
			c[who+" stops before ."+q]++
		case s.End < len(text) && (text[s.End] == ','):
			c[who+" stops before ,"+q]++
		case last == ',':
			c[who+" ends with ,"+q]++
		}
	}
	for _, d := range held {
		for _, g := range d.Gold {
			for _, s := range g.Content {
				classify("gold", d.Text, s, strings.ContainsAny(d.Text[s.Start:s.End], "“\""))
			}
		}
		for _, a := range m.Extract(d.Text) {
			for _, s := range append([]Span{a.Content}, a.More...) {
				classify("pred", d.Text, s, strings.ContainsAny(d.Text[s.Start:s.End], "“\""))
			}
		}
	}
	t.Log(c)
}

// TestAnalyseCommas counts, over the gold contents of the nine tenths,
// the words after a comma where a content stops and where it goes on.
func TestAnalyseCommas(t *testing.T) {
	if os.Getenv("QUOTE_ANALYSE") == "" {
		t.Skip("set QUOTE_ANALYSE=1")
	}
	tr, _ := heldOut(t)
	stop, cont := map[string]int{}, map[string]int{}
	for _, d := range tr {
		toks := tokenize(d.Text)
		at := map[int]int{}
		for i, tk := range toks {
			at[tk.start] = i
		}
		for _, g := range d.Gold {
			for _, s := range g.Content {
				s = trimmed(d.Text, s)
				for i, tk := range toks {
					if tk.inQ || d.Text[tk.start:tk.end] != "," || i+1 >= len(toks) || toks[i+1].sent != tk.sent {
						continue
					}
					w := strings.ToLower(d.Text[toks[i+1].start:toks[i+1].end])
					if strings.HasSuffix(w, "ing") {
						w = "-ing"
					}
					if toks[i+1].cap {
						w = "Cap"
					}
					if tk.start == s.End || tk.end == s.End && tk.start > s.Start {
						stop[w]++
					} else if tk.start > s.Start && tk.end < s.End {
						cont[w]++
					}
				}
			}
		}
	}
	type kv struct {
		k    string
		s, c int
	}
	var l []kv
	for k := range stop {
		l = append(l, kv{k, stop[k], cont[k]})
	}
	sort.Slice(l, func(i, j int) bool { return l[i].s > l[j].s })
	var b strings.Builder
	for _, x := range l[:min(50, len(l))] {
		fmt.Fprintf(&b, "%-14s stop %4d continue %4d\n", x.k, x.s, x.c)
	}
	t.Log("\n" + b.String())
}

// TestAnalyseTimeTail counts the dev contents that extendTimeTail
// changes, with the embedded model. QUOTE_ANALYSE=1 to run.
func TestAnalyseTimeTail(t *testing.T) {
	if os.Getenv("QUOTE_ANALYSE") == "" {
		t.Skip("set QUOTE_ANALYSE=1")
	}
	docs, err := ReadPolNeAR(filepath.Join(PolNeARDir(filepath.Join("..", "..", "..", "shared")), "dev"))
	if err != nil {
		t.Fatal(err)
	}
	defer func(on bool) { post.timeTail = on }(post.timeTail)
	changed, total := 0, 0
	for _, d := range docs {
		post.timeTail = false
		off := Extract(d.Text)
		post.timeTail = true
		on := Extract(d.Text)
		if len(on) != len(off) {
			t.Fatalf("%s: %d attributions with the rule, %d without: it should only move content ends", d.Name, len(on), len(off))
		}
		for i := range on {
			total++
			if on[i].Content != off[i].Content {
				changed++
				t.Logf("%s: %q", d.Name, on[i].ContentText)
			}
		}
	}
	t.Logf("extendTimeTail changes %d of %d dev contents", changed, total)
}
