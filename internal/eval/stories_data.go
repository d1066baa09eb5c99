package eval

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/entity"
	"github.com/dossier-news/dossier/internal/story"
)

// storyItem is one labelled article of a story set.
type storyItem struct {
	Doc  story.Doc
	Gold string
}

func multiNewsPath(shared string) string {
	return filepath.Join(shared, "eval", "summaries", "multinews", "validation.jsonl")
}

func uciPath(shared string) string {
	return filepath.Join(shared, "eval", "stories", "uci-headlines", "uci-news-aggregator.first6366rows.csv")
}

// loadMultiNewsStories reads the Multi-News validation clusters: each line's
// documents are one story. The set has no dates, so the documents are
// fed in a fixed pseudo-random order, which interleaves the stories as
// a live stream would (file order would hand each story over in one
// block). Empty documents are left out.
func loadMultiNewsStories(path string) ([]storyItem, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var items []storyItem
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
		for k, d := range rec.Documents {
			if strings.TrimSpace(d) == "" {
				continue
			}
			id := fmt.Sprintf("mn%d-%d", rec.Idx, k)
			title, text := headline(strings.ReplaceAll(d, " \n \n ", "\n\n"))
			items = append(items, storyItem{Doc: story.Doc{ID: id, Title: title, Text: text}, Gold: strconv.Itoa(rec.Idx)})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	r := rand.New(rand.NewPCG(2026, 11))
	r.Shuffle(len(items), func(i, j int) { items[i], items[j] = items[j], items[i] })
	return items, nil
}

// headline splits off a first paragraph that reads like a headline
// (short, no closing full stop), as extraction would give it as the
// title.
func headline(text string) (title, body string) {
	text = strings.TrimSpace(text)
	first, rest, ok := strings.Cut(text, "\n\n")
	if !ok || len(strings.Fields(first)) > 16 || strings.HasSuffix(first, ".") {
		return "", text
	}
	return strings.TrimSpace(first), rest
}

// loadUCI reads the UCI News Aggregator headlines in timestamp order.
// The file's last line is cut short; rows that do not parse are skipped.
func loadUCI(path string) ([]storyItem, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	for _, h := range []string{"ID", "TITLE", "STORY", "TIMESTAMP"} {
		if _, ok := col[h]; !ok {
			return nil, fmt.Errorf("%s: no %s column", path, h)
		}
	}
	var items []storyItem
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil || len(rec) != len(head) {
			continue
		}
		ms, err := strconv.ParseInt(rec[col["TIMESTAMP"]], 10, 64)
		if err != nil {
			continue
		}
		items = append(items, storyItem{
			Doc:  story.Doc{ID: "uci" + rec[col["ID"]], Title: rec[col["TITLE"]], Published: time.UnixMilli(ms).UTC()},
			Gold: rec[col["STORY"]],
		})
	}
	slices.SortStableFunc(items, func(a, b storyItem) int { return a.Doc.Published.Compare(b.Doc.Published) })
	return items, nil
}

// addEntities fills each item's entities with entity.Find's canonical
// names, as the pipeline's registry would supply keys.
func addEntities(items []storyItem) {
	for i := range items {
		d := &items[i].Doc
		text := d.Text
		if d.Title != "" {
			text = d.Title + "\n\n" + d.Text
		}
		for _, e := range entity.Find(d.ID, text) {
			d.Entities = append(d.Entities, e.Name)
		}
	}
}

// half reports which half of a set a gold story falls in: a hash of its
// label, so the split is fixed and independent of file order. Half 0 is
// the one parameters were tuned on.
func half(gold string) int {
	h := fnv.New32a()
	h.Write([]byte(gold))
	return int(h.Sum32() % 2)
}

// clusterItems feeds items to a new clusterer in order, repairing every
// repairEvery articles and at the end, and returns each item's story
// and storyline.
func clusterItems(cfg story.Config, items []storyItem, repairEvery int) (stories, lines []string) {
	c := story.New(cfg)
	for i, it := range items {
		c.Add(it.Doc)
		if repairEvery > 0 && (i+1)%repairEvery == 0 {
			c.Repair()
		}
	}
	c.Repair()
	lineOf := map[string]string{}
	for _, l := range c.Storylines() {
		for _, s := range l.Stories {
			lineOf[s] = l.ID
		}
	}
	stories, lines = make([]string, len(items)), make([]string, len(items))
	for i, it := range items {
		stories[i], _ = c.StoryOf(it.Doc.ID)
		lines[i] = lineOf[stories[i]]
	}
	return stories, lines
}
