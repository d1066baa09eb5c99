package dedup

import (
	"errors"
	"slices"
	"testing"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestRebuildFromFingerprints is the store's round trip: export every
// document, encode and decode it, re-add the decoded fingerprints to a new
// index, and get the same answers as the original.
func TestRebuildFromFingerprints(t *testing.T) {
	docs := streamCorpus()
	orig, _ := build(t, docs)
	rebuilt := newIndex(t)
	stale := DefaultConfig()
	stale.Seed++ // signatures made under another scheme must be redone
	for i, d := range docs {
		fp, ok := orig.Fingerprints(d.ID)
		if !ok {
			t.Fatalf("Fingerprints(%s) missing", d.ID)
		}
		if i%3 == 0 {
			fp.Scheme, fp.Signature = stale.scheme(), Analyse(d, stale).Signature
		}
		blob, err := fp.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var back Fingerprints
		if err := back.UnmarshalBinary(blob); err != nil {
			t.Fatalf("UnmarshalBinary(%s): %v", d.ID, err)
		}
		if diff := cmp.Diff(fp, back, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("binary round trip of %s (-want +got):\n%s", d.ID, diff)
		}
		if _, err := rebuilt.AddFingerprints(back); err != nil {
			t.Fatal(err)
		}
	}
	if diff := cmp.Diff(orig.Groups(), rebuilt.Groups()); diff != "" {
		t.Errorf("groups (-original +rebuilt):\n%s", diff)
	}
	if diff := cmp.Diff(queries(orig, docs), queries(rebuilt, docs), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("Query (-original +rebuilt):\n%s", diff)
	}
}

func TestFingerprintsMatchAnalyse(t *testing.T) {
	ix := newIndex(t)
	d := article("ferry", ferry)
	mustAdd(t, ix, d)
	got, _ := ix.Fingerprints("ferry")
	if diff := cmp.Diff(Analyse(d, DefaultConfig()), got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("Fingerprints vs Analyse (-want +got):\n%s", diff)
	}
	// Four bytes a word and a signature value, a few per passage.
	limit := 4*len(got.Words) + 4*len(got.Signature) + 6*(len(got.Sentences)+len(got.Paragraphs)) + 64
	if size := len(must(got.MarshalBinary())); size > limit {
		t.Errorf("encoded size %d bytes, want at most %d", size, limit)
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

func TestDamagedFingerprints(t *testing.T) {
	fp := Analyse(article("ferry", ferry), DefaultConfig())
	blob := must(fp.MarshalBinary())
	for n := range len(blob) {
		var back Fingerprints
		if err := back.UnmarshalBinary(blob[:n]); !errors.Is(err, news.ErrMalformed) {
			t.Fatalf("UnmarshalBinary of %d of %d bytes: err = %v, want ErrMalformed", n, len(blob), err)
		}
	}
	stale := slices.Clone(blob)
	stale[1]++
	var back Fingerprints
	if err := back.UnmarshalBinary(stale); !errors.Is(err, ErrStale) {
		t.Errorf("UnmarshalBinary of another tokenizer version: err = %v, want ErrStale", err)
	}
	ix := newIndex(t)
	bad := fp
	bad.Sentences = append([]Passage{}, fp.Sentences...)
	bad.Sentences[1].From++ // no longer contiguous
	if _, err := ix.AddFingerprints(bad); !errors.Is(err, news.ErrMalformed) {
		t.Errorf("AddFingerprints with broken sentences: err = %v, want ErrMalformed", err)
	}
	if ix.Len() != 0 {
		t.Errorf("Len() = %d after a rejected document, want 0", ix.Len())
	}
}

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Config)
		ok     bool
	}{
		{"default", func(*Config) {}, true},
		{"k permutations", func(c *Config) { c.Signing = KPermutations }, true},
		{"no near sentences", func(c *Config) { c.SentenceBands = 0 }, true},
		{"bands do not divide", func(c *Config) { c.Bands = 30 }, false},
		{"zero hashes", func(c *Config) { c.NumHashes = 0 }, false},
		{"unknown signing", func(c *Config) { c.Signing = 7 }, false},
		{"threshold above one", func(c *Config) { c.NearJaccard = 1.5 }, false},
		{"zero containment", func(c *Config) { c.Containment = 0 }, false},
		{"sentence bands do not divide", func(c *Config) { c.SentenceBands = 5 }, false},
		{"negative cache", func(c *Config) { c.CacheDocs = -1 }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := DefaultConfig()
			tt.change(&c)
			_, err := NewIndex(c)
			if got := err == nil; got != tt.ok {
				t.Errorf("NewIndex: err = %v, want ok=%v", err, tt.ok)
			}
			if err != nil && !errors.Is(err, news.ErrInvalid) {
				t.Errorf("err = %v, want it to wrap news.ErrInvalid", err)
			}
		})
	}
}
