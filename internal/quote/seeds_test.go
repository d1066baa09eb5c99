package quote

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/dossier-news/dossier/internal/entity"
)

// seedText reads the seed article whose name starts with prefix, or
// skips the test when the seeds are absent.
func seedText(t *testing.T, prefix string) string {
	t.Helper()
	d := os.Getenv("DOSSIER_SHARED")
	if d == "" {
		d = filepath.Join("..", "..", "..", "shared")
	}
	files, _ := filepath.Glob(filepath.Join(d, "seeds", prefix+"_*.txt"))
	if len(files) == 0 {
		t.Skip("no ../shared/seeds")
	}
	b, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// seedNames turns the entities found in text into Names keyed by the
// entity's canonical name.
func seedNames(id, text string) []Name {
	var names []Name
	for _, e := range entity.Find(id, text) {
		for _, m := range e.Mentions {
			names = append(names, Name{Start: m.Span.Start, End: m.Span.End, Type: string(e.Type), Key: e.Name})
		}
	}
	sort.Slice(names, func(i, j int) bool { return names[i].Start < names[j].Start })
	return names
}

// normalise reduces a content to its lower-cased words, as a store
// would before hashing it.
func normalise(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

// seedQuote finds the attribution whose content holds words and its
// speaker.
func seedQuote(t *testing.T, prefix, words string) (Attribution, Speaker) {
	t.Helper()
	text := seedText(t, prefix)
	atts := Extract(text)
	sp := Resolve(text, atts, seedNames(prefix, text))
	for i, a := range atts {
		if strings.Contains(normalise(a.ContentText), normalise(words)) {
			return a, sp[i]
		}
	}
	for _, a := range atts {
		t.Logf("%s: source %q cue %q content %q", prefix, a.SourceText, a.CueText, a.ContentText)
	}
	t.Fatalf("%s: no attribution with content %q", prefix, words)
	return Attribution{}, Speaker{}
}

func TestSeedSpeakers(t *testing.T) {
	for _, c := range []struct {
		seed, words, typ, key string
		starts                string // the content's first words: nothing else is taken in before them
	}{
		{"001", "We share the view", "PER", "Lavrov", "We share the view"},
		{"001", "Russia will continue supporting Syria", "PER", "Lavrov", "We share the view"},
		{"004", "I look forward to making real progress", "PER", "Kerry", "I look forward"},
		{"000", "The Russian representatives stressed the importance", "ORG", "", "The Russian representatives"},
		{"003", "We don’t have a full meeting of the minds", Anonymous, "", "We don’t have"},
		{"004", "We don’t have a full meeting of the minds", Anonymous, "", "We don’t have"},
	} {
		a, sp := seedQuote(t, c.seed, c.words)
		t.Logf("%s: source %q cue %q kind %s → %+v\n  content %q", c.seed, a.SourceText, a.CueText, a.Kind, sp, a.ContentText)
		if sp.Type != c.typ || !strings.Contains(sp.Key, c.key) {
			t.Errorf("%s %q: speaker %+v (source %q), want type %s, key with %q", c.seed, c.words, sp, a.SourceText, c.typ, c.key)
		}
		if !strings.HasPrefix(normalise(a.ContentText), normalise(c.starts)) {
			t.Errorf("%s %q: content %q, want it to start with %q", c.seed, c.words, a.ContentText, c.starts)
		}
	}
}

// TestSeedSharedQuote checks that the State Department official's
// quotation, carried by two outlets with different punctuation and
// broken by its source in one of them, gives the same words in both.
func TestSeedSharedQuote(t *testing.T) {
	a3, _ := seedQuote(t, "003", "We don’t have a full meeting of the minds")
	a4, _ := seedQuote(t, "004", "We don’t have a full meeting of the minds")
	if n3, n4 := normalise(a3.ContentText), normalise(a4.ContentText); n3 != n4 {
		t.Errorf("content differs:\n003 %q\n004 %q", n3, n4)
	}
}
