// Command dossier is a self-hosted news story engine: it ingests articles,
// extracts clean text and metadata, stores them and serves them.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/dossier-news/dossier/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv})
	stop()
	os.Exit(code)
}
