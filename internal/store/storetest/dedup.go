package storetest

import (
	"bytes"
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

func putDedup(t *testing.T, s store.Store, b store.DedupBatch) {
	t.Helper()
	if err := s.PutDedup(context.Background(), b); err != nil {
		t.Fatalf("PutDedup: %v", err)
	}
}

func ids(as []news.Article) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.ID
	}
	return out
}

func testFingerprints(t *testing.T, s store.Store) {
	ctx := context.Background()
	as := []news.Article{Article(3), Article(1), Article(2)}
	put(t, s, as...)
	put(t, s, Article(4))
	got, err := s.Undeduplicated(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if want := ids(append(as, Article(4))); !cmp.Equal(ids(got), want) {
		t.Errorf("Undeduplicated = %v, want every article in ingest order %v", ids(got), want)
	}
	if len(got) > 0 && got[0].Text != as[0].Text {
		t.Errorf("Undeduplicated article text = %q, want the stored text", got[0].Text)
	}
	putDedup(t, s, store.DedupBatch{Fingerprints: []store.Fingerprint{
		{Article: as[0].ID, Data: []byte("first")},
		{Article: as[1].ID, Data: []byte{0, 1, 2, 255}},
	}})
	got, _ = s.Undeduplicated(ctx, 1)
	if want := []string{as[2].ID}; !cmp.Equal(ids(got), want) {
		t.Errorf("Undeduplicated(limit 1) after put = %v, want %v", ids(got), want)
	}
	// Replacing a fingerprint keeps its place in the rebuild order.
	putDedup(t, s, store.DedupBatch{Fingerprints: []store.Fingerprint{
		{Article: as[2].ID, Data: []byte("third")},
		{Article: as[0].ID, Data: []byte("first, again")},
	}})
	var order []string
	var data [][]byte
	err = s.Fingerprints(ctx, func(id string, b []byte) error {
		order = append(order, id)
		data = append(data, bytes.Clone(b))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := ids(as); !cmp.Equal(order, want) {
		t.Errorf("Fingerprints order = %v, want first-put order %v", order, want)
	}
	if want := [][]byte{[]byte("first, again"), {0, 1, 2, 255}, []byte("third")}; !cmp.Equal(data, want) {
		t.Errorf("Fingerprints data = %q, want %q", data, want)
	}
	if err := s.PutDedup(ctx, store.DedupBatch{Fingerprints: []store.Fingerprint{{Article: "0000000000000000", Data: []byte("x")}}}); err == nil {
		t.Error("PutDedup accepted a fingerprint of an article that is not stored")
	}
}

// reuseFixture stores articles 1-4: 2 and 3 are copies of 1, 4 shares a
// paragraph with 1.
func reuseFixture(t *testing.T, s store.Store) (a []news.Article, near, para news.Reuse) {
	for i := 1; i <= 6; i++ {
		a = append(a, Article(i))
	}
	put(t, s, a...)
	near = news.Reuse{Article: a[1].ID, Other: a[0].ID, Kind: "near", Jaccard: 0.8, Containment: 0.9, OtherContainment: 0.85, Sentences: 2}
	para = news.Reuse{Article: a[3].ID, Other: a[0].ID, Kind: "shares-paragraphs", Jaccard: 0.2, Containment: 0.4,
		OtherContainment: 0.3, Sentences: 1, Paragraphs: []news.SharedParagraph{
			{Span: news.Span{Start: 0, End: 40}, OtherSpan: news.Span{Start: 50, End: 95}, Overlap: 0.75}}}
	putDedup(t, s, store.DedupBatch{
		Links: []news.Reuse{near,
			{Article: a[2].ID, Other: a[0].ID, Kind: "contained", Jaccard: 0.5, Containment: 0.95, OtherContainment: 0.5, Sentences: 1},
			para},
		Groups: []news.DupGroup{{Origin: a[0].ID, Members: []string{a[0].ID, a[1].ID, a[2].ID}}},
	})
	return a, near, para
}

func testLinks(t *testing.T, s store.Store) {
	ctx := context.Background()
	a, near, para := reuseFixture(t, s)
	got, err := s.Links(ctx, store.LinkQuery{Article: a[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, l := range got {
		if l.Article != a[0].ID {
			t.Errorf("link %+v not seen from %s", l, a[0].ID)
		}
		kinds = append(kinds, l.Kind)
	}
	if want := []string{"near", "contained", "shares-paragraphs"}; !cmp.Equal(kinds, want) {
		t.Errorf("Links(1) kinds = %v, want copies first %v", kinds, want)
	}
	if len(got) == 3 {
		if diff := cmp.Diff(near.Reversed(), got[0]); diff != "" {
			t.Errorf("Links(1)[0] is not the reversed near link (-want +got):\n%s", diff)
		}
		if g := got[2].Paragraphs; len(g) != 1 || g[0].Span != para.Paragraphs[0].OtherSpan {
			t.Errorf("reversed paragraph pairs = %+v, want spans swapped from %+v", g, para.Paragraphs)
		}
	}
	got, _ = s.Links(ctx, store.LinkQuery{Article: a[3].ID})
	if len(got) != 1 || !cmp.Equal(got[0], para) {
		t.Errorf("Links(4) = %+v, want exactly %+v", got, para)
	}
	got, _ = s.Links(ctx, store.LinkQuery{Article: a[0].ID, CopiesOnly: true})
	if len(got) != 2 {
		t.Errorf("Links(1, copies only) returned %d links, want 2", len(got))
	}
	got, _ = s.Links(ctx, store.LinkQuery{})
	if len(got) != 3 || got[0].Article != a[3].ID {
		t.Errorf("Links(all) = %d links starting %+v, want 3, newest (article 4's) first", len(got), got)
	}
	got, _ = s.Links(ctx, store.LinkQuery{Limit: 1})
	if len(got) != 1 {
		t.Errorf("Links(limit 1) returned %d links", len(got))
	}
	if got, _ := s.Links(ctx, store.LinkQuery{Article: a[4].ID}); len(got) != 0 {
		t.Errorf("Links of an unrelated article = %+v, want none", got)
	}
	// Recording the same pair again replaces it.
	again := near
	again.Kind, again.Jaccard = "exact", 1
	putDedup(t, s, store.DedupBatch{Links: []news.Reuse{again}})
	got, _ = s.Links(ctx, store.LinkQuery{Article: a[1].ID})
	if len(got) != 1 || got[0].Kind != "exact" || got[0].Jaccard != 1 {
		t.Errorf("after re-recording, Links(2) = %+v, want one exact link", got)
	}
}

func testGroups(t *testing.T, s store.Store) {
	ctx := context.Background()
	a, _, _ := reuseFixture(t, s)
	got, err := s.Article(ctx, a[2].ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.DupGroup != a[0].ID || got.Copies != 2 {
		t.Errorf("copy: DupGroup %q, Copies %d; want %q, 2", got.DupGroup, got.Copies, a[0].ID)
	}
	if got, _ := s.Article(ctx, a[3].ID); got.DupGroup != "" || got.Copies != 0 {
		t.Errorf("ungrouped: DupGroup %q, Copies %d; want none", got.DupGroup, got.Copies)
	}
	listed := func(all bool) []string {
		return collect(t, s, store.ArticleQuery{Filter: store.Filter{AllCopies: all}, Limit: 2})
	}
	if got, want := listed(false), []string{a[5].ID, a[4].ID, a[3].ID, a[0].ID}; !cmp.Equal(got, want) {
		t.Errorf("listing collapses copies: got %v, want %v", got, want)
	}
	if got := listed(true); len(got) != 6 {
		t.Errorf("listing with AllCopies: got %d articles, want 6", len(got))
	}
	groups, err := s.DupGroups(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if want := []news.DupGroup{{Origin: a[0].ID, Members: []string{a[0].ID, a[1].ID, a[2].ID}}}; !cmp.Equal(groups, want) {
		t.Errorf("DupGroups = %v, want %v", groups, want)
	}

	// A second group, then a merge under an earlier origin.
	putDedup(t, s, store.DedupBatch{Groups: []news.DupGroup{{Origin: a[4].ID, Members: []string{a[4].ID, a[5].ID}}}})
	groups, _ = s.DupGroups(ctx, 0)
	if len(groups) != 2 || groups[0].Origin != a[4].ID {
		t.Errorf("two groups: DupGroups = %v, want the later origin %s first", groups, a[4].ID)
	}
	if groups, _ := s.DupGroups(ctx, 1); len(groups) != 1 || len(groups[0].Members) != 2 {
		t.Errorf("DupGroups(limit 1) = %v, want the newest group whole", groups)
	}
	merged := news.DupGroup{Origin: a[0].ID, Members: []string{a[0].ID, a[1].ID, a[2].ID, a[4].ID, a[5].ID}}
	putDedup(t, s, store.DedupBatch{Groups: []news.DupGroup{merged}})
	if groups, _ = s.DupGroups(ctx, 0); !cmp.Equal(groups, []news.DupGroup{merged}) {
		t.Errorf("after merge DupGroups = %v, want %v", groups, merged)
	}
	if got, _ := s.Article(ctx, a[5].ID); got.DupGroup != a[0].ID || got.Copies != 4 {
		t.Errorf("after merge: DupGroup %q, Copies %d; want %q, 4", got.DupGroup, got.Copies, a[0].ID)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.DupGroups != 1 || st.Copies != 4 {
		t.Errorf("Stats: %d groups, %d copies; want 1, 4", st.DupGroups, st.Copies)
	}
}

func testSearchCollapsesCopies(t *testing.T, s store.Store) {
	ctx := context.Background()
	a, _, _ := reuseFixture(t, s)
	search := func(all bool) []string {
		var out []string
		q := store.SearchQuery{Text: "inspectors", Limit: 2, Filter: store.Filter{AllCopies: all}}
		for {
			page, err := s.Search(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range page.Hits {
				out = append(out, h.Article.ID)
			}
			if page.Next == "" {
				return out
			}
			q.Cursor = page.Next
		}
	}
	got := search(false)
	inGroup := 0
	for _, id := range got {
		if id == a[0].ID || id == a[1].ID || id == a[2].ID {
			inGroup++
		}
	}
	if len(got) != 4 || inGroup != 1 {
		t.Errorf("search hits %v: %d results, %d from the group of three; want 4 and 1", got, len(got), inGroup)
	}
	if got := search(true); len(got) != 6 {
		t.Errorf("search with AllCopies: %d results, want 6", len(got))
	}
}
