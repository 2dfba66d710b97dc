package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// Config is one load run.
type Config struct {
	URL          string // must already have passed loopbackURL
	Key          ed25519.PrivateKey
	Concurrency  int
	Duration     time.Duration
	Timeout      time.Duration // per request
	Questions    []string
	Autocomplete bool // send Questions as /explain autocomplete keystrokes
	// Users is how many students ask in turn; 0 gives every request a user
	// of its own, so that no cooldown applies.
	Users int
}

// Result is what a run measured. Latencies cover every request that got an
// HTTP response, failed ones included. An apology counts as an error: the
// question went unanswered.
type Result struct {
	Requests, Errors int
	// What the replies said: an answer (an embed or content), "not
	// covered", "slow down", autocomplete choices.
	Answered, NotCovered, RateLimited, Choices int
	Elapsed                                    time.Duration
	P50, P99                                   time.Duration
	FirstError                                 string
	latencies                                  []time.Duration
}

// Useful counts the replies that did the student some good: an answer, an
// honest "not covered", or autocomplete choices.
func (r Result) Useful() int { return r.Answered + r.NotCovered + r.Choices }

func (r Result) rate(n int) float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(n) / r.Elapsed.Seconds()
}

// Print writes the result as aligned "name value" lines.
func (r Result) Print(w io.Writer) {
	fmt.Fprintf(w, "requests      %d\nerrors        %d\nreq/s         %.1f\nuseful/s      %.1f\n"+
		"answered      %d\nnot-covered   %d\nchoices       %d\nrate-limited  %d\np50           %v\np99           %v\n",
		r.Requests, r.Errors, r.rate(r.Requests), r.rate(r.Useful()), r.Answered, r.NotCovered, r.Choices, r.RateLimited,
		r.P50.Round(time.Microsecond), r.P99.Round(time.Microsecond))
	if r.FirstError != "" {
		fmt.Fprintf(w, "first error: %s\n", r.FirstError)
	}
}

// add merges another round's result into r.
func (r *Result) add(o Result) {
	r.merge(o)
	r.Elapsed += o.Elapsed
	r.percentiles()
}

// merge adds o's counts, first error and latencies to r; its elapsed time
// and percentiles are left to the caller.
func (r *Result) merge(o Result) {
	r.Requests += o.Requests
	r.Errors += o.Errors
	r.Answered += o.Answered
	r.NotCovered += o.NotCovered
	r.RateLimited += o.RateLimited
	r.Choices += o.Choices
	if r.FirstError == "" {
		r.FirstError = o.FirstError
	}
	r.latencies = append(r.latencies, o.latencies...)
}

// percentiles sets P50 and P99 from r's latencies.
func (r *Result) percentiles() {
	slices.Sort(r.latencies)
	r.P50, r.P99 = percentile(r.latencies, 50), percentile(r.latencies, 99)
}

// Comparison is a side-by-side run: the target and the trivial baseline,
// alternating in rounds so that both see the same machine.
type Comparison struct {
	Target, Baseline Result
	Rounds           int
}

// Ratio is the target's useful replies per second over the baseline's.
func (c Comparison) Ratio() float64 {
	b := c.Baseline.rate(c.Baseline.Useful())
	if b == 0 {
		return 0
	}
	return c.Target.rate(c.Target.Useful()) / b
}

// Print writes both results as a table and the ratio.
func (c Comparison) Print(w io.Writer, target, baseline string) {
	fmt.Fprintf(w, "%-10s %8s %7s %10s %10s %10s %10s\n", "endpoint", "requests", "errors", "useful/s", "p50", "p99", "url")
	for _, row := range []struct {
		name, url string
		r         Result
	}{{"target", target, c.Target}, {"trivial", baseline, c.Baseline}} {
		fmt.Fprintf(w, "%-10s %8d %7d %10.1f %10v %10v %s\n", row.name, row.r.Requests, row.r.Errors,
			row.r.rate(row.r.Useful()), row.r.P50.Round(time.Microsecond), row.r.P99.Round(time.Microsecond), row.url)
	}
	fmt.Fprintf(w, "target: %d answered, %d not covered, %d choices, %d rate-limited\n",
		c.Target.Answered, c.Target.NotCovered, c.Target.Choices, c.Target.RateLimited)
	fmt.Fprintf(w, "ratio %.3f\n", c.Ratio())
	for _, row := range []struct {
		name string
		r    Result
	}{{"target", c.Target}, {"trivial", c.Baseline}} {
		if row.r.FirstError != "" {
			fmt.Fprintf(w, "%s first error: %s\n", row.name, row.r.FirstError)
		}
	}
}

