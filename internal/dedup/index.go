package dedup

import (
	"fmt"
	"sync"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// Index is a streaming duplicate and reuse detector. Add checks an article
// against every article added before it and then keeps it; nothing is ever
// re-indexed. It is safe for concurrent use.
type Index struct {
	cfg      Config
	sentPerm *perms

	mu   sync.RWMutex
	docs []*docRec
	byID map[string]uint32

	exact     chains[uint64]   // content hash -> documents
	bands     []chains[uint32] // per LSH band: band key -> documents
	sentExact chains[uint64]   // normalised sentence -> sentences
	sentBands []chains[uint32] // per sentence band: key -> sentences
	paraExact chains[uint64]   // normalised paragraph -> paragraphs

	nSents, nParas uint32 // numbers given to sentences and paragraphs so far
	// sent0 and par0 hold each document's first sentence and paragraph
	// number, as docRec does, in flat arrays: sentDoc and paraDoc search
	// them once per passage hit, and a binary search over pointers to
	// records would miss the cache at every step.
	sent0, par0 []uint32
	kept        analyses // the analyses of indexed documents, in shared chunks
	groups      unionFind
	recent      []recentDoc // derived data of the latest documents, by number mod len
}

type recentDoc struct {
	num uint32
	dv  *derived
}

// docRec is what the index holds per document: its identity and its
// analysis, from which every comparison is recomputed.
type docRec struct {
	id          string
	published   time.Time
	content     uint64
	an          analysis
	sent0, par0 uint32 // number of its first sentence and paragraph
}

// NewIndex returns an empty index, or an error wrapping news.ErrInvalid
// when cfg does not validate.
func NewIndex(cfg Config) (*Index, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	ix := &Index{
		cfg:       cfg,
		sentPerm:  getPerms(cfg.SentenceHashes, mix64(cfg.Seed^golden)),
		byID:      make(map[string]uint32),
		exact:     newChains[uint64](),
		sentExact: newChains[uint64](),
		paraExact: newChains[uint64](),
		bands:     make([]chains[uint32], cfg.Bands),
		sentBands: make([]chains[uint32], cfg.SentenceBands),
		recent:    make([]recentDoc, cfg.CacheDocs),
	}
	for i := range ix.bands {
		ix.bands[i] = newChains[uint32]()
	}
	for i := range ix.sentBands {
		ix.sentBands[i] = newChains[uint32]()
	}
	return ix, nil
}

// Has reports whether a document of that id was added.
func (ix *Index) Has(id string) bool {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	_, ok := ix.byID[id]
	return ok
}

// Config returns the parameters the index was made with.
func (ix *Index) Config() Config { return ix.cfg }

// Len returns the number of documents indexed.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return len(ix.docs)
}

// Add analyses d, reports its links to every document added before it and
// indexes it. Adding an ID that is already indexed changes nothing and
// returns Query's report for it, so re-running an ingest is harmless.
func (ix *Index) Add(d Doc) (Report, error) {
	if d.ID == "" {
		return Report{}, fmt.Errorf("dedup: document without ID: %w", news.ErrInvalid)
	}
	return ix.AddFingerprints(Analyse(d, ix.cfg))
}

// AddFingerprints is Add for a document analysed earlier, typically one a
// store kept: rebuilding an index is re-adding every stored Fingerprints
// in the original order (any order gives the same pairs; see the package
// documentation). A signature made under another scheme is recomputed.
func (ix *Index) AddFingerprints(fp Fingerprints) (Report, error) {
	if fp.ID == "" {
		return Report{}, fmt.Errorf("dedup: fingerprints without ID: %w", news.ErrInvalid)
	}
	an, err := fp.analysis()
	if err != nil {
		return Report{}, err
	}
	sig := fp.Signature
	if fp.Scheme != ix.cfg.scheme() || len(sig) != ix.cfg.NumHashes {
		sig = an.sign(ix.cfg)
	}
	k := ix.keys(&an, sig)
	dv := an.derive(&ix.cfg)
	rec := &docRec{id: fp.ID, published: fp.Published, content: fp.ContentHash, an: an}

	// Insert first, then query only documents numbered below this one.
	// Concurrent Adds then behave exactly as if run one after another in
	// the order they took the lock, while their queries run in parallel
	// under the read lock.
	ix.mu.Lock()
	if _, dup := ix.byID[fp.ID]; dup {
		ix.mu.Unlock()
		r, _ := ix.Query(fp.ID)
		return r, nil
	}
	num := ix.insert(rec, dv, &k)
	ix.mu.Unlock()

	ix.mu.RLock()
	r := ix.relate(rec, num, dv, &k, num)
	ix.mu.RUnlock()

	ix.mu.Lock()
	for _, l := range r.Links {
		if l.Kind.Syndicated() {
			ix.groups.union(num, ix.byID[l.Other], ix.earlier)
		}
	}
	r.Group = ix.docs[ix.groups.origin(num)].id
	ix.mu.Unlock()
	return r, nil
}

