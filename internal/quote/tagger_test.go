package quote

import (
	"bytes"
	"maps"
	"math/rand/v2"
	"strings"
	"testing"
)

// pathScore is what the tagger maximises: the weights of the static and
// history features of tokens from to to under their tags.
func pathScore(p *prepared, mask uint64, score func([]uint32, *[nTags]float32), tags []uint8, from, to int) float32 {
	var total float32
	for i := from; i < to; i++ {
		p1, p2 := history(tags, i)
		rows := append([]uint32(nil), p.rows[p.off[i]:p.off[i+1]]...)
		for _, h := range dynamic(nil, p.toks, p.ctx, i, p1, p2) {
			rows = append(rows, uint32(h&mask))
		}
		var sc [nTags]float32
		score(rows, &sc)
		total += sc[tags[i]]
	}
	return total
}

// TestViterbiExact checks the decoder against every valid tagging of
// each paragraph of short texts, given the tags it chose before the
// paragraph, under random weights (so that every feature weighs) and the
// model's own: none may score higher than the one it returns. The
// greedy tagging may not beat it either.
func TestViterbiExact(t *testing.T) {
	m := Default()
	const bits = 10
	random := make([]int8, (1<<bits)*stride)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = int8(rng.IntN(255) - 127)
	}
	for k, text := range []string{
		"Berg said the bridge was safe.",
		"“No,” she told them.",
		"Officials denied it.\nBerg agreed.",
		"“No,” Berg said.",
	} {
		mask, w := m.mask, m.stage(0)
		if k%2 == 0 {
			mask, w = 1<<bits-1, tableWeights(random)
		}
		toks := tokenize(text)
		c := newContext(toks, m.lookup)
		p := prepare(toks, c, nil, mask)
		if k%2 == 0 {
			// Keep two static features a token (the bias and the word),
			// so that the history features weigh as much as they do.
			thin := &prepared{toks: toks, ctx: c, off: []int32{0}}
			for i := range toks {
				thin.rows = append(thin.rows, p.rows[p.off[i]:p.off[i]+2]...)
				thin.off = append(thin.off, int32(len(thin.rows)))
			}
			p = thin
		}
		score := scorer(w)
		got := viterbi(p, mask, score)
		for from := 0; from < len(toks); {
			to := from + 1
			for to < len(toks) && !toks[to].paraStart {
				to++
			}
			if to-from > 8 {
				t.Fatalf("%q: a paragraph of %d tokens, too many to enumerate", text, to-from)
			}
			tags := append([]uint8(nil), got...)
			best := float32(-1e30)
			var bestTags []uint8
			var walk func(i int)
			walk = func(i int) {
				if i == to {
					if s := pathScore(p, mask, score, tags, from, to); s > best {
						best, bestTags = s, append([]uint8(nil), tags[from:to]...)
					}
					return
				}
				prev, _ := history(tags, i)
				for tg := 0; tg < nTags; tg++ {
					if allowed(tg, prev, toks[i].paraStart) {
						tags[i] = uint8(tg)
						walk(i + 1)
					}
				}
			}
			walk(from)
			if s := pathScore(p, mask, score, got, from, to); s != best {
				t.Errorf("%q tokens %d-%d: viterbi %v scores %v; the best tagging %v scores %v", text, from, to, got[from:to], s, bestTags, best)
			}
			from = to
		}
		if strings.Contains(text, "\n") {
			continue // paragraphs are decoded one by one, so not jointly best
		}
		g := greedy(p, mask, score, nil, false)
		if gs, vs := pathScore(p, mask, score, g, 0, len(g)), pathScore(p, mask, score, got, 0, len(got)); gs > vs {
			t.Errorf("%q: greedy %v scores %v, beating viterbi %v at %v", text, g, gs, got, vs)
		}
	}
}

