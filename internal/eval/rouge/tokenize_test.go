package rouge

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestCleanText(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{"  Hello,   world!  ", "Hello world"},
		{"well-known", "well - known"},
		{"a--b", "a - - b"},
		{"-lead", "- lead"},
		{"café 3.5%", "caf 3 5"}, // bytes: é is two non-alphanumeric bytes
		{"tab\there\nnew", "tab here new"},
	}
	for _, c := range cases {
		if got := cleanText(c.in); got != c.want {
			t.Errorf("cleanText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestPerlSplit(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"   ", nil},
		{"a b", []string{"a", "b"}},
		{" a  b ", []string{"", "a", "b"}}, // Perl keeps a leading empty field
		{"a\tb\n", []string{"a", "b"}},
	}
	for _, c := range cases {
		if diff := cmp.Diff(c.want, perlSplit(c.in), cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("perlSplit(%q) (-want +got):\n%s", c.in, diff)
		}
	}
}

func TestReadTextLimits(t *testing.T) {
	lines := []string{"one two three", "four five", "six seven eight"}
	cases := []struct {
		name         string
		words, bytes int
		want         string
		wantLCS      []string
	}{
		{"no limit", 0, 0, "one two three four five six seven eight",
			[]string{"one two three", "four five", "six seven eight"}},
		{"words inside a line", 4, 0, "one two three four",
			[]string{"one two three", "four"}},
		{"words at a line end", 5, 0, "one two three four five",
			[]string{"one two three", "four five"}},
		// readText counts sentence bytes without the joining spaces.
		{"bytes cut", 0, 20, "one two three four fi",
			// readText_LCS never advances its running length: every line
			// shorter than the limit is kept whole.
			[]string{"one two three", "four five", "six seven eight"}},
		{"bytes cut in first line", 0, 5, "one t", []string{"one t"}},
	}
	for _, c := range cases {
		if got := readText(lines, c.words, c.bytes); got != c.want {
			t.Errorf("%s: readText = %q, want %q", c.name, got, c.want)
		}
		if diff := cmp.Diff(c.wantLCS, readTextLCS(lines, c.words, c.bytes)); diff != "" {
			t.Errorf("%s: readTextLCS (-want +got):\n%s", c.name, diff)
		}
	}
}

func TestSPLLines(t *testing.T) {
	got := splLines([]string{"First LINE", "", "two\nLines", "Ünïcode"})
	want := []string{"first line", "two", "lines", "Ünïcode"} // A-Z only, as tr/A-Z/a-z/
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("splLines (-want +got):\n%s", diff)
	}
}

func TestFilterTokens(t *testing.T) {
	lex := &Lexicon{
		Exceptions: map[string]string{"went": "go"},
		Stopwords:  map[string]bool{"the": true, "news": true},
	}
	text := "the news went - running 42 cats"
	cases := []struct {
		name string
		o    Options
		want []string
	}{
		{"plain drops hyphen tokens", Options{}, []string{"the", "news", "went", "running", "42", "cats"}},
		{"stem", Options{Stem: true}, []string{"the", "new", "go", "run", "42", "cat"}},
		{"stopwords before stemming", Options{Stem: true, Stopwords: true}, []string{"go", "run", "42", "cat"}},
	}
	for _, c := range cases {
		e := &evaluator{o: c.o, lex: lex}
		if diff := cmp.Diff(c.want, e.filterTokens(text)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", c.name, diff)
		}
	}
}
