package dedup

import "sort"

// unionFind joins syndicated documents into groups. It unions by size and
// never compresses paths: trees stay O(log n) deep, and finding a root
// writes nothing, so queries can walk it under the read lock.
type unionFind struct {
	parent []uint32
	size   []uint32
	best   []uint32 // at a root: the group's origin
	// ring links each group's members in a circle, so listing a group
	// costs its size, not the index's: merging two circles is one swap.
	ring []uint32
}

func (u *unionFind) add() {
	n := uint32(len(u.parent))
	u.parent = append(u.parent, n)
	u.size = append(u.size, 1)
	u.best = append(u.best, n)
	u.ring = append(u.ring, n)
}

func (u *unionFind) find(x uint32) uint32 {
	for u.parent[x] != x {
		x = u.parent[x]
	}
	return x
}

func (u *unionFind) origin(x uint32) uint32 { return u.best[u.find(x)] }

// union merges the groups of a and b; earlier decides the new origin.
func (u *unionFind) union(a, b uint32, earlier func(a, b uint32) bool) {
	ra, rb := u.find(a), u.find(b)
	if ra == rb {
		return
	}
	if u.size[ra] < u.size[rb] {
		ra, rb = rb, ra
	}
	u.parent[rb] = ra
	u.ring[ra], u.ring[rb] = u.ring[rb], u.ring[ra]
	u.size[ra] += u.size[rb]
	if earlier(u.best[rb], u.best[ra]) {
		u.best[ra] = u.best[rb]
	}
}

// Group is a syndication group: documents joined by exact, near,
// contained or reworded links, directly or through other members.
type Group struct {
	// Origin is the member published first (unknown dates last, ties by
	// ID): the article the others most likely copy.
	Origin string
	// Members are all documents of the group, Origin first, then in
	// publication order.
	Members []string
}

// Group returns the group of one document; a document with no syndicated
// links forms a group of its own.
func (ix *Index) Group(id string) (Group, bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	num, ok := ix.byID[id]
	if !ok {
		return Group{}, false
	}
	ms := []uint32{num}
	for m := ix.groups.ring[num]; m != num; m = ix.groups.ring[m] {
		ms = append(ms, m)
	}
	return ix.group(ms), true
}

// Origin returns the origin of a document's group — the document itself
// when it has no syndicated links — without listing the members, so it
// is cheap enough to ask for every article.
func (ix *Index) Origin(id string) (string, bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	num, ok := ix.byID[id]
	if !ok {
		return "", false
	}
	return ix.docs[ix.groups.origin(num)].id, true
}

// Groups returns every group of two or more documents, ordered by the
// publication of their origins. It walks the whole index, so it is meant
// for reports and tests rather than per-article calls.
func (ix *Index) Groups() []Group {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	byRoot := make(map[uint32][]uint32)
	for d := range ix.docs {
		if r := ix.groups.find(uint32(d)); ix.groups.size[r] > 1 {
			byRoot[r] = append(byRoot[r], uint32(d))
		}
	}
	gs := make([]Group, 0, len(byRoot))
	origins := make([]uint32, 0, len(byRoot))
	for r, ms := range byRoot {
		gs = append(gs, ix.group(ms))
		origins = append(origins, ix.groups.best[r])
	}
	idx := make([]int, len(gs))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return ix.earlier(origins[idx[a]], origins[idx[b]]) })
	out := make([]Group, len(gs))
	for i, j := range idx {
		out[i] = gs[j]
	}
	return out
}

func (ix *Index) group(ms []uint32) Group {
	sort.Slice(ms, func(a, b int) bool { return ix.earlier(ms[a], ms[b]) })
	g := Group{Origin: ix.docs[ms[0]].id, Members: make([]string, len(ms))}
	for i, m := range ms {
		g.Members[i] = ix.docs[m].id
	}
	return g
}
