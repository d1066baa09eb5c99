package quote

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Labelled is one annotated attribution: each role as its fragments
// (brat allows discontinuous spans), in byte offsets, sorted. Source is
// empty when the annotation has none.
type Labelled struct {
	Source, Cue, Content []Span
}

// Document is an annotated text.
type Document struct {
	Name string
	Text string
	Gold []Labelled
}

// ParseBrat reads brat standoff annotations of text in the PolNeAR
// scheme: Source, Cue and Content text-bound spans ("T1 Cue 10 15;20 25")
// linked by attribution events ("E1 Attribution:T4 Content:T3 Cue:T2
// Source:T1"). brat counts offsets in characters; they are converted to
// bytes of text. Attributions without a cue or a content are skipped.
func ParseBrat(text string, ann io.Reader) ([]Labelled, error) {
	// Character offset → byte offset, for every character and the end.
	idx := make([]int, 0, len(text)+1)
	for i := range text {
		idx = append(idx, i)
	}
	idx = append(idx, len(text))
	spans := map[string][]Span{}
	var events [][]string
	sc := bufio.NewScanner(ann)
	sc.Buffer(make([]byte, 1<<16), 1<<24)
	line := 0
	for sc.Scan() {
		line++
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) < 2 {
			continue
		}
		switch fields[0][0] {
		case 'T':
			typ, ranges, _ := strings.Cut(fields[1], " ")
			if typ != "Source" && typ != "Cue" && typ != "Content" {
				continue
			}
			var frags []Span
			for _, r := range strings.Split(ranges, ";") {
				a, b, ok := strings.Cut(strings.TrimSpace(r), " ")
				s, err1 := strconv.Atoi(a)
				e, err2 := strconv.Atoi(b)
				if !ok || err1 != nil || err2 != nil || s < 0 || e < s || e >= len(idx) {
					return nil, fmt.Errorf("brat line %d: bad range %q", line, r)
				}
				frags = append(frags, Span{idx[s], idx[e]})
			}
			sort.Slice(frags, func(i, j int) bool { return frags[i].Start < frags[j].Start })
			spans[fields[0]] = frags
		case 'E':
			events = append(events, strings.Fields(fields[1]))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("brat: %w", err)
	}
	var out []Labelled
	for _, ev := range events {
		var l Labelled
		for _, arg := range ev[1:] {
			role, id, _ := strings.Cut(arg, ":")
			switch strings.TrimRight(role, "0123456789") {
			case "Source":
				l.Source = append(l.Source, spans[id]...)
			case "Cue":
				l.Cue = append(l.Cue, spans[id]...)
			case "Content":
				l.Content = append(l.Content, spans[id]...)
			}
		}
		if len(l.Cue) > 0 && len(l.Content) > 0 {
			out = append(out, l)
		}
	}
	return out, nil
}

// ReadPolNeAR reads one PolNeAR split (dir holds text/ and
// attributions/). A text annotated by several annotators is read with
// the first of its annotation files in name order, so every text counts
// once and the choice does not depend on the file system.
func ReadPolNeAR(dir string) ([]Document, error) {
	texts, err := filepath.Glob(filepath.Join(dir, "text", "*.txt"))
	if err != nil {
		return nil, fmt.Errorf("polnear: %w", err)
	}
	anns, err := filepath.Glob(filepath.Join(dir, "attributions", "*.ann"))
	if err != nil {
		return nil, fmt.Errorf("polnear: %w", err)
	}
	sort.Strings(anns)
	byText := map[string]string{}
	for _, a := range anns {
		base := strings.TrimSuffix(filepath.Base(a), ".ann")
		cut := strings.LastIndexByte(base, '_')
		if cut < 0 {
			continue
		}
		if _, ok := byText[base[:cut]]; !ok {
			byText[base[:cut]] = a
		}
	}
	sort.Strings(texts)
	var docs []Document
	for _, t := range texts {
		name := strings.TrimSuffix(filepath.Base(t), ".txt")
		a, ok := byText[name]
		if !ok {
			continue
		}
		b, err := os.ReadFile(t)
		if err != nil {
			return nil, fmt.Errorf("polnear: %w", err)
		}
		if !utf8.Valid(b) {
			return nil, fmt.Errorf("polnear %s: text is not UTF-8", name)
		}
		f, err := os.Open(a)
		if err != nil {
			return nil, fmt.Errorf("polnear: %w", err)
		}
		gold, err := ParseBrat(string(b), f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("polnear %s: %w", filepath.Base(a), err)
		}
		docs = append(docs, Document{Name: name, Text: string(b), Gold: gold})
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("polnear: no annotated texts under %s", dir)
	}
	return docs, nil
}
