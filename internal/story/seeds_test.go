package story

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/entity"
)

// seedDocs reads the shared seed articles with publication dates read
// from their contents (the files carry none): 000 is written before the
// Geneva 2 talks of 22 January 2014, 001 after the February 2014 round
// collapsed with the war "in its fourth year", 003 and 004 on Kerry's
// Moscow visit of 15 December 2015, and 002 on the list of opposition
// groups Lavrov spoke of that week.
func seedDocs(t *testing.T) []Doc {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "seeds")
	files, _ := filepath.Glob(filepath.Join(dir, "00*.txt"))
	if len(files) < 5 {
		t.Skip("no seeds under ../shared")
	}
	dates := []string{"2014-01-10", "2014-11-26", "2015-12-16", "2015-12-15", "2015-12-15"}
	var docs []Doc
	for i, f := range files[:5] {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		day, _ := time.Parse(time.DateOnly, dates[i])
		id := filepath.Base(f)[:3]
		d := Doc{ID: id, Text: string(b), Published: day}
		for _, e := range entity.Find(id, d.Text) {
			d.Entities = append(d.Entities, e.Name)
		}
		docs = append(docs, d)
	}
	return docs
}

// TestSeeds: the two reports of Kerry's December 2015 Moscow visit are
// one story, the 2014 articles are not in it, and all five are one
// storyline about Russia, the United States and the Syrian talks.
func TestSeeds(t *testing.T) {
	docs := seedDocs(t)
	c := New(DefaultConfig())
	for _, d := range docs {
		dec := c.Add(d)
		t.Logf("%s → %s (%s) best %+v", d.ID, dec.Story, dec.Reason, dec.Best)
	}
	c.Repair()
	story := func(id string) string { s, _ := c.StoryOf(id); return s }
	if story("003") != story("004") {
		t.Errorf("003 in %s, 004 in %s; want one story", story("003"), story("004"))
	}
	for _, id := range []string{"000", "001"} {
		if story(id) == story("003") {
			t.Errorf("%s is in the story of 003 (%s); want another", id, story("003"))
		}
	}
	logLineScores(t, c)
	lines := c.Storylines()
	l, _ := StorylineOf(lines, story("000"))
	for _, d := range docs {
		if got, _ := StorylineOf(lines, story(d.ID)); got.ID != l.ID {
			t.Errorf("%s in storyline %s, want %s (lines %+v)", d.ID, got.ID, l.ID, lines)
		}
	}
}

// logLineScores prints the storyline score of every pair of stories.
func logLineScores(t *testing.T, c *Clusterer) {
	for i := range c.stories {
		for j := i + 1; j < len(c.stories); j++ {
			ti, ei := c.profile(int32(i))
			tj, ej := c.profile(int32(j))
			t.Logf("%s %s: terms %.3f entities %.3f score %.3f", c.stories[i].id, c.stories[j].id, ti.dot(tj), ei.dot(ej), c.lineScore(ti, ei, tj, ej))
		}
	}
}
