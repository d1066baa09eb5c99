package httpapi

import (
	"net/http"
	"slices"
	"testing"
)

// TestListCursors: over the sample corpus, walking next_cursor through
// entities, quotes and storylines a few at a time meets every item of
// the one-page listing once, in its order; a cursor of another listing
// is a 400.
func TestListCursors(t *testing.T) {
	srv := sampleServer(t)
	ids := func(v any, key string) []string {
		var out []string
		for _, x := range v.(map[string]any)[key].([]any) {
			out = append(out, x.(map[string]any)["id"].(string))
		}
		return out
	}
	for _, c := range []struct {
		path, key string
		size      string
		min       int
	}{
		{"/api/v1/entities", "entities", "7", 20},
		{"/api/v1/quotes", "quotes", "7", 20},
		{"/api/v1/storylines", "storylines", "1", 1}, // one in the sample; ListPaging in storetest covers more
	} {
		want := ids(getJSON(t, srv.URL+c.path+"?limit=500"), c.key)
		if len(want) < c.min {
			t.Fatalf("%s: %d items in the sample; too few to page", c.path, len(want))
		}
		var walked []string
		url := srv.URL + c.path + "?limit=" + c.size
		for i := 0; i < 200; i++ {
			page := getJSON(t, url)
			walked = append(walked, ids(page, c.key)...)
			next, _ := page.(map[string]any)["next_cursor"].(string)
			if next == "" {
				break
			}
			url = srv.URL + c.path + "?limit=" + c.size + "&cursor=" + next
		}
		if !slices.Equal(walked, want) {
			t.Errorf("%s: walked %d items %v,\nwant %d %v", c.path, len(walked), walked, len(want), want)
		}
	}
	var e ErrorBody
	page := getJSON(t, srv.URL+"/api/v1/quotes?limit=1")
	qc := page.(map[string]any)["next_cursor"].(string)
	get(t, srv.URL+"/api/v1/entities?cursor="+qc, http.StatusBadRequest, &e)
}
