package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// sourceDoc is one real article the duplicate generator derives from.
// Group names the story and day it belongs to (a T17 topic and date, a
// Multi-News cluster, a PolNeAR publication day), which is what makes two
// sources a hard negative and what the generator draws foreign text from.
type sourceDoc struct {
	ID    string
	Group string
	// Outlet is what the set says about who published it: the T17 folder
	// (the reference timeline's outlet; the articles themselves come from
	// many sites), the PolNeAR publisher, nothing for Multi-News.
	Outlet string
	Date   time.Time // zero when the set gives none
	// Titled is true when Paras[0] is a headline (PolNeAR).
	Titled bool
	Paras  []string
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
// under Data/<topic>_<outlet>/InputDocs/<date>/. Sentences are grouped two
// to a paragraph, since the files keep no paragraph breaks. The group is
// the topic (pooled over its outlets' folders, as T17's users do) and day.
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
		parts := strings.Split(filepath.ToSlash(rel), "/") // folder, InputDocs, date, file
		topic, outlet, _ := strings.Cut(parts[0], "_")
		day, _ := time.Parse(time.DateOnly, parts[2])
		out = append(out, sourceDoc{ID: "t17/" + filepath.ToSlash(rel), Group: "t17/" + topic + "/" + parts[2],
			Outlet: outlet, Date: day, Paras: paras})
	}
	return out, nil
}

// loadMultiNews reads the documents of every Multi-News cluster in the
// *.jsonl files of dir; paragraphs are separated by " \n \n " there.
func loadMultiNews(dir string) ([]sourceDoc, error) {
	files, _ := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	if len(files) == 0 {
		return nil, fmt.Errorf("no Multi-News *.jsonl under %s", dir)
	}
	sort.Strings(files)
	var out []sourceDoc
	for _, path := range files {
		split := strings.TrimSuffix(filepath.Base(path), ".jsonl")
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 64<<20)
		for sc.Scan() {
			var rec struct {
				Idx       int      `json:"idx"`
				Documents []string `json:"documents"`
			}
			if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
				f.Close()
				return nil, fmt.Errorf("%s: %w", path, err)
			}
			for i, d := range rec.Documents {
				out = append(out, sourceDoc{ID: fmt.Sprintf("multinews/%s/%d/%d", split, rec.Idx, i),
					Group: fmt.Sprintf("multinews/%s/%d", split, rec.Idx),
					Paras: splitBlank(strings.ReplaceAll(d, " \n \n ", "\n\n"))})
			}
		}
		err = sc.Err()
		f.Close()
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// loadPolNeAR reads the PolNeAR article texts (title line, blank-line
// separated paragraphs); the file names are publisher_date_slug.txt.
// Articles of one day make a group: the set has no story ids, and one
// day of the 2016 campaign is the nearest thing to one story.
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
		name := strings.Split(filepath.Base(f), "_")
		d := sourceDoc{ID: "polnear/" + filepath.ToSlash(rel), Outlet: name[0], Titled: true, Paras: splitBlank(string(b))}
		d.Group = "polnear/" + filepath.Base(f)
		if len(name) > 2 {
			d.Date, _ = time.Parse(time.DateOnly, name[1])
			d.Group = "polnear/" + name[1]
		}
		out = append(out, d)
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
