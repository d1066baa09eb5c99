package quote

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sort"
	"sync"
	"unsafe"
)

// Model is a trained tagger in two stages, made of three hashed weight
// tables of int8 (nTags weights per row, each table with its own scale,
// which plays no part in choosing a tag and so is not kept). The first stage tags the text
// twice on its own, left to right and right to left; the second tags it
// again with both taggings of the whole sentence as features, which lets
// it place a source knowing the cue that follows, choosing the best
// tagging of each paragraph as a whole (Viterbi) rather than token by
// token, which is what finds a content's far edge.
// With them comes the cue lexicon learned from the training set. A Model
// is read-only once built and safe for concurrent use.
type Model struct {
	bits uint8
	mask uint64
	lex  cueLexicon
	// joint holds the three tables' rows side by side (stage 0, 1, 2 and
	// padding: one 32-byte block per row), so that a static feature, the
	// same in all three stages, costs one memory fetch rather than three.
	// It is the only copy of the weights: a stage's history rows are
	// read from its eight bytes of each block (see stage).
	joint []byte
}

// weights is a view of one stage's table: the eight weights of row r
// start at b[r*rowStride+off].
type weights struct {
	b              []byte
	rowStride, off int
}

// stage views stage s's weights inside the joint table.
func (m *Model) stage(s int) weights { return weights{m.joint, jointStride, s * stride} }

// tableWeights views a table of its own (training's, before joining).
func tableWeights(w []int8) weights {
	if len(w) == 0 {
		return weights{rowStride: stride}
	}
	return weights{unsafe.Slice((*byte)(unsafe.Pointer(&w[0])), len(w)), stride, 0}
}

// stride is the length of a weight row: nTags padded to 8 so that a
// row is 8 aligned bytes, never across two cache lines.
const stride = 8

// stages is the number of weight tables.
const stages = 3

// jointStride is the length of a row of Model.joint: the three tables'
// rows and padding to a power of two, so that a row does not straddle two
// cache lines (the runtime aligns a buffer this large to a page, though it
// does not promise to).
const jointStride = 32

// The scorers add eight int8 weights at once in 16-bit lanes: each
// weight offset by laneBias to 0..255, even and odd bytes split by
// laneEven.
const (
	laneBias = 0x8080808080808080
	laneEven = 0x00FF00FF00FF00FF
)

const modelMagic = "DOSSQUO\x00"

//go:embed model/quote.bin.gz
var embedded []byte

var (
	defaultOnce  sync.Once
	defaultModel *Model
)

// Default returns the embedded model, decoded once on first use and
// shared afterwards. It panics if the embedded weights are corrupt, which
// the package tests rule out.
func Default() *Model {
	defaultOnce.Do(func() {
		m, err := Load(bytes.NewReader(embedded))
		if err != nil {
			panic("quote: embedded model: " + err.Error())
		}
		defaultModel = m
	})
	return defaultModel
}

func (m *Model) lookup(h uint64) uint8 { return m.lex[h] }

// scorer adds the weights of a table, accumulating in integers (the
// weights are quantised). The scale is common to all tags, so it plays no
// part in choosing one and is left out.
//
// A row is read as one little-endian word and its eight weights added
// four at a time in 16-bit lanes: each weight w is offset to w+128, in
// 0..255, so that lanes never borrow; 256 rows cannot overflow a lane,
// and the offsets are taken off at the end. The sums are exactly those
// of adding the weights one by one.
func scorer(w weights) func([]uint32, *[nTags]float32) {
	return func(rows []uint32, sc *[nTags]float32) {
		var total [stride]int32
		for len(rows) > 0 {
			chunk := rows[:min(len(rows), 256)]
			rows = rows[len(chunk):]
			var lo, hi uint64
			for _, r := range chunk {
				v := row(w.b, int(r)*w.rowStride+w.off) ^ laneBias
				lo += v & laneEven
				hi += v >> 8 & laneEven
			}
			addLanes(&total, lo, hi, len(chunk))
		}
		for t := range nTags {
			sc[t] += float32(total[t])
		}
	}
}

// row reads the eight weights (biased bytes, little-endian) at b[i:],
// checking only that i is in bounds: rows are laid out whole.
func row(b []byte, i int) uint64 {
	return binary.LittleEndian.Uint64(unsafe.Slice(&b[i], stride))
}

// addLanes adds to total the sums that lo (even tags) and hi (odd tags)
// accumulated over n rows in 16-bit lanes, taking off the offsets.
func addLanes(total *[stride]int32, lo, hi uint64, n int) {
	off := int32(128 * n)
	for k := range 4 {
		total[2*k] += int32(uint16(lo>>(16*k))) - off
		total[2*k+1] += int32(uint16(hi>>(16*k))) - off
	}
}

// tag returns the tokens of text and their tags.
func (m *Model) tag(text string) ([]token, []uint8) {
	toks := tokenize(text)
	if len(toks) == 0 {
		return nil, nil
	}
	c := newContext(toks, m.lookup)
	p := prepare(toks, c, nil, m.mask)
	base := m.staticScores(p)
	// The passes read only the history (and stacked) rows; the static
	// ones are in base.
	none := &prepared{toks: toks, ctx: c, off: make([]int32, len(toks)+1)}
	var first [2][]uint8
	none.base = base[0]
	first[0] = greedy(none, m.mask, scorer(m.stage(0)), nil, false)
	none.base = base[1]
	first[1] = toForward(greedy(none, m.mask, scorer(m.stage(1)), nil, true))
	q := p.stack(&first, m.mask, false)
	q.base = base[2]
	return toks, viterbi(q, m.mask, scorer(m.stage(2)))
}

