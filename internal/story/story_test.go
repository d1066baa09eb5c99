package story

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// Invented articles about invented events.
var (
	ferryA = Doc{ID: "f1", Title: "Ferry Quillon runs aground off Marrow Point", Published: day("2031-05-02"),
		Text:     "The ferry Quillon ran aground off Marrow Point on Friday with 212 passengers aboard. Coastguard crews from Tarnby towed the ferry free at high tide.",
		Entities: []string{"Quillon", "Marrow Point", "Tarnby"}}
	ferryB = Doc{ID: "f2", Title: "Quillon ferry grounding: passengers describe jolt off Marrow Point", Published: day("2031-05-03"),
		Text:     "Passengers of the ferry Quillon said the grounding off Marrow Point came without warning. The coastguard at Tarnby said the ferry was towed free at high tide.",
		Entities: []string{"Quillon", "Marrow Point", "Tarnby"}}
	orchard = Doc{ID: "o1", Title: "Frost ruins plum orchards across the Venn valley", Published: day("2031-05-02"),
		Text:     "Late frost destroyed most of the plum blossom in the Venn valley, growers said, and the harvest will be the smallest in twenty seasons.",
		Entities: []string{"Venn"}}
	ferryLate = Doc{ID: "f9", Title: ferryB.Title, Text: ferryB.Text, Entities: ferryB.Entities, Published: day("2031-09-20")}
)

