package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// sourceDoc is one real article the duplicate generator derives from.
// Group names the story and day it belongs to (a T17 topic and date, a
// Multi-News cluster), which is what makes two sources a hard negative.
type sourceDoc struct {
	ID    string
	Group string
	Paras []string
}

func (d sourceDoc) words() int {
	n := 0
	for _, p := range d.Paras {
		n += len(strings.Fields(p))
	}
	return n
}

// usable keeps articles long enough to be trimmed and partly reused.
func usable(d sourceDoc) bool { return len(d.Paras) >= 5 && d.words() >= 150 }

// loadT17 reads the T17 timeline corpus: one sentence per line, files
// under Data/<topic>/InputDocs/<date>/. Sentences are grouped two to a
// paragraph, since the files keep no paragraph breaks.
func loadT17(dir string) ([]sourceDoc, error) {
	files, err := filepath.Glob(filepath.Join(dir, "Data", "*", "InputDocs", "*", "*"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no T17 input documents under %s", dir)
	}
	sort.Strings(files)
	var out []sourceDoc
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var lines []string
		for _, l := range strings.Split(string(b), "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
		var paras []string
		for i := 0; i < len(lines); i += 2 {
			paras = append(paras, strings.Join(lines[i:min(i+2, len(lines))], " "))
		}
		rel, _ := filepath.Rel(filepath.Join(dir, "Data"), f)
		parts := strings.Split(filepath.ToSlash(rel), "/")
		out = append(out, sourceDoc{ID: "t17/" + filepath.ToSlash(rel), Group: "t17/" + parts[0] + "/" + parts[2], Paras: paras})
	}
	return out, nil
}

// loadMultiNews reads the documents of every Multi-News cluster;
// paragraphs are separated by blank lines (" \n \n " in the files).
func loadMultiNews(path string) ([]sourceDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []sourceDoc
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var rec struct {
			Idx       int      `json:"idx"`
			Documents []string `json:"documents"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		for i, d := range rec.Documents {
			out = append(out, sourceDoc{ID: fmt.Sprintf("multinews/%d/%d", rec.Idx, i),
				Group: fmt.Sprintf("multinews/%d", rec.Idx), Paras: splitBlank(strings.ReplaceAll(d, " \n \n ", "\n\n"))})
		}
	}
	return out, sc.Err()
}

// loadPolNeAR reads the PolNeAR article texts (title line, blank-line
// separated paragraphs). Each is its own group: the set has no story ids.
func loadPolNeAR(dir string) ([]sourceDoc, error) {
	files, _ := filepath.Glob(filepath.Join(dir, "*", "text", "*.txt"))
	if len(files) == 0 {
		return nil, fmt.Errorf("no PolNeAR texts under %s", dir)
	}
	sort.Strings(files)
	var out []sourceDoc
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		rel, _ := filepath.Rel(dir, f)
		out = append(out, sourceDoc{ID: "polnear/" + filepath.ToSlash(rel), Group: "polnear/" + filepath.Base(f), Paras: splitBlank(string(b))})
	}
	return out, nil
}

func splitBlank(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			out = append(out, p)
		}
	}
	return out
}
