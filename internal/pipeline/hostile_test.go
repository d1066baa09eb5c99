package pipeline

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/store"
)

// TestHostileInputs runs documents built to exhaust a parser — a gzip
// bomb, an XML entity-expansion feed, HTML nested a hundred thousand
// deep, a multi-megabyte single line, a feed of 200,000 empty items
// — through the whole pipeline beside one ordinary article. Each must
// end as a stored article or a recorded failure, and the ordinary
// article must be stored: one hostile document costs itself, not the
// batch.
func TestHostileInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("builds inputs of tens of megabytes")
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "ok.txt"), []byte(textArticle))

	// 256 MB of markup in a few hundred kilobytes: the reader must stop
	// at MaxDocBytes, not inflate it all. (Zeros would be refused
	// earlier, as binary.)
	bomb, err := os.Create(filepath.Join(dir, "bomb.html.gz"))
	if err != nil {
		t.Fatal(err)
	}
	zw, _ := gzip.NewWriterLevel(bomb, gzip.BestCompression)
	chunk := []byte(strings.Repeat("<p>ha</p>", 1<<17))
	for range 256 * (1 << 20) / len(chunk) {
		zw.Write(chunk)
	}
	zw.Close()
	bomb.Close()

	// Billion laughs: ten levels of ten references. Go's XML decoder
	// does not expand user-defined entities; nothing may.
	var laughs strings.Builder
	laughs.WriteString(`<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "ha">`)
	for i := 1; i <= 10; i++ {
		laughs.WriteString(`<!ENTITY l` + string(rune('0'+i%10)) + ` "`)
		for range 10 {
			laughs.WriteString(`&l` + string(rune('0'+(i-1)%10)) + `;`)
		}
		laughs.WriteString(`">`)
	}
	laughs.WriteString(`]><rss version="2.0"><channel><title>&l9;</title><item><title>Laughs</title><description>&l9;</description></item></channel></rss>`)
	writeFile(t, filepath.Join(dir, "laughs.rss"), []byte(laughs.String()))

	nested := strings.Repeat("<div>", 100000) + "<p>Deep inside the page a paragraph waits for a reader who will never come.</p>" + strings.Repeat("</div>", 100000)
	writeFile(t, filepath.Join(dir, "nested.html"), []byte("<html><body>"+nested+"</body></html>"))

	line := strings.Repeat("word ", 1<<20) // 5 MB without a newline
	writeFile(t, filepath.Join(dir, "line.txt"), []byte(line))

	var feed bytes.Buffer
	feed.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>`)
	for range 200000 {
		feed.WriteString(`<item><title>x</title></item>`)
	}
	feed.WriteString(`</channel></rss>`)
	tiny := filepath.Join(t.TempDir(), "tiny-items.rss.gz")
	writeFile(t, tiny, gz(feed.Bytes()))

	st := openStore(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	stats, err := Run(ctx, st, []string{dir}, Config{DocTimeout: 20 * time.Second}, nil)
	if err != nil {
		t.Fatalf("Run: %v (stats %+v)", err, stats)
	}
	if stats.New < 1 {
		t.Errorf("stats = %+v: the ordinary article was not stored", stats)
	}
	fs, err := st.Failures(context.Background(), 1000)
	if err != nil {
		t.Fatal(err)
	}
	failed := map[string]string{}
	for _, f := range fs {
		failed[filepath.Base(strings.SplitN(f.Origin, "#", 2)[0])] = f.Kind
	}
	if k := failed["bomb.html.gz"]; k != "too_large" {
		t.Errorf("the gzip bomb's failure kind = %q, want too_large (failures: %v)", k, failed)
	}
	if stats.Read < 5 {
		t.Errorf("read %d documents, want at least one per input", stats.Read)
	}
	t.Logf("stats %+v; failures by file: %v", stats, failed)
	page, err := st.Articles(context.Background(), store.ArticleQuery{Filter: store.Filter{AllCopies: true}, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range page.Articles {
		if strings.Contains(a.Origin, "laughs") && len(a.Text) > 10000 {
			t.Errorf("the entity-expansion feed was expanded to %d bytes", len(a.Text))
		}
	}

	// The million-item feed, alone so that its failures do not crowd
	// the others out of the listing: every item is accounted for.
	stats, err = Run(ctx, st, []string{tiny}, Config{}, nil)
	if err != nil {
		t.Fatalf("Run on the tiny-item feed: %v", err)
	}
	if stats.Done() != 200000 {
		t.Errorf("tiny-item feed: %+v, want 200,000 documents accounted for", stats)
	}
}
