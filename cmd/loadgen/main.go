// Command loadgen sends signed Discord interactions (/ask questions or
// /explain autocomplete keystrokes) to a local explainbot and reports
// throughput, latency and what the replies said.
//
// It signs with a private key seed matching the public key the bot was
// started with; -print-public-key makes such a pair. It only ever talks to
// loopback addresses, and every run is bounded: at most 60 seconds.
//
// With -baseline it measures side by side: rounds against the target and
// against a trivial endpoint (-serve-trivial runs one: it verifies, decodes
// and returns a canned embed) alternate, and it prints the ratio of useful
// replies per second, which a shared, noisy machine changes far less than
// either rate.
//
//	loadgen -print-public-key
//	DISCORD_PUBLIC_KEY=<public> LISTEN_ADDR=127.0.0.1:18080 explainbot serve &
//	loadgen -serve-trivial 127.0.0.1:18081 -public-key <public> &
//	loadgen -seed <seed> -c 32 -d 20s -mix half \
//	    -url http://127.0.0.1:18080/interactions -baseline http://127.0.0.1:18081/interactions
//
// Exit status: 0 when every request got an answer, 1 when any failed, 2 for
// bad usage.
package main

import (
	"cmp"
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

// defaultQuestions are asked in turn when neither -question nor -mix is
// given.
var defaultQuestions = []string{
	"What is retrieval-augmented generation?",
	"How does fine-tuning differ from prompting?",
	"What is a context window?",
	"What does temperature do?",
}

// mixes are the question sets -mix names: questions the built-in article
// answers; those alternating with questions it does not cover (with words
// it has never seen, the engine's most expensive case); and what students
// type into /explain's topic box, keystroke by keystroke.
var mixes = map[string][]string{
	"answered": {
		"what is an llm", "how do llms work", "what is generative ai", "how do they differ in scope",
		"what are the ethical concerns", "how is an llm trained", "what is the difference between generative ai and llms",
		"what are the applications of generative ai",
	},
	"half": {
		"what is an llm", "how do i cook pasta", "how do llms work", "what is the capital of peru",
		"what is generative ai", "who won the football world cup", "how do they differ in scope", "how tall is mount everest",
	},
	"autocomplete": {"l", "ll", "llm", "g", "ge", "gen", "gener", "h", "ho", "how", "how d", "e", "et", "eth", "s", "sc", "sco"},
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
		mix      = fs.String("mix", "", "a question set: answered, half (half not covered) or autocomplete")
		baseline = fs.String("baseline", "", "a trivial endpoint to measure against, side by side; loopback only")
		rounds   = fs.Int("rounds", 4, "with -baseline, how many rounds each side gets")
		users    = fs.Int("users", 0, "students asking in turn; 0 gives every request its own")
		trivialA = fs.String("serve-trivial", "", "serve the trivial endpoint on this loopback host:port instead of sending load")
		pubHex   = fs.String("public-key", "", "with -serve-trivial, the hex Ed25519 public key to verify with")
		serveFor = fs.Duration("serve-for", 10*time.Minute, "with -serve-trivial, stop after this long (at most 1h)")
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

	if *trivialA != "" {
		return serveTrivial(ctx, *trivialA, *pubHex, *serveFor, stdout, stderr)
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
	if *users < 0 {
		return usage("-users must not be negative, got %d", *users)
	}
	cfg := Config{URL: u.String(), Key: key, Concurrency: *conc, Duration: *dur, Timeout: *timeout, Questions: qs, Users: *users}
	switch {
	case *mix != "" && len(qs) > 0:
		return usage("give -mix or -question, not both")
	case *mix != "":
		if cfg.Questions = mixes[*mix]; cfg.Questions == nil {
			return usage("-mix must be answered, half or autocomplete, got %q", *mix)
		}
		cfg.Autocomplete = *mix == "autocomplete"
	case len(qs) == 0:
		cfg.Questions = defaultQuestions
	}

	if *baseline == "" {
		res := load(ctx, cfg)
		res.Print(stdout)
		if res.Requests == 0 || res.Errors > 0 {
			return 1
		}
		return 0
	}
	b, err := loopbackURL(*baseline)
	if err != nil {
		return usage("-baseline: %v", err)
	}
	if *rounds < 1 || *rounds > 20 {
		return usage("-rounds must be between 1 and 20, got %d", *rounds)
	}
	fmt.Fprintf(stdout, "side by side: %d rounds of %v each, %d clients, mix %q, %s\n",
		*rounds, *dur/time.Duration(2**rounds), *conc, cmp.Or(*mix, "custom"), usersText(*users))
	c := compare(ctx, cfg, b.String(), *rounds)
	c.Print(stdout, cfg.URL, b.String())
	if c.Target.Requests == 0 || c.Baseline.Requests == 0 || c.Target.Errors+c.Baseline.Errors > 0 {
		return 1
	}
	return 0
}

func usersText(n int) string {
	if n == 0 {
		return "a new user for every request"
	}
	return fmt.Sprintf("%d users in turn", n)
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