func TestAdd(t *testing.T) {
	tests := []struct {
		name       string
		docs       []Doc
		wantStory  []string
		wantReason []Reason
	}{
		{"same event joins", []Doc{ferryA, ferryB}, []string{"sf1", "sf1"}, []Reason{Started, Joined}},
		{"other event starts", []Doc{ferryA, orchard}, []string{"sf1", "so1"}, []Reason{Started, Started}},
		{"months later starts", []Doc{ferryA, ferryLate}, []string{"sf1", "sf9"}, []Reason{Started, Started}},
		{"copy follows origin", []Doc{ferryA, orchard, {ID: "c1", Text: "anything", CopyOf: "o1"}},
			[]string{"sf1", "so1", "so1"}, []Reason{Started, Started, Copied}},
		{"unknown origin is scored", []Doc{ferryA, {ID: "c2", Title: ferryB.Title, Text: ferryB.Text, CopyOf: "zz"}},
			[]string{"sf1", "sf1"}, []Reason{Started, Joined}},
		{"same id repeats", []Doc{ferryA, ferryA}, []string{"sf1", "sf1"}, []Reason{Started, Known}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := New(DefaultConfig())
			var gotS []string
			var gotR []Reason
			for _, d := range tt.docs {
				dec := c.Add(d)
				gotS, gotR = append(gotS, dec.Story), append(gotR, dec.Reason)
			}
			if diff := cmp.Diff(tt.wantStory, gotS); diff != "" {
				t.Errorf("stories (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantReason, gotR); diff != "" {
				t.Errorf("reasons (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecisionExplains(t *testing.T) {
	c := New(DefaultConfig())
	c.Add(ferryA)
	c.Add(orchard)
	d := c.Add(ferryB)
	if d.Best == nil || d.Best.Story != "sf1" {
		t.Fatalf("best = %+v, want story sf1", d.Best)
	}
	b := d.Best
	if b.Text <= 0 || b.Entities != 1 || b.Time != 1 || b.GapDays != 1 {
		t.Errorf("components text %.3f entities %.3f time %.2f gap %.1f; want text > 0, entities 1, time 1, gap 1", b.Text, b.Entities, b.Time, b.GapDays)
	}
	if diff := cmp.Diff([]string{"Marrow Point", "Quillon", "Tarnby"}, b.SharedEntities); diff != "" {
		t.Errorf("shared entities (-want +got):\n%s", diff)
	}
	if len(b.SharedTerms) == 0 {
		t.Errorf("no shared terms")
	}
	if d.Threshold != DefaultConfig().Threshold {
		t.Errorf("threshold %v, want %v", d.Threshold, DefaultConfig().Threshold)
	}
}

func TestTimeFactor(t *testing.T) {
	c := New(DefaultConfig())
	st := &storyState{first: dayOf(day("2031-05-10")), last: dayOf(day("2031-05-12")), events: map[int32]int32{dayOf(day("2031-04-01")): 1}}
	tests := []struct {
		name    string
		day     string
		events  []string
		wantF   float64
		wantGap float64
	}{
		{"inside", "2031-05-11", nil, 1, 0},
		{"within grace", "2031-05-19", nil, 1, 7},
		{"decays", "2031-05-29", nil, 0.367879, 17},
		{"event day matches", "2031-06-30", []string{"2031-04-01"}, 0.9, 49},
		{"undated", "", nil, 1, -1},
	}
	for _, tt := range tests {
		d := int32(noDay)
		if tt.day != "" {
			d = dayOf(day(tt.day))
		}
		var ev []int32
		for _, e := range tt.events {
			ev = append(ev, dayOf(day(e)))
		}
		f, gap := c.timeFactor(d, ev, st)
		if diff := f - tt.wantF; diff > 1e-5 || diff < -1e-5 || gap != tt.wantGap {
			t.Errorf("%s: got factor %.6f gap %v, want %.6f %v", tt.name, f, gap, tt.wantF, tt.wantGap)
		}
	}
}

func TestTerms(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"The ferries said: talks!", []string{"ferry", "talk"}},
		{"Kerry's 2015 visit was in Moscow", []string{"kerry", "visit", "moscow"}},
		{"Glass crisis, bus", []string{"glass", "crisis", "bus"}},
	}
	for _, tt := range tests {
		a := analyser{counts: map[uint32]float64{}, pos: map[uint32]termPos{}}
		a.scan(tt.in, 1, false)
		want := map[uint32]float64{}
		for _, w := range tt.want {
			want[termHash([]byte(w))]++
		}
		if diff := cmp.Diff(want, a.counts); diff != "" {
			t.Errorf("scan(%q) terms (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestFreshIDNeverReused(t *testing.T) {
	c := New(DefaultConfig())
	c.Retire("sx")
	c.Add(Doc{ID: "x", Title: "Lantern festival opens in Orrin", Published: day("2031-01-01")})
	if got, _ := c.StoryOf("x"); got != "sx~2" {
		t.Errorf("story of x = %q, want sx~2 (sx is retired)", got)
	}
}

func TestValidate(t *testing.T) {
	bad := DefaultConfig()
	bad.Threshold = 0
	if bad.Validate() == nil {
		t.Error("Validate accepted Threshold 0")
	}
	if err := DefaultConfig().Validate(); err != nil {
		t.Errorf("DefaultConfig invalid: %v", err)
	}
}

// Two headlines sharing one strong word ("Zephyr") are not each other's
// nearest member unless NearMinShared allows a single shared term: a
// coincidence of one word should not carry a short article into a story.
func TestNearestNeedsSharedTerms(t *testing.T) {
	a := Doc{ID: "h1", Title: "Zephyr console sales double in spring", Published: day("2031-05-02")}
	b := Doc{ID: "h2", Title: "Zephyr racing game delayed until autumn", Published: day("2031-05-02")}
	for _, tc := range []struct {
		min      int
		wantNear bool
	}{{1, true}, {5, false}} {
		cfg := DefaultConfig()
		cfg.NearMinShared = tc.min
		c := New(cfg)
		c.Add(a)
		d := c.Add(b)
		if d.Best == nil {
			t.Fatalf("NearMinShared %d: no candidate for %s", tc.min, b.ID)
		}
		if got := d.Best.Nearest > 0; got != tc.wantNear {
			t.Errorf("NearMinShared %d: nearest %.3f, want nearest > 0 = %v", tc.min, d.Best.Nearest, tc.wantNear)
		}
	}
}

// TestEntitiesNeedWords: two headlines that share only an entity stay
// apart, online and in Repair, unless EntityMinText is off.
func TestEntitiesNeedWords(t *testing.T) {
	a := Doc{ID: "e1", Title: "Harbor coin exchange files for bankruptcy after theft", Published: day("2031-05-02"), Entities: []string{"Arcadia"},
		Text: "The exchange lost its customers' coins to thieves and asked a court for protection from creditors, a record filing."}
	b := Doc{ID: "e2", Title: "Commuters crowd trams in record numbers", Published: day("2031-05-02"), Entities: []string{"Arcadia"},
		Text: "Tram ridership rose for the fifth straight season as fares fell and new lines opened across the valley."}
	for _, tc := range []struct {
		min        float64
		threshold  float64
		wantJoined bool
	}{
		{0, 0.3, true}, {0.1, 0.3, false}, // online
		{0, 5, true}, {0.1, 5, false}, // nothing joins online: Repair decides
	} {
		cfg := DefaultConfig()
		cfg.EntityMinText = tc.min
		cfg.Threshold = tc.threshold
		c := New(cfg)
		c.Add(a)
		d := c.Add(b)
		if d.Best == nil {
			t.Fatalf("EntityMinText %v: %s had no candidate", tc.min, b.ID)
		}
		if d.Best.EntitiesIgnored != (tc.min > 0) {
			t.Errorf("EntityMinText %v: EntitiesIgnored %v, want %v", tc.min, d.Best.EntitiesIgnored, tc.min > 0)
		}
		if tc.threshold > 1 {
			c.Repair()
		}
		sa, _ := c.StoryOf(a.ID)
		sb, _ := c.StoryOf(b.ID)
		if got := sa == sb; got != tc.wantJoined {
			t.Errorf("EntityMinText %v, Threshold %v: stories %s and %s, want together = %v", tc.min, tc.threshold, sa, sb, tc.wantJoined)
		}
	}
}
