package entity

// The gazetteer is learned from the training set only: every annotated
// name, as a sequence of lower-cased tokens, with how often it carried
// each class. It gives the tagger multi-token evidence the word features
// miss ("New York Stock Exchange" is an organisation as a whole).
//
// Trained naively, such a feature is a perfect oracle on the training
// data (every name is in the list) and the tagger would learn to trust
// it blindly. So training is jack-knifed: a document in fold k sees the
// counts of the other folds only, i.e. how a list compiled from other
// text covers it, which is the situation at run time.

// maxGazLen is the longest name, in tokens, the gazetteer holds.
const maxGazLen = 6

type gazEntry struct {
	counts [len(types)]uint16
	prefix bool // a longer entry starts with this sequence
}

type gazetteer map[uint64]*gazEntry

func gazKey(h, lower uint64) uint64 { return mix(h^0x51ed27, lower) }

// add records the name s[start:end] as class typ.
func (g gazetteer) add(s []tok, start, end, typ int) {
	if end-start > maxGazLen {
		return
	}
	h := uint64(0)
	for i := start; i < end; i++ {
		h = gazKey(h, s[i].lower)
		e := g[h]
		if e == nil {
			e = &gazEntry{}
			g[h] = e
		}
		if i == end-1 {
			if e.counts[typ] < 65535 {
				e.counts[typ]++
			}
		} else {
			e.prefix = true
		}
	}
}

// gazHit is a match of a gazetteer entry over tokens [start, end).
type gazHit struct {
	start, end int
	counts     [len(types)]uint16
}

// match finds every entry occurring in s whose first and last tokens are
// not lower-case words. When minus is not nil its counts are subtracted
// (the jack-knife: minus holds the document's own fold).
func (g gazetteer) match(s []tok, minus gazetteer, dst []gazHit) []gazHit {
	for i := range s {
		if s[i].allLower || s[i].cls == clsOther {
			continue
		}
		h := uint64(0)
		for j := i; j < len(s) && j-i < maxGazLen; j++ {
			h = gazKey(h, s[j].lower)
			e := g[h]
			if e == nil {
				break
			}
			c := e.counts
			if minus != nil {
				if m := minus[h]; m != nil {
					for k := range c {
						c[k] -= m.counts[k]
					}
				}
			}
			if c != ([len(types)]uint16{}) && !s[j].allLower {
				dst = append(dst, gazHit{start: i, end: j + 1, counts: c})
			}
			if !e.prefix {
				break
			}
		}
	}
	return dst
}

// gazFeatures appends the gazetteer features of token i: for every match
// covering it, each class the entry carried with i's BILOU position in
// it, and the majority class of the longest match.
func gazFeatures(dst []uint64, hits []gazHit, i int) []uint64 {
	best := -1
	for h := range hits {
		hit := &hits[h]
		if i < hit.start || i >= hit.end {
			continue
		}
		pos := gazPos(hit, i)
		for k, n := range hit.counts {
			if n > 0 {
				dst = append(dst, mix(fGaz, uint64(k*4+pos)))
			}
		}
		if best < 0 || hit.end-hit.start > hits[best].end-hits[best].start {
			best = h
		}
	}
	if best >= 0 {
		hit := &hits[best]
		top := 0
		for k, n := range hit.counts {
			if n > hit.counts[top] {
				top = k
			}
		}
		dst = append(dst, mix(fGazTop, uint64(top*4+gazPos(hit, i))))
	}
	return dst
}

func gazPos(hit *gazHit, i int) int {
	switch {
	case hit.end-hit.start == 1:
		return posU
	case i == hit.start:
		return posB
	case i == hit.end-1:
		return posL
	}
	return posI
}

// vocab counts, per lower-cased word of the training set, how often it
// was outside any name (index 0) or inside a name of each class. Like the
// gazetteer it is jack-knifed in training. It tells the tagger about a
// word's ambiguity ("Jordan": a country and a name) in a form that
// carries over to words it has few examples of.
type vocab map[uint64]*[1 + len(types)]uint16

func (v vocab) add(lower uint64, class int) {
	e := v[lower]
	if e == nil {
		e = new([1 + len(types)]uint16)
		v[lower] = e
	}
	if e[class] < 65535 {
		e[class]++
	}
}

// lookup returns the counts for a word, less those of minus.
func (v vocab) lookup(lower uint64, minus vocab) (c [1 + len(types)]uint16, ok bool) {
	e := v[lower]
	if e == nil {
		return c, false
	}
	c = *e
	if minus != nil {
		if m := minus[lower]; m != nil {
			for k := range c {
				c[k] -= m[k]
			}
		}
	}
	return c, c != [1 + len(types)]uint16{}
}

// vocabFeature summarises the counts as one feature per class present:
// the class and a coarse share of the word's occurrences (at offset off
// from the token being tagged).
func vocabFeatures(dst []uint64, c [1 + len(types)]uint16, off int) []uint64 {
	total := 0
	for _, n := range c {
		total += int(n)
	}
	freq := uint64(0)
	if total >= 5 {
		freq = 1
	}
	for k, n := range c {
		if n == 0 {
			continue
		}
		share := float64(n) / float64(total)
		b := uint64(0)
		switch {
		case share >= 0.9:
			b = 3
		case share >= 0.5:
			b = 2
		case share >= 0.1:
			b = 1
		}
		dst = append(dst, mix(fVocab, uint64(off+8)<<16|uint64(k)<<8|b<<4|freq))
	}
	return dst
}
