package postgres

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
	"github.com/dossier-news/dossier/internal/store/postgres/pgtest"
)

// benchBatch is the pipeline writer's batch size (pipeline.BatchSize):
// the store step sees batches of this many articles.
const benchBatch = 256

// benchWords is the vocabulary of the benchmark's prose, drawn from with
// Zipf frequencies as natural language is (a few words very often, most
// rarely), so that an article has about as many distinct words, and the
// full-text index grows, as on news rather than on a handful of terms.
var benchWords = func() []string {
	r := rand.New(rand.NewPCG(7, 7))
	syl := strings.Fields("ka lor ven mar tis bel dra hol qui nor sel ta ban rim os el fen gar dun ash wyn cor lin pra mek zo har vel tor")
	ws := strings.Fields("the a of in on at for with after before said told council police workers city report plan court")
	for len(ws) < 30000 {
		var b strings.Builder
		for k := 1 + r.IntN(3); k >= 0; k-- {
			b.WriteString(syl[r.IntN(len(syl))])
		}
		ws = append(ws, b.String())
	}
	return ws
}()

// benchArticle is a realistic stored article: 3–5 KB of text in five to
// eight paragraphs, a title, authors, a credit and a publication date
// spread over two years (so a monthly layout sees many months).
func benchArticle(r *rand.Rand, z *rand.Zipf, n int) news.Article {
	target := 3000 + r.IntN(2000)
	np := 5 + r.IntN(4)
	var b strings.Builder
	for p := 0; p < np; p++ {
		if p > 0 {
			b.WriteString("\n\n")
		}
		for b.Len() < target*(p+1)/np {
			for w := 8 + r.IntN(12); w > 0; w-- {
				b.WriteString(benchWords[z.Uint64()])
				b.WriteByte(' ')
			}
			b.WriteString("said officials. ")
		}
	}
	text := strings.TrimSpace(b.String())
	url := fmt.Sprintf("https://outlet%d.example/news/%d", n%40, n)
	key := news.IdentityKey(url, news.ContentHash(text))
	published := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(r.Int64N(int64(730 * 24 * time.Hour))))
	return news.Article{
		ID: news.IDFromKey(key), Key: key, URL: url,
		Title:       fmt.Sprintf("%s %s %s", benchWords[r.IntN(len(benchWords))], benchWords[r.IntN(len(benchWords))], benchWords[r.IntN(len(benchWords))]),
		Source:      news.Source{Name: fmt.Sprintf("Outlet %d", n%40), Domain: fmt.Sprintf("outlet%d.example", n%40)},
		Authors:     []string{"Mira Tallis", "Oren Vale"},
		Credits:     []news.Credit{{Name: "Valdren Wire", Line: "Source: Valdren Wire"}},
		Published:   published,
		Language:    "en",
		Text:        text,
		Paragraphs:  news.SplitParagraphs(text),
		ContentHash: news.ContentHash(text),
		Format:      "html",
		Origin:      fmt.Sprintf("corpus/%d.html", n),
		IngestedAt:  time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC),
	}
}

// BenchmarkPutArticles stores b.N batches of 256 new articles into a
// fresh schema, as the pipeline's store step does, and reports
// articles/s. Run it with enough batches that the indexes grow, e.g.
//
//	DOSSIER_TEST_POSTGRES=… go test ./internal/store/postgres -run XXX -bench PutArticles -benchtime 80x -count 3
func BenchmarkPutArticles(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, pgtest.DSN(b))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	r := rand.New(rand.NewPCG(1, uint64(b.N)))
	z := rand.NewZipf(r, 1.07, 2, uint64(len(benchWords)-1))
	batches := make([][]news.Article, b.N)
	var bytes int64
	for i := range batches {
		for k := 0; k < benchBatch; k++ {
			a := benchArticle(r, z, i*benchBatch+k)
			bytes += int64(len(a.Text))
			batches[i] = append(batches[i], a)
		}
	}
	b.SetBytes(bytes / int64(b.N))
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		isNew, err := s.PutArticles(ctx, batches[i])
		if err != nil {
			b.Fatal(err)
		}
		for k, n := range isNew {
			if !n {
				b.Fatalf("article %d of batch %d not new", k, i)
			}
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N*benchBatch)/time.Since(start).Seconds(), "articles/s")
}

// BenchmarkIndexPending stores b.N batches of 256 articles untimed, then
// times one caller indexing them all, 1,000 at a time: the work the
// store step leaves to the workers' background indexers.
//
//	DOSSIER_TEST_POSTGRES=… go test ./internal/store/postgres -run XXX -bench IndexPending -benchtime 80x -count 3
func BenchmarkIndexPending(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, pgtest.DSN(b))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	fillBench(b, s, rand.New(rand.NewPCG(1, uint64(b.N))), b.N*benchBatch)
	b.ResetTimer()
	start := time.Now()
	total := 0
	for {
		n, err := s.IndexPending(ctx, 1000)
		if err != nil {
			b.Fatal(err)
		}
		total += n
		if n == 0 {
			break
		}
	}
	b.StopTimer()
	if total != b.N*benchBatch {
		b.Fatalf("indexed %d articles, stored %d", total, b.N*benchBatch)
	}
	b.ReportMetric(float64(total)/time.Since(start).Seconds(), "articles/s")
}

// BenchmarkSearch times searches over an indexed store of
// DOSSIER_BENCH_ARTICLES articles (default 20,480) spread over two years,
// for words of three frequencies and a phrase, with and without a date
// range: the reads that month partitions (0012) change.
//
//	DOSSIER_TEST_POSTGRES=… go test ./internal/store/postgres -run XXX -bench Search -benchtime 30x
func BenchmarkSearch(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, pgtest.DSN(b))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	n := 20480
	if v, err := strconv.Atoi(os.Getenv("DOSSIER_BENCH_ARTICLES")); err == nil && v > 0 {
		n = v
	}
	fillBench(b, s, rand.New(rand.NewPCG(1, 2)), n)
	for {
		k, err := s.IndexPending(ctx, 2000)
		if err != nil {
			b.Fatal(err)
		}
		if k == 0 {
			break
		}
	}
	if _, err := s.db.Exec(ctx, `VACUUM ANALYZE`); err != nil {
		b.Fatal(err)
	}
	month := store.Filter{From: time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC)}
	for _, q := range []struct {
		name string
		q    store.SearchQuery
	}{
		{"rare", store.SearchQuery{Text: benchWords[20000]}},
		{"middling", store.SearchQuery{Text: benchWords[300]}},
		{"common", store.SearchQuery{Text: "council"}},
		{"phrase", store.SearchQuery{Text: `"said officials"`}},
		{"common-one-month", store.SearchQuery{Text: "council", Filter: month}},
	} {
		b.Run(q.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := s.Search(ctx, q.q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// fillBench stores n benchmark articles drawn from r, in batches of
// benchBatch, untimed set-up for the benchmarks that read them.
func fillBench(b *testing.B, s *Store, r *rand.Rand, n int) {
	b.Helper()
	z := rand.NewZipf(r, 1.07, 2, uint64(len(benchWords)-1))
	for i := 0; i < n; i += benchBatch {
		var batch []news.Article
		for k := i; k < min(n, i+benchBatch); k++ {
			batch = append(batch, benchArticle(r, z, k))
		}
		if _, err := s.PutArticles(context.Background(), batch); err != nil {
			b.Fatal(err)
		}
	}
}
