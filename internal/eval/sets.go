package eval

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// readJSON decodes a JSON file into v.
func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// runScrapinghub scores the article-extraction-benchmark: html/<id>.html.gz
// against ground-truth.json's articleBody.
func runScrapinghub(ctx context.Context, dir string, progress io.Writer, ex extractor) (*ShingleReport, error) {
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := readJSON(filepath.Join(dir, "ground-truth.json"), &truth); err != nil {
		return nil, err
	}
	keys := sortedKeys(truth)
	scored := make([]shingleCounts, len(keys))
	kinds := make([]string, len(keys))
	present := make([]bool, len(keys))
	start := time.Now()
	err := forEach(ctx, "scrapinghub", len(keys), progress, func(i int) {
		raw, err := readGz(filepath.Join(dir, "html", keys[i]+".html.gz"))
		if err != nil {
			return
		}
		present[i] = true
		text, _, err := ex(raw, truth[keys[i]].URL)
		if err != nil {
			kinds[i] = news.Kind(err)
			text = ""
		}
		scored[i] = matchShingles(truth[keys[i]].ArticleBody, text)
	})
	if err != nil {
		return nil, err
	}
	rep := &ShingleReport{Elapsed: time.Since(start), ErrorKinds: map[string]int{}}
	var pages []shingleCounts
	for i := range keys {
		if !present[i] {
			rep.MissingFiles++
			continue
		}
		rep.Pages++
		pages = append(pages, scored[i])
		if scored[i].TP+scored[i].FP == 0 {
			rep.EmptyOutputs++
		}
		if kinds[i] != "" {
			rep.ErrorKinds[kinds[i]]++
		}
	}
	rep.Precision, rep.Recall, rep.F1 = shingleScores(pages)
	return rep, nil
}

// runTrafilatura scores trafilatura's evaluation corpus: evaldata.json maps
// each URL to a file under cache/ or eval/ and its snippet lists.
func runTrafilatura(ctx context.Context, dir string, progress io.Writer, ex extractor) (*SnippetReport, error) {
	var data map[string]struct {
		File    string   `json:"file"`
		With    []string `json:"with"`
		Without []string `json:"without"`
	}
	if err := readJSON(filepath.Join(dir, "evaldata.json"), &data); err != nil {
		return nil, err
	}
	keys := sortedKeys(data)
	counts := make([]Confusion, len(keys))
	state := make([]int8, len(keys)) // 0 missing, 1 ok, 2 failed
	start := time.Now()
	err := forEach(ctx, "trafilatura", len(keys), progress, func(i int) {
		item := data[keys[i]]
		var raw []byte
		var err error
		// trafilatura's resolve() looks in cache/ first, then eval/.
		for _, sub := range []string{"cache", "eval"} {
			if raw, err = readGz(filepath.Join(dir, sub, item.File+".gz")); err == nil {
				break
			}
		}
		if err != nil {
			return
		}
		text, _, err := ex(raw, keys[i])
		state[i] = 1
		if err != nil {
			state[i] = 2
		}
		counts[i] = countSnippets(item.With, item.Without, text, err == nil)
	})
	if err != nil {
		return nil, err
	}
	rep := &SnippetReport{Elapsed: time.Since(start)}
	for i := range keys {
		switch state[i] {
		case 0:
			rep.MissingFiles++
			continue
		case 2:
			rep.Failed++
		}
		rep.Pages++
		rep.Counts.Add(counts[i])
	}
	rep.Precision, rep.Recall, rep.Accuracy, rep.F1 = rep.Counts.Scores()
	return rep, nil
}

// runDates scores publication dates on htmldate's corpus: the day of our
// Published date against the annotated day. A page annotated without a
// date counts as correct when we find none.
func runDates(ctx context.Context, dir string, progress io.Writer, ex extractor) (*DateReport, error) {
	var truth map[string]struct {
		URL  string `json:"url"`
		File string `json:"file"`
		Date string `json:"date"`
	}
	if err := readJSON(filepath.Join(dir, "ground-truth.json"), &truth); err != nil {
		return nil, err
	}
	keys := sortedKeys(truth)
	got := make([]string, len(keys))
	present := make([]bool, len(keys))
	start := time.Now()
	err := forEach(ctx, "htmldate", len(keys), progress, func(i int) {
		raw, err := readGz(filepath.Join(dir, truth[keys[i]].File))
		if err != nil {
			return
		}
		present[i] = true
		// A page without article text still has a date worth scoring, so
		// extraction errors are ignored here.
		_, published, _ := ex(raw, truth[keys[i]].URL)
		if !published.IsZero() {
			got[i] = published.Format(time.DateOnly)
		}
	})
	if err != nil {
		return nil, err
	}
	rep := &DateReport{Elapsed: time.Since(start)}
	for i, k := range keys {
		if !present[i] {
			rep.MissingFiles++
			continue
		}
		rep.Pages++
		if got[i] != "" {
			rep.Found++
		}
		want := truth[k].Date
		if want == "NaN" {
			want = ""
		}
		if got[i] == want {
			rep.Correct++
		}
	}
	if rep.Pages > 0 {
		rep.Accuracy = float64(rep.Correct) / float64(rep.Pages)
	}
	return rep, nil
}
