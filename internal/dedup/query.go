package dedup

import (
	"math"
	"sort"
)

// Query reports the links of an indexed document to every other indexed
// document, whichever was added first. Unlike the report Add returned, it
// reflects documents added since, so it is the view to show a reader.
func (ix *Index) Query(id string) (Report, bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	num, ok := ix.byID[id]
	if !ok {
		return Report{}, false
	}
	rec := ix.docs[num]
	sig := rec.an.sign(ix.cfg)
	k := ix.keys(&rec.an, sig)
	r := ix.relate(rec, num, ix.derivedOf(num), &k, uint32(len(ix.docs)))
	r.Group = ix.docs[ix.groups.origin(num)].id
	return r, true
}

// noDoc is the number of a document that is not in the index.
const noDoc = math.MaxUint32

// Check reports the links d would get from Add, without adding it. Its
// Group is the origin the merged group would have.
func (ix *Index) Check(d Doc) Report {
	fp := Analyse(d, ix.cfg)
	an, _ := fp.analysis() // Analyse output is well-formed by construction
	k := ix.keys(&an, fp.Signature)
	dv := an.derive(&ix.cfg)
	rec := &docRec{id: fp.ID, published: fp.Published, content: fp.ContentHash, an: an}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	r := ix.relate(rec, noDoc, dv, &k, uint32(len(ix.docs)))
	r.Group = d.ID
	best := rec
	for _, l := range r.Links {
		if o := ix.docs[ix.groups.origin(ix.byID[l.Other])]; l.Kind.Syndicated() && precedes(o, best) {
			best, r.Group = o, o.id
		}
	}
	return r
}

// Candidates returns the IDs of indexed documents sharing at least one LSH
// band with sig: the raw, unverified near-duplicate candidates, exposed
// for benchmarks and diagnostics.
func (ix *Index) Candidates(sig Signature) []string {
	if len(sig) != ix.cfg.NumHashes {
		return nil
	}
	r := ix.cfg.Rows()
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	seen := make(map[uint32]bool)
	var out []string
	for b := range ix.bands {
		ix.bands[b].each(bandKey(b, sig[b*r:(b+1)*r]), ix.cfg.MaxBucket, func(d uint32) bool {
			if !seen[d] {
				seen[d] = true
				out = append(out, ix.docs[d].id)
			}
			return true
		})
	}
	sort.Strings(out)
	return out
}

// Fingerprints returns the stored form of an indexed document, for a store
// to persist.
func (ix *Index) Fingerprints(id string) (Fingerprints, bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	num, ok := ix.byID[id]
	if !ok {
		return Fingerprints{}, false
	}
	rec := ix.docs[num]
	fp := fromAnalysis(&rec.an)
	fp.ID, fp.Published, fp.ContentHash = rec.id, rec.published, rec.content
	fp.Scheme, fp.Signature = ix.cfg.scheme(), rec.an.sign(ix.cfg)
	return fp, true
}
