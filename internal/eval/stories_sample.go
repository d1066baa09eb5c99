package eval

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/dossier-news/dossier/internal/extract"
	"github.com/dossier-news/dossier/internal/ingest"
	"github.com/dossier-news/dossier/internal/sample"
	"github.com/dossier-news/dossier/internal/story"
	"github.com/dossier-news/dossier/internal/timex"
)

// SampleStoryResult is the clustering of the bundled sample corpus.
type SampleStoryResult struct {
	Scores ClusterScores
	// Stories maps each gold story to the predicted stories of its
	// articles, and Lines to their storylines.
	Stories, Lines map[string][]string
	Decisions      []story.Decision
}

// SampleStories extracts the bundled corpus as the pipeline does, feeds
// it in publication order (wire copies naming their labelled origin, as
// the duplicate stage would) and scores the stories against the labels.
func SampleStories(cfg story.Config) (SampleStoryResult, error) {
	var res SampleStoryResult
	items, err := sampleItems()
	if err != nil {
		return res, err
	}
	c := story.New(cfg)
	for _, it := range items {
		res.Decisions = append(res.Decisions, c.Add(it.Doc))
	}
	c.Repair()
	lineOf := map[string]string{}
	for _, l := range c.Storylines() {
		for _, s := range l.Stories {
			lineOf[s] = l.ID
		}
	}
	res.Stories, res.Lines = map[string][]string{}, map[string][]string{}
	var gold, pred []string
	for _, it := range items {
		s, _ := c.StoryOf(it.Doc.ID)
		gold, pred = append(gold, it.Gold), append(pred, s)
		res.Stories[it.Gold] = appendNew(res.Stories[it.Gold], s)
		res.Lines[it.Gold] = appendNew(res.Lines[it.Gold], lineOf[s])
	}
	res.Scores = scoreClusters(gold, pred)
	return res, nil
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// sampleItems extracts every labelled article of the sample corpus, in
// label (publication) order, with entities and event days.
func sampleItems() ([]storyItem, error) {
	dir, err := os.MkdirTemp("", "dossier-sample-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	if _, err := sample.WriteTo(dir); err != nil {
		return nil, err
	}
	out := make(chan ingest.Document)
	go func() {
		ingest.NewReader(ingest.Config{}).Read(context.Background(), []string{dir}, out)
		close(out)
	}()
	byFile := map[string]extract.Result{}
	for doc := range out {
		if doc.Err != nil {
			continue
		}
		h := extract.Hints{URL: doc.URL, Title: doc.Title, Source: doc.Source, Author: doc.Author, Published: doc.Published, ContentType: doc.ContentType}
		var res extract.Result
		var err error
		if doc.Format == ingest.FormatHTML {
			res, err = extract.HTML(doc.Body, h, extract.Options{})
		} else {
			res, err = extract.Text(doc.Body, h, extract.Options{})
		}
		if err == nil {
			byFile[sampleLabelFile(dir, doc.Origin)] = res
		}
	}
	labels, err := sample.Labels()
	if err != nil {
		return nil, err
	}
	origin := map[string]string{} // wire group → first file
	var items []storyItem
	for _, l := range labels {
		res, ok := byFile[l.File]
		if !ok {
			return nil, fmt.Errorf("sample: %s was not extracted", l.File)
		}
		d := story.Doc{ID: l.File, Title: res.Title, Text: res.Text, Published: l.Published}
		if l.WireGroup != "" {
			if o, ok := origin[l.WireGroup]; ok {
				d.CopyOf = o
			} else {
				origin[l.WireGroup] = l.File
			}
		}
		for _, e := range timex.Tag(res.Text, l.Published) {
			if first, last, ok := timex.Calendar(e.Value); ok && first.Equal(last) {
				d.EventDays = append(d.EventDays, first)
			}
		}
		items = append(items, storyItem{Doc: d, Gold: l.Story})
	}
	addEntities(items)
	return items, nil
}

// sampleLabelFile turns a Document origin into the label's file name:
// "dir/x.jsonl:line 2" and "dir/x.rss#item 2" become "x.jsonl#2".
func sampleLabelFile(root, origin string) string {
	rel, err := filepath.Rel(root, origin)
	if err != nil {
		return origin
	}
	rel = filepath.ToSlash(rel)
	for _, sep := range []string{":line ", "#item "} {
		if p, n, ok := strings.Cut(rel, sep); ok {
			return p + "#" + n
		}
	}
	return rel
}
