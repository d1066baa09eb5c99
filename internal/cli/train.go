package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/dossier-news/dossier/internal/entity"
	"github.com/dossier-news/dossier/internal/eval"
)

// runTrain reproduces the committed model weights from the shared data.
func runTrain(ctx context.Context, env Env, args []string) int {
	fs, _ := newFlags(env, "train")
	shared := fs.String("shared", "../shared", "`dir`ectory holding the training data (eval/ner/conll2003)")
	out := fs.String("o", filepath.Join("internal", "entity", "model", "ner.bin.gz"), "write the model to this `file`")
	opts := entity.TrainOptions{}
	fs.IntVar(&opts.Epochs, "epochs", 0, "training epochs (0: the default, 12)")
	fs.Uint64Var(&opts.Seed, "seed", 0, "document order seed (0: the default, 1)")
	score := fs.Bool("eval", true, "score the new model on the validation set")
	pos, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) != 1 || pos[0] != "ner" {
		fmt.Fprintln(env.Stderr, "usage: dossier train [--shared DIR] [-o FILE] ner")
		return exitUsage
	}
	m, err := entity.Train(filepath.Join(*shared, "eval", "ner", "conll2003", "train.txt"), opts, env.Stderr)
	if err != nil {
		return fail(env, err)
	}
	// Written beside the target and renamed, so an interrupted run never
	// leaves a truncated model where the build embeds it.
	tmp := *out + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return fail(env, err)
	}
	n, err := m.WriteTo(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, *out)
	}
	if err != nil {
		os.Remove(tmp)
		return fail(env, fmt.Errorf("writing the model: %w", err))
	}
	fmt.Fprintf(env.Stdout, "wrote %s (%d bytes)\n", *out, n)
	if *score {
		rep, err := eval.NERModel(*shared, m, env.Stderr)
		if err != nil {
			return fail(env, err)
		}
		rep.WriteText(env.Stdout)
	}
	return exitOK
}
