package dedup

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// streamCorpus mixes the hand-written articles, their copies and a set of
// synthetic articles with edited and trimmed copies, with publication
// times, so that every link kind and several groups occur.
func streamCorpus() []Doc {
	t0 := time.Date(2025, 6, 1, 8, 0, 0, 0, time.UTC)
	spun := make([]string, len(ferry))
	for i, p := range ferry {
		spun[i] = spin.Replace(p)
	}
	take := func(paras []string, p, s int) string { return sentencesOf(paras[p])[s] }
	docs := []Doc{
		article("ferry", ferry), article("ferry-trimmed", ferry[:4]), article("ferry-shuffled", shuffled(ferry)),
		article("ferry-spun", spun), article("ferry-other", ferryOther), article("harbours", harbours),
		article("concert", concert), article("apples", apples), article("bikes", bikes),
		article("mash", []string{
			take(concert, 1, 0) + " " + take(apples, 1, 1), take(bikes, 2, 0) + " " + take(concert, 3, 1),
			take(apples, 3, 0) + " " + take(bikes, 3, 1),
		}),
	}
	for i := range 40 {
		d := synthetic(fmt.Sprintf("syn-%02d", i), uint64(100+i), 400)
		docs = append(docs, d)
		switch i % 4 {
		case 0:
			docs = append(docs, editedCopy(d, d.ID+"-copy"))
		case 1:
			tr := d
			tr.ID, tr.Text, tr.Paragraphs = d.ID+"-trim", d.Text[:d.Paragraphs[2].Span.End], d.Paragraphs[:3]
			docs = append(docs, tr)
		}
	}
	for i := range docs {
		docs[i].Published = t0.Add(time.Duration((i*37)%len(docs)) * time.Hour)
	}
	return docs
}

// pairFacts are the order-independent facts about a linked pair.
type pairFacts struct {
	Kind                 LinkKind
	Jaccard              float64
	ContainA, ContainB   float64 // share of A found in B, of B in A
	SharedParagraphPairs int
}

// pairsOf collects every pair reported by Add, keyed "A|B" with A < B.
// Assembled-from is the only kind that depends on what else is indexed,
// so it is compared as the pair-level kind it refines.
func pairsOf(t *testing.T, reports []Report) map[string]pairFacts {
	t.Helper()
	out := make(map[string]pairFacts)
	for _, r := range reports {
		for _, l := range r.Links {
			a, b, ca, cb := r.ID, l.Other, l.Containment, l.OtherContainment
			if b < a {
				a, b, ca, cb = b, a, cb, ca
			}
			kind := l.Kind
			if kind == KindAssembledFrom {
				kind = KindSharesSentences
				if len(l.SharedParagraphs) > 0 {
					kind = KindSharesParagraphs
				}
			}
			key := a + "|" + b
			if _, dup := out[key]; dup {
				t.Errorf("pair %s reported twice", key)
			}
			out[key] = pairFacts{kind, l.Jaccard, ca, cb, len(l.SharedParagraphs)}
		}
	}
	return out
}

func build(t *testing.T, docs []Doc) (*Index, []Report) {
	t.Helper()
	ix := newIndex(t)
	var rs []Report
	for _, d := range docs {
		rs = append(rs, mustAdd(t, ix, d))
	}
	return ix, rs
}

func queries(ix *Index, docs []Doc) map[string]Report {
	out := make(map[string]Report)
	for _, d := range docs {
		out[d.ID], _ = ix.Query(d.ID)
	}
	return out
}

// TestOrderIndependence checks the consistency model: the pairs found and
// their scores, the groups and their origins, and Query's view do not
// depend on the order in which articles arrive.
func TestOrderIndependence(t *testing.T) {
	docs := streamCorpus()
	ix, rs := build(t, docs)
	wantPairs, wantGroups, wantQueries := pairsOf(t, rs), ix.Groups(), queries(ix, docs)
	if len(wantGroups) < 10 {
		t.Fatalf("only %d groups in the test corpus; it should exercise more", len(wantGroups))
	}
	orders := map[string][]Doc{"reversed": slices.Clone(docs)}
	slices.Reverse(orders["reversed"])
	for seed := range uint64(3) {
		d := slices.Clone(docs)
		rand.New(rand.NewPCG(seed, 1)).Shuffle(len(d), func(i, j int) { d[i], d[j] = d[j], d[i] })
		orders[fmt.Sprintf("shuffle-%d", seed)] = d
	}
	for name, order := range orders {
		t.Run(name, func(t *testing.T) {
			ix, rs := build(t, order)
			if diff := cmp.Diff(wantPairs, pairsOf(t, rs)); diff != "" {
				t.Errorf("pairs (-in order +%s):\n%s", name, diff)
			}
			if diff := cmp.Diff(wantGroups, ix.Groups()); diff != "" {
				t.Errorf("groups (-in order +%s):\n%s", name, diff)
			}
			if diff := cmp.Diff(wantQueries, queries(ix, docs), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Query (-in order +%s):\n%s", name, diff)
			}
		})
	}
}

// TestConcurrentAdd adds from several goroutines; run with -race. The
// reports must contain every pair exactly once, and the final state must
// equal a serial build.
func TestConcurrentAdd(t *testing.T) {
	docs := streamCorpus()
	serial, rs := build(t, docs)
	ix := newIndex(t)
	const workers = 4
	reports := make([][]Report, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(docs); i += workers {
				r, err := ix.Add(docs[i])
				if err != nil {
					t.Error(err)
					return
				}
				reports[w] = append(reports[w], r)
				ix.Query(docs[(i*7)%len(docs)].ID) // readers interleave with writers
			}
		})
	}
	wg.Wait()
	if diff := cmp.Diff(pairsOf(t, rs), pairsOf(t, slices.Concat(reports...))); diff != "" {
		t.Errorf("pairs (-serial +concurrent):\n%s", diff)
	}
	if diff := cmp.Diff(serial.Groups(), ix.Groups()); diff != "" {
		t.Errorf("groups (-serial +concurrent):\n%s", diff)
	}
	if diff := cmp.Diff(queries(serial, docs), queries(ix, docs), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("Query (-serial +concurrent):\n%s", diff)
	}
}

func TestAddIsIdempotent(t *testing.T) {
	ix := newIndex(t)
	mustAdd(t, ix, article("ferry", ferry))
	first := mustAdd(t, ix, article("copy", ferry[:5]))
	again := mustAdd(t, ix, article("copy", concert)) // same ID: ignored
	if ix.Len() != 2 {
		t.Errorf("Len() = %d after re-adding an ID, want 2", ix.Len())
	}
	if diff := cmp.Diff(first, again); diff != "" {
		t.Errorf("report for a re-added ID (-first +again):\n%s", diff)
	}
	if _, err := ix.Add(Doc{Text: "no id"}); err == nil {
		t.Error("Add without ID: got nil error")
	}
}

func TestCheckDoesNotAdd(t *testing.T) {
	ix := newIndex(t)
	mustAdd(t, ix, article("ferry", ferry))
	d := article("copy", append([]string{"New headline"}, ferry[1:]...))
	c := ix.Check(d)
	if ix.Len() != 1 {
		t.Fatalf("Len() = %d after Check, want 1", ix.Len())
	}
	a := mustAdd(t, ix, d)
	if diff := cmp.Diff(a, c, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("Check vs Add report (-add +check):\n%s", diff)
	}
	if !strings.HasPrefix(c.Group, "copy") {
		t.Errorf("Check.Group = %q, want copy (ties on unknown dates go to the smaller ID)", c.Group)
	}
}
