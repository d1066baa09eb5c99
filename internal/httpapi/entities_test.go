package httpapi

import (
	"context"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/entity"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

func TestEntities(t *testing.T) {
	srv, as, st := newServerStore(t, 2)
	port := news.Entity{ID: "e-port", Type: "LOC", Name: "Harbour", Keys: []string{entity.NameKey("Harbour")}}
	council := news.Entity{ID: "e-council", Type: "ORG", Name: "Harbour Council", Keys: []string{entity.NameKey("Harbour Council")}}
	m := func(e news.Entity, a news.Article, start, end int) news.EntityMention {
		return news.EntityMention{Entity: e.ID, Article: a.ID, Span: news.Span{Start: start, End: end},
			Text: a.Text[start:end], Kind: news.MentionName}
	}
	err := st.PutEntities(context.Background(), store.EntityBatch{
		Entities: []news.Entity{port, council},
		Articles: []string{as[0].ID, as[1].ID},
		Mentions: []news.EntityMention{m(port, as[0], 0, 7), m(port, as[1], 0, 7), m(council, as[1], 57, 64)},
	})
	if err != nil {
		t.Fatal(err)
	}
	var list Entities
	get(t, srv.URL+"/api/v1/entities", http.StatusOK, &list)
	var names []string
	for _, e := range list.Entities {
		names = append(names, e.Name)
	}
	if want := []string{"Harbour", "Harbour Council"}; !cmp.Equal(names, want) {
		t.Errorf("entities = %q, want %q (most articles first)", names, want)
	}
	get(t, srv.URL+"/api/v1/entities?type=org", http.StatusOK, &list)
	if len(list.Entities) != 1 || list.Entities[0].ID != council.ID {
		t.Errorf("?type=org = %+v, want the council", list.Entities)
	}
	get(t, srv.URL+"/api/v1/entities?name=council", http.StatusOK, &list)
	if len(list.Entities) != 1 || list.Entities[0].ID != council.ID {
		t.Errorf("?name=council = %+v, want the council by its spelling", list.Entities)
	}
	// match is folded as the keys are: case, diacritics, doubled letters.
	get(t, srv.URL+"/api/v1/entities?match=H%C3%A1rbour+COUNNC", http.StatusOK, &list)
	if len(list.Entities) != 1 || list.Entities[0].ID != council.ID {
		t.Errorf("?match=Hárbour COUNNC = %+v, want the council", list.Entities)
	}
	get(t, srv.URL+"/api/v1/entities?match=arbou", http.StatusOK, &list)
	if len(list.Entities) != 2 {
		t.Errorf("?match=arbou = %+v, want both", list.Entities)
	}
	var bad ErrorBody
	get(t, srv.URL+"/api/v1/entities?match=%21%21", http.StatusBadRequest, &bad)
	var d EntityDetail
	get(t, srv.URL+"/api/v1/entities/"+port.ID, http.StatusOK, &d)
	if d.Name != "Harbour" || d.Articles != 2 || len(d.Mentions) != 2 || len(d.Related) != 1 || d.Related[0].ID != council.ID {
		t.Errorf("entity detail = %+v", d)
	}
	var e ErrorBody
	get(t, srv.URL+"/api/v1/entities/e-none", http.StatusNotFound, &e)
	get(t, srv.URL+"/api/v1/entities?type=PLANET", http.StatusBadRequest, &e)
	if e.Error.Code != "invalid_request" {
		t.Errorf("bad type: code %q, want invalid_request", e.Error.Code)
	}
}

func TestTimes(t *testing.T) {
	srv, as, st := newServerStore(t, 1)
	x := news.TimeExpression{Article: as[0].ID, Span: news.Span{Start: 8, End: 18}, Sentence: news.Span{Start: 0, End: 52},
		Text: as[0].Text[8:18], Type: news.TimeDuration, Value: "P1W"}
	if err := st.PutTimes(context.Background(), store.TimeBatch{Articles: []string{as[0].ID}, Expressions: []news.TimeExpression{x}}); err != nil {
		t.Fatal(err)
	}
	var got Times
	get(t, srv.URL+"/api/v1/articles/"+as[0].ID+"/times", http.StatusOK, &got)
	if want := (Times{Article: as[0].ID, Times: []news.TimeExpression{x}}); !cmp.Equal(got, want) {
		t.Errorf("times = %+v, want %+v", got, want)
	}
	var e ErrorBody
	get(t, srv.URL+"/api/v1/articles/ffffffffffffffff/times", http.StatusNotFound, &e)
}
