package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/story"
)

// TestPrintWhy: the explanation of a placement gives the best
// candidate's components, and says when its entities were not counted.
func TestPrintWhy(t *testing.T) {
	for _, ignored := range []bool{false, true} {
		d := story.Decision{Doc: "a2", Story: "sa1", Reason: story.Joined, Threshold: 0.3, Considered: 1,
			Best: &story.Candidate{Story: "sa1", Score: 0.42, Text: 0.42, Entities: 0.5, EntitiesIgnored: ignored, Time: 1, Size: 3,
				SharedTerms: []string{"ferry"}, SharedEntities: []string{"e1"}}}
		why, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		printWhy(&b, news.StoryMember{Reason: string(story.Joined), Why: why}, func(id string) string { return "Name of " + id })
		out := b.String()
		for _, want := range []string{"joined: score 0.420 ≥ threshold 0.300", "text 0.420", "entities 0.500", "ferry", "Name of e1"} {
			if !strings.Contains(out, want) {
				t.Errorf("ignored=%v: output lacks %q:\n%s", ignored, want, out)
			}
		}
		if got := strings.Contains(out, "not counted"); got != ignored {
			t.Errorf("ignored=%v: says \"not counted\" = %v:\n%s", ignored, got, out)
		}
	}
}
