package dedup

// arena keeps the analyses of indexed documents — their word hashes and
// sentence and paragraph records, kept for the life of the index — in
// large shared chunks rather than three allocations per document. That
// saves the allocator's size-class rounding (up to an eighth of each
// slice; about 8% for a 530-word article's words) and leaves the garbage
// collector a few thousand objects to track instead of three million at
// a million documents.
type arena[T any] struct {
	cur   []T // chunk being filled; earlier chunks live on through the slices handed out
	total int // entries allocated so far, which sizes the next chunk
}

// Chunks grow with the index, so a small index stays small, up to
// arenaMax entries; an oversized document gets its own allocation.
const (
	arenaMin = 1 << 10
	arenaMax = 1 << 18
)

// keep returns a copy of src in the arena, with its capacity capped so
// that appending to it can never overwrite its neighbours.
func (a *arena[T]) keep(src []T) []T {
	if len(src) == 0 {
		return nil
	}
	if len(src) > arenaMax/4 {
		return append([]T(nil), src...)
	}
	if cap(a.cur)-len(a.cur) < len(src) {
		n := min(max(a.total, arenaMin), arenaMax)
		a.cur = make([]T, 0, n)
		a.total += n
	}
	i := len(a.cur)
	a.cur = append(a.cur, src...)
	return a.cur[i:len(a.cur):len(a.cur)]
}

// analyses is the arena of every kept analysis.
type analyses struct {
	words arena[uint32]
	sents arena[sent]
	paras arena[para]
}

func (s *analyses) keep(an *analysis) analysis {
	return analysis{words: s.words.keep(an.words), sents: s.sents.keep(an.sents), paras: s.paras.keep(an.paras)}
}
