package httpapi

import (
	"context"
	"net/http"
	"testing"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

func TestQuotes(t *testing.T) {
	srv, as, st := newServerStore(t, 2)
	mayor := news.Speaker{Entity: "e-mayor", Name: "Ilse Varga", Type: "PER"}
	content := "the harbour will stay open all through the winter"
	id := news.QuoteID("", content, 0)
	carrier := func(a news.Article) news.QuoteCarrier {
		return news.QuoteCarrier{Quote: id, Article: a.ID, Cue: news.Span{Start: 10, End: 14},
			Content: news.Span{Start: 15, End: 40}, CueText: "said", Speaker: mayor}
	}
	err := st.PutQuotes(context.Background(), store.QuoteBatch{Articles: []string{as[0].ID, as[1].ID},
		Quotes: []news.Quote{{ID: id, Kind: news.QuoteIndirect, Content: content,
			Carriers: []news.QuoteCarrier{carrier(as[0]), carrier(as[1])}}}})
	if err != nil {
		t.Fatal(err)
	}
	var list Quotes
	get(t, srv.URL+"/api/v1/quotes?speaker=e-mayor", http.StatusOK, &list)
	if len(list.Quotes) != 1 || len(list.Quotes[0].Carriers) != 2 || list.Quotes[0].Speaker != mayor {
		t.Errorf("quotes by the mayor = %+v; want one quote, two carriers, her as speaker", list.Quotes)
	}
	get(t, srv.URL+"/api/v1/quotes?speaker=e-nobody", http.StatusOK, &list)
	if len(list.Quotes) != 0 {
		t.Errorf("quotes by nobody = %+v, want none", list.Quotes)
	}
	get(t, srv.URL+"/api/v1/quotes?article="+as[1].ID, http.StatusOK, &list)
	if len(list.Quotes) != 1 || list.Quotes[0].Content != content {
		t.Errorf("quotes of article 2 = %+v", list.Quotes)
	}
	var e ErrorBody
	get(t, srv.URL+"/api/v1/quotes?limit=many", http.StatusBadRequest, &e)
}
