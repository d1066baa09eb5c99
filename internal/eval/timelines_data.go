package eval

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/eval/rouge"
	"github.com/dossier-news/dossier/internal/summarize"
)

// t17Path is the Timeline17 Data folder under the shared directory.
func t17Path(shared string) string {
	return filepath.Join(shared, "eval", "timelines", "t17", "Data")
}

// tlTopic is one Timeline17 topic: the articles of all its source
// folders pooled, as tilse and news-tls pool them, and the reference
// timelines of those folders.
type tlTopic struct {
	name string
	docs []summarize.Doc
	// lines are each article's sentences as the set gives them, by doc
	// ID, for the lead baseline.
	lines map[string][]string
	refs  []tlRef
}

// tlRef is one reference timeline, read as tilse reads it.
type tlRef struct {
	name string // folder/file
	tl   rouge.Timeline
}

// loadTimeline17 reads every topic under dir. A folder is named
// <Topic>_<source>; its InputDocs/<YYYY-MM-DD>/<id>.htm.txt hold one
// PTB-tokenised sentence per line, published on the folder's day, and
// its timelines/*.txt the references.
func loadTimeline17(dir string) ([]tlTopic, error) {
	folders, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	byName := map[string]*tlTopic{}
	var order []string
	for _, f := range folders {
		if !f.IsDir() {
			continue
		}
		topic, source, ok := strings.Cut(f.Name(), "_")
		if !ok {
			continue
		}
		t := byName[topic]
		if t == nil {
			t = &tlTopic{name: topic, lines: map[string][]string{}}
			byName[topic] = t
			order = append(order, topic)
		}
		if err := loadTimeline17Folder(filepath.Join(dir, f.Name()), f.Name(), source, t); err != nil {
			return nil, err
		}
	}
	out := make([]tlTopic, 0, len(order))
	for _, name := range order {
		out = append(out, *byName[name])
	}
	return out, nil
}

func loadTimeline17Folder(dir, folder, source string, t *tlTopic) error {
	days, err := os.ReadDir(filepath.Join(dir, "InputDocs"))
	if err != nil {
		return err
	}
	for _, day := range days {
		pub, err := time.Parse(time.DateOnly, day.Name())
		if err != nil {
			return fmt.Errorf("%s: day folder %q: %w", folder, day.Name(), err)
		}
		files, err := os.ReadDir(filepath.Join(dir, "InputDocs", day.Name()))
		if err != nil {
			return err
		}
		for _, f := range files {
			raw, err := os.ReadFile(filepath.Join(dir, "InputDocs", day.Name(), f.Name()))
			if err != nil {
				return err
			}
			var lines []string
			for l := range strings.SplitSeq(string(raw), "\n") {
				if l = strings.TrimSpace(l); l != "" {
					lines = append(lines, l)
				}
			}
			id := folder + "/" + day.Name() + "/" + strings.TrimSuffix(f.Name(), ".htm.txt")
			// A blank line between sentences keeps the set's sentence
			// split: a line may end without a full stop.
			t.docs = append(t.docs, summarize.Doc{ID: id, Source: source, Text: strings.Join(lines, "\n\n"), Published: pub})
			t.lines[id] = lines
		}
	}
	refs, err := filepath.Glob(filepath.Join(dir, "timelines", "*.txt"))
	if err != nil {
		return err
	}
	slices.Sort(refs)
	for _, p := range refs {
		tl, err := rouge.ReadTimeline(p)
		if err != nil {
			return err
		}
		t.refs = append(t.refs, tlRef{name: folder + "/" + filepath.Base(p), tl: tl})
	}
	return nil
}
