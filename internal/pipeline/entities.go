package pipeline

import (
	"context"
	"fmt"

	"github.com/dossier-news/dossier/internal/entity"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// recognizer is the entity stage. Like the deduper it is serial, after
// the store, because identities depend on the order names arrive (the
// first "Lavrov" decides what a later lone "Lavrov" joins); the tagger
// itself, the expensive part, runs in the extraction workers.
//
// The registry of identities is rebuilt at start from the store, and
// articles stored without entities (an interrupted run) are processed
// again, so the stage resumes without loss.
type recognizer struct {
	reg *entity.Registry
	st  store.Store
}

func openRecognizer(ctx context.Context, st store.Store) (*recognizer, error) {
	r := &recognizer{reg: entity.NewRegistry(), st: st}
	err := st.EntityIdentities(ctx, func(e news.Entity) error {
		r.reg.Load(e)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("loading entity identities: %w", err)
	}
	if err := catchUp(ctx, st.Unrecognized, func(as []news.Article) error { return r.add(ctx, pending(as)) }); err != nil {
		return nil, err
	}
	return r, nil
}

// findEntities is the worker half of the stage.
func findEntities(a news.Article) []entity.Entity {
	return entity.Find(a.ID, a.Text)
}

// add assigns identities to the entities of newly stored articles and
// records them, recognising them first where the workers did not.
func (r *recognizer) add(ctx context.Context, items []analysis) error {
	var b store.EntityBatch
	changed := map[string]int{} // id → index in b.Entities
	for i := range items {
		a := items[i].article
		if !items[i].analysed {
			items[i].entities = findEntities(a)
		}
		local := items[i].entities
		ms, ch := r.reg.Assign(a.ID, local)
		b.Articles = append(b.Articles, a.ID)
		b.Mentions = append(b.Mentions, ms...)
		for _, e := range ch {
			if j, ok := changed[e.ID]; ok {
				b.Entities[j] = e
				continue
			}
			changed[e.ID] = len(b.Entities)
			b.Entities = append(b.Entities, e)
		}
	}
	if err := r.st.PutEntities(ctx, b); err != nil {
		return fmt.Errorf("storing entities: %w", err)
	}
	return nil
}
