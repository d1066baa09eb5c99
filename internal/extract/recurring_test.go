package extract

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

// article invents the n-th article of a site: a unique headline and body
// between the site's own chrome lines.
func article(n int, chrome ...string) string {
	body := fmt.Sprintf("Council approves budget number %d\n\nThe town council voted on item %d after a long debate about the roads.", n, n)
	return strings.Join(chrome, "\n") + "\n" + body
}

func TestRecurringLines(t *testing.T) {
	const chrome = "Subscribe to The Valley Gazette"
	tests := []struct {
		name   string
		docs   int    // articles observed, every one with the chrome line
		plain  int    // articles observed without it
		outlet string // outlet asked about
		line   string
		want   bool
	}{
		{"chrome of the outlet", 10, 0, "gazette", chrome, true},
		{"normalised like Observe", 10, 0, "gazette", "  SUBSCRIBE to the Valley Gazette!! ", true},
		{"other outlet", 10, 0, "herald", chrome, false},
		{"below the document count", 2, 0, "gazette", chrome, false},
		{"exactly the document count", 3, 0, "gazette", chrome, true},
		{"below the share", 3, 8, "gazette", chrome, false},
		{"at the share", 3, 7, "gazette", chrome, true},
		{"unique line", 10, 0, "gazette", "Council approves budget number 4", false},
		{"empty line", 10, 0, "gazette", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ls := NewLineStats()
			for i := 0; i < tt.docs; i++ {
				ls.Observe("gazette", article(i, chrome))
			}
			for i := 0; i < tt.plain; i++ {
				ls.Observe("gazette", article(1000+i))
			}
			if got := ls.Recurs(tt.outlet, tt.line); got != tt.want {
				t.Errorf("after %d+%d docs, Recurs(%q, %q) = %v, want %v", tt.docs, tt.plain, tt.outlet, tt.line, got, tt.want)
			}
		})
	}
}

// The same document observed again, as when a story is ingested twice,
// must not make its own lines look like chrome.
func TestRecurringCountsDocumentsOnce(t *testing.T) {
	ls := NewLineStats()
	doc := article(1)
	for i := 0; i < 5; i++ {
		ls.Observe("gazette", doc)
	}
	if ls.Recurs("gazette", "Council approves budget number 1") {
		t.Errorf("a line of one document observed 5 times recurs, want not")
	}
}

func TestRecurringZeroValueAndLongLines(t *testing.T) {
	var ls LineStats
	if ls.Recurs("gazette", "anything") {
		t.Errorf("zero LineStats: Recurs = true, want false")
	}
	long := strings.Repeat("word ", 30)
	for i := 0; i < 10; i++ {
		ls.Observe("gazette", article(i, long))
	}
	if ls.Recurs("gazette", long) {
		t.Errorf("a line of %d characters recurs, want lines that long never to count", len(long))
	}
}

// Memory stays bounded however many distinct lines an outlet prints, and
// chrome seen throughout survives the pruning.
func TestRecurringBounded(t *testing.T) {
	ls := NewLineStats()
	const chrome = "Follow the Gazette"
	for i := 0; i < 3000; i++ {
		ls.Observe("gazette", fmt.Sprintf("%s\nline a %d\nline b %d\nline c %d", chrome, i, i, i))
	}
	o := ls.outlets["gazette"]
	if n := len(o.lines); n > maxLinesPerOutlet {
		t.Errorf("tracked lines = %d, want at most %d", n, maxLinesPerOutlet)
	}
	if !ls.Recurs("gazette", chrome) {
		t.Errorf("Recurs(%q) = false after pruning, want true", chrome)
	}
}

func TestRecurringConcurrent(t *testing.T) {
	ls := NewLineStats()
	const chrome = "Support the Gazette"
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				outlet := fmt.Sprintf("outlet-%d", i%2)
				ls.Observe(outlet, article(w*1000+i, chrome))
				ls.Recurs(outlet, chrome)
			}
		}()
	}
	wg.Wait()
	for _, outlet := range []string{"outlet-0", "outlet-1"} {
		if !ls.Recurs(outlet, chrome) {
			t.Errorf("Recurs(%q, %q) = false after concurrent observation, want true", outlet, chrome)
		}
		if got, want := ls.outlets[outlet].docs, 200; got != want {
			t.Errorf("%s: documents counted = %d, want %d", outlet, got, want)
		}
	}
}
