package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// findQuote returns the stored quote whose content holds every fragment.
func findQuote(qs []news.Quote, fragments ...string) (news.Quote, bool) {
	for _, q := range qs {
		ok := true
		for _, f := range fragments {
			ok = ok && strings.Contains(q.Content, f)
		}
		if ok {
			return q, true
		}
	}
	return news.Quote{}, false
}

func carriedBy(q news.Quote) []string {
	var ids []string
	for _, c := range q.Carriers {
		ids = append(ids, c.Article)
	}
	slices.Sort(ids)
	return ids
}

// TestSeedQuotes runs the five real articles and checks the statements
// the issue names: each attributed to its speaker, and the State
// Department official's words, carried by 003 and 004, one anonymous
// quote with two carriers.
func TestSeedQuotes(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "seeds")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("../shared/seeds not present")
	}
	ctx := context.Background()
	st := openStore(t)
	if _, err := Run(ctx, st, []string{dir}, Config{}, nil); err != nil {
		t.Fatal(err)
	}
	seed := map[string]string{} // "003" → article id
	for _, a := range allArticles(t, st) {
		seed[filepath.Base(a.Origin)[:3]] = a.ID
	}
	qs, err := st.Quotes(ctx, store.QuoteQuery{Limit: 10000})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		fragments   []string
		speaker     string
		speakerType string
		entity      bool // the speaker is a recognised entity
		seeds       []string
	}{
		{[]string{"We share the view", "Russia will continue supporting Syria"}, "Sergei Lavrov", "PER", true, []string{"001"}},
		{[]string{"I look forward to making real progress"}, "John Kerry", "PER", true, []string{"004"}},
		{[]string{"The Russian representatives stressed"}, "the Russian foreign ministry", "ORG", false, []string{"000"}},
		{[]string{"full meeting of the minds"}, "a senior state department official", news.SpeakerAnonymous, false, []string{"003", "004"}},
	} {
		q, ok := findQuote(qs, c.fragments...)
		if !ok {
			t.Errorf("no quote holding %q", c.fragments)
			continue
		}
		if !strings.EqualFold(q.Speaker.Name, c.speaker) || q.Speaker.Type != c.speakerType || (q.Speaker.Entity != "") != c.entity {
			t.Errorf("%q: speaker %+v, want %s (%s, entity %v)", c.fragments[0], q.Speaker, c.speaker, c.speakerType, c.entity)
		}
		var want []string
		for _, s := range c.seeds {
			want = append(want, seed[s])
		}
		slices.Sort(want)
		if got := carriedBy(q); !slices.Equal(got, want) {
			t.Errorf("%q: carried by %v, want seeds %v = %v", c.fragments[0], got, c.seeds, want)
		}
	}
}

// TestSampleQuotes checks that a statement the sample corpus's wire
// copies repeat is one quote carried by every article holding its
// words, attributed to its speaker, and that asking for a speaker finds
// their statements in date order.
func TestSampleQuotes(t *testing.T) {
	ctx := context.Background()
	st, _, _ := sampleRun(t)
	articles := allArticles(t, st)
	qs, err := st.Quotes(ctx, store.QuoteQuery{Limit: 10000})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		words, speaker string
		// held is what every carrier holds: the words, or for a
		// statement some articles quote only in part, that part.
		held string
	}{
		{"We are treating this as a significant pollution incident", "Lars Whitcombe", ""},
		{"The evidence gathered so far shows that this was a foreseeable failure", "Celestine Maro", ""},
		{"We were told to log it and carry on", "Piet Lorrimer", "told to log it and carry on"},
	} {
		if c.held == "" {
			c.held = c.words
		}
		q, ok := findQuote(qs, c.words)
		if !ok {
			t.Errorf("no quote holding %q", c.words)
			continue
		}
		var want []string
		for _, a := range articles {
			if strings.Contains(news.NormaliseText(a.Text), news.NormaliseText(c.held)) {
				want = append(want, a.ID)
			}
		}
		slices.Sort(want)
		if got := carriedBy(q); len(want) < 2 || !slices.Equal(got, want) {
			t.Errorf("%q: carried by %v, want every article holding it %v", c.words, got, want)
		}
		if q.Speaker.Name != c.speaker || q.Speaker.Entity == "" {
			t.Errorf("%q: speaker %+v, want the entity %s", c.words, q.Speaker, c.speaker)
		}
		mine, err := st.Quotes(ctx, store.QuoteQuery{Speaker: q.Speaker.Entity, Limit: 10000})
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := findQuote(mine, c.words); !ok {
			t.Errorf("%s's quotes lack %q", c.speaker, c.words)
		}
		for i := 1; i < len(mine); i++ {
			if mine[i].First.Before(mine[i-1].First) {
				t.Errorf("%s's quotes out of date order: %v before %v", c.speaker, mine[i-1].First, mine[i].First)
			}
		}
	}
	for _, q := range qs {
		if n := len(strings.Fields(q.Content)); n < quoteMinWords {
			t.Errorf("quote %q: %d words stored, below the %d-word floor", q.Content, n, quoteMinWords)
		}
	}
}
