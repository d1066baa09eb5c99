package quote_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/eval"
	"github.com/dossier-news/dossier/internal/quote"
)

// TestTune trains on nine tenths of PolNeAR train and scores the held-out
// tenth, for choosing features without looking at dev. Run with
// QUOTE_TUNE=1; QUOTE_TUNE_DEV=1 scores dev as well.
func TestTune(t *testing.T) {
	if os.Getenv("QUOTE_TUNE") == "" {
		t.Skip("set QUOTE_TUNE=1")
	}
	dir := quote.PolNeARDir(filepath.Join("..", "..", "..", "shared"))
	docs, err := quote.ReadPolNeAR(filepath.Join(dir, "train"))
	if err != nil {
		t.Fatal(err)
	}
	var tr, held []quote.Document
	for i, d := range docs {
		if i%10 == 3 {
			held = append(held, d)
		} else {
			tr = append(tr, d)
		}
	}
	var log strings.Builder
	ep, _ := strconv.Atoi(os.Getenv("QUOTE_EPOCHS"))
	bits, _ := strconv.Atoi(os.Getenv("QUOTE_BITS"))
	m, err := quote.TrainDocuments(tr, quote.TrainOptions{Epochs: ep, Bits: bits}, &log)
	if err != nil {
		t.Fatal(err)
	}
	t.Log(log.String())
	var out strings.Builder
	rep := eval.QuoteReport{Dev: eval.ScoreQuotes(held, m.Extract)}
	if os.Getenv("QUOTE_TUNE_DEV") != "" {
		dev, err := quote.ReadPolNeAR(filepath.Join(dir, "dev"))
		if err != nil {
			t.Fatal(err)
		}
		rep.Train = eval.ScoreQuotes(dev, m.Extract)
	}
	rep.WriteText(&out)
	full, n, _ := tailProbe(m.Extract)
	t.Logf("time-tail probe: %d of %d sentences with the whole clause as content", full, n)
	t.Log("held-out tenth of train (as \"dev\"), dev (as \"train\") when asked:\n" + out.String())
}

// TestTuneErrors prints the gold content fragments (QUOTE_ROLE=source:
// sources) of the first held-out documents that no prediction matches
// exactly, with the predictions overlapping them. QUOTE_TUNE=1 to run.
func TestTuneErrors(t *testing.T) {
	if os.Getenv("QUOTE_TUNE") == "" {
		t.Skip("set QUOTE_TUNE=1")
	}
	dir := quote.PolNeARDir(filepath.Join("..", "..", "..", "shared"))
	docs, err := quote.ReadPolNeAR(filepath.Join(dir, "train"))
	if err != nil {
		t.Fatal(err)
	}
	var tr, held []quote.Document
	for i, d := range docs {
		if i%10 == 3 {
			held = append(held, d)
		} else {
			tr = append(tr, d)
		}
	}
	m, err := quote.TrainDocuments(tr, quote.TrainOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	shown := 0
	for _, d := range held[:8] {
		var pred []quote.Span
		for _, a := range m.Extract(d.Text) {
			if os.Getenv("QUOTE_ROLE") == "source" {
				pred = append(pred, a.Source)
			} else {
				pred = append(pred, append([]quote.Span{a.Content}, a.More...)...)
			}
		}
		for _, g := range d.Gold {
			frags := g.Content
			if os.Getenv("QUOTE_ROLE") == "source" {
				frags = g.Source
			}
			for _, gs := range frags {
				gt := strings.TrimSpace(d.Text[gs.Start:gs.End])
				var over []string
				exact := false
				for _, p := range pred {
					if p.Start < gs.End && gs.Start < p.End {
						pt := d.Text[p.Start:p.End]
						if pt == gt {
							exact = true
						}
						over = append(over, pt)
					}
				}
				if !exact && shown < 60 {
					shown++
					t.Logf("GOLD %q\n   PRED %q\n   CTX %q", gt, over, d.Text[max(0, gs.Start-80):min(len(d.Text), gs.End+80)])
				}
			}
		}
	}
}
