package dedup

import "math"

// chains is a streaming multimap from a fingerprint to the items (document,
// sentence or paragraph numbers) that carry it. Items of one key form a
// linked list through next, newest first, so a key costs one map entry and
// an item four bytes — far less than a slice per key, which matters at a
// million documents times dozens of keys each.
//
// Items are numbered densely from zero in insertion order; next[item]
// holds the previous item with the same key, plus one (0 ends the list).
type chains[K comparable] struct {
	head map[K]uint32
	next []uint32
}

// boilerplate marks a key carried by too many items: it is ignored from
// then on and its list is dropped.
const boilerplate = math.MaxUint32

func newChains[K comparable]() chains[K] {
	return chains[K]{head: make(map[K]uint32)}
}

// grow makes room for items below n.
func (c *chains[K]) grow(n uint32) {
	if int(n) > len(c.next) {
		c.next = append(c.next, make([]uint32, int(n)-len(c.next))...)
	}
}

// add files item under key. With limit > 0 a key that already holds limit
// items becomes boilerplate; it reports false when the key is (now)
// boilerplate.
func (c *chains[K]) add(key K, item uint32, limit int) bool {
	c.grow(item + 1)
	h := c.head[key]
	if h == boilerplate {
		return false
	}
	if limit > 0 {
		n := 0
		for p := h; p != 0; p = c.next[p-1] {
			if n++; n >= limit {
				c.head[key] = boilerplate
				return false
			}
		}
	}
	c.next[item] = h
	c.head[key] = item + 1
	return true
}

// each calls fn for the newest items under key, at most max of them, and
// stops early when fn returns false.
func (c *chains[K]) each(key K, max int, fn func(item uint32) bool) {
	h := c.head[key]
	if h == boilerplate {
		return
	}
	for p, n := h, 0; p != 0 && n < max; p, n = c.next[p-1], n+1 {
		if !fn(p - 1) {
			return
		}
	}
}

// isBoilerplate reports whether key has been retired as too common.
func (c *chains[K]) isBoilerplate(key K) bool { return c.head[key] == boilerplate }
