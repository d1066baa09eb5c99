package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// TestSeedTimes ingests seed 004 as a user would (plain text, with the
// publication date given on the command line) and checks that its
// relative dates are stored resolved against that date.
func TestSeedTimes(t *testing.T) {
	file := filepath.Join("..", "..", "..", "shared", "seeds", "004_3c4670c9a2580622.txt")
	if _, err := os.Stat(file); err != nil {
		t.Skip("../shared/seeds not present")
	}
	st := openStore(t)
	day := time.Date(2015, 12, 15, 0, 0, 0, 0, time.UTC)
	if _, err := Run(context.Background(), st, []string{file}, Config{Published: day}, nil); err != nil {
		t.Fatal(err)
	}
	as := allArticles(t, st)
	if len(as) != 1 {
		t.Fatalf("stored %d articles, want 1", len(as))
	}
	xs, err := st.TimeExpressions(context.Background(), as[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	values := map[string][]string{} // expression text (lower case) → values
	for _, x := range xs {
		k := strings.ToLower(x.Text)
		values[k] = append(values[k], x.Value)
		if as[0].Text[x.Span.Start:x.Span.End] != x.Text {
			t.Errorf("expression %q: span %v holds %q", x.Text, x.Span, as[0].Text[x.Span.Start:x.Span.End])
		}
		if x.Sentence.Start > x.Span.Start || x.Sentence.End < x.Span.End {
			t.Errorf("expression %q at %v outside its sentence %v", x.Text, x.Span, x.Sentence)
		}
	}
	for _, c := range []struct{ text, value string }{
		{"tuesday", "2015-12-15"},
		{"friday", "2015-12-18"},
		{"monday", "2015-12-14"},
		{"nov. 24", "2015-11-24"},
		{"jan. 1", "2016-01-01"},
		{"last week", "2015-W50"},
	} {
		found := false
		for k, vs := range values {
			if strings.Contains(k, c.text) {
				for _, v := range vs {
					found = found || v == c.value
				}
			}
		}
		if !found {
			t.Errorf("no expression with %q resolved to %s; have %v", c.text, c.value, values)
		}
	}
}

// TestInferredPublished checks that a text without a publication date
// takes the latest full date it mentions, marked as inferred, and that
// its relative dates resolve against it.
func TestInferredPublished(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "undated.txt"), []byte("Ferry timetable changes\n\n"+
		"The ferry company said on March 3, 2026 that it would add a late crossing. "+
		"Its board had approved the change on February 20, 2026, and the first late boat sails on Friday.\n"))
	st := openStore(t)
	if _, err := Run(context.Background(), st, []string{dir}, Config{}, nil); err != nil {
		t.Fatal(err)
	}
	as := allArticles(t, st)
	if len(as) != 1 {
		t.Fatalf("stored %d articles", len(as))
	}
	a := as[0]
	if want := time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC); !a.Published.Equal(want) || !a.PublishedInferred {
		t.Errorf("published %v inferred %v, want %v inferred", a.Published, a.PublishedInferred, want)
	}
	xs, err := st.TimeExpressions(context.Background(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	var dates []string
	for _, x := range xs {
		if x.Type == news.TimeDate {
			dates = append(dates, x.Value)
		}
	}
	if len(dates) < 2 || dates[0] != "2026-03-03" || dates[1] != "2026-02-20" {
		t.Errorf("dates %v, want 2026-03-03 and 2026-02-20 first", dates)
	}
}
