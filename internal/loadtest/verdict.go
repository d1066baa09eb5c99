package loadtest

import (
	"fmt"
	"io"
	"slices"
	"time"
)

// Growth compares one memory series between the middle and the last
// third of a soak. The first third is left out: caches fill, the heap
// finds its size and the first collections run then, and a leak is what
// keeps growing after that.
type Growth struct {
	Name string
	// Middle and Last are the series' means over the two thirds, in
	// bytes; means, because a Go heap saws up and down between
	// collections and one sample may catch either edge.
	Middle, Last float64
	// Ratio is Last / Middle: 1 is flat.
	Ratio float64
	// SlopePerMinute is the least-squares slope over the last two
	// thirds, in bytes per minute, to tell a steady climb from a step.
	SlopePerMinute float64
	// Present is false when the server did not report the series (RSS
	// off Linux); it then takes no part in the verdict.
	Present bool
}

// Verdict is a soak's pass or fail: no errors, and memory that does not
// grow by more than MaxGrowth from the middle to the last third.
type Verdict struct {
	Pass      bool
	MaxGrowth float64
	// Errors are failed reads, posts and scrapes together.
	Errors int
	// Heap (in use) and RSS decide; Live (after the last collection) is
	// reported because it is the steadiest view of what is kept.
	Heap, Live, RSS Growth
	// ArticlesMiddle and ArticlesLast are the stored articles' means
	// over the two thirds (Row.Stored, the soak's own count, when it
	// has one; the server's lagging dossier_store_articles otherwise):
	// a server that indexes new articles in memory grows with them,
	// and the growth per article says whether memory follows the data
	// or something else.
	ArticlesMiddle, ArticlesLast float64
	// LivePerArticleStart is the live heap per stored article before
	// the first request (the baseline; the first row without one), and
	// LivePerArticleEnd the same over the last third, in bytes (0 when
	// unknown). Close figures say the heap grew in proportion to the
	// data, whatever the growth ratio; the start one is lower by what
	// the caches hold once filled.
	LivePerArticleStart, LivePerArticleEnd float64
	// Reasons say why a soak failed.
	Reasons []string
}

// Verdict judges the soak. maxGrowth is the allowed rise of the mean
// from the middle to the last third (0.10 = 10%).
func (r SoakResult) Verdict(maxGrowth float64) Verdict {
	v := Verdict{MaxGrowth: maxGrowth, Errors: r.ReadErrors + r.PostErrors + r.ScrapeErrors}
	if v.Errors > 0 {
		v.Reasons = append(v.Reasons, fmt.Sprintf("%d errors (%d reads, %d posts, %d scrapes)", v.Errors, r.ReadErrors, r.PostErrors, r.ScrapeErrors))
	}
	n := len(r.Rows)
	if n < 6 {
		v.Reasons = append(v.Reasons, fmt.Sprintf("%d intervals are too few to compare thirds (at least 6)", n))
		return v
	}
	if r.Reads == 0 {
		v.Reasons = append(v.Reasons, "no read completed")
	}
	mid, last := r.Rows[n/3:2*n/3], r.Rows[2*n/3:]
	growth := func(name string, f func(Row) float64) Growth {
		g := Growth{Name: name, Present: true}
		for _, x := range r.Rows[n/3:] {
			if f(x) < 0 {
				g.Present = false
			}
		}
		if !g.Present {
			return g
		}
		g.Middle, g.Last = mean(mid, f), mean(last, f)
		if g.Middle > 0 {
			g.Ratio = g.Last / g.Middle
		}
		g.SlopePerMinute = slope(r.Rows[n/3:], f)
		if g.Ratio > 1+maxGrowth {
			v.Reasons = append(v.Reasons, fmt.Sprintf("%s grew %.1f%% from the middle to the last third (allowed %.0f%%)", name, 100*(g.Ratio-1), 100*maxGrowth))
		}
		return g
	}
	v.Heap = growth("heap in use", func(x Row) float64 { return x.HeapInuse })
	v.RSS = growth("RSS", func(x Row) float64 { return x.RSS })
	if !v.Heap.Present {
		v.Reasons = append(v.Reasons, "the server reported no heap figures (is it a dossier serve with runtime metrics?)")
	}
	live := v.Reasons
	v.Live = growth("live heap", func(x Row) float64 { return x.HeapLive })
	v.Reasons = live // reported, not judged
	articles := func(x Row) float64 { return x.Articles }
	if !slices.ContainsFunc(r.Rows, func(x Row) bool { return x.Stored <= 0 }) {
		articles = func(x Row) float64 { return x.Stored }
	}
	v.ArticlesMiddle, v.ArticlesLast = mean(mid, articles), mean(last, articles)
	start := r.Baseline
	if start.HeapLive <= 0 || start.Stored <= 0 {
		start = r.Rows[0]
		start.Stored = articles(start)
	}
	if start.HeapLive > 0 && start.Stored > 0 {
		v.LivePerArticleStart = start.HeapLive / start.Stored
	}
	if v.Live.Present && v.ArticlesLast > 0 {
		v.LivePerArticleEnd = v.Live.Last / v.ArticlesLast
	}
	v.Pass = len(v.Reasons) == 0
	return v
}

