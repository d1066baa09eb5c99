package loadtest

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/synth"
)

// fakeServer answers the soak's requests as dossier serve would: story
// listings, pages, searches, posts (201 for a URL not seen before) and
// /metrics with a heap that grows by grow bytes a scrape.
type fakeServer struct {
	mu        sync.Mutex
	urls      map[string]bool
	posts     int
	badTokens int
	heap      float64
	grow      float64
}

func (f *fakeServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.URL.Path == "/api/v1/stories" && r.URL.Query().Get("sort") != "":
		fmt.Fprint(w, `{"stories":[{"id":"s1","title":"Fire at Korven Bay depot"},{"id":"s2","title":"Strike halts Delmar Port"}]}`)
	case r.URL.Path == "/metrics":
		f.mu.Lock()
		f.heap += f.grow
		h := f.heap
		f.mu.Unlock()
		fmt.Fprintf(w, "# TYPE go_memstats_heap_inuse_bytes gauge\ngo_memstats_heap_inuse_bytes %g\ngo_gc_heap_live_bytes %g\nprocess_resident_memory_bytes %g\ngo_goroutines 12\n"+
			"dossier_http_requests_total{route=\"x\",code=\"200\"} 5\ndossier_store_articles 20000\n", h, h/2, h*1.5)
	case r.Method == http.MethodPost && r.URL.Path == "/api/v1/articles":
		if r.Header.Get("Authorization") != "Bearer secret" {
			f.mu.Lock()
			f.badTokens++
			f.mu.Unlock()
			http.Error(w, "no", http.StatusUnauthorized)
			return
		}
		var a synth.Article
		body, _ := io.ReadAll(r.Body)
		if err := json.Unmarshal(body, &a); err != nil || a.Text == "" || r.Header.Get("Content-Type") != "application/json" {
			http.Error(w, "bad", http.StatusUnprocessableEntity)
			return
		}
		f.mu.Lock()
		seen := f.urls[a.URL]
		f.urls[a.URL] = true
		f.posts++
		f.mu.Unlock()
		if seen {
			w.WriteHeader(http.StatusOK)
			return
		}
		w.WriteHeader(http.StatusCreated)
	case strings.HasPrefix(r.URL.Path, "/api/v1/search"):
		time.Sleep(2 * time.Millisecond)
		fmt.Fprint(w, `{}`)
	default:
		fmt.Fprint(w, "ok")
	}
}

