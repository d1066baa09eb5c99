package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/summarize"
)

// Multi-News targets for our summariser (issue 8), as ROUGE F1 × 100.
const (
	TargetSummaryROUGE1 = 40.0
	TargetSummaryROUGE2 = 13.0
)

// SummaryWords is the summary length of the Multi-News protocol: the
// paper's models decode 200–300 tokens, and ROUGE cuts every summary at
// this many words (-l), so a longer summary gains nothing.
const SummaryWords = 300

// mnCluster is one Multi-News cluster: its source documents and the
// reference summary.
type mnCluster struct {
	Idx       int
	Documents []string
	Summary   string
}

func multiNewsValidation(sharedDir string) string {
	return filepath.Join(sharedDir, "eval", "summaries", "multinews", "validation.jsonl")
}

// loadMultiNewsClusters reads a Multi-News jsonl file.
func loadMultiNewsClusters(path string) ([]mnCluster, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	var out []mnCluster
	for sc.Scan() {
		var c mnCluster
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		out = append(out, c)
	}
	return out, sc.Err()
}

// docs turns a cluster's documents into articles; the set has no dates
// or outlets. Paragraphs are separated by " \n \n " in the files.
func (c mnCluster) docs() []summarize.Doc {
	out := make([]summarize.Doc, 0, len(c.Documents))
	for i, d := range c.Documents {
		text := strings.TrimSpace(strings.ReplaceAll(d, " \n \n ", "\n\n"))
		if text == "" {
			continue
		}
		out = append(out, summarize.Doc{ID: fmt.Sprintf("%d/%d", c.Idx, i), Text: text, Times: []news.TimeExpression{}})
	}
	return out
}

// reference is the summary's text without the leading dash the set
// puts before every summary.
func (c mnCluster) reference() string {
	return strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(c.Summary), "–"))
}

// SummarySystem is one summariser measured on Multi-News.
type SummarySystem struct {
	Name string
	Run  func([]summarize.Doc) news.Summary
}

// SummarySystems are ours and the two baselines we implemented.
func SummarySystems() []SummarySystem {
	return []SummarySystem{
		{"dossier", func(d []summarize.Doc) news.Summary {
			return summarize.Summarize(d, summarize.Options{Words: SummaryWords})
		}},
		{"lexrank", func(d []summarize.Doc) news.Summary {
			return summarize.LexRank(d, summarize.Options{Words: SummaryWords})
		}},
		{"first-3", func(d []summarize.Doc) news.Summary { return summarize.Lead(d, 3) }},
	}
}

// SummaryScores are one system's mean ROUGE F1 × 100 over the clusters.
type SummaryScores struct {
	System                 string
	ROUGE1, ROUGE2, ROUGEL float64
	Words                  float64 // mean summary length before truncation
	Elapsed                time.Duration
}

// SummariesReport holds the Multi-News figures.
type SummariesReport struct {
	Clusters int
	Options  string
	Systems  []SummaryScores
}

// Summaries runs every system on the Multi-News validation clusters and
// scores each with ROUGE.
func Summaries(sharedDir string, progress io.Writer) (SummariesReport, error) {
	clusters, err := loadMultiNewsClusters(multiNewsValidation(sharedDir))
	if err != nil {
		return SummariesReport{}, err
	}
	rep := SummariesReport{Clusters: len(clusters), Options: summaryROUGEOptions}
	for _, sys := range SummarySystems() {
		var items []rougeItem
		var words int
		start := time.Now()
		for _, c := range clusters {
			s := sys.Run(c.docs())
			peer := make([]string, 0, len(s.Sentences))
			for _, x := range s.Sentences {
				peer = append(peer, x.Text)
			}
			words += s.Words
			items = append(items, rougeItem{peer: peer, models: [][]string{splitSentences(c.reference())}})
		}
		el := time.Since(start)
		r1, r2, rl, err := scoreSummaries(items)
		if err != nil {
			return rep, fmt.Errorf("%s: %w", sys.Name, err)
		}
		sc := SummaryScores{System: sys.Name, ROUGE1: r1, ROUGE2: r2, ROUGEL: rl,
			Words: float64(words) / float64(max(1, len(clusters))), Elapsed: el}
		rep.Systems = append(rep.Systems, sc)
		if progress != nil {
			fmt.Fprintf(progress, "%-8s R1 %.2f R2 %.2f RL %.2f (%.0f words, %v)\n", sc.System, r1, r2, rl, sc.Words, el.Round(time.Millisecond))
		}
	}
	return rep, nil
}

// WriteText prints the report as a table.
func (r SummariesReport) WriteText(w io.Writer) {
	fmt.Fprintf(w, "Multi-News validation, %d clusters; ROUGE-1.5.5 %s; F1 × 100\n", r.Clusters, r.Options)
	fmt.Fprintf(w, "%-10s %7s %7s %7s %7s\n", "system", "R-1", "R-2", "R-L", "words")
	for _, s := range r.Systems {
		fmt.Fprintf(w, "%-10s %7.2f %7.2f %7.2f %7.0f\n", s.System, s.ROUGE1, s.ROUGE2, s.ROUGEL, s.Words)
	}
}

// rougeItem is one summary and its references, each a list of
// sentences (ROUGE-L is computed over sentences).
type rougeItem struct {
	peer   []string
	models [][]string
}

// splitSentences cuts a reference summary into sentences for ROUGE-L.
func splitSentences(s string) []string {
	var out []string
	for _, x := range summarize.Sentences(s) {
		out = append(out, x)
	}
	return out
}
