package entity

import (
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"time"
)

// TrainOptions tunes Train. Zero values take the defaults that produced
// the committed model, so Train(path, TrainOptions{}, w) reproduces it.
type TrainOptions struct {
	// Epochs is the number of passes over the training set (default 12).
	Epochs int
	// Bits is log2 of the number of weight rows (default 20): fewer
	// bits make a smaller model and more hash collisions.
	Bits int
	// Folds is the jack-knife used for the gazetteer features (default 10).
	Folds int
	// Seed orders the documents in each epoch (default 1).
	Seed uint64
}

func (o TrainOptions) withDefaults() TrainOptions {
	if o.Epochs <= 0 {
		o.Epochs = 12
	}
	if o.Bits <= 0 {
		o.Bits = 20
	}
	if o.Folds <= 1 {
		o.Folds = 10
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	return o
}

// Train learns a model from a CoNLL-2003 file (see TrainDocuments).
// progress, when not nil, receives one line per epoch.
func Train(trainPath string, opts TrainOptions, progress io.Writer) (*Model, error) {
	docs, err := ReadCoNLLFile(trainPath)
	if err != nil {
		return nil, err
	}
	return TrainDocuments(docs, opts, progress)
}

// TrainDocuments learns a model with the averaged perceptron: the tagger
// runs greedily over each document with its current weights, and every
// wrong decision moves weight from the predicted tag to the correct one
// on the features present. Decoding during training uses the tagger's
// own earlier decisions as history, as it will at run time, so it learns
// to recover from its mistakes. The weights returned are the average
// over all steps, which generalises far better than the final ones.
// Training is deterministic for given options.
func TrainDocuments(docs []Document, opts TrainOptions, progress io.Writer) (*Model, error) {
	opts = opts.withDefaults()
	if len(docs) == 0 {
		return nil, errors.New("entity: no training documents")
	}
	if opts.Bits < 8 || opts.Bits > 26 {
		return nil, fmt.Errorf("entity: Bits %d out of range 8-26", opts.Bits)
	}
	start := time.Now()
	mask := uint64(1)<<opts.Bits - 1

	// Gazetteer: the whole set for the model, one per fold to subtract.
	full := newLexicon()
	folds := make([]*lexicon, opts.Folds)
	for k := range folds {
		folds[k] = newLexicon()
	}
	var buf []byte
	sents := make([][][]string, len(docs))
	gold := make([][][]int, len(docs))
	for d, doc := range docs {
		for _, s := range doc.Sentences {
			if len(s.Tokens) != len(s.Labels) {
				return nil, fmt.Errorf("entity: document %d: %d tokens, %d labels", d, len(s.Tokens), len(s.Labels))
			}
			toks := make([]tok, len(s.Tokens))
			for i, w := range s.Tokens {
				buf = analyse(w, buf, &toks[i])
			}
			spans := spansFromIOB(s.Labels)
			fold := folds[d%opts.Folds]
			for _, sp := range spans {
				full.gaz.add(toks, sp.start, sp.end, sp.typ)
				fold.gaz.add(toks, sp.start, sp.end, sp.typ)
			}
			for i, t := range bilouFromSpans(len(toks), spans) {
				class := 0
				if t != tagO {
					class = 1 + tagType(t)
				}
				full.vocab.add(toks[i].lower, class)
				fold.vocab.add(toks[i].lower, class)
			}
			sents[d] = append(sents[d], s.Tokens)
			gold[d] = append(gold[d], bilouFromSpans(len(s.Tokens), spans))
		}
	}
	prepared := make([][]prepSent, len(docs))
	for d := range docs {
		prepared[d] = prepareDoc(sents[d], full, folds[d%opts.Folds], mask)
	}

	// Averaged perceptron with the usual trick: alongside the weights w
	// keep u, the sum of every update times the step it was made at; the
	// average over c steps is then w - u/c, with no per-step copying.
	rows := 1 << opts.Bits
	w := make([]float32, rows*nTags)
	u := make([]float64, rows*nTags)
	step := 1.0
	update := func(fs []uint32, tag int, delta float32) {
		for _, r := range fs {
			i := int(r)*nTags + tag
			w[i] += delta
			u[i] += step * float64(delta)
		}
	}
	score := func(fs []uint32, sc *[nTags]float32) {
		for _, r := range fs {
			ws := w[int(r)*nTags : int(r)*nTags+nTags]
			for t, v := range ws {
				sc[t] += v
			}
		}
	}
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(opts.Seed, 0x6e6572))
	for epoch := 1; epoch <= opts.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		var tokens, errs int
		for _, d := range order {
			g := gold[d]
			learn := func(fs []uint32, si, i, pred int) {
				if want := g[si][i]; pred != want {
					update(fs, want, 1)
					update(fs, pred, -1)
					errs++
				}
				tokens++
				step++
			}
			greedy(prepared[d], mask, score, learn)
		}
		if progress != nil {
			fmt.Fprintf(progress, "epoch %d/%d: %d tokens, %.2f%% tag errors, %s\n",
				epoch, opts.Epochs, tokens, 100*float64(errs)/float64(tokens), time.Since(start).Round(time.Millisecond))
		}
	}

	// Average and quantise to int16 with one scale for the whole table.
	maxAbs := 0.0
	avg := make([]float32, len(w))
	for i := range w {
		a := float64(w[i]) - u[i]/step
		avg[i] = float32(a)
		maxAbs = math.Max(maxAbs, math.Abs(a))
	}
	m := &Model{bits: uint8(opts.Bits), mask: mask, lex: full, w: make([]int16, len(w))}
	if maxAbs > 0 {
		m.scale = float32(maxAbs / 32767)
		for i, a := range avg {
			m.w[i] = int16(math.Round(float64(a) / float64(m.scale)))
		}
	}
	return m, nil
}
