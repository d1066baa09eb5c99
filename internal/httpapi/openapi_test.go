package httpapi

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/pipeline"
	"github.com/dossier-news/dossier/internal/sample"
	"github.com/dossier-news/dossier/internal/store"
	"github.com/dossier-news/dossier/internal/store/sqlite"
)

// sampleServer serves a store holding the bundled corpus, run through
// the whole pipeline, so that every route has real data to answer with.
func sampleServer(t *testing.T) *httptest.Server {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	if _, err := sample.WriteTo(filepath.Join(dir, "corpus")); err != nil {
		t.Fatal(err)
	}
	st, err := sqlite.Open(ctx, filepath.Join(dir, "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := pipeline.Run(ctx, st, []string{filepath.Join(dir, "corpus")}, pipeline.Config{}, nil); err != nil {
		t.Fatal(err)
	}
	// The sample's stories are unrelated, so it has no storyline; link
	// its two largest for the storyline routes to have one to show.
	ss, err := st.Stories(ctx, store.StoryQuery{Sort: store.StoriesSize, Limit: 2})
	if err != nil || len(ss) < 2 {
		t.Fatalf("stories: %v %v", ss, err)
	}
	if err := st.PutStorylines(ctx, []news.Storyline{{ID: "l-sample", Stories: []string{ss[0].ID, ss[1].ID}}}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(New(st, nil))
	t.Cleanup(srv.Close)
	return srv
}

func getJSON(t *testing.T, url string) any {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %s", url, resp.StatusCode, b)
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	return v
}

// validator checks JSON values against the document's schemas.
type validator struct {
	comps map[string]any
	errs  []string
}

func (v *validator) check(path string, schema map[string]any, val any) {
	if ref, ok := schema["$ref"].(string); ok {
		s, _ := v.comps[strings.TrimPrefix(ref, "#/components/schemas/")].(map[string]any)
		if s == nil {
			v.errs = append(v.errs, path+": unknown "+ref)
			return
		}
		v.check(path, s, val)
		return
	}
	if all, ok := schema["allOf"].([]any); ok {
		if val == nil && schema["nullable"] == true {
			return
		}
		for _, s := range all {
			v.check(path, s.(map[string]any), val)
		}
		return
	}
	typ, _ := schema["type"].(string)
	if typ == "" {
		return // any value (json.RawMessage)
	}
	if val == nil {
		if typ != "" && schema["nullable"] != true {
			v.errs = append(v.errs, path+": null, but the document says "+typ)
		}
		return
	}
	switch val := val.(type) {
	case map[string]any:
		if typ != "object" {
			v.errs = append(v.errs, fmt.Sprintf("%s: an object, the document says %q", path, typ))
			return
		}
		props, _ := schema["properties"].(map[string]any)
		extra, _ := schema["additionalProperties"].(map[string]any)
		for k, x := range val {
			switch ps, ok := props[k].(map[string]any); {
			case ok:
				v.check(path+"."+k, ps, x)
			case extra != nil:
				v.check(path+"."+k, extra, x)
			default:
				v.errs = append(v.errs, path+"."+k+": not in the document")
			}
		}
		req, _ := schema["required"].([]any)
		for _, k := range req {
			if _, ok := val[k.(string)]; !ok {
				v.errs = append(v.errs, path+"."+k.(string)+": required by the document, not answered")
			}
		}
	case []any:
		if typ != "array" {
			v.errs = append(v.errs, fmt.Sprintf("%s: an array, the document says %q", path, typ))
			return
		}
		for _, x := range val {
			v.check(path+"[]", schema["items"].(map[string]any), x)
		}
	case string:
		if typ != "string" {
			v.errs = append(v.errs, fmt.Sprintf("%s: a string, the document says %q", path, typ))
		}
	case float64:
		if typ != "number" && !(typ == "integer" && val == float64(int64(val))) {
			v.errs = append(v.errs, fmt.Sprintf("%s: the number %v, the document says %q", path, val, typ))
		}
	case bool:
		if typ != "boolean" {
			v.errs = append(v.errs, fmt.Sprintf("%s: a boolean, the document says %q", path, typ))
		}
	}
}

// TestOpenAPIDescribesResponses: the served document names every route,
// and every field of every answer the handlers give on real data — the
// bundled corpus through the whole pipeline — is in it with its type.
func TestOpenAPIDescribesResponses(t *testing.T) {
	srv := sampleServer(t)
	doc := getJSON(t, srv.URL+"/api/v1/openapi.json").(map[string]any)
	if doc["openapi"] != "3.0.3" {
		t.Fatalf("openapi = %v", doc["openapi"])
	}
	paths := doc["paths"].(map[string]any)
	comps := doc["components"].(map[string]any)["schemas"].(map[string]any)
	for _, rt := range routes() {
		item, _ := paths[rt.path].(map[string]any)
		if _, ok := item[strings.ToLower(rt.method)]; !ok {
			t.Errorf("%s %s is served but not in the document", rt.method, rt.path)
		}
	}

	// Real ids for the path parameters.
	first := func(url, list, field string) string {
		v := getJSON(t, srv.URL+url).(map[string]any)
		items, _ := v[list].([]any)
		if len(items) == 0 {
			t.Fatalf("%s lists no %s", url, list)
		}
		return items[0].(map[string]any)[field].(string)
	}
	ids := map[string]string{
		"/api/v1/articles/":   first("/api/v1/articles?limit=1", "articles", "id"),
		"/api/v1/entities/":   first("/api/v1/entities?limit=1", "entities", "id"),
		"/api/v1/stories/":    first("/api/v1/stories?sort=size&limit=1", "stories", "id"),
		"/api/v1/storylines/": first("/api/v1/storylines?limit=1", "storylines", "id"),
	}
	checked := 0
	for _, rt := range routes() {
		if rt.method != http.MethodGet || rt.response == nil {
			continue
		}
		url := rt.path
		for prefix, id := range ids {
			if strings.HasPrefix(url, prefix+"{id}") {
				url = strings.Replace(url, "{id}", id, 1)
			}
		}
		if strings.Contains(url, "{") {
			t.Errorf("%s: no id to fill in", rt.path)
			continue
		}
		if rt.path == "/api/v1/search" {
			url += "?q=solvent"
		}
		op := paths[rt.path].(map[string]any)["get"].(map[string]any)
		schema := op["responses"].(map[string]any)["200"].(map[string]any)["content"].(map[string]any)["application/json"].(map[string]any)["schema"].(map[string]any)
		v := &validator{comps: comps}
		v.check(rt.path, schema, getJSON(t, srv.URL+url))
		sort.Strings(v.errs)
		for _, e := range slices.Compact(v.errs) {
			t.Error(e)
		}
		checked++
	}
	if checked < 18 {
		t.Errorf("checked %d JSON routes, want every one (18 or more)", checked)
	}
}

// TestValidatorCatchesDrift: the check above fails when an answer holds
// a field the document lacks, or a type it contradicts.
func TestValidatorCatchesDrift(t *testing.T) {
	comps := map[string]any{"A": map[string]any{"type": "object", "required": []any{"id"},
		"properties": map[string]any{"id": map[string]any{"type": "string"}, "n": map[string]any{"type": "integer"}}}}
	ref := map[string]any{"$ref": "#/components/schemas/A"}
	for _, tc := range []struct {
		val  string
		errs int
	}{
		{`{"id":"x","n":3}`, 0},
		{`{"id":"x","extra":1}`, 1},
		{`{"n":1.5}`, 2},
		{`{"id":7}`, 1},
	} {
		var val any
		_ = json.Unmarshal([]byte(tc.val), &val)
		v := &validator{comps: comps}
		v.check("A", ref, val)
		if len(v.errs) != tc.errs {
			t.Errorf("%s: %d errors %q, want %d", tc.val, len(v.errs), v.errs, tc.errs)
		}
	}
}
