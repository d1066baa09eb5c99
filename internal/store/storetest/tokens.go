package storetest

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// testTokens: a token is found by its secret's hash only, a duplicate
// is refused, and tokens list oldest first.
func testTokens(t *testing.T, s store.Store) {
	ctx := context.Background()
	if _, err := s.TokenByHash(ctx, news.HashToken("dsk_nothing")); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("TokenByHash of an unknown secret: %v, want ErrNotFound", err)
	}
	a, secretA, err := news.NewToken("ingest robot", base)
	if err != nil {
		t.Fatal(err)
	}
	b, secretB, err := news.NewToken("newsroom", base.Add(1))
	if err != nil {
		t.Fatal(err)
	}
	for _, tok := range []news.Token{b, a} {
		if err := s.PutToken(ctx, tok); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.PutToken(ctx, a); !errors.Is(err, news.ErrInvalid) {
		t.Errorf("PutToken of a stored token: %v, want ErrInvalid", err)
	}
	if err := s.PutToken(ctx, news.Token{Name: "no hash"}); !errors.Is(err, news.ErrInvalid) {
		t.Errorf("PutToken without id and hash: %v, want ErrInvalid", err)
	}
	for secret, want := range map[string]news.Token{secretA: a, secretB: b} {
		got, err := s.TokenByHash(ctx, news.HashToken(secret))
		if err != nil {
			t.Fatal(err)
		}
		if !cmp.Equal(got, want) {
			t.Errorf("TokenByHash: %s", cmp.Diff(want, got))
		}
	}
	if _, err := s.TokenByHash(ctx, secretA); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("TokenByHash of the secret itself found a token: the store must not match secrets, %v", err)
	}
	list, err := s.Tokens(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]news.Token{a, b}, list); diff != "" {
		t.Errorf("Tokens (-want +got):\n%s", diff)
	}
}
