package extract

import (
	"hash/maphash"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/dossier-news/dossier/internal/news"
)

// Thresholds and bounds of LineStats.
const (
	// maxRecurringLine is the length (in characters of the normalised
	// line) from which a line is article text, never chrome, however
	// often it recurs.
	maxRecurringLine = 100
	// recurMinDocs and recurMinShare decide when a line is chrome. The
	// count alone would condemn a stock phrase of a large outlet (a line
	// in 5 of 10,000 articles is prose); the share alone would condemn
	// every line of an outlet's first article (1 of 1 is 100%).
	recurMinDocs  = 3
	recurMinShare = 0.30
	// maxLinesPerOutlet and maxOutlets bound memory. When an outlet's
	// table is full the lines seen least are forgotten: chrome recurs
	// from the first pages on, so it is never among them for long.
	maxLinesPerOutlet = 4096
	maxOutlets        = 1024
	// maxDocHashes bounds the per-outlet memory of documents already
	// counted.
	maxDocHashes = 1 << 16
	// maxObservedLines bounds the work spent on one document.
	maxObservedLines = 5000
)

// LineStats counts, per outlet, in how many distinct documents each short
// line appears, so that text cleaning can drop the lines an outlet prints
// around every article ("Support The Moscow Times!", its share bar) even
// when no rule describes them. It implements RecurringLines and is safe
// for concurrent use; the zero value is ready to use.
//
// Lines are kept as 64-bit hashes of their normalised form, which keeps
// memory small (see maxLinesPerOutlet, maxOutlets) at the price of a
// negligible chance of collision.
type LineStats struct {
	mu      sync.RWMutex
	seed    maphash.Seed
	seeded  bool
	outlets map[string]*outletLines
}

type outletLines struct {
	docs  int
	seen  map[uint64]bool // documents already counted, by content hash
	lines map[uint64]int  // line hash → number of documents with it
}

// NewLineStats returns an empty LineStats.
func NewLineStats() *LineStats { return &LineStats{} }

// Observe records the short lines of one document of outlet. The same
// document observed twice counts once, so that a re-ingested or
// duplicated article cannot make its own lines look like chrome.
func (s *LineStats) Observe(outlet string, text string) {
	// Decoded as Text decodes, so that both see the same lines.
	text, err := decodeText([]byte(text))
	if err != nil {
		return // empty or binary: no lines worth counting
	}
	uniq := map[string]bool{}
	n := 0
	for _, l := range strings.FieldsFunc(text, isLineBreak) {
		if n++; n > maxObservedLines {
			break
		}
		if norm := news.NormaliseText(l); norm != "" && utf8.RuneCountInString(norm) < maxRecurringLine {
			uniq[norm] = true
		}
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	s.init()
	o := s.outlets[outlet]
	if o == nil {
		if len(s.outlets) >= maxOutlets {
			return
		}
		o = &outletLines{seen: map[uint64]bool{}, lines: map[uint64]int{}}
		s.outlets[outlet] = o
	}
	doc := maphash.String(s.seed, news.NormaliseText(text))
	if o.seen[doc] {
		return
	}
	if len(o.seen) >= maxDocHashes {
		clear(o.seen) // forgetting old documents only risks a rare double count
	}
	o.seen[doc] = true
	o.docs++
	for l := range uniq {
		h := maphash.String(s.seed, l)
		if _, ok := o.lines[h]; !ok && len(o.lines) >= maxLinesPerOutlet {
			o.prune()
		}
		o.lines[h]++
	}
}

// Recurs reports whether line appeared in at least recurMinDocs documents
// of outlet and in at least recurMinShare of them. The line is normalised
// as Observe normalises; normalising twice is harmless.
func (s *LineStats) Recurs(outlet, line string) bool {
	norm := news.NormaliseText(line)
	if norm == "" {
		return false
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	o := s.outlets[outlet]
	if o == nil || !s.seeded {
		return false
	}
	c := o.lines[maphash.String(s.seed, norm)]
	return c >= recurMinDocs && float64(c) >= recurMinShare*float64(o.docs)
}

func (s *LineStats) init() {
	if !s.seeded {
		s.seed, s.seeded = maphash.MakeSeed(), true
		s.outlets = map[string]*outletLines{}
	}
}

// prune forgets the least-seen lines until the table is half full, so
// that pruning happens once per many insertions.
func (o *outletLines) prune() {
	for limit := 1; len(o.lines) > maxLinesPerOutlet/2; limit++ {
		for h, c := range o.lines {
			if c <= limit {
				delete(o.lines, h)
			}
		}
	}
}
