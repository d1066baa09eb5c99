package story

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRepairMerges(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Threshold = 5 // nothing joins online, so Repair has to
	c := New(cfg)
	c.Add(ferryA)
	c.Add(orchard)
	c.Add(ferryB)
	r := c.Repair()
	if diff := cmp.Diff(map[string]string{"sf2": "sf1"}, r.Redirects()); diff != "" {
		t.Errorf("redirects (-want +got):\n%s", diff)
	}
	if got, _ := c.StoryOf("f2"); got != "sf1" {
		t.Errorf("f2 in %q, want sf1 (the older id)", got)
	}
	if got, _ := c.Resolve("sf2"); got != "sf1" {
		t.Errorf("Resolve(sf2) = %q, want sf1", got)
	}
	if diff := cmp.Diff([]string{"f1", "f2"}, c.Members("sf2")); diff != "" {
		t.Errorf("members (-want +got):\n%s", diff)
	}
	if r2 := c.Repair(); len(r2.Merges)+len(r2.Splits) != 0 {
		t.Errorf("second Repair changed %+v, want nothing", r2)
	}
}

func TestRepairSplits(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Threshold = 1e-9     // everything sharing an index term joins
	cfg.SplitThreshold = 0.3 // "shared marker" alone does not hold a1 and b1 together
	cfg.MergeThreshold = 5
	c := New(cfg)
	docs := []Doc{
		{ID: "a1", Title: "Dunmore lighthouse keeper retires", Text: "The lighthouse keeper of Dunmore retires after forty winters. Shared marker."},
		{ID: "a2", Title: "Dunmore lighthouse to be automated", Text: "The Dunmore lighthouse will be automated when the keeper retires."},
		{ID: "a3", Title: "Last night of the Dunmore lighthouse keeper", Text: "Crowds watched the Dunmore keeper light the lighthouse lamp one last time."},
		{ID: "b1", Title: "Velling glassworks furnace relit", Text: "The Velling glassworks relit its furnace and glassblowers returned. Shared marker."},
		{ID: "b2", Title: "Glassblowers return to Velling", Text: "Glassblowers at the Velling glassworks said the furnace burns again."},
		{ID: "b3", Title: "Velling furnace saves glassworks jobs", Text: "Relighting the Velling furnace saved forty glassworks jobs, glassblowers said."},
	}
	for _, d := range docs {
		c.Add(d)
	}
	if got, _ := c.StoryOf("b3"); got != "sa1" {
		t.Fatalf("setup: b3 in %q, want everything in sa1", got)
	}
	r := c.Repair()
	want := []Split{{From: "sa1", Into: "sb1", Docs: []string{"b1", "b2", "b3"}}}
	if diff := cmp.Diff(want, r.Splits); diff != "" {
		t.Errorf("splits (-want +got):\n%s", diff)
	}
	for _, id := range []string{"a1", "a2", "a3"} {
		if got, _ := c.StoryOf(id); got != "sa1" {
			t.Errorf("%s in %q after split, want sa1", id, got)
		}
	}
}

// TestRestore replays a stream's stored outcome into a new clusterer and
// checks that both then decide the rest of the stream alike.
func TestRestore(t *testing.T) {
	g := newSynth(3, 500)
	var docs []Doc
	for i := 0; i < 2000; i++ {
		d, _ := g.next()
		docs = append(docs, d)
	}
	live := New(DefaultConfig())
	redirects := map[string]string{}
	for i, d := range docs[:1500] {
		live.Add(d)
		if i%500 == 499 {
			for from, into := range live.Repair().Redirects() {
				redirects[from] = into
			}
		}
	}
	restored := New(DefaultConfig())
	for _, d := range docs[:1500] {
		s, _ := live.StoryOf(d.ID)
		if err := restored.Restore(d, s); err != nil {
			t.Fatal(err)
		}
	}
	for from, into := range redirects {
		into, _ = live.Resolve(into)
		if err := restored.RestoreRedirect(from, into); err != nil {
			t.Fatal(err)
		}
	}
	diffs := 0
	for _, d := range docs[1500:] {
		a, b := live.Add(d), restored.Add(d)
		if a.Story != b.Story || a.Reason != b.Reason {
			diffs++
			if diffs <= 5 {
				t.Errorf("%s: live %s (%s), restored %s (%s)", d.ID, a.Story, a.Reason, b.Story, b.Reason)
			}
		}
	}
	if diffs > 0 {
		t.Errorf("%d of 500 decisions differ after Restore", diffs)
	}
	for from := range redirects {
		a, _ := live.Resolve(from)
		b, _ := restored.Resolve(from)
		if a != b {
			t.Errorf("Resolve(%s): live %s, restored %s", from, a, b)
		}
	}
}

// TestRepairNoBlob: on the synthetic stream, whose stories Add already
// separates, Repair must not grow one story out of many. Without
// MergeSizePenalty a story absorbed 6,000 articles of hundreds of
// stories by 20,000 arrivals (BCubed F1 0.82), each merge rebuilding it.
func TestRepairNoBlob(t *testing.T) {
	if testing.Short() {
		t.Skip("20,000 synthetic articles skipped with -short")
	}
	g := newSynth(2, 2000)
	c := New(DefaultConfig())
	var ids []string
	var gold []string
	for i := 1; i <= 20000; i++ {
		d, s := g.next()
		c.Add(d)
		ids, gold = append(ids, d.ID), append(gold, itoa(s))
		if i%5000 == 0 {
			c.Repair()
		}
	}
	pred := make([]string, len(ids))
	size := map[string]int{}
	for i, id := range ids {
		pred[i], _ = c.StoryOf(id)
		size[pred[i]]++
	}
	biggest := 0
	for _, n := range size {
		biggest = max(biggest, n)
	}
	f1 := bcubedF1(gold, pred)
	t.Logf("synthetic: BCubed F1 %.3f, %d stories, biggest %d articles", f1, len(size), biggest)
	if f1 < 0.95 || biggest > 1000 {
		t.Errorf("BCubed F1 %.3f (want >= 0.95), biggest story %d articles (want <= 1000)", f1, biggest)
	}
}

// bcubedF1 is the BCubed F1 of pred against gold (one label per item).
func bcubedF1(gold, pred []string) float64 {
	joint := map[[2]string]int{}
	gs, ps := map[string]int{}, map[string]int{}
	for i := range gold {
		joint[[2]string{gold[i], pred[i]}]++
		gs[gold[i]]++
		ps[pred[i]]++
	}
	var p, r float64
	for k, n := range joint {
		p += float64(n*n) / float64(ps[k[1]])
		r += float64(n*n) / float64(gs[k[0]])
	}
	p, r = p/float64(len(gold)), r/float64(len(gold))
	return 2 * p * r / (p + r)
}
