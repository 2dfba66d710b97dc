// Command loadgen sends signed Discord interactions (/ask questions) to a
// local explainbot and reports throughput and latency.
//
// It signs with a private key seed matching the public key the bot was
// started with; -print-public-key makes such a pair. It only ever talks to
// loopback addresses, and every run is bounded: at most 60 seconds.
//
//	loadgen -print-public-key
//	DISCORD_PUBLIC_KEY=<public> explainbot &
//	loadgen -seed <seed> -c 16 -d 10s -question "what is RAG?"
//
// Exit status: 0 when every request got an answer, 1 when any failed, 2 for
// bad usage.
package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

const (
	maxDuration    = 60 * time.Second
	maxConcurrency = 256
)

// defaultQuestions are asked in turn when no -question is given.
var defaultQuestions = []string{
	"What is retrieval-augmented generation?",
	"How does fine-tuning differ from prompting?",
	"What is a context window?",
	"What does temperature do?",
}

// questions is the repeatable -question flag.
type questions []string

func (q *questions) String() string { return strings.Join(*q, " | ") }
func (q *questions) Set(s string) error {
	if strings.TrimSpace(s) == "" {
		return errors.New("empty question")
	}
	*q = append(*q, s)
	return nil
}

// run is the whole program, callable from tests with its own arguments and
// output. It returns the exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("loadgen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		target   = fs.String("url", "http://127.0.0.1:8080/interactions", "interactions endpoint; loopback hosts only")
		keyFile  = fs.String("key-file", "", "file holding the hex Ed25519 private key seed (32 bytes)")
		seedHex  = fs.String("seed", "", "hex Ed25519 private key seed (32 bytes)")
		printKey = fs.Bool("print-public-key", false, "generate a key pair, print its seed and public key, and exit")
		conc     = fs.Int("c", 16, "concurrent requests")
		dur      = fs.Duration("d", 10*time.Second, "how long to send (at most 60s)")
		timeout  = fs.Duration("timeout", 5*time.Second, "per-request timeout")
		qs       questions
	)
	fs.Var(&qs, "question", "a question to ask; repeat for several (default: a built-in list)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	usage := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "loadgen: "+format+"\n", a...)
		return 2
	}
	if fs.NArg() > 0 {
		return usage("unexpected arguments %q", fs.Args())
	}

	if *printKey {
		pub, priv, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			fmt.Fprintf(stderr, "loadgen: generate key: %v\n", err)
			return 1
		}
		fmt.Fprintf(stdout, "seed %s\npublic-key %s\n", hex.EncodeToString(priv.Seed()), hex.EncodeToString(pub))
		return 0
	}

	if (*keyFile == "") == (*seedHex == "") {
		return usage("give exactly one of -key-file and -seed (make a pair with -print-public-key)")
	}
	seed := *seedHex
	if *keyFile != "" {
		b, err := os.ReadFile(*keyFile)
		if err != nil {
			return usage("read key file: %v", err)
		}
		seed = strings.TrimSpace(string(b))
	}
	key, err := parseSeed(seed)
	if err != nil {
		return usage("%v", err)
	}
	u, err := loopbackURL(*target)
	if err != nil {
		return usage("%v", err)
	}
	if *conc < 1 || *conc > maxConcurrency {
		return usage("-c must be between 1 and %d, got %d", maxConcurrency, *conc)
	}
	if *dur <= 0 || *dur > maxDuration {
		return usage("-d must be more than 0 and at most %v, got %v", maxDuration, *dur)
	}
	if *timeout <= 0 || *timeout > maxDuration {
		return usage("-timeout must be more than 0 and at most %v, got %v", maxDuration, *timeout)
	}
	if len(qs) == 0 {
		qs = defaultQuestions
	}

	res := load(ctx, Config{
		URL:         u.String(),
		Key:         key,
		Concurrency: *conc,
		Duration:    *dur,
		Timeout:     *timeout,
		Questions:   qs,
	})
	res.Print(stdout)
	if res.Requests == 0 || res.Errors > 0 {
		return 1
	}
	return 0
}

// parseSeed turns a hex seed into a private key.
func parseSeed(s string) (ed25519.PrivateKey, error) {
	b, err := hex.DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("seed is not hex: %w", err)
	}
	if len(b) != ed25519.SeedSize {
		return nil, fmt.Errorf("seed is %d bytes, want %d", len(b), ed25519.SeedSize)
	}
	return ed25519.NewKeyFromSeed(b), nil
}
