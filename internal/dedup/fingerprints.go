package dedup

import (
	"fmt"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// Doc is what the index needs of an article.
type Doc struct {
	ID   string
	Text string
	// Paragraphs are byte spans into Text; nil means news.SplitParagraphs.
	// Text outside every paragraph is ignored, which is how a caller
	// leaves out a headline or a caption.
	Paragraphs []news.Paragraph
	// Published decides which member of a syndication group is its origin;
	// zero means unknown, and unknown sorts after every known time.
	Published time.Time
}

// DocFromArticle takes the fields the index uses from an article.
//
// A publication time of exactly midnight UTC almost always means only the
// day was known (a dateline, a date in a URL), so it is moved to the end
// of that day: a copy timed to the minute on the same day is then the
// better-supported origin, while days still order as they are.
func DocFromArticle(a news.Article) Doc {
	p := a.Published
	if !p.IsZero() && p.Equal(p.UTC().Truncate(24*time.Hour)) {
		p = p.Add(24*time.Hour - time.Second)
	}
	return Doc{ID: a.ID, Text: a.Text, Paragraphs: a.Paragraphs, Published: p}
}

// Passage is a sentence or paragraph of a Fingerprints. For a sentence,
// [From, To) indexes Fingerprints.Words; for a paragraph it indexes
// Fingerprints.Sentences. Passages partition their parent: each starts
// where the previous one ended.
type Passage struct {
	Span     news.Span
	From, To int
}

// Fingerprints is everything the index keeps about one document, as plain
// data: a store persists it (MarshalBinary gives one compact blob, about
// four bytes a word) and rebuilds an index by handing it back to
// Index.AddFingerprints, without the article text.
type Fingerprints struct {
	ID        string
	Published time.Time
	// ContentHash fingerprints the whole normalised word sequence. The
	// words are the tokens news.NormaliseText keeps, so two articles with
	// equal news.ContentHash get equal ContentHash (when their paragraphs
	// cover their text); it is computed from the word hashes because
	// hashing the normalised text again would cost more than all the rest
	// of Analyse.
	ContentHash uint64
	// Scheme identifies the Config parameters Signature was made with; a
	// mismatch makes AddFingerprints re-sign from Words.
	Scheme    uint64
	Signature Signature
	// Words are the 32-bit hashes of the normalised words, in text order;
	// bit 0 says whether the word has a digit.
	Words      []uint32
	Sentences  []Passage
	Paragraphs []Passage
}

// Analyse cuts a document into words, sentences and paragraphs and signs
// it: the work of Add that needs no index, so callers can run it in
// parallel or ahead of time.
func Analyse(d Doc, cfg Config) Fingerprints {
	ps := d.Paragraphs
	if ps == nil {
		ps = news.SplitParagraphs(d.Text)
	}
	an := analyse(d.Text, ps)
	fp := fromAnalysis(&an)
	fp.ID, fp.Published, fp.ContentHash = d.ID, d.Published, seqHash(an.words)
	fp.Scheme, fp.Signature = cfg.scheme(), an.sign(cfg)
	return fp
}

// Sign returns the MinHash of text, treated as one paragraph whose lines
// are sentence boundaries. It equals the Signature Analyse gives when the
// document's paragraphs end at line breaks, as news.SplitParagraphs
// paragraphs do.
func Sign(text string, cfg Config) Signature {
	an := analyse(text, []news.Paragraph{{Span: news.Span{Start: 0, End: len(text)}}})
	return an.sign(cfg)
}

func (an *analysis) sign(cfg Config) Signature {
	sig := make(Signature, cfg.NumHashes)
	var buf [1024]uint64
	sign(sig, &cfg, an.docShingles(buf[:0], cfg.ShingleSize))
	return sig
}

func fromAnalysis(an *analysis) Fingerprints {
	fp := Fingerprints{
		Words:      an.words,
		Sentences:  make([]Passage, len(an.sents)),
		Paragraphs: make([]Passage, len(an.paras)),
	}
	for i, s := range an.sents {
		fp.Sentences[i] = Passage{news.Span{Start: int(s.start), End: int(s.end)}, int(s.w0), int(s.w1)}
	}
	for i, p := range an.paras {
		fp.Paragraphs[i] = Passage{news.Span{Start: int(p.start), End: int(p.end)}, int(p.s0), int(p.s1)}
	}
	return fp
}

// analysis converts back to the compact form, checking the invariants the
// index relies on, since stored data may be damaged.
func (fp *Fingerprints) analysis() (analysis, error) {
	bad := func(what string, i int) error {
		return fmt.Errorf("dedup: fingerprints %q: %s %d out of order: %w", fp.ID, what, i, news.ErrMalformed)
	}
	an := analysis{words: fp.Words, sents: make([]sent, len(fp.Sentences)), paras: make([]para, len(fp.Paragraphs))}
	next := 0
	for i, s := range fp.Sentences {
		if s.From != next || s.To <= s.From || s.To > len(fp.Words) || !validSpan(s.Span) {
			return analysis{}, bad("sentence", i)
		}
		next = s.To
		an.sents[i] = sent{uint32(s.Span.Start), uint32(s.Span.End), uint32(s.From), uint32(s.To)}
	}
	if next != len(fp.Words) {
		return analysis{}, bad("word", next)
	}
	next = 0
	for i, p := range fp.Paragraphs {
		if p.From != next || p.To <= p.From || p.To > len(fp.Sentences) || !validSpan(p.Span) {
			return analysis{}, bad("paragraph", i)
		}
		next = p.To
		an.paras[i] = para{uint32(p.Span.Start), uint32(p.Span.End), uint32(p.From), uint32(p.To)}
	}
	if next != len(fp.Sentences) {
		return analysis{}, bad("sentence", next)
	}
	return an, nil
}

func validSpan(s news.Span) bool {
	return 0 <= s.Start && s.Start <= s.End && s.End <= 1<<32-1
}
