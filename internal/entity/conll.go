package entity

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
)

// Sentence is one annotated sentence: its tokens and their IOB labels
// ("B-PER", "I-ORG", "O"; IOB1 is read too).
type Sentence struct {
	Tokens []string
	Labels []string
}

// Document is a run of sentences that share context. CoNLL files separate
// documents with -DOCSTART- lines; the tagger's document features (how a
// word was tagged earlier, whether it also appears in lower case) work
// within one document.
type Document struct {
	Sentences []Sentence
}

// ReadCoNLL parses CoNLL-2003 columns (token first, NER label last; blank
// line between sentences; -DOCSTART- between documents).
func ReadCoNLL(r io.Reader) ([]Document, error) {
	var docs []Document
	var cur Document
	var sent Sentence
	flushSent := func() {
		if len(sent.Tokens) > 0 {
			cur.Sentences = append(cur.Sentences, sent)
		}
		sent = Sentence{}
	}
	flushDoc := func() {
		flushSent()
		if len(cur.Sentences) > 0 {
			docs = append(docs, cur)
		}
		cur = Document{}
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "":
			flushSent()
		case isDocStart(line):
			flushDoc()
		default:
			f := strings.Fields(line)
			if len(f) < 2 {
				return nil, fmt.Errorf("conll line %d: want token and label, got %q", n, line)
			}
			sent.Tokens = append(sent.Tokens, f[0])
			sent.Labels = append(sent.Labels, f[len(f)-1])
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	flushDoc()
	return docs, nil
}

// ReadCoNLLFile reads a CoNLL file from disk.
func ReadCoNLLFile(path string) ([]Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	docs, err := ReadCoNLL(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return docs, nil
}
