// Command explainbot answers questions about generative AI and large
// language models from its articles: in a terminal (ask, table, topics) or as
// a Discord bot (serve). main only wires; the work is in the packages.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}
