package httpapi

import (
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestFeeds: a story's, an entity's and a search's Atom feeds list the
// posted articles newest first with absolute links.
func TestFeeds(t *testing.T) {
	srv, token := writeServer(t, Options{})
	var story string
	for i, day := range []string{"2026-05-04T09:00:00Z", "2026-05-05T09:00:00Z"} {
		body := strings.Replace(strings.Replace(postedArticle, "2026-05-04T09:00:00Z", day, 1), "wire.example/ferry", "wire.example/ferry-"+day[:10], 1)
		if i == 1 {
			// A follow-up in its own words, not a copy (a copy would be
			// folded into the first in searches).
			body = `{"url":"https://wire.example/ferry-inspected","title":"Ferry refloated off Kellmoor","source":"Valdren Wire","published":"` + day + `",` +
				`"text":"Inspectors from the maritime safety board examined the hull of the ferry Amber Gannet on Tuesday, a day after it ran aground outside Kellmoor Harbour.\n\n` +
				`The board said the ferry would stay out of service until its hull and steering gear had been checked, and the operator Brightwater Lines chartered a smaller vessel for the Kellmoor route."}`
		}
		code, _, out := do(t, http.MethodPost, srv.URL+"/api/v1/articles", token, "application/json", body)
		if code != http.StatusCreated {
			t.Fatalf("post %d: %d %s", i, code, out)
		}
		var o PostedArticle
		_ = json.Unmarshal([]byte(out), &o)
		if story == "" {
			story = o.Story
		} else if o.Story != story {
			t.Fatalf("the follow-up joined story %s, not %s", o.Story, story)
		}
	}
	var ents Entities
	get(t, srv.URL+"/api/v1/entities?name="+url.QueryEscape("Amber Gannet"), http.StatusOK, &ents)
	if len(ents.Entities) == 0 {
		t.Fatal("no entity named Amber Gannet")
	}
	for _, path := range []string{
		"/api/v1/stories/" + story + "/feed",
		"/api/v1/entities/" + ents.Entities[0].ID + "/feed",
		"/api/v1/search/feed?q=ferry",
	} {
		code, h, body := do(t, http.MethodGet, srv.URL+path, "", "", "")
		if code != http.StatusOK || !strings.HasPrefix(h.Get("Content-Type"), "application/atom+xml") {
			t.Fatalf("GET %s: %d %s", path, code, h.Get("Content-Type"))
		}
		var f atomFeed
		if err := xml.Unmarshal([]byte(body), &f); err != nil {
			t.Fatalf("GET %s: not Atom: %v\n%s", path, err, body)
		}
		var titles []string
		for _, e := range f.Entries {
			titles = append(titles, e.Title)
			if len(e.Links) == 0 || !strings.HasPrefix(e.Links[0].Href, srv.URL+"/articles/") {
				t.Errorf("%s: entry %q links %v, want an absolute article link", path, e.Title, e.Links)
			}
		}
		if want := []string{"Ferry refloated off Kellmoor", "Ferry runs aground off Kellmoor"}; strings.Join(titles, "|") != strings.Join(want, "|") {
			t.Errorf("%s: entries %q, want %q (newest first)", path, titles, want)
		}
		if f.Updated != "2026-05-05T09:00:00Z" {
			t.Errorf("%s: updated %s, want the newest entry's time", path, f.Updated)
		}
	}
	var e ErrorBody
	get(t, srv.URL+"/api/v1/search/feed", http.StatusBadRequest, &e)
	get(t, srv.URL+"/api/v1/stories/s-none/feed", http.StatusNotFound, &e)
}
