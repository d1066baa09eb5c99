package store

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/news"
)

func TestParseQuery(t *testing.T) {
	tests := []struct {
		in   string
		want Query
	}{
		{"ferry", Query{Groups: []Group{{{"ferry"}}}}},
		{"Ferry STRIKE", Query{Groups: []Group{{{"ferry"}}, {{"strike"}}}}},
		{`"port authority" fine`, Query{Groups: []Group{{{"port", "authority"}}, {{"fine"}}}}},
		{"ferry OR bus OR tram strike", Query{Groups: []Group{{{"ferry"}, {"bus"}, {"tram"}}, {{"strike"}}}}},
		{"ferry -strike", Query{Groups: []Group{{{"ferry"}}}, Excluded: []Term{{"strike"}}}},
		{`ferry -"night shift"`, Query{Groups: []Group{{{"ferry"}}}, Excluded: []Term{{"night", "shift"}}}},
		{"covid-19 rules", Query{Groups: []Group{{{"covid"}}, {{"19"}}, {{"rules"}}}}},
		{"OR ferry", Query{Groups: []Group{{{"ferry"}}}}},
		{`café "unterminated phrase`, Query{Groups: []Group{{{"café"}}, {{"unterminated", "phrase"}}}}},
		{"a-b", Query{Groups: []Group{{{"a"}}, {{"b"}}}}},
	}
	for _, tt := range tests {
		got, err := ParseQuery(tt.in)
		if err != nil {
			t.Errorf("ParseQuery(%q): %v", tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("ParseQuery(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
	for _, bad := range []string{"", "  ", "-only", "OR", `""`, "*?!"} {
		if _, err := ParseQuery(bad); !errors.Is(err, news.ErrInvalid) {
			t.Errorf("ParseQuery(%q) error = %v, want news.ErrInvalid", bad, err)
		}
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"ferry", `"a b" OR c -d`, `-"`, "OR OR x", "ü-ß"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := ParseQuery(s)
		if err != nil {
			if !errors.Is(err, news.ErrInvalid) {
				t.Fatalf("ParseQuery(%q) error %v is not ErrInvalid", s, err)
			}
			return
		}
		if len(q.Groups) == 0 {
			t.Fatalf("ParseQuery(%q) succeeded with no groups", s)
		}
		n := 0
		for _, g := range q.Groups {
			for _, term := range g {
				for _, w := range term {
					n++
					// Words are what backends quote: they must never carry
					// quote characters or spaces.
					for _, r := range w {
						if r == '"' || r == ' ' || r == '\'' || r == '*' {
							t.Fatalf("word %q from %q contains syntax", w, s)
						}
					}
				}
			}
		}
		if n > maxQueryTerms {
			t.Fatalf("%d terms exceeds the cap", n)
		}
	})
}

func TestCursors(t *testing.T) {
	c := KeysetCursor(mustTime("2026-03-02T10:00:00Z"), "abc")
	tm, id, err := ParseKeysetCursor(c)
	if err != nil || id != "abc" || !tm.Equal(mustTime("2026-03-02T10:00:00Z")) {
		t.Errorf("keyset round trip = %v, %q, %v", tm, id, err)
	}
	off, err := ParseOffsetCursor(OffsetCursor(40))
	if err != nil || off != 40 {
		t.Errorf("offset round trip = %d, %v", off, err)
	}
	if _, err := ParseOffsetCursor(c); !errors.Is(err, news.ErrInvalid) {
		t.Errorf("keyset cursor accepted as offset cursor: %v", err)
	}
}
