// Package dedup finds duplicated and reused text among news articles as
// they arrive: exact copies, near-duplicates, trimmed copies, shared wire
// paragraphs, rewrites and mash-ups, and groups syndicated copies under
// the article that published first. It is pure Go and keeps no storage of
// its own; every index can be exported (Fingerprints) and rebuilt from
// what a store kept.
//
// # Using it
//
//	ix, _ := dedup.NewIndex(dedup.DefaultConfig())
//	r, _ := ix.Add(dedup.DocFromArticle(a)) // links to articles added before a
//	r, _ = ix.Query(a.ID)                    // links to every other article, now
//	g, _ := ix.Group(a.ID)                   // its syndication group and origin
//
// Add returns a Report: Links (each with a LinkKind, exact Jaccard and
// containment in both directions, the shared paragraph pairs as spans,
// the number of shared sentences), Sentences (for each sentence of the
// article found elsewhere, where), Assembled (a mash-up) and Group (the
// origin of its syndication group). Check is Add without adding.
//
// # How
//
// Text is cut into words (the tokens news.NormaliseText keeps, hashed to
// 32 bits), sentences and paragraphs. Everything else derives from that:
//
//   - Exact duplicates: a hash of the whole word sequence (KindExact).
//   - Near-duplicates: word 3-gram shingles that never cross a sentence
//     end, signed with a 128-value MinHash and indexed in 32 LSH bands of
//     4 rows. A band hit makes a candidate; every candidate is verified on
//     the exact shingle sets: Jaccard ≥ 0.5 is KindNear, and one document
//     holding ≥ 0.8 of the other's shingles is KindContained.
//   - Passages: each sentence and paragraph of at least 8 words is keyed
//     by its "skeleton" (words with numbers and day and month names
//     blanked), and each sentence also by 8 bands of a 32-value MinHash of
//     its content words (stop words removed). These find what the document
//     LSH cannot: a trimmed copy (its Jaccard with the original is its
//     share of it), stories sharing a few wire paragraphs, sentences lifted
//     into a mash-up, a synonym-spun rewrite. A key carried by more than
//     MaxFingerprintDocs passages is boilerplate and retired.
//   - Verification of a candidate joins the two documents' sorted shingle
//     sets once, which yields the document Jaccard and the overlap of every
//     paragraph pair (≥ 0.5 of the smaller paragraph's shingles:
//     KindSharesParagraphs), and joins their content words, which finds
//     every pair of near-identical sentences (Jaccard ≥ 0.5 over all their
//     words, and ≥ 0.25 over content words alone). Most sentences of one
//     reappearing in the other is KindReworded; sentences drawn from two or
//     more unrelated stories covering half of an article make it
//     Assembled, and those links KindAssembledFrom.
//   - Groups: exact, near, contained and reworded links join documents in
//     a union-find; the origin is the earliest Published (unknown dates
//     last, ties by ID), whatever the order of arrival.
//
// # Parameters (DefaultConfig)
//
// Shingle size 3 was measured against 2 to 6 on the seed articles and the
// tests' invented ones. Unrelated articles on the same events stay at
// Jaccard ≤ 0.013 with 3-grams (0.04-0.05 with 2-grams), while a
// synonym-spun copy keeps 0.32 (0.18 with 5-grams) and edited wire
// paragraphs keep enough overlap to pair; 3 is the smallest size with a
// noise floor near 0.01.
//
// The document LSH uses b=32 bands of r=4 rows. A pair with Jaccard J is
// a candidate with probability 1-(1-J^4)^32: 0.05 at 0.2, 0.23 at 0.3,
// 0.56 at 0.4, 0.87 at 0.5, 0.99 at 0.6; the threshold (1/b)^(1/r) is
// 0.42, below NearJaccard so that near-duplicates are rarely missed, and
// copies sharing any verbatim sentence are found by the passage keys even
// when their bands miss. The sentence LSH (8 bands of 4) is deliberately
// selective — 0.40 at 0.5, 0.67 at 0.6, 0.89 at 0.7 per sentence — since
// one hit among an article's sentences is enough to bring the whole
// article in for verification, and two content words in common must not
// fill a bucket.
//
// Signatures are made by one permutation hashing with optimal
// densification (Signing OnePermutation): one 64-bit hash per shingle,
// O(shingles + 128), estimating Jaccard as accurately as 128 independent
// permutations (TestSignatureAccuracy). Signing a 500-word article then
// takes about 35 µs, most of it tokenising: 28,000-30,000 articles a
// second per core (BenchmarkSign). The textbook 128 multiply-shift
// permutations are available as KPermutations, at about half that rate.
//
// # Consistency model
//
// Add(d) reports d's links to the documents added before it; each linked
// pair is reported once, by whichever of the two came second. Whether a
// pair is found, its kind (except assembled-from) and its scores do not
// depend on the order of arrival: candidate generation is symmetric (a
// shared key or band is shared both ways) and verification is exact. So
// are the groups and their origins, and Query, which checks a document
// against everything indexed now. The exceptions are bounded and
// documented where they arise: a key retired as boilerplate stops linking
// from the moment it crosses MaxFingerprintDocs, a bucket yields only its
// newest MaxBucket (MaxSentenceBucket) entries, and whether an article is
// Assembled depends on which of its sources were present when it was
// checked. TestOrderIndependence pins all of this.
//
// Concurrent Adds behave as if run one at a time in the order they took
// the write lock: a document is inserted first and then compares itself,
// under the read lock, with the documents numbered before it, so queries
// run in parallel and no pair is missed or reported twice.
//
// # Persistence and memory
//
// Fingerprints holds the word hashes and passage boundaries of a document
// plus its signature; MarshalBinary makes one blob of about four bytes a
// word. A store keeps it and rebuilds an index with AddFingerprints,
// without the text. A signature made under other parameters is recomputed
// (Scheme); fingerprints from another tokenizer version fail to decode
// with ErrStale and must be made again from the text.
//
// Measured on synthetic 530-word articles (TestScaling, TestScalingLSH;
// figures in docs/BENCHMARKS.md): the LSH band tables take 336 bytes an
// article, 336 MB for 1M articles (measured at 1M, not extrapolated; the
// signatures themselves are not kept in memory). The whole index takes
// about 5.6 KB an article at 1M (5.6 GB): the analysis (about 2.6 KB),
// the near-sentence keys (about 2 KB with 8 sentence bands; SentenceBands
// 0 removes them, 4 halves them), the exact passage keys (about 460
// bytes), the LSH bands and the cache of the latest CacheDocs articles'
// derived data. Add runs at about 2,000 articles a second per core at
// 10k-100k articles and 1,200 at 1M; an LSH lookup takes 20-45 µs at the
// median and a full Check 350-700 µs.
//
// Stop words, abbreviations and calendar words are English; other
// languages still work for exact, near, contained and paragraph reuse but
// sentence matching is less selective. Documents cannot be removed.
package dedup
