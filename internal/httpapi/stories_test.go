package httpapi

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

func TestStories(t *testing.T) {
	srv, as, st := newServerStore(t, 3)
	ctx := context.Background()
	member := func(a news.Article, story string) news.StoryMember {
		return news.StoryMember{Article: a.ID, Story: story, Reason: "joined", Why: []byte(`{"reason":"joined"}`)}
	}
	// Articles 0 and 1 form one story, 2 another that is then merged
	// into the first: its id must keep answering.
	err := st.PutStories(ctx, store.StoryBatch{Articles: []string{as[0].ID, as[1].ID, as[2].ID},
		Members: []news.StoryMember{member(as[0], "s-a"), member(as[1], "s-a"), member(as[2], "s-b")}})
	if err != nil {
		t.Fatal(err)
	}
	var list Stories
	get(t, srv.URL+"/api/v1/stories?sort=size", http.StatusOK, &list)
	if len(list.Stories) != 2 || list.Stories[0].ID != "s-a" || list.Stories[0].Articles != 2 {
		t.Errorf("stories by size = %+v, want s-a (2 articles) then s-b", list.Stories)
	}
	err = st.PutStories(ctx, store.StoryBatch{Members: []news.StoryMember{member(as[2], "s-a")},
		Redirects: map[string]string{"s-b": "s-a"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.PutStorylines(ctx, []news.Storyline{{ID: "l-a", Stories: []string{"s-a"}}}); err != nil {
		t.Fatal(err)
	}
	var d StoryDetail
	get(t, srv.URL+"/api/v1/stories/s-b", http.StatusOK, &d)
	if d.ID != "s-a" || d.Requested != "s-b" || len(d.Members) != 3 || d.Line == nil || d.Line.ID != "l-a" {
		t.Errorf("story s-b = %+v; want s-a with 3 members, requested s-b, storyline l-a", d)
	}
	get(t, srv.URL+"/api/v1/stories", http.StatusOK, &list)
	if len(list.Stories) != 1 {
		t.Errorf("stories after the merge = %+v, want one", list.Stories)
	}
	var lines Storylines
	get(t, srv.URL+"/api/v1/storylines?story=s-a", http.StatusOK, &lines)
	if len(lines.Storylines) != 1 || lines.Storylines[0].ID != "l-a" {
		t.Errorf("storylines of s-a = %+v", lines.Storylines)
	}
	var e ErrorBody
	get(t, srv.URL+"/api/v1/stories/s-none", http.StatusNotFound, &e)
	get(t, srv.URL+"/api/v1/stories?sort=oldest", http.StatusBadRequest, &e)
	get(t, srv.URL+"/api/v1/stories?min=-1", http.StatusBadRequest, &e)
	var qs Quotes
	get(t, srv.URL+"/api/v1/quotes?story=s-none", http.StatusNotFound, &e)
	get(t, srv.URL+"/api/v1/quotes?story=s-a", http.StatusOK, &qs)
}

// TestStoriesCursor: next_cursor walks every story once, in order.
func TestStoriesCursor(t *testing.T) {
	srv, as, st := newServerStore(t, 3)
	var b store.StoryBatch
	for i, a := range as {
		b.Articles = append(b.Articles, a.ID)
		b.Members = append(b.Members, news.StoryMember{Article: a.ID, Story: []string{"s-a", "s-b", "s-c"}[i], Reason: "started"})
	}
	if err := st.PutStories(context.Background(), b); err != nil {
		t.Fatal(err)
	}
	for _, sort := range []string{"latest", "size"} {
		var all Stories
		get(t, srv.URL+"/api/v1/stories?sort="+sort, http.StatusOK, &all)
		var walked []string
		url := srv.URL + "/api/v1/stories?limit=1&sort=" + sort
		for i := 0; i < 5; i++ {
			var page Stories
			get(t, url, http.StatusOK, &page)
			for _, s := range page.Stories {
				walked = append(walked, s.ID)
			}
			if page.NextCursor == "" {
				break
			}
			url = srv.URL + "/api/v1/stories?limit=1&sort=" + sort + "&cursor=" + page.NextCursor
		}
		var want []string
		for _, s := range all.Stories {
			want = append(want, s.ID)
		}
		if strings.Join(walked, ",") != strings.Join(want, ",") || len(want) != 3 {
			t.Errorf("%s: walked %v, want %v", sort, walked, want)
		}
	}
	var e ErrorBody
	get(t, srv.URL+"/api/v1/stories?cursor=nonsense", http.StatusBadRequest, &e)
}
