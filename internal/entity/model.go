package entity

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sync"
)

// Model is a trained tagger: a hashed weight table of int16 (one row of
// nTags weights per feature bucket, scaled by scale) and the gazetteer
// learned from the training set. A Model is read-only once built and safe
// for concurrent use.
type Model struct {
	bits  uint8
	mask  uint64
	scale float32
	w     []int16
	lex   *lexicon
}

// modelMagic opens the (uncompressed) model stream.
const modelMagic = "DOSSNER\x00"

//go:embed model/ner.bin.gz
var embedded []byte

var (
	defaultOnce  sync.Once
	defaultModel *Model
)

// Default returns the model embedded in the binary, decoded on first use
// and shared afterwards: decoding takes a fraction of a second and tens
// of megabytes, so it must not happen per document. It panics if the
// embedded weights are corrupt, which the package tests rule out.
func Default() *Model {
	defaultOnce.Do(func() {
		m, err := Load(bytes.NewReader(embedded))
		if err != nil {
			panic("entity: embedded model: " + err.Error())
		}
		defaultModel = m
	})
	return defaultModel
}

// Tag labels one sentence, given as tokens, with IOB2 labels ("B-PER",
// "I-PER", "O"). The sentence is taken as a document of its own; use
// TagDocument when sentences share a document, which lets a name
// recognised once help recognise it again.
func (m *Model) Tag(tokens []string) []string {
	return m.TagDocument([][]string{tokens})[0]
}

// TagDocument labels the sentences of one document with IOB2 labels.
func (m *Model) TagDocument(sents [][]string) [][]string {
	tags := m.tagDoc(sents)
	out := make([][]string, len(tags))
	for i, t := range tags {
		out[i] = iobLabels(len(t), spansFromBILOU(t))
	}
	return out
}

// tagDoc returns the BILOU tags of each sentence.
func (m *Model) tagDoc(sents [][]string) [][]int {
	doc := prepareDoc(sents, m.lex, nil, m.mask)
	return greedy(doc, m.mask, m.score, nil)
}

// score adds the weights of rows to sc, accumulating in integers (the
// weights are quantised) and scaling once.
func (m *Model) score(rows []uint32, sc *[nTags]float32) {
	var acc [nTags]int32
	for _, r := range rows {
		ws := m.w[int(r)*nTags : int(r)*nTags+nTags]
		for t, v := range ws {
			acc[t] += int32(v)
		}
	}
	for t, v := range acc {
		sc[t] += float32(v)
	}
}

// WriteTo writes the model gzip-compressed. The weight table is written
// tag-major (all rows' weight for tag 0, then tag 1, ...): most entries
// are zero in long runs, which gzip turns into almost nothing.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	zw, err := gzip.NewWriterLevel(cw, gzip.BestCompression)
	if err != nil {
		return 0, err
	}
	bw := bufio.NewWriterSize(zw, 1<<16)
	le := binary.LittleEndian
	var hdr []byte
	hdr = append(hdr, modelMagic...)
	hdr = le.AppendUint32(hdr, featureVersion)
	hdr = append(hdr, m.bits, byte(nTags))
	hdr = le.AppendUint32(hdr, math.Float32bits(m.scale))
	bw.Write(hdr)
	writeLexicon(bw, m.lex)
	rows := len(m.w) / nTags
	var b [2]byte
	for t := 0; t < nTags; t++ {
		for r := 0; r < rows; r++ {
			le.PutUint16(b[:], uint16(m.w[r*nTags+t]))
			bw.Write(b[:])
		}
	}
	if err := bw.Flush(); err != nil {
		return cw.n, err
	}
	err = zw.Close()
	return cw.n, err
}

// Load reads a model written by WriteTo.
func Load(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("entity model: %w", err)
	}
	br := bufio.NewReaderSize(zr, 1<<16)
	le := binary.LittleEndian
	hdr := make([]byte, len(modelMagic)+4+2+4)
	if _, err := io.ReadFull(br, hdr); err != nil {
		return nil, fmt.Errorf("entity model header: %w", err)
	}
	if string(hdr[:len(modelMagic)]) != modelMagic {
		return nil, errors.New("entity model: not a model file")
	}
	h := hdr[len(modelMagic):]
	if v := le.Uint32(h); v != featureVersion {
		return nil, fmt.Errorf("entity model: feature version %d, this build needs %d (retrain)", v, featureVersion)
	}
	m := &Model{bits: h[4], scale: math.Float32frombits(le.Uint32(h[6:]))}
	if int(h[5]) != nTags || m.bits < 8 || m.bits > 26 {
		return nil, fmt.Errorf("entity model: bad shape (%d tags, %d bits)", h[5], m.bits)
	}
	m.mask = 1<<m.bits - 1
	if m.lex, err = readLexicon(br); err != nil {
		return nil, fmt.Errorf("entity model: %w", err)
	}
	rows := 1 << m.bits
	m.w = make([]int16, rows*nTags)
	plane := make([]byte, 2*rows)
	for t := 0; t < nTags; t++ {
		if _, err := io.ReadFull(br, plane); err != nil {
			return nil, fmt.Errorf("entity model weights: %w", err)
		}
		for r := 0; r < rows; r++ {
			m.w[r*nTags+t] = int16(le.Uint16(plane[2*r:]))
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
