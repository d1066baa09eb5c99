package entity

// prepSent is a sentence ready for tagging: its tokens and the weight
// rows of their static features (token i's are rows[off[i]:off[i+1]]).
type prepSent struct {
	toks []tok
	rows []uint32
	off  []int32
}

// prepareDoc analyses a document's sentences and computes the features
// that do not depend on tagging decisions. minus is the training fold
// to leave out of the gazetteer (nil at run time).
func prepareDoc(sents [][]string, lex *lexicon, fold *lexicon, mask uint64) []prepSent {
	out := make([]prepSent, len(sents))
	toks := make([][]tok, len(sents))
	caps := make([]bool, len(sents))
	var buf []byte
	n := 0
	for _, s := range sents {
		n += len(s)
	}
	all := make([]tok, n)
	for si, s := range sents {
		toks[si], all = all[:len(s):len(s)], all[len(s):]
		for i, w := range s {
			buf = analyse(w, buf, &toks[si][i])
		}
		caps[si] = capsSentence(toks[si])
	}
	d := newDocContext(toks, caps)
	var feats []uint64
	var hits []gazHit
	for si := range sents {
		s := toks[si]
		var minus gazetteer
		var vminus vocab
		if fold != nil {
			minus, vminus = fold.gaz, fold.vocab
		}
		hits = lex.gaz.match(s, minus, hits[:0])
		table := tableSentence(s)
		p := prepSent{toks: s, off: make([]int32, len(s)+1), rows: make([]uint32, 0, len(s)*48)}
		for i := range s {
			feats = staticFeatures(feats[:0], s, i, caps[si], d)
			feats = gazFeatures(feats, hits, i)
			for off := -1; off <= 1; off++ {
				if j := i + off; j >= 0 && j < len(s) {
					if c, ok := lex.vocab.lookup(s[j].lower, vminus); ok {
						feats = vocabFeatures(feats, c, off)
					}
				}
			}
			if table {
				feats = append(feats, mix(fTable, s[i].short), mix(fTable, uint64(i)))
			}
			for _, f := range feats {
				p.rows = append(p.rows, uint32(f&mask))
			}
			p.off[i+1] = int32(len(p.rows))
		}
		out[si] = p
	}
	return out
}

// greedy tags a prepared document left to right, one decision at a
// time; training uses it, telling learn (when not nil) each decision.
// The document history is updated at the end of each sentence.
func greedy(doc []prepSent, mask uint64, score func(rows []uint32, sc *[nTags]float32),
	learn func(rows []uint32, si, i, pred int)) [][]int {
	out := make([][]int, len(doc))
	hist := history{}
	var rows []uint32
	var dyn []uint64
	for si := range doc {
		s := &doc[si]
		tags := make([]int, len(s.toks))
		p1, p2 := noTag, noTag
		for i := range s.toks {
			dyn = histFeatures(dyn[:0], &s.toks[i], hist)
			dyn = prevFeatures(dyn, &s.toks[i], p1, p2)
			rows = append(rows[:0], s.rows[s.off[i]:s.off[i+1]]...)
			for _, f := range dyn {
				rows = append(rows, uint32(f&mask))
			}
			var sc [nTags]float32
			score(rows, &sc)
			t := pick(&sc)
			if learn != nil {
				learn(rows, si, i, t)
			}
			tags[i] = t
			p2, p1 = p1, t
		}
		for i := range s.toks {
			hist.add(&s.toks[i], tags[i])
		}
		out[si] = tags
	}
	return out
}

// pick returns the best-scoring tag. Decoding is not held to
// well-formed BILOU: forcing a B- to continue made the tagger drag names
// over the following token ("Levant (" ...), and reading the tags
// leniently (spansFromBILOU) scored better on the validation set.
func pick(sc *[nTags]float32) int {
	best := 0
	for t := 1; t < nTags; t++ {
		if sc[t] > sc[best] {
			best = t
		}
	}
	return best
}

// lexicon is what the model learned by counting the training set.
type lexicon struct {
	gaz   gazetteer
	vocab vocab
}

func newLexicon() *lexicon { return &lexicon{gaz: gazetteer{}, vocab: vocab{}} }

// tableSentence reports whether most tokens of a sentence are numbers,
// as in the sports results and market tables of wire copy: there a
// capitalised word is nearly always a team, a country or a place.
func tableSentence(s []tok) bool {
	digits := 0
	for i := range s {
		if s[i].cls == clsDigit {
			digits++
		}
	}
	return len(s) >= 3 && 2*digits >= len(s)
}