// staticScores sums, for every token of p and each of the three stages,
// the weights of its static features, reading each feature's row of the
// three tables in one fetch. The sums are those the stages' scorers
// would make (integers, exactly).
func (m *Model) staticScores(p *prepared) [stages][][nTags]float32 {
	var out [stages][][nTags]float32
	for s := range out {
		out[s] = make([][nTags]float32, len(p.toks))
	}
	for i := range p.toks {
		rows := p.rows[p.off[i]:p.off[i+1]]
		var total [stages][stride]int32
		for len(rows) > 0 {
			chunk := rows[:min(len(rows), 256)] // 256 rows fill a lane
			rows = rows[len(chunk):]
			var lo, hi [stages]uint64
			for _, r := range chunk {
				b := m.joint[int(r)*jointStride : int(r+1)*jointStride]
				for s := range stages {
					v := binary.LittleEndian.Uint64(b[s*stride:]) ^ laneBias
					lo[s] += v & laneEven
					hi[s] += v >> 8 & laneEven
				}
			}
			for s := range stages {
				addLanes(&total[s], lo[s], hi[s], len(chunk))
			}
		}
		for s := range stages {
			for t := range nTags {
				out[s][i][t] = float32(total[s][t])
			}
		}
	}
	return out
}

// WriteTo writes the model gzip-compressed, weights tag-major, which
// gzip compresses best. The output depends only on the
// model, which keeps training reproducible byte for byte.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	zw, err := gzip.NewWriterLevel(cw, gzip.BestCompression)
	if err != nil {
		return 0, fmt.Errorf("quote model: %w", err)
	}
	bw := bufio.NewWriterSize(zw, 1<<16)
	le := binary.LittleEndian
	var hdr []byte
	hdr = append(hdr, modelMagic...)
	hdr = le.AppendUint32(hdr, featureVersion)
	hdr = append(hdr, m.bits, byte(nTags), stages)
	keys := make([]uint64, 0, len(m.lex))
	for k := range m.lex {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	hdr = le.AppendUint32(hdr, uint32(len(keys)))
	bw.Write(hdr)
	var b [9]byte
	for _, k := range keys {
		le.PutUint64(b[:], k)
		b[8] = m.lex[k]
		bw.Write(b[:])
	}
	rows := len(m.joint) / jointStride
	for s := range stages {
		for t := 0; t < nTags; t++ {
			for r := 0; r < rows; r++ {
				bw.WriteByte(m.joint[r*jointStride+s*stride+t])
			}
		}
	}
	if err := bw.Flush(); err != nil {
		return cw.n, fmt.Errorf("quote model: %w", err)
	}
	if err := zw.Close(); err != nil {
		return cw.n, fmt.Errorf("quote model: %w", err)
	}
	return cw.n, nil
}

// Load reads a model written by WriteTo.
func Load(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("quote model: %w", err)
	}
	br := bufio.NewReaderSize(zr, 1<<16)
	le := binary.LittleEndian
	hdr := make([]byte, len(modelMagic)+4+3+4)
	if _, err := io.ReadFull(br, hdr); err != nil {
		return nil, fmt.Errorf("quote model header: %w", err)
	}
	if string(hdr[:len(modelMagic)]) != modelMagic {
		return nil, errors.New("quote model: not a model file")
	}
	h := hdr[len(modelMagic):]
	if v := le.Uint32(h); v != featureVersion {
		return nil, fmt.Errorf("quote model: feature version %d, this build needs %d (retrain)", v, featureVersion)
	}
	m := &Model{bits: h[4]}
	if int(h[5]) != nTags || h[6] != stages || m.bits < 8 || m.bits > 26 {
		return nil, fmt.Errorf("quote model: bad shape (%d tags, %d stages, %d bits)", h[5], h[6], m.bits)
	}
	m.mask = 1<<m.bits - 1
	n := le.Uint32(h[7:])
	if n > 1<<24 {
		return nil, fmt.Errorf("quote model: %d lexicon entries", n)
	}
	m.lex = make(cueLexicon, n)
	var b [9]byte
	for range n {
		if _, err := io.ReadFull(br, b[:]); err != nil {
			return nil, fmt.Errorf("quote model lexicon: %w", err)
		}
		m.lex[le.Uint64(b[:])] = b[8]
	}
	rows := 1 << m.bits
	plane := make([]byte, rows)
	m.joint = make([]byte, rows*jointStride)
	for s := range stages {
		for t := 0; t < nTags; t++ {
			if _, err := io.ReadFull(br, plane); err != nil {
				return nil, fmt.Errorf("quote model weights: %w", err)
			}
			for r := 0; r < rows; r++ {
				m.joint[r*jointStride+s*stride+t] = plane[r]
			}
		}
	}
	return m, nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// join lays the three tables side by side in m.joint.
func (m *Model) join(w [stages][]int8) {
	rows := len(w[0]) / stride
	m.joint = make([]byte, rows*jointStride)
	for s, w := range w {
		for r := range rows {
			for t := range stride {
				m.joint[r*jointStride+s*stride+t] = byte(w[r*stride+t])
			}
		}
	}
}
