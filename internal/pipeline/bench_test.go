package pipeline

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/dossier-news/dossier/internal/store/sqlite"
)

// BenchmarkIngestText measures plain-text ingest into SQLite end to end
// (walk, read, extract, identity, batched commits) and reports articles/s.
// Each iteration ingests a fresh copy of 2,000 articles into a new store.
func BenchmarkIngestText(b *testing.B) {
	const n = 2000
	dir := b.TempDir()
	for i := 0; i < n; i++ {
		body := fmt.Sprintf("Council publishes bus route review %d\n\n"+
			"The transport committee published its review of route %d on Thursday, recommending a later last departure and two extra stops near the hospital.\n\n"+
			"Advertisement\n\n"+
			"Passenger groups said the changes to route %d were overdue, while the operator said it would need %d more drivers to run them.\n\n"+
			"\"We asked for this in the spring,\" said a spokesperson for the riders' association, which has campaigned on the route since %d.\n\n"+
			"Share this article\n", i, i, i, i%40+2, 2000+i%25)
		writeFile(b, filepath.Join(dir, fmt.Sprintf("s%02d", i%10), fmt.Sprintf("%05d.txt", i)), []byte(body))
	}
	b.ResetTimer()
	var total int
	for it := 0; it < b.N; it++ {
		b.StopTimer()
		st, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		stats, err := Run(context.Background(), st, []string{dir}, Config{}, nil)
		if err != nil || stats.New != n {
			b.Fatalf("Run: %+v, %v", stats, err)
		}
		total += stats.New
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(total)/b.Elapsed().Seconds(), "articles/s")
}
