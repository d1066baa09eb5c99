package pipeline

import (
	"context"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/dossier-news/dossier/internal/ingest"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/sample"
)

// TestResultRoundTrip: a result survives the wire whole — every field,
// unexported ones included — for every document of the sample corpus,
// so a distributed worker's analysis is the one the leader would have
// computed.
func TestResultRoundTrip(t *testing.T) {
	dir := t.TempDir()
	if _, err := sample.WriteTo(dir); err != nil {
		t.Fatal(err)
	}
	an, err := NewAnalyser(Config{})
	if err != nil {
		t.Fatal(err)
	}
	docs := make(chan ingest.Document)
	go func() {
		defer close(docs)
		ingest.NewReader(ingest.Config{}.WithDefaults()).Read(context.Background(), []string{dir}, docs)
	}()
	n, quotes := 0, 0
	for doc := range docs {
		r := an.Analyse(doc)
		b, err := r.MarshalBinary()
		if err != nil {
			t.Fatalf("%s: %v", doc.Origin, err)
		}
		var got Result
		if err := got.UnmarshalBinary(b); err != nil {
			t.Fatalf("%s: %v", doc.Origin, err)
		}
		all := cmp.Exporter(func(reflect.Type) bool { return true })
		if diff := cmp.Diff(r, got, all, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("%s: the result changed on the wire (-sent +received):\n%s", doc.Origin, diff)
		}
		if r.r.analysis != nil {
			quotes += len(r.r.analysis.quotes)
		}
		n++
	}
	if n < 20 || quotes == 0 {
		t.Fatalf("compared %d documents with %d quotes; the sample corpus has more", n, quotes)
	}
	failed := Result{result{failure: &news.Failure{Origin: "x", Kind: "empty", Reason: "empty input"}}}
	b, err := failed.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var got Result
	if err := got.UnmarshalBinary(b); err != nil || got.r.failure == nil || *got.r.failure != *failed.r.failure {
		t.Errorf("failure round trip: got %+v, %v", got.r.failure, err)
	}
	if err := got.UnmarshalBinary([]byte("not gob")); err == nil {
		t.Error("decoding garbage: got no error")
	}
}
