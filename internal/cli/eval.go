package cli

import (
	"context"
	"fmt"

	"github.com/dossier-news/dossier/internal/eval"
)

func runEval(ctx context.Context, env Env, args []string) int {
	fs, _ := newFlags(env, "eval")
	shared := fs.String("shared", "../shared", "`dir`ectory holding the evaluation sets (eval/...)")
	dupOpt := eval.DefaultDupOptions()
	fs.IntVar(&dupOpt.Sources, "sources", dupOpt.Sources, "dedup: real articles to derive edited copies from")
	fs.IntVar(&dupOpt.HardNegatives, "hard", dupOpt.HardNegatives, "dedup: same-story same-day pairs of different articles")
	fs.Float64Var(&dupOpt.SpinRate, "spin", dupOpt.SpinRate, "dedup: mean share of the synonym table's words the spin swaps")
	fs.BoolVar(&dupOpt.Natural, "natural", dupOpt.Natural, "dedup: also count the copies among the original T17 articles")
	fs.Uint64Var(&dupOpt.Seed, "seed", dupOpt.Seed, "dedup: random seed of the generator (PCG)")
	pos, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) != 1 {
		fmt.Fprintln(env.Stderr, "usage: dossier eval [--shared DIR] extract|dedup|ner|timex|quotes|stories|summaries|timelines")
		return exitUsage
	}
	switch pos[0] {
	case "extract":
		rep, err := eval.Extraction(ctx, *shared, env.Stderr)
		if err != nil {
			return fail(env, err)
		}
		rep.WriteText(env.Stdout)
		return exitOK
	case "dedup":
		rep, err := eval.Duplicates(*shared, dupOpt, env.Stderr)
		if err != nil {
			return fail(env, err)
		}
		rep.WriteText(env.Stdout)
		return exitOK
	case "ner":
		rep, err := eval.NER(*shared, env.Stderr)
		if err != nil {
			return fail(env, err)
		}
		rep.WriteText(env.Stdout)
		return exitOK
	case "timex":
		rep, err := eval.Timex(*shared, env.Stderr)
		if err != nil {
			return fail(env, err)
		}
		rep.WriteText(env.Stdout)
		return exitOK
	case "quotes":
		rep, err := eval.Quotes(*shared, env.Stderr)
		if err != nil {
			return fail(env, err)
		}
		rep.WriteText(env.Stdout)
		return exitOK
	case "stories":
		rep, err := eval.Stories(*shared, env.Stderr)
		if err != nil {
			return fail(env, err)
		}
		rep.WriteText(env.Stdout)
		return exitOK
	case "timelines":
		rep, err := eval.Timelines(ctx, *shared, env.Stderr)
		if err != nil {
			return fail(env, err)
		}
		rep.WriteText(env.Stdout)
		return exitOK
	case "summaries":
		rep, err := eval.Summaries(*shared, env.Stderr)
		if err != nil {
			return fail(env, err)
		}
		rep.WriteText(env.Stdout)
		return exitOK
	default:
		fmt.Fprintf(env.Stderr, "dossier eval: unknown evaluation %q (have: extract, dedup, ner, timex, quotes, stories, summaries, timelines)\n", pos[0])
		return exitUsage
	}
}
