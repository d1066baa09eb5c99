package quote

import (
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"path/filepath"
	"time"
)

// TrainOptions tunes Train. Zero values take the defaults that produced
// the committed model.
type TrainOptions struct {
	Epochs int    // passes over the training set (default 8)
	Bits   int    // log2 of the number of weight rows (default 18)
	Seed   uint64 // orders the documents in each epoch (default 1)
	Folds  int    // jack-knife folds for the second stage's training (default 4)
}

func (o TrainOptions) withDefaults() TrainOptions {
	if o.Epochs <= 0 {
		o.Epochs = 8
	}
	if o.Bits <= 0 {
		o.Bits = 18
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.Folds < 2 {
		o.Folds = 4
	}
	return o
}

// PolNeARDir is where the corpus lies under the shared directory.
func PolNeARDir(sharedDir string) string {
	return filepath.Join(sharedDir, "eval", "quotes", "polnear")
}

// Train learns a model from the PolNeAR training split under sharedDir
// and writes it to w in the format of the embedded model file. progress,
// when not nil, gets one line per epoch. Training is deterministic:
// the same data and options give the same bytes.
func Train(sharedDir string, w io.Writer, opts TrainOptions, progress io.Writer) error {
	docs, err := ReadPolNeAR(filepath.Join(PolNeARDir(sharedDir), "train"))
	if err != nil {
		return err
	}
	m, err := TrainDocuments(docs, opts, progress)
	if err != nil {
		return err
	}
	_, err = m.WriteTo(w)
	return err
}

// counts are a word's occurrences as a cue and in all.
type counts struct{ cue, all int32 }

func bucketOf(c counts) uint8 {
	if c.all < 2 {
		return 0
	}
	r := float64(c.cue) / float64(c.all+1)
	switch {
	case r < 0.02:
		return 1
	case r < 0.15:
		return 2
	case r < 0.4:
		return 3
	case r < 0.7:
		return 4
	}
	return 5
}

// goldTags gives each token the tag of the gold fragment it overlaps.
func goldTags(toks []token, gold []Labelled) []uint8 {
	tags := make([]uint8, len(toks))
	mark := func(frags []Span, role int) {
		for _, f := range frags {
			first := true
			for i := range toks {
				if toks[i].end <= f.Start || toks[i].start >= f.End {
					continue
				}
				if first || toks[i].paraStart {
					tags[i] = uint8(2*role - 1)
				} else {
					tags[i] = uint8(2 * role)
				}
				first = false
			}
		}
	}
	for _, g := range gold {
		mark(g.Content, roleContent)
		mark(g.Source, roleSource)
		mark(g.Cue, roleCue)
	}
	// Where another role cut into a fragment, its rest starts afresh.
	for i := range tags {
		if t := int(tags[i]); t != tagO && t%2 == 0 && (i == 0 || tagRole(int(tags[i-1])) != tagRole(t) || tags[i-1] == tagO) {
			tags[i]--
		}
	}
	return tags
}

// TrainDocuments learns a model with the averaged perceptron, decoding
// with the weights of the moment as the tagger will at run time (stage 1
// greedily, stage 2 both greedily and exactly, see train), so that the
// history features see the tagger's own decisions. The cue lexicon used
// for each training document leaves that document out, so that the
// model does not learn to trust lexicon buckets more than they deserve on
// unseen text.
func TrainDocuments(docs []Document, opts TrainOptions, progress io.Writer) (*Model, error) {
	opts = opts.withDefaults()
	if len(docs) == 0 {
		return nil, errors.New("quote: no training documents")
	}
	if opts.Bits < 8 || opts.Bits > 26 {
		return nil, fmt.Errorf("quote: Bits %d out of range 8-26", opts.Bits)
	}
	start := time.Now()
	mask := uint64(1)<<opts.Bits - 1
	toks := make([][]token, len(docs))
	gold := make([][]uint8, len(docs))
	global := map[uint64]counts{}
	perDoc := make([]map[uint64]counts, len(docs))
	for d, doc := range docs {
		toks[d] = tokenize(doc.Text)
		gold[d] = goldTags(toks[d], doc.Gold)
		perDoc[d] = map[uint64]counts{}
		for i, t := range toks[d] {
			c := perDoc[d][t.lower]
			c.all++
			if tagRole(int(gold[d][i])) == roleCue {
				c.cue++
			}
			perDoc[d][t.lower] = c
		}
		for h, c := range perDoc[d] {
			g := global[h]
			global[h] = counts{g.cue + c.cue, g.all + c.all}
		}
	}
	ctxs := make([]*context, len(docs))
	first := make([]*prepared, len(docs))
	for d := range docs {
		own := perDoc[d]
		ctxs[d] = newContext(toks[d], func(h uint64) uint8 {
			g, c := global[h], own[h]
			return bucketOf(counts{g.cue - c.cue, g.all - c.all})
		})
		first[d] = prepare(toks[d], ctxs[d], nil, mask)
	}
	lex := cueLexicon{}
	for h, c := range global {
		if b := bucketOf(c); b > 0 {
			lex[h] = b
		}
	}
	m := &Model{bits: uint8(opts.Bits), mask: mask, lex: lex}
	tr := trainer{rows: 1 << opts.Bits, mask: mask, epochs: opts.Epochs, seed: opts.Seed, progress: progress, start: start}

	rgold := make([][]uint8, len(docs))
	for d := range docs {
		rgold[d] = toReverse(gold[d])
	}
	// The second stage must learn from first-stage tags as good as it
	// will see on new text, not from tags of documents the first stage
	// was trained on: each fold is tagged by models that did not see it.
	tags1 := make([][2][]uint8, len(docs))
	for k := 0; k < opts.Folds; k++ {
		var in, out []int
		for d := range docs {
			if d%opts.Folds == k {
				out = append(out, d)
			} else {
				in = append(in, d)
			}
		}
		label := fmt.Sprintf("stage 1, fold %d/%d", k+1, opts.Folds)
		wf := quantise(tr.train(label+", left to right", first, gold, in, false, false))
		wr := quantise(tr.train(label+", right to left", first, rgold, in, true, false))
		for _, d := range out {
			tags1[d][0] = greedy(first[d], mask, scorer(tableWeights(wf)), nil, false)
			tags1[d][1] = toForward(greedy(first[d], mask, scorer(tableWeights(wr)), nil, true))
		}
	}
	all := make([]int, len(docs))
	for d := range all {
		all[d] = d
	}
	var w [stages][]int8
	w[0] = quantise(tr.train("stage 1, left to right", first, gold, all, false, false))
	w[1] = quantise(tr.train("stage 1, right to left", first, rgold, all, true, false))
	second := make([]*prepared, len(docs))
	for d := range docs {
		second[d] = prepare(toks[d], ctxs[d], &tags1[d], mask)
	}
	// The second stage decodes each paragraph exactly (Viterbi). Its
	// weights are the mean of a perceptron trained that way and one
	// trained greedily: on the held-out tenth of train the exact one alone
	// found more content bounds but learned to end a content early, before
	// a trailing "in May" or "on Tuesday"; the mean keeps nearly all of
	// the gain and ends fewer contents early (docs/EVALUATION.md).
	w2 := tr.train("stage 2, exact", second, gold, all, false, true)
	g2 := tr.train("stage 2, greedy", second, gold, all, false, false)
	for i := range w2 {
		w2[i] = (w2[i] + g2[i]) / 2
	}
	w[2] = quantise(w2)
	m.join(w)
	return m, nil
}

// trainer holds the settings shared by the perceptrons Train fits.
type trainer struct {
	rows     int
	mask     uint64
	epochs   int
	seed     uint64
	progress io.Writer
	start    time.Time
}

// train fits one weight table on the documents docs of prep and returns
// it averaged, not yet quantised (see quantise). It decodes with the
// weights of the moment, so the history features see the tagger's own
// decisions: greedily (right to left when reverse is set), or when
// structured is set exactly, left to right (Viterbi, one paragraph at a
// time) with a structured perceptron's update.
func (tr trainer) train(label string, prep []*prepared, gold [][]uint8, docs []int, reverse, structured bool) []float64 {
	if reverse && structured {
		panic("quote: exact decoding runs left to right only")
	}
	// Averaged perceptron: alongside the weights w keep u, the sum of each
	// update times its step; the average over c steps is w - u/c.
	w := make([]float32, tr.rows*stride)
	u := make([]float64, tr.rows*stride)
	step := 1.0
	update := func(fs []uint32, tag int, delta float32) {
		for _, r := range fs {
			i := int(r)*stride + tag
			w[i] += delta
			u[i] += step * float64(delta)
		}
	}
	score := func(fs []uint32, sc *[nTags]float32) {
		for _, r := range fs {
			for t, v := range w[int(r)*stride : int(r)*stride+nTags] {
				sc[t] += v
			}
		}
	}
	order := append([]int(nil), docs...)
	rng := rand.New(rand.NewPCG(tr.seed, 0x71756f7465))
	for epoch := 1; epoch <= tr.epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		var n, errs int
		for _, d := range order {
			g, toks := gold[d], prep[d].toks
			if structured {
				e, c := tr.structuredUpdate(prep[d], g, score, update, &step)
				errs += e
				n += c
				continue
			}
			greedy(prep[d], tr.mask, score, func(fs []uint32, i, pred, prev int) {
				want := int(g[i])
				boundary := toks[i].paraStart
				if reverse {
					boundary = i == len(toks)-1 || toks[i+1].paraStart
				}
				if !allowed(want, prev, boundary) {
					// After a wrong turn the gold inside tag is out of
					// reach; the best the tagger can do is begin afresh.
					want--
				}
				if pred != want {
					update(fs, want, 1)
					update(fs, pred, -1)
					errs++
				}
				n++
				step++
			}, reverse)
		}
		if tr.progress != nil && epoch == tr.epochs {
			fmt.Fprintf(tr.progress, "%s: epoch %d/%d, %d tokens, %.2f%% tag errors, %s\n",
				label, epoch, tr.epochs, n, 100*float64(errs)/float64(n), time.Since(tr.start).Round(time.Millisecond))
		}
	}
	avg := make([]float64, len(w))
	for i := range w {
		avg[i] = float64(w[i]) - u[i]/step
	}
	return avg
}