func soakAgainst(t *testing.T, f *fakeServer, token string) SoakResult {
	t.Helper()
	f.urls = map[string]bool{}
	srv := httptest.NewServer(f)
	defer srv.Close()
	var progress bytes.Buffer
	res, err := Soak(context.Background(), SoakConfig{
		Config:     Config{Base: srv.URL, Duration: 1300 * time.Millisecond, Concurrency: 2, Token: token},
		Interval:   200 * time.Millisecond,
		IngestRate: 40, IngestWorkers: 2, Resample: 300 * time.Millisecond, Progress: &progress,
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(progress.String(), "\n") != len(res.Rows) {
		t.Errorf("%d progress lines for %d rows", strings.Count(progress.String(), "\n"), len(res.Rows))
	}
	return res
}

func TestSoak(t *testing.T) {
	f := &fakeServer{heap: 100 << 20}
	res := soakAgainst(t, f, "secret")
	if n := len(res.Rows); n < 5 || n > 7 {
		t.Fatalf("%d rows in 1.3 s at 200 ms", n)
	}
	if res.Reads == 0 || res.ReadErrors != 0 || res.PostErrors != 0 || res.ScrapeErrors != 0 {
		t.Fatalf("reads %d, errors %d/%d/%d", res.Reads, res.ReadErrors, res.PostErrors, res.ScrapeErrors)
	}
	// 40 posts a second for ~1.3 s, every one a new article.
	if res.Posts < 30 || res.Posts > 60 {
		t.Errorf("%d posts", res.Posts)
	}
	existing := 0
	for _, x := range res.Rows {
		existing += x.PostExisting
	}
	if existing != 0 || len(f.urls) != f.posts {
		t.Errorf("%d posts answered as existing; %d posts of %d distinct URLs", existing, f.posts, len(f.urls))
	}
	// The stored count is the baseline's plus the posts created, not
	// the server's dossier_store_articles, which (here, as behind a
	// stats cache) stays at 20000.
	if b := res.Baseline; b.Articles != 20000 || b.Stored != 20000 || b.HeapInuse != 100<<20 || b.ScrapeErrors != 0 {
		t.Errorf("baseline %+v", b)
	}
	created := 0
	for _, x := range res.Rows {
		created += x.Posts - x.PostExisting - x.PostErrors
	}
	last := res.Rows[len(res.Rows)-1]
	if created == 0 || last.Stored != float64(20000+created) {
		t.Errorf("stored %v after %d posts created", last.Stored, created)
	}
	if last.HeapInuse != 100<<20 || last.HeapLive != 50<<20 || last.RSS != 150<<20 || last.Goroutines != 12 || last.Articles != 20000 || last.GoSys != -1 {
		t.Errorf("scraped %+v", last)
	}
	if last.SearchP99 < 2*time.Millisecond || last.ReadP99 >= last.SearchP99 {
		t.Errorf("read p99 %v, search p99 %v: searches not timed apart", last.ReadP99, last.SearchP99)
	}
	v := res.Verdict(0.10)
	if !v.Pass || v.Heap.Ratio != 1 || v.RSS.Ratio != 1 {
		t.Errorf("flat soak: %+v", v)
	}
	var b bytes.Buffer
	if err := res.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil || len(recs) != len(res.Rows)+1 || recs[0][0] != "elapsed_s" || len(recs[1]) != len(recs[0]) {
		t.Errorf("CSV: %v, %d records", err, len(recs))
	}
}

func TestSoakCountsPostErrors(t *testing.T) {
	f := &fakeServer{heap: 100 << 20}
	res := soakAgainst(t, f, "wrong")
	// Posts after the last whole interval are in no row.
	if res.PostErrors < f.badTokens*2/3 || res.PostErrors > f.badTokens {
		t.Errorf("%d post errors for %d refused posts", res.PostErrors, f.badTokens)
	}
	v := res.Verdict(0.10)
	if v.Pass || v.Errors != res.PostErrors {
		t.Errorf("verdict with errors: %+v", v)
	}
}

func rows(n int, heap func(i int) float64) SoakResult {
	var r SoakResult
	for i := 0; i < n; i++ {
		h := heap(i)
		r.Rows = append(r.Rows, Row{Elapsed: time.Duration(i+1) * 10 * time.Second, Reads: 100, HeapInuse: h, HeapLive: h / 2, RSS: h * 1.5, Articles: float64(20000 + 50*i)})
		r.Reads += 100
	}
	r.Elapsed = time.Duration(n) * 10 * time.Second
	return r
}

func TestVerdict(t *testing.T) {
	// Warm-up growth in the first third does not count; a sawtooth
	// around a level does not either.
	flat := rows(90, func(i int) float64 {
		if i < 30 {
			return float64(100+10*i) * (1 << 20)
		}
		return float64(400+60*(i%3)) * (1 << 20)
	})
	v := flat.Verdict(0.10)
	if !v.Pass || v.Heap.Ratio < 0.99 || v.Heap.Ratio > 1.01 {
		t.Errorf("flat after warm-up: pass %v, ratio %v, reasons %v", v.Pass, v.Heap.Ratio, v.Reasons)
	}
	// A steady climb of 1 MB a row, 400 MB at the end of warm-up: the
	// middle third averages 414.5, the last 444.5 (+7.2%), 6 MB a minute.
	climb := rows(90, func(i int) float64 { return float64(400+i-30) * (1 << 20) })
	v = climb.Verdict(0.05)
	if v.Pass || len(v.Reasons) != 2 {
		t.Errorf("climb: pass %v, reasons %v", v.Pass, v.Reasons)
	}
	if s := v.Heap.SlopePerMinute / (1 << 20); s < 5.99 || s > 6.01 {
		t.Errorf("slope %v MB/min, want 6", s)
	}
	if v = climb.Verdict(0.10); !v.Pass {
		t.Errorf("climb within 10%%: %v", v.Reasons)
	}
	// RSS absent (not Linux): judged on the heap alone.
	noRSS := rows(9, func(int) float64 { return 1 << 30 })
	for i := range noRSS.Rows {
		noRSS.Rows[i].RSS = -1
	}
	if v = noRSS.Verdict(0.1); !v.Pass || v.RSS.Present {
		t.Errorf("no RSS: %+v", v)
	}
	if v = rows(5, func(int) float64 { return 1 }).Verdict(0.1); v.Pass {
		t.Error("5 intervals passed")
	}
	var b bytes.Buffer
	climb.Verdict(0.05).Write(&b, climb)
	if out := b.String(); !strings.Contains(out, "FAIL") || !strings.Contains(out, "heap in use grew 7.2%") || !strings.Contains(out, "KB per article added") {
		t.Errorf("report:\n%s", out)
	}
}

// TestVerdictPerArticle: memory that follows the data — a live heap of
// 16 KB per stored article throughout, the store growing 50 articles a
// row — fails on growth alone, and the report shows why: the same
// figure per article at the start and the end, and 16 KB per article
// added. The soak's own count (Stored) is used, not the server's
// lagging one.
func TestVerdictPerArticle(t *testing.T) {
	const perArticle = 16 << 10
	var r SoakResult
	r.Baseline = Row{HeapInuse: 400 << 20, HeapLive: 20000 * perArticle, Articles: 20000, Stored: 20000}
	for i := 0; i < 30; i++ {
		stored := float64(20000 + 50*(i+1))
		r.Rows = append(r.Rows, Row{Elapsed: time.Duration(i+1) * 10 * time.Second, Reads: 100,
			HeapInuse: 2 * stored * perArticle, HeapLive: stored * perArticle, RSS: 3 * stored * perArticle,
			Articles: 20000, Stored: stored}) // the server's count stuck behind its cache
		r.Reads += 100
	}
	r.Elapsed = 300 * time.Second
	v := r.Verdict(0.01)
	if v.Pass {
		t.Error("growth of 2.5% passed a 1% limit")
	}
	if v.LivePerArticleStart != perArticle || math.Abs(v.LivePerArticleEnd-perArticle) > 1e-6 {
		t.Errorf("per article: start %v, end %v, want %d", v.LivePerArticleStart, v.LivePerArticleEnd, perArticle)
	}
	if v.ArticlesLast <= v.ArticlesMiddle || v.ArticlesMiddle < 20500 {
		t.Errorf("articles %v → %v: not the soak's own count", v.ArticlesMiddle, v.ArticlesLast)
	}
	var b bytes.Buffer
	v.Write(&b, r)
	out := b.String()
	for _, want := range []string{"live heap per stored article: 16.0 KB at the start, 16.0 KB over the last third", "+16.0 KB per article added", "memory at baseline"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

// TestRepostIsTheStoredCorpus: --repost-synth N posts exactly what
// `dossier synth --articles N` wrote (and a store made from it holds),
// so the control soak's posts are all "existing".
func TestRepostIsTheStoredCorpus(t *testing.T) {
	got, err := freshArticles(SoakConfig{Config: Config{Duration: time.Minute, Seed: 7}, IngestRate: 5, Repost: 300})
	if err != nil {
		t.Fatal(err)
	}
	cfg := synth.DefaultConfig()
	cfg.Articles = 300
	var b bytes.Buffer
	if err := synth.Generate(&b, cfg); err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(&b)
	for i := 0; ; i++ {
		var a synth.Article
		if err := dec.Decode(&a); err == io.EOF {
			if i != len(got) {
				t.Fatalf("%d reposted, %d in the corpus", len(got), i)
			}
			break
		} else if err != nil {
			t.Fatal(err)
		}
		if i >= len(got) || got[i].URL != a.URL || got[i].Text != a.Text {
			t.Fatalf("article %d differs from the corpus", i)
		}
	}
	fresh, err := freshArticles(SoakConfig{Config: Config{Duration: time.Minute}, IngestRate: 5})
	if err != nil || len(fresh) != 400 || fresh[0].URL == got[0].URL {
		t.Errorf("fresh articles: %d, %v", len(fresh), err)
	}
}

func TestParseMetrics(t *testing.T) {
	m, err := parseMetrics(strings.NewReader("# HELP a b\n# TYPE a gauge\na 1.5e+06\nb{x=\"1\"} 3\nc NaN\nd +Inf\n"))
	if err != nil || m["a"] != 1.5e6 || len(m) != 3 {
		t.Errorf("%v %v", m, err)
	}
	if _, ok := m["b"]; ok {
		t.Error("labelled series kept")
	}
}