// compare runs cfg against the target and baseline URLs in turn, rounds
// times each, every round a share of cfg.Duration.
func compare(ctx context.Context, cfg Config, baseline string, rounds int) Comparison {
	c := Comparison{Rounds: rounds}
	per := cfg.Duration / time.Duration(2*rounds)
	for range rounds {
		for _, side := range []struct {
			url string
			r   *Result
		}{{cfg.URL, &c.Target}, {baseline, &c.Baseline}} {
			if ctx.Err() != nil {
				return c
			}
			rc := cfg
			rc.URL, rc.Duration = side.url, per
			side.r.add(load(ctx, rc))
		}
	}
	return c
}

// maxPerWorker bounds each worker's loop whatever the clock does.
const maxPerWorker = 1_000_000

// loopbackURL parses raw and refuses anything but http(s) to a loopback
// address: this tool must never load someone else's server.
func loopbackURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("parse -url: %w", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("-url must be http or https, got %q", u.Scheme)
	}
	host := u.Hostname()
	if host == "localhost" {
		return u, nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return nil, fmt.Errorf("-url host %q is not a loopback address (use 127.0.0.1, ::1 or localhost)", host)
	}
	return u, nil
}

// loopbackOnly is a dialer hook that refuses any non-loopback address after
// name resolution, in case "localhost" resolves somewhere else.
func loopbackOnly(network, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return err
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("refusing to dial non-loopback address %s", address)
	}
	return nil
}