// insert files a document under all its keys. Callers hold the write lock.
func (ix *Index) insert(rec *docRec, dv *derived, k *keys) uint32 {
	num := uint32(len(ix.docs))
	if len(ix.recent) > 0 {
		ix.recent[num%uint32(len(ix.recent))] = recentDoc{num, dv}
	}
	// The analysis is kept for the life of the index, so it is copied
	// into the arena: exact size, where Analyse over-allocates while
	// tokenising, and not aliasing the caller's Fingerprints.
	rec.an = ix.kept.keep(&rec.an)
	rec.sent0, rec.par0 = ix.nSents, ix.nParas
	ix.sent0 = append(ix.sent0, rec.sent0)
	ix.par0 = append(ix.par0, rec.par0)
	ix.docs = append(ix.docs, rec)
	ix.byID[rec.id] = num
	ix.groups.add()
	ix.nSents += uint32(len(rec.an.sents))
	ix.nParas += uint32(len(rec.an.paras))

	if len(rec.an.words) == 0 {
		// An empty document would share every band with every other empty
		// document and means nothing.
		return num
	}
	ix.exact.add(rec.content, num, 0)
	for b, key := range k.bands {
		ix.bands[b].add(key, num, 0)
	}
	for i, h := range dv.sentHash {
		if h != 0 {
			ix.sentExact.add(h, rec.sent0+uint32(i), ix.cfg.MaxFingerprintDocs)
		}
	}
	for i, bk := range k.sentBands {
		for b, key := range bk {
			ix.sentBands[b].add(key, rec.sent0+uint32(i), 0)
		}
	}
	for i, h := range k.paraExact {
		if h != 0 {
			ix.paraExact.add(h, rec.par0+uint32(i), ix.cfg.MaxFingerprintDocs)
		}
	}
	return num
}

// derivedOf returns the derived data of document d, from the cache of
// recent documents when it is there.
func (ix *Index) derivedOf(d uint32) *derived {
	if n := uint32(len(ix.recent)); n > 0 {
		if c := ix.recent[d%n]; c.dv != nil && c.num == d {
			return c.dv
		}
	}
	return ix.docs[d].an.derive(&ix.cfg)
}

// earlier orders documents for choosing a group's origin: known
// publication times first, earliest first, then by ID.
func (ix *Index) earlier(a, b uint32) bool { return precedes(ix.docs[a], ix.docs[b]) }

func precedes(da, db *docRec) bool {
	za, zb := da.published.IsZero(), db.published.IsZero()
	switch {
	case za != zb:
		return zb
	case !da.published.Equal(db.published):
		return da.published.Before(db.published)
	}
	return da.id < db.id
}

// sentDoc returns the document holding sentence number g.
func (ix *Index) sentDoc(g uint32) uint32 { return lastAtMost(ix.sent0, g) }

// paraDoc returns the document holding paragraph number g.
func (ix *Index) paraDoc(g uint32) uint32 { return lastAtMost(ix.par0, g) }

// lastAtMost returns the last i with starts[i] <= g in a nondecreasing
// array whose first element is 0. Documents without sentences repeat a
// start, and the last of them is the one holding g.
func lastAtMost(starts []uint32, g uint32) uint32 {
	lo, hi := 0, len(starts) // invariant: starts[lo-1] <= g < starts[hi]
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if starts[m] <= g {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return uint32(lo - 1)
}
