package sqlite

import (
	"context"
	"io/fs"
	"path/filepath"
	"testing"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
	"github.com/dossier-news/dossier/internal/store/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		s, err := Open(context.Background(), filepath.Join(t.TempDir(), "dossier.db"))
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		return s
	})
}

func TestReopenKeepsDataAndSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "dossier.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutArticles(ctx, nil); err != nil {
		t.Fatal(err)
	}
	a := storetest.Article(1)
	if _, err := s.PutArticles(ctx, []news.Article{a}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	names, _ := fs.Glob(migrations, "migrations/*.sql")
	v, err := s.SchemaVersion(ctx)
	if err != nil || v != len(names) || v < 2 {
		t.Errorf("SchemaVersion = %d, %v; want %d, one per migration", v, err, len(names))
	}
	if _, err := s.Article(ctx, a.ID); err != nil {
		t.Errorf("article lost across reopen: %v", err)
	}
}