// TestStaticScores checks that the static sums of all three stages,
// read in one pass over the joint table, are those each stage's scorer
// gives on its own.
func TestStaticScores(t *testing.T) {
	m := Default()
	toks := tokenize("“The bridge will reopen in May,” Tomas Berg said, “and the ferry will stop.”\nOfficials denied it.")
	p := prepare(toks, newContext(toks, m.lookup), nil, m.mask)
	got := m.staticScores(p)
	for s := range stages {
		score := scorer(m.stage(s))
		for i := range toks {
			var want [nTags]float32
			score(p.rows[p.off[i]:p.off[i+1]], &want)
			if got[s][i] != want {
				t.Errorf("stage %d token %d: staticScores gives %v, the stage's scorer %v", s, i, got[s][i], want)
			}
		}
	}
}

// TestLaneSums checks the 16-bit lane arithmetic of the scorers where it
// could overflow: hundreds of rows a token (more than a lane holds at
// once), all at the extreme weights, against a plain sum.
func TestLaneSums(t *testing.T) {
	const bits = 8
	m := &Model{bits: bits, mask: 1<<bits - 1}
	rng := rand.New(rand.NewPCG(3, 4))
	var w [stages][]int8
	for s := range w {
		w[s] = make([]int8, (1<<bits)*stride)
		for i := range w[s] {
			w[s][i] = []int8{127, -128, -127, 0}[rng.IntN(4)]
			if i%4 == 0 {
				w[s][i] = 127 // some rows at the top
			}
		}
	}
	m.join(w)
	toks := tokenize("Berg said so.")
	p := &prepared{toks: toks, off: []int32{0}}
	for i := range toks {
		for k := range 700 + 100*i {
			p.rows = append(p.rows, uint32((k*7+i)%(1<<bits)))
		}
		p.off = append(p.off, int32(len(p.rows)))
	}
	joint := m.staticScores(p)
	for s := range stages {
		score, own := scorer(m.stage(s)), scorer(tableWeights(w[s]))
		for i := range toks {
			var want [nTags]float32
			for _, r := range p.rows[p.off[i]:p.off[i+1]] {
				for tg := range nTags {
					want[tg] += float32(w[s][int(r)*stride+tg])
				}
			}
			var got [nTags]float32
			score(p.rows[p.off[i]:p.off[i+1]], &got)
			if got != want {
				t.Errorf("stage %d token %d: scorer %v, plain sum %v", s, i, got, want)
			}
			var ownGot [nTags]float32
			own(p.rows[p.off[i]:p.off[i+1]], &ownGot)
			if ownGot != want {
				t.Errorf("stage %d token %d: scorer of the stage's own table %v, plain sum %v", s, i, ownGot, want)
			}
			if joint[s][i] != want {
				t.Errorf("stage %d token %d: staticScores %v, plain sum %v", s, i, joint[s][i], want)
			}
		}
	}
}

// TestModelRoundTrip: a model written and read back has the same weights
// in the same places of the joint table, the same lexicon and shape.
func TestModelRoundTrip(t *testing.T) {
	const bits = 8
	rng := rand.New(rand.NewPCG(5, 6))
	var w [stages][]int8
	for s := range w {
		w[s] = make([]int8, (1<<bits)*stride)
		for i := range w[s] {
			if i%stride < nTags { // the padding of a row is always zero
				w[s][i] = int8(rng.IntN(256) - 128)
			}
		}
	}
	m := &Model{bits: bits, mask: 1<<bits - 1, lex: cueLexicon{17: 3, 99: 250}}
	m.join(w)
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	got, err := Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if got.bits != m.bits || got.mask != m.mask || !maps.Equal(got.lex, m.lex) {
		t.Errorf("read back bits %d mask %x lexicon %v; want %d %x %v", got.bits, got.mask, got.lex, m.bits, m.mask, m.lex)
	}
	for s := range stages {
		for r := range 1 << bits {
			for tg := range nTags {
				if g, want := int8(got.joint[r*jointStride+s*stride+tg]), w[s][r*stride+tg]; g != want {
					t.Fatalf("stage %d row %d tag %d: read back %d, want %d", s, r, tg, g, want)
				}
			}
		}
	}
	if !bytes.Equal(got.joint, m.joint) {
		t.Error("read-back joint table differs from the written one (padding?)")
	}
}
