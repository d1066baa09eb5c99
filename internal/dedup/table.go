package dedup

import "unsafe"

// chains is a streaming multimap from a fingerprint to the items (document,
// sentence or paragraph numbers) that carry it. It is the bulk of the
// index's memory — at a million documents some 250 million items — so it
// is a hash table of its own rather than a Go map:
//
//   - Items are numbered densely from zero in insertion order, and item i's
//     entry holds its key and the next older item in the same bucket. A
//     bucket is one uint32 (the newest item, plus one; 0 is empty), and
//     all keys of a bucket share its list, so a filed item costs 8 bytes
//     (12 for 64-bit keys) plus half a bucket. The LSH bands measure 10.5
//     bytes an entry at a million documents, against 16.6 with a
//     map[uint32]uint32 of list heads and a next array (TestScalingLSH),
//     and hold no pointers for the garbage collector to scan.
//   - Buckets grow by linear hashing: each insertion beyond two items per
//     bucket splits one bucket in two, walking only that bucket's list, so
//     the table never rehashes as a whole and an Add never stalls on it.
//   - Entries and buckets live in chunked arrays (vec), which never copy
//     once past their first chunk.
//
// A list is newest first, and splitting keeps that order, so each yields
// the newest items under a key first, as the detectors want.
type chains[K uint32 | uint64] struct {
	buckets vec[uint32] // newest item in the bucket, plus one
	entries vec[entry]  // by item number
	hi      vec[uint32] // high halves of 64-bit keys, by item number
	level   uint        // 1<<level <= number of buckets < 2<<level
	split   uint32      // next bucket to split; buckets below it use level+1 bits
	filed   int         // items in lists
	// retired holds the keys carried by too many items (boilerplate); it
	// stays tiny, since retiring needs MaxFingerprintDocs items.
	retired map[K]struct{}
}

// entry is one item: the low 32 bits of its key and the next older item
// of its bucket, plus one. The two share a cache line, so walking a list
// touches one line per item; the high half of a 64-bit key is only read
// when the low half matches.
type entry struct {
	key, next uint32
}

// maxLoad is the mean list length above which a bucket is split: two
// items per bucket cost 2 bytes an item in buckets and about two extra
// entries visited per lookup.
const maxLoad = 2

func newChains[K uint32 | uint64]() chains[K] { return chains[K]{} }

// wide reports whether keys are 64-bit.
func (c *chains[K]) wide() bool { var k K; return unsafe.Sizeof(k) == 8 }

// hash spreads a key over buckets. Keys are hashes already, but some have
// a constant low bit (skeletonHash), so they are multiplied through.
func hash[K uint32 | uint64](key K) uint32 { return uint32(uint64(key) * golden >> 32) }

// numBuckets is the number of buckets in use; the vec holding them may
// have room for more.
func (c *chains[K]) numBuckets() int { return 1<<c.level + int(c.split) }

// bucket returns the bucket of a key hash under linear hashing.
func (c *chains[K]) bucket(h uint32) uint32 {
	b := h & (1<<c.level - 1)
	if b < c.split {
		b = h & (2<<c.level - 1)
	}
	return b
}

func (c *chains[K]) matches(item uint32, e *entry, key K) bool {
	return e.key == uint32(key) && (!c.wide() || *c.hi.at(item) == uint32(uint64(key)>>32))
}

// add files item under key. With limit > 0 a key that already holds limit
// items becomes boilerplate; it reports false when the key is (now)
// boilerplate.
func (c *chains[K]) add(key K, item uint32, limit int) bool {
	if _, ok := c.retired[key]; ok {
		return false
	}
	if c.buckets.len() == 0 {
		c.buckets.grow(1)
	}
	head := c.buckets.at(c.bucket(hash(key)))
	if limit > 0 {
		n := 0
		for p := *head; p != 0; p = c.entries.at(p - 1).next {
			if c.matches(p-1, c.entries.at(p-1), key) {
				if n++; n >= limit {
					c.retire(key, head)
					return false
				}
			}
		}
	}
	c.entries.grow(int(item) + 1)
	if c.wide() {
		c.hi.grow(int(item) + 1)
		*c.hi.at(item) = uint32(uint64(key) >> 32)
	}
	*c.entries.at(item) = entry{key: uint32(key), next: *head}
	*head = item + 1
	if c.filed++; c.filed > maxLoad*c.numBuckets() {
		c.splitOne()
	}
	return true
}

// retire unlinks every item of key from its bucket and ignores the key
// from then on, so that boilerplate neither answers lookups nor slows
// down the other keys of its bucket.
func (c *chains[K]) retire(key K, head *uint32) {
	if c.retired == nil {
		c.retired = make(map[K]struct{})
	}
	c.retired[key] = struct{}{}
	link := head
	for p := *head; p != 0; {
		e := c.entries.at(p - 1)
		if c.matches(p-1, e, key) {
			*link = e.next
			c.filed--
		} else {
			link = &e.next
		}
		p = e.next
	}
}

// splitOne splits the next bucket by one more bit of the key hash. Both
// halves keep their items in the original, newest-first order.
func (c *chains[K]) splitOne() {
	from := c.split
	c.buckets.grow(c.numBuckets() + 1)
	src, dst := c.buckets.at(from), c.buckets.at(from+1<<c.level)
	p := *src
	*src, *dst = 0, 0
	keep, move := src, dst
	for p != 0 {
		e := c.entries.at(p - 1)
		k := K(e.key)
		if c.wide() {
			k |= K(uint64(*c.hi.at(p - 1)) << 32)
		}
		next := e.next
		if hash(k)>>c.level&1 == 0 {
			*keep, keep = p, &e.next
		} else {
			*move, move = p, &e.next
		}
		p = next
	}
	*keep, *move = 0, 0
	if c.split++; c.split == 1<<c.level {
		c.level, c.split = c.level+1, 0
	}
}

// each calls fn for the newest items under key, at most max of them, and
// stops early when fn returns false.
func (c *chains[K]) each(key K, max int, fn func(item uint32) bool) {
	if c.buckets.len() == 0 {
		return
	}
	n := 0
	for p := *c.buckets.at(c.bucket(hash(key))); p != 0 && n < max; {
		e := c.entries.at(p - 1)
		if c.matches(p-1, e, key) {
			n++
			if !fn(p - 1) {
				return
			}
		}
		p = e.next
	}
}

// isBoilerplate reports whether key has been retired as too common.
func (c *chains[K]) isBoilerplate(key K) bool {
	_, ok := c.retired[key]
	return ok
}

// bytes is the memory the table occupies, for measurements.
func (c *chains[K]) bytes() int {
	return c.buckets.bytes(4) + c.entries.bytes(unsafe.Sizeof(entry{})) + c.hi.bytes(4)
}
