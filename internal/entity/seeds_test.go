package entity

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seedsDir is ../shared/seeds from the module root ($DOSSIER_SHARED
// overrides the shared directory).
func seedsDir() string {
	d := os.Getenv("DOSSIER_SHARED")
	if d == "" {
		d = filepath.Join("..", "..", "..", "shared")
	}
	return filepath.Join(d, "seeds")
}

// TestSeeds runs recognition and resolution over the five seed articles
// and checks the people and places every story about them turns on.
func TestSeeds(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(seedsDir(), "*.txt"))
	if len(files) == 0 {
		t.Skip("no ../shared/seeds")
	}
	var arts []Article
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		arts = append(arts, Article{ID: filepath.Base(f), Text: text, Mentions: Recognize(text)})
	}
	ents := Resolve(arts...)
	// find returns the entities whose name or an alias contains word.
	find := func(word string) []Entity {
		var out []Entity
		for _, e := range ents {
			for _, n := range append([]string{e.Name}, e.Aliases...) {
				if strings.Contains(n, word) {
					out = append(out, e)
					break
				}
			}
		}
		return out
	}
	one := []struct {
		word, name string
		typ        Type
	}{
		{"Lavrov", "Sergei Lavrov", Person},
		{"Assad", "Bashar al-Assad", Person},
		{"Kerry", "John Kerry", Person},
		{"Putin", "Vladimir Putin", Person},
		{"Russia", "Russia", Location},
		{"Russian Federation", "Russia", Location},
		{"United States", "United States", Location},
	}
	for _, c := range one {
		got := find(c.word)
		if len(got) != 1 {
			var names []string
			for _, e := range got {
				names = append(names, e.Name+"/"+string(e.Type))
			}
			t.Errorf("%q: %d entities %v, want one", c.word, len(got), names)
			continue
		}
		if got[0].Name != c.name || got[0].Type != c.typ {
			t.Errorf("%q: entity %q (%s), want %q (%s)", c.word, got[0].Name, got[0].Type, c.name, c.typ)
		}
	}
	for _, p := range []string{"Sherman", "Bogdanov", "Gatilov", "Moualem", "Bondarev", "Jafari"} {
		ok := false
		for _, e := range find(p) {
			ok = ok || e.Type == Person
		}
		if !ok {
			t.Errorf("%s not found as a person", p)
		}
	}
	if testing.Verbose() {
		for _, e := range ents[:min(25, len(ents))] {
			t.Logf("%-4s %-22s articles %d mentions %d demonyms %d aliases %q roles %q",
				e.Type, e.Name, e.Articles, len(e.Mentions), len(e.Demonyms), e.Aliases, e.Roles)
		}
	}
}
