package dedup

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestChains checks the table against a map of slices through many
// bucket splits: lists newest first, max, boilerplate retirement, and
// 64-bit keys that agree in their low halves.
func TestChains(t *testing.T) {
	t.Run("uint32", func(t *testing.T) { checkChains(t, func(r *rand.Rand) uint32 { return uint32(r.IntN(3000)) }) })
	t.Run("uint64", func(t *testing.T) {
		checkChains(t, func(r *rand.Rand) uint64 { return uint64(r.IntN(10))<<32 | uint64(r.IntN(40)) })
	})
}

func checkChains[K uint32 | uint64](t *testing.T, key func(*rand.Rand) K) {
	const limit = 12
	r := rand.New(rand.NewPCG(1, 2))
	c := newChains[K]()
	want := make(map[K][]uint32) // newest first
	retired := make(map[K]bool)
	for item := uint32(0); item < 20000; item++ {
		if r.IntN(10) == 0 {
			continue // items that are never filed, as short sentences are
		}
		k := key(r)
		lim := 0
		if k%7 == 0 {
			lim = limit // some keys may turn boilerplate
		}
		ok := c.add(k, item, lim)
		switch {
		case retired[k]:
		case lim > 0 && len(want[k]) >= lim:
			retired[k] = true
			delete(want, k)
		default:
			want[k] = append([]uint32{item}, want[k]...)
		}
		if ok != !retired[k] {
			t.Fatalf("add(%d, %d) = %v, retired %v", k, item, ok, retired[k])
		}
	}
	for k, items := range want {
		var got []uint32
		c.each(k, len(items)+5, func(i uint32) bool { got = append(got, i); return true })
		if !slices.Equal(got, items) {
			t.Fatalf("key %d: got %v, want %v", k, got, items)
		}
		got = got[:0]
		c.each(k, 3, func(i uint32) bool { got = append(got, i); return true })
		if !slices.Equal(got, items[:min(3, len(items))]) {
			t.Fatalf("key %d, max 3: got %v", k, got)
		}
		if c.isBoilerplate(k) {
			t.Fatalf("key %d is not boilerplate", k)
		}
	}
	for k := range retired {
		if !c.isBoilerplate(k) {
			t.Fatalf("key %d should be boilerplate", k)
		}
		c.each(k, 100, func(i uint32) bool { t.Fatalf("retired key %d yields %d", k, i); return false })
	}
	if len(retired) == 0 || c.numBuckets() < 1000 {
		t.Fatalf("test too weak: %d retired keys, %d buckets", len(retired), c.numBuckets())
	}
}
