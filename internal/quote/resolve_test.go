package quote

import (
	"strings"
	"testing"
)

func TestResolve(t *testing.T) {
	// One invented article; each case names a source by its text and the
	// speaker it should resolve to.
	text := "Foreign Minister Ana Lindqvist met Tomas Berg of the Nordvik Ferry Company on Monday. " +
		"Lindqvist said the talks went well. She said more talks would follow. " +
		"The minister said a deal was close. A senior ministry official said nothing was signed. " +
		"Officials said the price was high. The Nordvik Ferry Company said it was hopeful. " +
		"The transport ministry said it would publish the plan. Norway said it welcomed the talks. " +
		"He said he was tired."
	names := []Name{
		{Type: "PER", Key: "Ana Lindqvist"}, {Type: "PER", Key: "Tomas Berg"}, {Type: "ORG", Key: "Nordvik Ferry Company"},
		{Type: "PER", Key: "Ana Lindqvist"}, {Type: "ORG", Key: "Nordvik Ferry Company"}, {Type: "LOC", Key: "Norway"},
	}
	forms := []string{"Ana Lindqvist", "Tomas Berg", "Nordvik Ferry Company", "Lindqvist said", "Nordvik Ferry Company said", "Norway"}
	from := 0
	for k, f := range forms {
		i := strings.Index(text[from:], f) + from
		names[k].Start, names[k].End = i, i+len(strings.TrimSuffix(f, " said"))
		from = names[k].End
	}
	cases := []struct {
		source   string
		typ, key string
	}{
		{"Lindqvist", "PER", "Ana Lindqvist"},
		{"She", "PER", "Ana Lindqvist"},
		{"The minister", "PER", "Ana Lindqvist"},
		{"A senior ministry official", Anonymous, ""},
		{"Officials", Anonymous, ""},
		{"The Nordvik Ferry Company", "ORG", "Nordvik Ferry Company"},
		{"The transport ministry", "ORG", ""},
		{"Norway", "LOC", "Norway"},
		{"He", "PER", "Ana Lindqvist"}, // the previous person speaking: no gender is known
	}
	var atts []Attribution
	from = 0
	for _, c := range cases {
		i := strings.Index(text[from:], c.source+" said") + from
		atts = append(atts, Attribution{Source: Span{i, i + len(c.source)}})
		from = i + len(c.source)
	}
	got := Resolve(text, atts, names)
	for k, c := range cases {
		if got[k].Type != c.typ || got[k].Key != c.key || got[k].Text != c.source {
			t.Errorf("%q: got %+v, want type %q key %q", c.source, got[k], c.typ, c.key)
		}
	}
	if sp := Resolve(text, []Attribution{{}}, names)[0]; sp != (Speaker{}) {
		t.Errorf("no source: got %+v, want the zero Speaker", sp)
	}
}