// quantise scales weights to int8. Eight bits are enough: measured on
// held-out training documents, they score as sixteen did and make the
// file a third of the size.
func quantise(avg []float64) []int8 {
	maxAbs := 0.0
	for _, a := range avg {
		maxAbs = math.Max(maxAbs, math.Abs(a))
	}
	q := make([]int8, len(avg))
	if maxAbs > 0 {
		scale := maxAbs / 127
		for i, a := range avg {
			q[i] = int8(math.Round(a / scale))
		}
	}
	return q
}

// structuredUpdate decodes each paragraph of p exactly (Viterbi) after
// the gold tags of the paragraphs before it, and moves the weights from
// the predicted tagging's features to the gold one's wherever the two
// differ in a tag or its history. It returns the tag errors and tokens.
func (tr trainer) structuredUpdate(p *prepared, g []uint8, score func([]uint32, *[nTags]float32),
	update func([]uint32, int, float32), step *float64) (errs, n int) {
	pred := make([]uint8, len(g))
	var rows []uint32
	var dyn []uint64
	for from := 0; from < len(g); {
		to := from + 1
		for to < len(g) && !p.toks[to].paraStart {
			to++
		}
		// The paragraph starts after the gold tags before it; only the
		// last two are ever read.
		copy(pred[max(0, from-2):from], g[max(0, from-2):from])
		h1, h2 := history(g, from)
		newDecoder(tr.mask, score).span(p, pred, from, to, h1, h2)
		for i := from; i < to; i++ {
			gp1, gp2 := history(g, i)
			pp1, pp2 := history(pred, i)
			if g[i] != pred[i] || gp1 != pp1 || gp2 != pp2 {
				for k, tags := range [2][]uint8{g, pred} {
					p1, p2 := history(tags, i)
					rows = append(rows[:0], p.rows[p.off[i]:p.off[i+1]]...)
					dyn = dynamic(dyn[:0], p.toks, p.ctx, i, p1, p2)
					for _, h := range dyn {
						rows = append(rows, uint32(h&tr.mask))
					}
					update(rows, int(tags[i]), float32(1-2*k))
				}
			}
			if g[i] != pred[i] {
				errs++
			}
			n++
			*step++
		}
		from = to
	}
	return errs, n
}
