package pipeline

import (
	"context"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/ingest"
	"github.com/dossier-news/dossier/internal/news"
)

// ferryJSON is an invented wire article in the JSON the API accepts,
// as published by source at the given time and URL.
func ferryJSON(url, source, published string) []byte {
	return []byte(`{"url":"` + url + `","title":"Ferry runs aground off Kellmoor","source":"` + source + `","published":"` + published + `",` +
		`"text":"The passenger ferry Amber Gannet ran aground on a sandbank outside Kellmoor Harbour early on Monday with 212 people aboard, the coastguard said.\n\n` +
		`Nobody was hurt, and tugs pulled the ferry free on the rising tide by mid-morning, according to the harbour authority.\n\n` +
		`The operator, Brightwater Lines, said the ferry would be inspected before returning to service on the Kellmoor route."}`)
}

// TestIngesterAdd: documents added one request at a time are stored
// with every stage, a copy is tied to its origin and joins its story, a
// repeat is not new, and a bad document fails alone.
func TestIngesterAdd(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	in, err := Open(ctx, st, Config{})
	if err != nil {
		t.Fatal(err)
	}
	wire := ferryJSON("https://wire.example/ferry", "Valdren Wire", "2026-05-04T09:00:00Z")
	first, err := in.Add(ctx, []ingest.Document{ingest.JSONDocument("post 1", wire)})
	if err != nil {
		t.Fatal(err)
	}
	if len(first) != 1 || first[0].Article == "" || !first[0].New || first[0].Story == "" || first[0].Failure != nil {
		t.Fatalf("first add = %+v, want a new article placed in a story", first)
	}
	got, err := in.Add(ctx, []ingest.Document{
		ingest.JSONDocument("post 2", ferryJSON("https://coast.example/ferry-aground", "Coastline Daily", "2026-05-04T11:00:00Z")),
		ingest.JSONDocument("post 3", wire),
		ingest.JSONDocument("post 4", []byte(`{"title":"nothing"}`)),
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("%d outcomes, want 3", len(got))
	}
	if c := got[0]; !c.New || c.Origin != first[0].Article || c.Story != first[0].Story {
		t.Errorf("copy = %+v; want new, origin %s, story %s", c, first[0].Article, first[0].Story)
	}
	if r := got[1]; r.New || r.Article != first[0].Article {
		t.Errorf("repeat = %+v; want the stored article %s, not new", r, first[0].Article)
	}
	if f := got[2]; f.Failure == nil || f.Failure.Kind != news.Kind(news.ErrNoContent) {
		t.Errorf("bad document = %+v; want a failure of kind %s", f, news.Kind(news.ErrNoContent))
	}
	a, err := st.Article(ctx, got[0].Article)
	if err != nil || a.Source.Label() != "Coastline Daily" || !a.Published.Equal(time.Date(2026, 5, 4, 11, 0, 0, 0, time.UTC)) {
		t.Errorf("stored copy = %+v, %v", a, err)
	}
	if err := in.Link(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestIngesterAddRecordsFailure(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	in, err := Open(ctx, st, Config{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := in.Add(ctx, []ingest.Document{ingest.JSONDocument("post 9", []byte(`{"title":"x"}`))}); err != nil {
		t.Fatal(err)
	}
	fs, err := st.Failures(ctx, 10)
	if err != nil || len(fs) != 1 || fs[0].Origin != "post 9" {
		t.Errorf("failures = %+v, %v; want the posted document's", fs, err)
	}
}

// TestApplyReloadsAfterForeignWrites: a leader that finds an article
// another writer stored behind its back (a distributed leader that lost
// its lease finishing one more batch) reloads its state, so a later
// copy of that article still finds its origin.
func TestApplyReloadsAfterForeignWrites(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	leader, err := Open(ctx, st, Config{})
	if err != nil {
		t.Fatal(err)
	}
	old, err := Open(ctx, st, Config{}) // the old leader, still writing
	if err != nil {
		t.Fatal(err)
	}
	an, err := NewAnalyser(Config{})
	if err != nil {
		t.Fatal(err)
	}
	wire := an.Analyse(ingest.JSONDocument("doc 1", ferryJSON("https://wire.example/ferry", "Valdren Wire", "2026-05-04T09:00:00Z")))
	copied := an.Analyse(ingest.JSONDocument("doc 2", ferryJSON("https://coast.example/ferry-aground", "Coastline Daily", "2026-05-04T11:00:00Z")))
	if s, err := old.Apply(ctx, []Result{wire}); err != nil || s.New != 1 {
		t.Fatalf("old leader's batch: %+v, %v; want one new article", s, err)
	}
	// The old leader never recorded its position, so the new one applies
	// the same batch again.
	s, err := leader.Apply(ctx, []Result{wire})
	if err != nil || s.Existing != 1 || s.Foreign != 1 {
		t.Fatalf("re-applied batch: %+v, %v; want one existing article, foreign to this state", s, err)
	}
	s, err = leader.Apply(ctx, []Result{copied})
	if err != nil || s.New != 1 || s.Copies != 1 {
		t.Errorf("copy of the foreign article: %+v, %v; want one new article found to be a copy", s, err)
	}
	if s, err := leader.Apply(ctx, []Result{wire}); err != nil || s.Existing != 1 || s.Foreign != 0 {
		t.Errorf("the foreign article once more: %+v, %v; want existing and no longer foreign", s, err)
	}
	// A repeat inside one batch is this writer's own article, not foreign.
	third := an.Analyse(ingest.JSONDocument("doc 3", ferryJSON("https://bay.example/ferry", "Bay Courier", "2026-05-04T12:00:00Z")))
	if s, err := leader.Apply(ctx, []Result{third, third}); err != nil || s.New != 1 || s.Existing != 1 || s.Foreign != 0 {
		t.Errorf("a batch with one article twice: %+v, %v; want one new, one existing, none foreign", s, err)
	}
}
