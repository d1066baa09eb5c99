package entity

import (
	"bufio"
	"encoding/binary"
	"errors"
	"io"
	"maps"
	"slices"
)

// The lexicon is stored as two sorted tables of (hash, counts): sorted so
// that the same training run always writes the same bytes.

func writeLexicon(w *bufio.Writer, lex *lexicon) {
	le := binary.LittleEndian
	var b []byte
	b = le.AppendUint32(b, uint32(len(lex.gaz)))
	w.Write(b)
	for _, k := range slices.Sorted(maps.Keys(lex.gaz)) {
		e := lex.gaz[k]
		b = le.AppendUint64(b[:0], k)
		for _, c := range e.counts {
			b = le.AppendUint16(b, c)
		}
		flag := byte(0)
		if e.prefix {
			flag = 1
		}
		w.Write(append(b, flag))
	}
	b = le.AppendUint32(b[:0], uint32(len(lex.vocab)))
	w.Write(b)
	for _, k := range slices.Sorted(maps.Keys(lex.vocab)) {
		b = le.AppendUint64(b[:0], k)
		for _, c := range lex.vocab[k] {
			b = le.AppendUint16(b, c)
		}
		w.Write(b)
	}
}

// maxLexicon bounds the table sizes read, so a corrupt file cannot make
// Load allocate without limit.
const maxLexicon = 1 << 24

func readLexicon(r *bufio.Reader) (*lexicon, error) {
	le := binary.LittleEndian
	lex := newLexicon()
	var n [4]byte
	if _, err := io.ReadFull(r, n[:]); err != nil {
		return nil, err
	}
	ng := le.Uint32(n[:])
	if ng > maxLexicon {
		return nil, errors.New("gazetteer too large")
	}
	e := make([]byte, 8+2*len(types)+1)
	for range ng {
		if _, err := io.ReadFull(r, e); err != nil {
			return nil, err
		}
		g := &gazEntry{prefix: e[len(e)-1] == 1}
		for k := range g.counts {
			g.counts[k] = le.Uint16(e[8+2*k:])
		}
		lex.gaz[le.Uint64(e)] = g
	}
	if _, err := io.ReadFull(r, n[:]); err != nil {
		return nil, err
	}
	nv := le.Uint32(n[:])
	if nv > maxLexicon {
		return nil, errors.New("vocabulary too large")
	}
	v := make([]byte, 8+2*(1+len(types)))
	for range nv {
		if _, err := io.ReadFull(r, v); err != nil {
			return nil, err
		}
		c := new([1 + len(types)]uint16)
		for k := range c {
			c[k] = le.Uint16(v[8+2*k:])
		}
		lex.vocab[le.Uint64(v)] = c
	}
	return lex, nil
}
