package dedup

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// The binary form of Fingerprints is what a store keeps in one BLOB
// column: a format version byte and the tokenizer version, then varints.
// Spans are delta-coded against the previous span's end and word hashes
// are fixed 4-byte little-endian, so a 500-word article takes about 2.3 KB
// plus its signature.

const fpVersion = 1

// ErrStale is returned by UnmarshalBinary for fingerprints made by another
// version of the tokenizer: their word hashes mean something else, so the
// store must run Analyse on the article text again.
var ErrStale = errors.New("dedup: fingerprints made by another tokenizer version")

// MarshalBinary encodes fp compactly.
func (fp Fingerprints) MarshalBinary() ([]byte, error) {
	return fp.AppendBinary(make([]byte, 0, 64+4*len(fp.Words)+4*len(fp.Signature)+6*len(fp.Sentences)))
}

// AppendBinary appends the encoding of fp to b.
func (fp Fingerprints) AppendBinary(b []byte) ([]byte, error) {
	b = append(b, fpVersion, tokenizerVersion)
	b = binary.AppendUvarint(b, uint64(len(fp.ID)))
	b = append(b, fp.ID...)
	if fp.Published.IsZero() {
		b = append(b, 0)
	} else {
		b = append(b, 1)
		b = binary.AppendVarint(b, fp.Published.Unix())
		b = binary.AppendUvarint(b, uint64(fp.Published.Nanosecond()))
	}
	b = binary.LittleEndian.AppendUint64(b, fp.ContentHash)
	b = binary.LittleEndian.AppendUint64(b, fp.Scheme)
	b = appendU32s(b, fp.Signature)
	b = appendU32s(b, fp.Words)
	b = appendPassages(b, fp.Sentences)
	b = appendPassages(b, fp.Paragraphs)
	return b, nil
}

func appendU32s(b []byte, xs []uint32) []byte {
	b = binary.AppendUvarint(b, uint64(len(xs)))
	for _, x := range xs {
		b = binary.LittleEndian.AppendUint32(b, x)
	}
	return b
}

// Passages partition their parent, so only lengths are stored; From and
// To are rebuilt by summing.
func appendPassages(b []byte, ps []Passage) []byte {
	b = binary.AppendUvarint(b, uint64(len(ps)))
	prev := 0
	for _, p := range ps {
		b = binary.AppendVarint(b, int64(p.Span.Start-prev))
		b = binary.AppendUvarint(b, uint64(p.Span.End-p.Span.Start))
		b = binary.AppendUvarint(b, uint64(p.To-p.From))
		prev = p.Span.End
	}
	return b
}

// UnmarshalBinary decodes what MarshalBinary wrote. Damaged input yields
// an error wrapping news.ErrMalformed, never a panic; fingerprints of
// another tokenizer version yield ErrStale.
func (fp *Fingerprints) UnmarshalBinary(data []byte) error {
	d := decoder{b: data}
	if v := d.byte(); v != fpVersion {
		return fmt.Errorf("dedup: fingerprints format %d: %w", v, news.ErrMalformed)
	}
	if v := d.byte(); v != tokenizerVersion {
		if d.err != nil {
			return fmt.Errorf("dedup: fingerprints: %v: %w", d.err, news.ErrMalformed)
		}
		return fmt.Errorf("%w: %d, want %d", ErrStale, v, tokenizerVersion)
	}
	var out Fingerprints
	out.ID = string(d.bytes(int(d.uvarint())))
	if d.byte() == 1 {
		sec := d.varint()
		out.Published = time.Unix(sec, int64(d.uvarint())).UTC()
	}
	out.ContentHash = d.u64()
	out.Scheme = d.u64()
	out.Signature = Signature(d.u32s())
	out.Words = d.u32s()
	out.Sentences = d.passages()
	out.Paragraphs = d.passages()
	if d.err != nil {
		return fmt.Errorf("dedup: fingerprints: %v: %w", d.err, news.ErrMalformed)
	}
	if _, err := out.analysis(); err != nil {
		return err
	}
	*fp = out
	return nil
}

var errShort = errors.New("truncated")

type decoder struct {
	b   []byte
	err error
}

func (d *decoder) bytes(n int) []byte {
	if d.err != nil || n < 0 || n > len(d.b) {
		d.err = errShort
		return nil
	}
	v := d.b[:n]
	d.b = d.b[n:]
	return v
}

func (d *decoder) byte() byte {
	if v := d.bytes(1); v != nil {
		return v[0]
	}
	return 0
}

func (d *decoder) u64() uint64 {
	if v := d.bytes(8); v != nil {
		return binary.LittleEndian.Uint64(v)
	}
	return 0
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = errShort
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.err = errShort
		return 0
	}
	d.b = d.b[n:]
	return v
}

// count reads a length and rejects one the remaining input cannot hold,
// so a corrupt length cannot make us allocate gigabytes.
func (d *decoder) count(minBytes int) int {
	n := d.uvarint()
	if d.err == nil && n > uint64(len(d.b)/minBytes) {
		d.err = errShort
	}
	if d.err != nil {
		return 0
	}
	return int(n)
}

func (d *decoder) u32s() []uint32 {
	n := d.count(4)
	if n == 0 {
		return nil
	}
	xs := make([]uint32, n)
	for i := range xs {
		xs[i] = binary.LittleEndian.Uint32(d.bytes(4))
	}
	return xs
}

func (d *decoder) passages() []Passage {
	n := d.count(3)
	if n == 0 {
		return nil
	}
	ps := make([]Passage, n)
	prev, from := 0, 0
	for i := range ps {
		start := prev + int(d.varint())
		end := start + int(d.uvarint())
		to := from + int(d.uvarint())
		ps[i] = Passage{Span: news.Span{Start: start, End: end}, From: from, To: to}
		prev, from = end, to
	}
	return ps
}
