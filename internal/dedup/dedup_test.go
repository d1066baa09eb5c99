package dedup

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func newIndex(t testing.TB) *Index {
	t.Helper()
	ix, err := NewIndex(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func mustAdd(t testing.TB, ix *Index, d Doc) Report {
	t.Helper()
	r, err := ix.Add(d)
	if err != nil {
		t.Fatalf("Add(%s): %v", d.ID, err)
	}
	return r
}

func linkTo(r Report, id string) (Link, bool) {
	for _, l := range r.Links {
		if l.Other == id {
			return l, true
		}
	}
	return Link{}, false
}

// shuffled reverses the paragraphs and the sentences inside each one.
func shuffled(paras []string) []string {
	var out []string
	for i := len(paras) - 1; i >= 0; i-- {
		ss := sentencesOf(paras[i])
		for a, b := 0, len(ss)-1; a < b; a, b = a+1, b-1 {
			ss[a], ss[b] = ss[b], ss[a]
		}
		out = append(out, strings.Join(ss, " "))
	}
	return out
}

func TestCopies(t *testing.T) {
	edited := append([]string{"Velmora ferry suspended as engineers assess pier", "Share this article"}, ferry[1:]...)
	edited[4] = strings.Replace(edited[4], "two shops", "three small shops", 1)
	edited = append(edited, "Advertisement", "Sign up for our morning newsletter")
	spun := make([]string, len(ferry))
	for i, p := range ferry {
		spun[i] = spin.Replace(p)
	}
	tests := []struct {
		name  string
		paras []string
		text  string // when set, used instead of paras
		kinds []LinkKind
		check func(t *testing.T, l Link)
	}{
		{
			name:  "exact copy with other layout and quotes",
			text:  strings.ReplaceAll(strings.ReplaceAll(article("", ferry).Text, "\n\n", "\n"), "'", "’"),
			kinds: []LinkKind{KindExact},
		},
		{
			name: "near copy: new headline, boilerplate, one edit", paras: edited,
			kinds: []LinkKind{KindNear},
			check: func(t *testing.T, l Link) {
				if l.Jaccard < 0.8 {
					t.Errorf("Jaccard = %.3f, want >= 0.8", l.Jaccard)
				}
			},
		},
		{
			name: "trimmed copy: headline and first two paragraphs", paras: ferry[:3],
			kinds: []LinkKind{KindContained},
			check: func(t *testing.T, l Link) {
				if l.Jaccard >= DefaultConfig().NearJaccard || l.Containment < 0.99 {
					t.Errorf("Jaccard = %.3f, Containment = %.3f; want Jaccard below %.2f and containment 1",
						l.Jaccard, l.Containment, DefaultConfig().NearJaccard)
				}
			},
		},
		{
			name: "sentence-shuffled copy", paras: shuffled(ferry),
			kinds: []LinkKind{KindNear},
			check: func(t *testing.T, l Link) {
				// Shingles stop at sentence ends, so order does not matter.
				if l.Jaccard != 1 {
					t.Errorf("Jaccard = %.3f, want 1", l.Jaccard)
				}
			},
		},
		{
			name: "synonym-spun copy", paras: spun,
			kinds: []LinkKind{KindReworded},
			check: func(t *testing.T, l Link) {
				if l.Jaccard >= DefaultConfig().NearJaccard || l.SharedSentences < 13 || l.ExactSentences > 2 {
					t.Errorf("Jaccard = %.3f, shared sentences = %d (%d exact); want a low Jaccard and >= 13 reworded sentences",
						l.Jaccard, l.SharedSentences, l.ExactSentences)
				}
			},
		},
		{
			name: "one sentence quoted alone", paras: []string{sentencesOf(ferry[1])[1]},
			// Wholly inside the original, but too short to count as a copy.
			kinds: []LinkKind{KindSharesParagraphs},
		},
		{
			name: "same event written independently", paras: ferryOther,
			kinds: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := newIndex(t)
			mustAdd(t, ix, article("orig", ferry))
			d := article("copy", tt.paras)
			if tt.text != "" {
				d = Doc{ID: "copy", Text: tt.text}
			}
			r := mustAdd(t, ix, d)
			var kinds []LinkKind
			for _, l := range r.Links {
				kinds = append(kinds, l.Kind)
			}
			if diff := cmp.Diff(tt.kinds, kinds); diff != "" {
				t.Fatalf("link kinds (-want +got):\n%s\nlinks: %+v", diff, r.Links)
			}
			// Neither has a date, so a merged group's origin is the
			// smaller ID, "copy", as is a group of one.
			if r.Group != "copy" {
				t.Errorf("Group = %q, want copy", r.Group)
			}
			if g, _ := ix.Group("orig"); (len(g.Members) == 2) != (len(tt.kinds) > 0 && tt.kinds[0].Syndicated()) {
				t.Errorf("Group(orig) = %v; want both in one group exactly when the link is a copy", g)
			}
			if tt.check != nil {
				l, _ := linkTo(r, "orig")
				tt.check(t, l)
			}
		})
	}
}

func TestSharedParagraphs(t *testing.T) {
	ix := newIndex(t)
	src, reuse := article("ferry", ferry), article("harbours", harbours)
	mustAdd(t, ix, src)
	mustAdd(t, ix, article("ferry-other", ferryOther))
	r := mustAdd(t, ix, reuse)
	if len(r.Links) != 1 {
		t.Fatalf("links = %+v, want one link to ferry", r.Links)
	}
	l := r.Links[0]
	if l.Other != "ferry" || l.Kind != KindSharesParagraphs {
		t.Fatalf("link = %s %s, want ferry %s", l.Other, l.Kind, KindSharesParagraphs)
	}
	type pair struct{ Here, There string }
	var got []pair
	for _, p := range l.SharedParagraphs {
		got = append(got, pair{reuse.Text[p.Span.Start:p.Span.End], src.Text[p.OtherSpan.Start:p.OtherSpan.End]})
	}
	want := []pair{{harbours[2], ferry[2]}, {harbours[4], ferry[4]}, {harbours[5], ferry[5]}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("shared paragraphs (-want +got):\n%s", diff)
	}
	if l.SharedParagraphs[0].Overlap != 1 || l.SharedParagraphs[2].Overlap >= 1 {
		t.Errorf("overlaps = %.2f, %.2f; want 1 for the verbatim copy, below 1 for the edited one",
			l.SharedParagraphs[0].Overlap, l.SharedParagraphs[2].Overlap)
	}
}

func TestMashup(t *testing.T) {
	ix := newIndex(t)
	for _, d := range []Doc{article("concert", concert), article("apples", apples), article("bikes", bikes), article("ferry", ferry)} {
		mustAdd(t, ix, d)
	}
	// Two sentences from each source, interleaved, plus one of its own.
	take := func(paras []string, p, s int) string { return sentencesOf(paras[p])[s] }
	mash := article("mash", []string{
		"Weekend roundup of good news from the northern provinces",
		take(concert, 1, 0) + " " + take(apples, 1, 1),
		take(bikes, 2, 0) + " " + take(concert, 3, 1),
		take(apples, 3, 0) + " " + take(bikes, 3, 1),
		"Readers can send their own good news to the newsroom by email at any time.",
	})
	r := mustAdd(t, ix, mash)
	if !r.Assembled {
		t.Errorf("Assembled = false, want true (matched %d of %d sentences)", r.MatchedSentences, r.EligibleSentences)
	}
	got := make(map[string]int)
	for _, l := range r.Links {
		if l.Kind != KindAssembledFrom {
			t.Errorf("link to %s is %s, want %s", l.Other, l.Kind, KindAssembledFrom)
		}
		got[l.Other] = l.SharedSentences
	}
	if diff := cmp.Diff(map[string]int{"concert": 2, "apples": 2, "bikes": 2}, got); diff != "" {
		t.Errorf("shared sentences per source (-want +got):\n%s", diff)
	}
	var srcs []string
	for _, s := range r.Sentences {
		srcs = append(srcs, s.Sources[0].ID+": "+mash.Text[s.Span.Start:s.Span.End])
	}
	want := []string{
		"concert: " + take(concert, 1, 0), "apples: " + take(apples, 1, 1),
		"bikes: " + take(bikes, 2, 0), "concert: " + take(concert, 3, 1),
		"apples: " + take(apples, 3, 0), "bikes: " + take(bikes, 3, 1),
	}
	if diff := cmp.Diff(want, srcs); diff != "" {
		t.Errorf("sentence sources (-want +got):\n%s", diff)
	}
	// A source does not see itself as assembled: each mash-up paragraph
	// holds one of the two sentences of a bikes paragraph, which is
	// enough overlap (0.5) to count as a shared paragraph.
	q, _ := ix.Query("bikes")
	if l, ok := linkTo(q, "mash"); !ok || l.Kind != KindSharesParagraphs || l.SharedSentences != 2 || len(l.SharedParagraphs) != 2 {
		t.Errorf("bikes -> mash = %+v, want %s with 2 sentences in 2 paragraphs", l, KindSharesParagraphs)
	}
}

func TestUnrelatedNotLinked(t *testing.T) {
	ix := newIndex(t)
	docs := []Doc{article("ferry", ferry), article("ferry-other", ferryOther), article("concert", concert),
		article("apples", apples), article("bikes", bikes)}
	for i := range 50 {
		docs = append(docs, synthetic(fmt.Sprintf("synthetic-%02d", i), uint64(i), 500))
	}
	for _, d := range docs {
		if r := mustAdd(t, ix, d); len(r.Links) > 0 {
			t.Errorf("%s: links %+v, want none", d.ID, r.Links)
		}
	}
	if g := ix.Groups(); len(g) != 0 {
		t.Errorf("Groups() = %v, want none", g)
	}
}

func TestOriginIsEarliestPublisher(t *testing.T) {
	t0 := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	at := func(d Doc, h int) Doc { d.Published = t0.Add(time.Duration(h) * time.Hour); return d }
	noDate := article("a-no-date", ferry[:5])
	ix := newIndex(t)
	steps := []struct {
		doc  Doc
		want string
	}{
		{at(article("wire-copy", ferry), 3), "wire-copy"},
		{noDate, "wire-copy"}, // unknown dates never win, whatever their ID
		{at(article("later", append([]string{"Teskholm cut off"}, ferry[1:]...)), 5), "wire-copy"},
		{at(article("z-original", ferry), 0), "z-original"}, // inserted last, published first
		{at(article("unrelated", concert), -1), "unrelated"},
	}
	for _, s := range steps {
		if r := mustAdd(t, ix, s.doc); r.Group != s.want {
			t.Errorf("Add(%s).Group = %q, want %q", s.doc.ID, r.Group, s.want)
		}
	}
	want := []Group{{Origin: "z-original", Members: []string{"z-original", "wire-copy", "later", "a-no-date"}}}
	if diff := cmp.Diff(want, ix.Groups()); diff != "" {
		t.Errorf("Groups() (-want +got):\n%s", diff)
	}
	if g, _ := ix.Group("later"); g.Origin != "z-original" {
		t.Errorf("Group(later).Origin = %q, want z-original", g.Origin)
	}
	for id, want := range map[string]string{"later": "z-original", "z-original": "z-original", "unrelated": "unrelated"} {
		if got, ok := ix.Origin(id); !ok || got != want {
			t.Errorf("Origin(%s) = %q, %v; want %q", id, got, ok, want)
		}
	}
	if _, ok := ix.Origin("never-added"); ok {
		t.Error("Origin of an unknown id reports ok")
	}
}

// TestEdgeDocuments: empty and very long documents go through every path
// without panicking, and long ones still pair their paragraphs (the
// counter switches to its sparse form past maxDense cells).
func TestEdgeDocuments(t *testing.T) {
	ix := newIndex(t)
	for _, d := range []Doc{{ID: "empty"}, {ID: "blank", Text: " \n\n ... \n"}, {ID: "empty-2"}} {
		if r := mustAdd(t, ix, d); len(r.Links) != 0 {
			t.Errorf("%s: links %+v, want none", d.ID, r.Links)
		}
	}
	long := synthetic("long", 42, 140000)
	if n := len(long.Paragraphs); n*n <= maxDense {
		t.Fatalf("long document has %d paragraphs; the test needs more than %d", n, isqrt(maxDense))
	}
	mustAdd(t, ix, long)
	copyOf := long
	copyOf.ID = "long-copy"
	r := mustAdd(t, ix, copyOf)
	if l, ok := linkTo(r, "long"); !ok || l.Kind != KindExact || len(l.SharedParagraphs) < len(long.Paragraphs) {
		t.Errorf("long copy: %s with %d shared paragraphs, want exact with at least %d", l.Kind, len(l.SharedParagraphs), len(long.Paragraphs))
	}
}

func isqrt(n int) int {
	r := 0
	for (r+1)*(r+1) <= n {
		r++
	}
	return r
}
