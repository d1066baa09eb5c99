package dedup

// vec is a growable array kept in fixed-size chunks. The index's tables
// reach hundreds of millions of entries at a million documents; in one
// slice, append would copy the whole array under the write lock at every
// growth and leave up to a quarter of it allocated but unused. In chunks,
// growing allocates one chunk, at most one chunk is unused, and nothing is
// ever copied except while the first chunk is still small. The first
// chunk doubles from a few entries, so that the many small indexes of
// tests and short runs stay small.
type vec[T any] struct {
	chunks [][]T
}

const (
	vecChunkBits = 16 // 64K entries: 256 KB of uint32
	vecChunk     = 1 << vecChunkBits
	vecFirst     = 16 // size of a new vec's first chunk
)

// len is the number of addressable entries.
func (v *vec[T]) len() int {
	if len(v.chunks) == 0 {
		return 0
	}
	return (len(v.chunks)-1)<<vecChunkBits + len(v.chunks[len(v.chunks)-1])
}

// grow makes entries below n addressable; new entries are zero.
func (v *vec[T]) grow(n int) {
	for v.len() < n {
		switch last := len(v.chunks) - 1; {
		case last < 0:
			v.chunks = append(v.chunks, make([]T, min(max(vecFirst, n), vecChunk)))
		case len(v.chunks[last]) < vecChunk: // only the first chunk is ever short
			c := make([]T, min(max(2*len(v.chunks[last]), n), vecChunk))
			copy(c, v.chunks[last])
			v.chunks[last] = c
		default:
			v.chunks = append(v.chunks, make([]T, vecChunk))
		}
	}
}

// at returns entry i, which must be below len.
func (v *vec[T]) at(i uint32) *T {
	return &v.chunks[i>>vecChunkBits][i&(vecChunk-1)]
}

// bytes is the memory the entries occupy, for measurements.
func (v *vec[T]) bytes(size uintptr) int {
	n := 0
	for _, c := range v.chunks {
		n += cap(c)
	}
	return n * int(size)
}