// load sends signed /ask interactions from cfg.Concurrency workers until
// cfg.Duration has passed or ctx ends, then waits for the requests in flight.
func load(ctx context.Context, cfg Config) Result {
	client := &http.Client{
		Timeout: cfg.Timeout,
		Transport: &http.Transport{
			Proxy:               nil,
			DialContext:         (&net.Dialer{Timeout: cfg.Timeout, Control: loopbackOnly}).DialContext,
			MaxIdleConnsPerHost: cfg.Concurrency,
		},
		// A redirect could point anywhere; report it instead of following.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	defer client.CloseIdleConnections()

	var (
		seq atomic.Int64
		mu  sync.Mutex
		res Result
		wg  sync.WaitGroup
	)
	start := time.Now()
	deadline := start.Add(cfg.Duration)
	// IDs are snowflakes of the start time, so that runs one after another
	// never repeat an ID (the bot refuses a repeat as a replay).
	idBase := (start.UnixMilli() - discordEpochMilli) << 22
	for range cfg.Concurrency {
		wg.Go(func() {
			var part Result
			for n := 0; n < maxPerWorker && ctx.Err() == nil && time.Now().Before(deadline); n++ {
				n := seq.Add(1)
				q := cfg.Questions[int(n-1)%len(cfg.Questions)]
				id := idBase + n
				user := id
				if cfg.Users > 0 {
					user = n % int64(cfg.Users)
				}
				took, kind, err := ask(ctx, client, cfg, id, user, q)
				if err != nil && ctx.Err() != nil {
					break // interrupted, not failed
				}
				part.Requests++
				if took > 0 {
					part.latencies = append(part.latencies, took)
				}
				switch {
				case err != nil:
					part.Errors++
					if part.FirstError == "" {
						part.FirstError = err.Error()
					}
				case kind == replyAnswer:
					part.Answered++
				case kind == replyNotCovered:
					part.NotCovered++
				case kind == replySlowDown:
					part.RateLimited++
				case kind == replyChoices:
					part.Choices++
				}
			}
			mu.Lock()
			res.merge(part)
			mu.Unlock()
		})
	}
	wg.Wait()
	res.Elapsed = time.Since(start)
	res.percentiles()
	return res
}

// percentile is the nearest-rank p-th percentile of sorted durations.
func percentile(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := (p*len(sorted) + 99) / 100 // ceil(p/100 * n)
	return sorted[max(rank, 1)-1]
}

// discordEpochMilli is Discord's snowflake epoch, 2015-01-01.
const discordEpochMilli = 1420070400000

// replyKind is what a reply said.
type replyKind int

const (
	replyAnswer replyKind = iota
	replyNotCovered
	replySlowDown
	replyChoices
)

// ask sends one signed interaction and reads what the reply says. A reply
// that is not a message (type 4), a deferral (5) or, for autocomplete,
// choices (8) is an error, and so is the bot's apology. took is zero when
// no response came.
func ask(ctx context.Context, c *http.Client, cfg Config, id, user int64, question string) (took time.Duration, kind replyKind, err error) {
	body, err := interaction(id, user, question, cfg.Autocomplete)
	if err != nil {
		return 0, 0, err
	}
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	sig := ed25519.Sign(cfg.Key, append([]byte(ts), body...))
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, cfg.URL, bytes.NewReader(body))
	if err != nil {
		return 0, 0, fmt.Errorf("build request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "explainbot-loadgen")
	req.Header.Set("X-Signature-Timestamp", ts)
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(sig))

	start := time.Now()
	resp, err := c.Do(req)
	if err != nil {
		return 0, 0, fmt.Errorf("post: %w", err)
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	took = time.Since(start)
	if err != nil {
		return took, 0, fmt.Errorf("read answer: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return took, 0, fmt.Errorf("status %d", resp.StatusCode)
	}
	var a struct {
		Type int `json:"type"`
		Data struct {
			Content string            `json:"content"`
			Embeds  []json.RawMessage `json:"embeds"`
			Choices []json.RawMessage `json:"choices"`
		} `json:"data"`
	}
	if err := json.Unmarshal(answer, &a); err != nil {
		return took, 0, fmt.Errorf("decode answer: %w", err)
	}
	switch {
	case cfg.Autocomplete && a.Type == 8 && len(a.Data.Choices) > 0:
		return took, replyChoices, nil
	case cfg.Autocomplete:
		return took, 0, fmt.Errorf("autocomplete answered type %d with %d choices", a.Type, len(a.Data.Choices))
	case a.Type == 5:
		return took, replyAnswer, nil
	case a.Type != 4:
		return took, 0, errors.New("answer type " + strconv.Itoa(a.Type) + ", want 4 or 5")
	case strings.Contains(a.Data.Content, "Sorry, something went wrong"):
		return took, 0, errors.New("the bot apologised")
	case strings.Contains(a.Data.Content, "slow down"):
		return took, replySlowDown, nil
	case strings.Contains(a.Data.Content, "is not covered by"):
		return took, replyNotCovered, nil
	}
	return took, replyAnswer, nil
}

// interaction is an APPLICATION_COMMAND for /ask shaped like Discord's, or
// with autocomplete an APPLICATION_COMMAND_AUTOCOMPLETE for /explain topic. The
// token is a placeholder: the bot cannot reach Discord with it, and need not.
func interaction(id, user int64, question string, autocomplete bool) ([]byte, error) {
	sid := strconv.FormatInt(id, 10)
	typ, name, option := 2, "ask", map[string]any{"name": "question", "type": 3, "value": question}
	if autocomplete {
		typ, name, option = 4, "explain", map[string]any{"name": "topic", "type": 3, "value": question, "focused": true}
	}
	return json.Marshal(map[string]any{
		"id":             sid,
		"application_id": "1200000000000000001",
		"type":           typ,
		"token":          "loadgen-" + sid,
		"version":        1,
		"locale":         "en-US",
		"guild_id":       "1100000000000000001",
		"channel_id":     "1110000000000000001",
		"member": map[string]any{
			"user":  map[string]any{"id": strconv.FormatInt(1_000_000_000_000_000_000+user%1_000_000_000_000_000, 10), "username": "loadgen"},
			"roles": []string{},
		},
		"data": map[string]any{
			"id": "1250000000000000001", "name": name, "type": 1,
			"options": []map[string]any{option},
		},
	})
}
