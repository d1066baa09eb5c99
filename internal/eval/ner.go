package eval

import (
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"time"

	"github.com/dossier-news/dossier/internal/entity"
)

// TargetNERF1 is the micro-F1 the entity tagger must reach on the
// CoNLL-2003 validation set (exact spans, conlleval rules).
const TargetNERF1 = 0.90

// NERTagger labels the sentences of one document with IOB labels; it is
// what ScoreNER measures, so other taggers can be scored the same way.
type NERTagger func(sentences [][]string) [][]string

// NERScores are exact-span scores: a predicted name counts only if its
// first and last tokens and its class all match a gold name.
type NERScores struct {
	Gold, Predicted, Correct int
	Precision, Recall, F1    float64
}

// NERReport is the result of scoring a tagger on the validation set.
type NERReport struct {
	Documents, Sentences, Tokens int
	// Micro is the micro-average over all names; PerType by class.
	Micro   NERScores
	PerType map[string]NERScores
	// Elapsed is the tagging time alone (reading the file excluded).
	Elapsed         time.Duration
	TokensPerSecond float64
}

// nerValidPath is where the CoNLL-2003 validation split sits under the
// shared directory.
func nerValidPath(sharedDir string) string {
	return filepath.Join(sharedDir, "eval", "ner", "conll2003", "valid.txt")
}

// NER scores the embedded model on the CoNLL-2003 validation set.
func NER(sharedDir string, progress io.Writer) (NERReport, error) {
	return NERModel(sharedDir, entity.Default(), progress)
}

// NERModel scores a given model (say one just trained) on the CoNLL-2003
// validation set.
func NERModel(sharedDir string, m *entity.Model, progress io.Writer) (NERReport, error) {
	return ScoreNER(sharedDir, m.TagDocument, progress)
}

// ScoreNER runs tag over every document of the validation set, one
// document at a time, and scores the names with conlleval's rules.
func ScoreNER(sharedDir string, tag NERTagger, progress io.Writer) (NERReport, error) {
	docs, err := entity.ReadCoNLLFile(nerValidPath(sharedDir))
	if err != nil {
		return NERReport{}, err
	}
	rep := NERReport{Documents: len(docs), PerType: map[string]NERScores{}}
	counts := map[string]*NERScores{}
	get := func(typ string) *NERScores {
		if counts[typ] == nil {
			counts[typ] = &NERScores{}
		}
		return counts[typ]
	}
	for _, d := range docs {
		sents := make([][]string, len(d.Sentences))
		for i, s := range d.Sentences {
			sents[i] = s.Tokens
			rep.Tokens += len(s.Tokens)
		}
		rep.Sentences += len(sents)
		t0 := time.Now()
		pred := tag(sents)
		rep.Elapsed += time.Since(t0)
		if len(pred) != len(sents) {
			return rep, fmt.Errorf("ner: tagger returned %d sentences for %d", len(pred), len(sents))
		}
		for i, s := range d.Sentences {
			if len(pred[i]) != len(s.Tokens) {
				return rep, fmt.Errorf("ner: tagger returned %d labels for %d tokens", len(pred[i]), len(s.Tokens))
			}
			g, p := nerChunks(s.Labels), nerChunks(pred[i])
			for c := range g {
				get(c.typ).Gold++
				if p[c] {
					get(c.typ).Correct++
				}
			}
			for c := range p {
				get(c.typ).Predicted++
			}
		}
	}
	typs := make([]string, 0, len(counts))
	for t := range counts {
		typs = append(typs, t)
	}
	sort.Strings(typs)
	for _, t := range typs {
		c := *counts[t]
		rep.Micro.Gold += c.Gold
		rep.Micro.Predicted += c.Predicted
		rep.Micro.Correct += c.Correct
		rep.PerType[t] = c.withRatios()
	}
	rep.Micro = rep.Micro.withRatios()
	if s := rep.Elapsed.Seconds(); s > 0 {
		rep.TokensPerSecond = float64(rep.Tokens) / s
	}
	if progress != nil {
		rep.WriteText(progress)
	}
	return rep, nil
}

func (s NERScores) withRatios() NERScores {
	if s.Predicted > 0 {
		s.Precision = float64(s.Correct) / float64(s.Predicted)
	}
	if s.Gold > 0 {
		s.Recall = float64(s.Correct) / float64(s.Gold)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}

// nerChunk is one name: token range [start, end) and class.
type nerChunk struct {
	start, end int
	typ        string
}

// nerChunks reads names from IOB1/IOB2 labels as conlleval.pl does: a
// name starts at a B- label, or at an I- label that does not continue a
// name of the same class; it ends before O, B- or a change of class.
func nerChunks(labels []string) map[nerChunk]bool {
	out := map[nerChunk]bool{}
	start, typ := -1, ""
	closeAt := func(i int) {
		if start >= 0 {
			out[nerChunk{start, i, typ}] = true
		}
		start, typ = -1, ""
	}
	for i, l := range labels {
		prefix, t := "O", ""
		if len(l) > 2 && l[1] == '-' {
			prefix, t = l[:1], l[2:]
		}
		switch {
		case prefix == "I" && start >= 0 && t == typ:
			// continues the open name
		case prefix == "B" || prefix == "I":
			closeAt(i)
			start, typ = i, t
		default:
			closeAt(i)
		}
	}
	closeAt(len(labels))
	return out
}

// WriteText prints the report with the target the micro-F1 is held to.
func (r NERReport) WriteText(w io.Writer) {
	fmt.Fprintf(w, "CoNLL-2003 valid (%d documents, %d sentences, %d tokens, %.0f tokens/s)\n",
		r.Documents, r.Sentences, r.Tokens, r.TokensPerSecond)
	fmt.Fprintf(w, "  micro  precision %.2f  recall %.2f  F1 %.2f  (target F1 >= %.0f: %s)\n",
		100*r.Micro.Precision, 100*r.Micro.Recall, 100*r.Micro.F1, 100*TargetNERF1, verdict(r.Micro.F1 >= TargetNERF1))
	typs := make([]string, 0, len(r.PerType))
	for t := range r.PerType {
		typs = append(typs, t)
	}
	sort.Strings(typs)
	for _, t := range typs {
		s := r.PerType[t]
		fmt.Fprintf(w, "  %-5s  precision %.2f  recall %.2f  F1 %.2f  (gold %d, predicted %d)\n",
			t, 100*s.Precision, 100*s.Recall, 100*s.F1, s.Gold, s.Predicted)
	}
}
