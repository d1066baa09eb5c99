package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/dossier-news/dossier/internal/entity"
	"github.com/dossier-news/dossier/internal/eval"
	"github.com/dossier-news/dossier/internal/quote"
)

// runTrain reproduces the committed model weights from the shared data.
func runTrain(ctx context.Context, env Env, args []string) int {
	fs, _ := newFlags(env, "train")
	shared := fs.String("shared", "../shared", "`dir`ectory holding the training data (eval/ner/conll2003, eval/quotes/polnear)")
	out := fs.String("o", "", "write the model to this `file` (default: where the build embeds it)")
	epochs := fs.Int("epochs", 0, "training epochs (0: the model's default, 12 for ner, 8 for quotes)")
	seed := fs.Uint64("seed", 0, "document order seed (0: the default, 1)")
	score := fs.Bool("eval", true, "score the new model on the validation set")
	pos, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) != 1 || (pos[0] != "ner" && pos[0] != "quotes") {
		fmt.Fprintln(env.Stderr, "usage: dossier train [--shared DIR] [-o FILE] ner|quotes")
		return exitUsage
	}
	switch pos[0] {
	case "ner":
		if *out == "" {
			*out = filepath.Join("internal", "entity", "model", "ner.bin.gz")
		}
		m, err := entity.Train(filepath.Join(*shared, "eval", "ner", "conll2003", "train.txt"),
			entity.TrainOptions{Epochs: *epochs, Seed: *seed}, env.Stderr)
		if err != nil {
			return fail(env, err)
		}
		if err := writeModel(env, *out, m.WriteTo); err != nil {
			return fail(env, err)
		}
		if *score {
			rep, err := eval.NERModel(*shared, m, env.Stderr)
			if err != nil {
				return fail(env, err)
			}
			rep.WriteText(env.Stdout)
		}
	case "quotes":
		if *out == "" {
			*out = filepath.Join("internal", "quote", "model", "quote.bin.gz")
		}
		opts := quote.TrainOptions{Epochs: *epochs, Seed: *seed}
		err := writeModel(env, *out, func(w io.Writer) (int64, error) {
			cw := &countingWriter{w: w}
			err := quote.Train(*shared, cw, opts, env.Stderr)
			return cw.n, err
		})
		if err != nil {
			return fail(env, err)
		}
		if *score {
			fmt.Fprintln(env.Stdout, "the build embeds the model: rebuild, then run 'dossier eval quotes' to score it")
		}
	}
	return exitOK
}

// writeModel writes a model beside its target and renames it, so an
// interrupted run never leaves a truncated model where the build embeds
// it.
func writeModel(env Env, path string, write func(io.Writer) (int64, error)) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	n, err := write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("writing the model: %w", err)
	}
	fmt.Fprintf(env.Stdout, "wrote %s (%d bytes)\n", path, n)
	return nil
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