func mean(rows []Row, f func(Row) float64) float64 {
	var s float64
	for _, x := range rows {
		s += f(x)
	}
	return s / float64(len(rows))
}

// slope is the least-squares slope of f over rows, per minute.
func slope(rows []Row, f func(Row) float64) float64 {
	var sx, sy, sxx, sxy float64
	n := float64(len(rows))
	for _, x := range rows {
		t, y := x.Elapsed.Minutes(), f(x)
		sx, sy, sxx, sxy = sx+t, sy+y, sxx+t*t, sxy+t*y
	}
	d := n*sxx - sx*sx
	if d == 0 {
		return 0
	}
	return (n*sxy - sx*sy) / d
}

// Write prints the soak's totals and the verdict with its figures.
func (v Verdict) Write(w io.Writer, r SoakResult) {
	secs := r.Elapsed.Seconds()
	fmt.Fprintf(w, "soak: %v, %d intervals; %d reads (%.0f/s), %d read errors; %d posts (%.2f/s), %d post errors, %d skipped while the workers were busy; %d failed scrapes\n",
		r.Elapsed.Round(time.Second), len(r.Rows), r.Reads, float64(r.Reads)/secs, r.ReadErrors, r.Posts, float64(r.Posts)/secs, r.PostErrors, r.PostSkipped, r.ScrapeErrors)
	if n := len(r.Rows); n > 0 {
		var p50s, p99s, search99s, post99s []time.Duration
		for _, x := range r.Rows {
			p50s, p99s = append(p50s, x.ReadP50), append(p99s, x.ReadP99)
			if x.SearchP99 > 0 {
				search99s = append(search99s, x.SearchP99)
			}
			if x.Posts > 0 {
				post99s = append(post99s, x.PostP99)
			}
		}
		rng := func(ds []time.Duration) string {
			if len(ds) == 0 {
				return "-"
			}
			lo, med, hi := quantile(ds, 0), quantile(ds, 0.5), quantile(ds, 1)
			return fmt.Sprintf("%v / %v / %v", lo.Round(10*time.Microsecond), med.Round(10*time.Microsecond), hi.Round(10*time.Microsecond))
		}
		fmt.Fprintf(w, "per interval, min / median / max: read p50 %s; read p99 %s (searches apart); search p99 %s; post p99 %s\n", rng(p50s), rng(p99s), rng(search99s), rng(post99s))
		first, mid, last := r.Rows[0], r.Rows[n/2], r.Rows[n-1]
		mb := func(x float64) string {
			if x < 0 {
				return "-"
			}
			return fmt.Sprintf("%.1f MB", x/(1<<20))
		}
		type at struct {
			name string
			row  Row
		}
		ats := []at{{"start", first}, {"middle", mid}, {"end", last}}
		if r.Baseline.HeapInuse > 0 {
			ats = append([]at{{"baseline", r.Baseline}}, ats...)
		}
		for _, x := range ats {
			// The soak's own count when it has one: the server's lags.
			articles := x.row.Articles
			if x.row.Stored > 0 {
				articles = x.row.Stored
			}
			fmt.Fprintf(w, "memory at %-8s (%v): heap in use %s, live heap %s, Go total %s, RSS %s, %.0f goroutines, %.0f articles\n",
				x.name, x.row.Elapsed.Round(time.Second), mb(x.row.HeapInuse), mb(x.row.HeapLive), mb(x.row.GoSys), mb(x.row.RSS), x.row.Goroutines, articles)
		}
	}
	for _, g := range []Growth{v.Heap, v.Live, v.RSS} {
		if !g.Present {
			continue
		}
		perK := ""
		if d := v.ArticlesLast - v.ArticlesMiddle; d > 0 {
			perK = fmt.Sprintf(", %+.1f KB per article added", (g.Last-g.Middle)/d/1024)
		}
		fmt.Fprintf(w, "%-11s middle third %.1f MB, last third %.1f MB: ×%.3f (%+.1f%%), slope %+.2f MB/min over the last two thirds%s\n",
			g.Name, g.Middle/(1<<20), g.Last/(1<<20), g.Ratio, 100*(g.Ratio-1), g.SlopePerMinute/(1<<20), perK)
	}
	if v.LivePerArticleStart > 0 && v.LivePerArticleEnd > 0 {
		fmt.Fprintf(w, "live heap per stored article: %.1f KB at the start, %.1f KB over the last third (%.0f articles)\n",
			v.LivePerArticleStart/1024, v.LivePerArticleEnd/1024, v.ArticlesLast)
	}
	if v.Pass {
		fmt.Fprintf(w, "PASS: 0 errors; heap in use and RSS within %.0f%% from the middle to the last third\n", 100*v.MaxGrowth)
		return
	}
	fmt.Fprintln(w, "FAIL:")
	for _, s := range v.Reasons {
		fmt.Fprintln(w, "  "+s)
	}
}
