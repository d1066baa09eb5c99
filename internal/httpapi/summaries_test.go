package httpapi

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// TestStorySummary: the summary and timeline routes answer with
// sentences whose citations point at member articles and at the very
// bytes of the sentence in each.
func TestStorySummary(t *testing.T) {
	srv, as, st := newServerStore(t, 3)
	ctx := context.Background()
	text := map[string]string{}
	var members []news.StoryMember
	var ids []string
	for _, a := range as {
		text[a.ID] = a.Text
		ids = append(ids, a.ID)
		members = append(members, news.StoryMember{Article: a.ID, Story: "s-a", Reason: "joined"})
	}
	if err := st.PutStories(ctx, store.StoryBatch{Articles: ids, Members: members}); err != nil {
		t.Fatal(err)
	}
	if err := st.PutStorylines(ctx, []news.Storyline{{ID: "l-a", Stories: []string{"s-a"}}}); err != nil {
		t.Fatal(err)
	}
	checkCited := func(what string, ss []news.SummarySentence) {
		t.Helper()
		for _, s := range ss {
			if len(s.Citations) == 0 {
				t.Errorf("%s: sentence %q cites nothing", what, s.Text)
			}
			for _, c := range s.Citations {
				body, ok := text[c.Article]
				if !ok {
					t.Errorf("%s: %q cites %s, not a member", what, s.Text, c.Article)
					continue
				}
				if got := strings.Join(strings.Fields(body[c.Span.Start:c.Span.End]), " "); got != s.Text {
					t.Errorf("%s: citation span of %s reads %q, want %q", what, c.Article, got, s.Text)
				}
			}
		}
	}
	var sum news.Summary
	get(t, srv.URL+"/api/v1/stories/s-a/summary?words=15", http.StatusOK, &sum)
	if sum.Story != "s-a" || sum.Articles != 3 || len(sum.Sentences) == 0 || sum.Words < 15 {
		t.Errorf("summary = %+v; want story s-a from 3 articles, at least 15 words", sum)
	}
	checkCited("summary", sum.Sentences)

	var tl news.Timeline
	get(t, srv.URL+"/api/v1/stories/s-a/timeline?per_date=1", http.StatusOK, &tl)
	if tl.Story != "s-a" || len(tl.Entries) == 0 {
		t.Errorf("timeline = %+v; want dated entries of s-a", tl)
	}
	for _, e := range tl.Entries {
		if len(e.Sentences) != 1 {
			t.Errorf("timeline %s: %d sentences, want 1 (per_date=1)", e.Date, len(e.Sentences))
		}
		checkCited("timeline", e.Sentences)
	}
	get(t, srv.URL+"/api/v1/storylines/l-a/timeline", http.StatusOK, &tl)
	if tl.Storyline != "l-a" || len(tl.Entries) == 0 {
		t.Errorf("storyline timeline = %+v; want entries of l-a", tl)
	}

	var e ErrorBody
	get(t, srv.URL+"/api/v1/stories/s-none/summary", http.StatusNotFound, &e)
	get(t, srv.URL+"/api/v1/storylines/l-none/timeline", http.StatusNotFound, &e)
	get(t, srv.URL+"/api/v1/stories/s-a/summary?words=5", http.StatusBadRequest, &e)
	get(t, srv.URL+"/api/v1/stories/s-a/timeline?per_date=4", http.StatusBadRequest, &e)
}
