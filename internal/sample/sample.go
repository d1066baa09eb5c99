// Package sample bundles Dossier's demo corpus: original articles about invented
// events, people, places and outlets, written for this project, in every input
// format the ingest pipeline reads (HTML pages, scraped plain text, JSONL, RSS and
// Atom feeds).
//
// The corpus follows one developing story — a solvent spill at a chemical terminal
// in the river port of Port Aldmere and the water notices, inquiry, prosecution and
// clean-up that follow — and three unrelated smaller stories. It deliberately
// contains the things a news engine has to cope with: wire stories reprinted by
// several outlets with small edits, a machine-spun rewrite, an article that reuses
// paragraphs of another, windows-1252 and undeclared-charset pages, boilerplate,
// direct and indirect quotes and relative dates. labels.json records the ground
// truth (outlet, date, story, wire group, spun and reused sources) for evaluations.
package sample

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

//go:embed corpus
var corpus embed.FS

// FS returns the corpus rooted at its top directory, which holds html/, text/,
// jsonl/ and feeds/.
func FS() fs.FS {
	sub, err := fs.Sub(corpus, "corpus")
	if err != nil { // only possible if the embed directive changes
		panic(err)
	}
	return sub
}

//go:embed labels.json
var labelsJSON []byte

// Label is the ground truth for one article of the corpus.
type Label struct {
	// File is the article's path relative to the corpus root; for a JSONL line or
	// a feed item it ends in "#N", N being the 1-based line or item number.
	File string `json:"file"`
	// Outlet is the publication that published this copy of the article.
	Outlet string `json:"outlet"`
	// Published is the publication time.
	Published time.Time `json:"published"`
	// Story is a short id of the news story the article belongs to, e.g. "aldmere-spill".
	Story string `json:"story"`
	// Storyline optionally names the strand of the story, e.g. "inquiry" or "water-supply".
	Storyline string `json:"storyline,omitempty"`
	// WireGroup is the id of the wire story this article is (a copy of), or "".
	// The wire agency's own version carries the same id.
	WireGroup string `json:"wire_group"`
	// SpunFrom lists the files a machine-spun rewrite was made from; empty otherwise.
	SpunFrom []string `json:"spun_from"`
	// Reuses lists files some of whose paragraphs this article reuses verbatim.
	Reuses []string `json:"reuses,omitempty"`
	// Title is the article's headline as the outlet published it.
	Title string `json:"title"`
}

// Location splits File into the corpus path and the 1-based item number within
// it; item is 0 when the file holds a single article.
func (l Label) Location() (path string, item int, err error) {
	path, n, ok := strings.Cut(l.File, "#")
	if !ok {
		return path, 0, nil
	}
	item, err = strconv.Atoi(n)
	if err != nil || item < 1 {
		return path, 0, fmt.Errorf("sample: label %q: bad item number", l.File)
	}
	return path, item, nil
}

// Labels returns the ground-truth labels, one per article, in publication order.
func Labels() ([]Label, error) {
	var ls []Label
	if err := json.Unmarshal(labelsJSON, &ls); err != nil {
		return nil, fmt.Errorf("sample: labels.json: %w", err)
	}
	return ls, nil
}

// WriteTo copies the corpus into dir (creating it), so the ingest pipeline can
// read it like any user directory. Existing files of the same name are
// overwritten. It returns the number of files written.
func WriteTo(dir string) (int, error) {
	src := FS()
	n := 0
	err := fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := fs.ReadFile(src, p)
		if err != nil {
			return err
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			return err
		}
		n++
		return nil
	})
	if err != nil {
		return n, fmt.Errorf("sample: write corpus: %w", err)
	}
	return n, nil
}
