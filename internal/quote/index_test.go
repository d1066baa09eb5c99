package quote

import "testing"

func TestIndexMatch(t *testing.T) {
	ix := NewIndex()
	long := "We don't have a full agreement on the harbour yet [on the dredging]. We will talk about the details of a timetable in the hope of narrowing the gap."
	ix.Add("q-long", long)
	ix.Add("q-other", "The ferries will run on the winter timetable from the first of November onwards.")
	ix.Add("q-short", "the plan")
	tests := []struct {
		name    string
		content string
		want    string // "" for no match
	}{
		{"verbatim copy", long, "q-long"},
		{"curly apostrophe, other brackets", "We don’t have a full agreement on the harbour yet (on the dredging).", "q-long"},
		{"second half, split off", "We will talk about the details of a timetable in the hope of narrowing the gap.", "q-long"},
		{"different statement", "The harbour master said the dredging would start in spring with two barges.", ""},
		{"short contents never match", "the plan", ""},
		{"other quote, trimmed", "the ferries will run on the winter timetable", "q-other"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ix.Match(tt.content)
			if got != tt.want || ok != (tt.want != "") {
				t.Errorf("Match(%q) = %q, %v; want %q", tt.content, got, ok, tt.want)
			}
		})
	}
	if ix.Len() != 2 {
		t.Errorf("Len = %d, want 2 (the short content is not indexed)", ix.Len())
	}
}
