package entity

import (
	"slices"
	"testing"
)

func TestBILOURoundTrip(t *testing.T) {
	for _, labels := range [][]string{
		{"B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-LOC", "I-LOC", "O", "B-MISC"},
		{"O", "O"},
		{"B-ORG"},
		{"B-ORG", "I-ORG", "B-ORG", "I-ORG", "I-ORG"},
	} {
		spans := spansFromIOB(labels)
		tags := bilouFromSpans(len(labels), spans)
		if got := iobLabels(len(labels), spansFromBILOU(tags)); !slices.Equal(got, labels) {
			t.Errorf("round trip of %v gave %v", labels, got)
		}
	}
}

func TestSpansFromIOBLenient(t *testing.T) {
	// IOB1 and stray I- labels, read as conlleval does.
	got := spansFromIOB([]string{"I-PER", "I-PER", "O", "I-LOC", "I-ORG"})
	want := []span{{0, 2, 0}, {3, 4, 2}, {4, 5, 1}}
	if !slices.Equal(got, want) {
		t.Errorf("spansFromIOB = %v, want %v", got, want)
	}
}

func TestSpansFromBILOULenient(t *testing.T) {
	per := func(pos int) int { return tagOf(0, pos) }
	loc := func(pos int) int { return tagOf(2, pos) }
	for _, c := range []struct {
		tags []int
		want []span
	}{
		// A B- left open ends before O.
		{[]int{per(posB), tagO, loc(posU)}, []span{{0, 1, 0}, {2, 3, 2}}},
		// An L- with no B- is a name of its own.
		{[]int{tagO, loc(posL)}, []span{{1, 2, 2}}},
		// A change of class closes the open name.
		{[]int{per(posB), loc(posI), loc(posL)}, []span{{0, 1, 0}, {1, 3, 2}}},
		// Open at the end of the sentence.
		{[]int{per(posB), per(posI)}, []span{{0, 2, 0}}},
	} {
		if got := spansFromBILOU(c.tags); !slices.Equal(got, c.want) {
			t.Errorf("spansFromBILOU(%v) = %v, want %v", c.tags, got, c.want)
		}
	}
}
