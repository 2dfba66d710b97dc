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
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// Config is one load run.
type Config struct {
	URL         string // must already have passed loopbackURL
	Key         ed25519.PrivateKey
	Concurrency int
	Duration    time.Duration
	Timeout     time.Duration // per request
	Questions   []string
}

// Result is what a run measured. Latencies cover every request that got an
// HTTP response, failed ones included.
type Result struct {
	Requests, Errors int
	Elapsed          time.Duration
	P50, P99         time.Duration
	FirstError       string
}

// Print writes the result as aligned "name value" lines.
func (r Result) Print(w io.Writer) {
	rate := 0.0
	if r.Elapsed > 0 {
		rate = float64(r.Requests) / r.Elapsed.Seconds()
	}
	fmt.Fprintf(w, "requests  %d\nerrors    %d\nreq/s     %.1f\np50       %v\np99       %v\n",
		r.Requests, r.Errors, rate, r.P50.Round(time.Microsecond), r.P99.Round(time.Microsecond))
	if r.FirstError != "" {
		fmt.Fprintf(w, "first error: %s\n", r.FirstError)
	}
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
		seq       atomic.Int64
		mu        sync.Mutex
		res       Result
		latencies []time.Duration
		wg        sync.WaitGroup
	)
	start := time.Now()
	deadline := start.Add(cfg.Duration)
	for range cfg.Concurrency {
		wg.Go(func() {
			var mine []time.Duration
			var requests, errs int
			var firstErr string
			for n := 0; n < maxPerWorker && ctx.Err() == nil && time.Now().Before(deadline); n++ {
				id := seq.Add(1)
				q := cfg.Questions[int(id-1)%len(cfg.Questions)]
				took, err := ask(ctx, client, cfg, id, q)
				if err != nil && ctx.Err() != nil {
					break // interrupted, not failed
				}
				requests++
				if took > 0 {
					mine = append(mine, took)
				}
				if err != nil {
					errs++
					if firstErr == "" {
						firstErr = err.Error()
					}
				}
			}
			mu.Lock()
			res.Requests += requests
			res.Errors += errs
			if res.FirstError == "" {
				res.FirstError = firstErr
			}
			latencies = append(latencies, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	res.Elapsed = time.Since(start)
	slices.Sort(latencies)
	res.P50, res.P99 = percentile(latencies, 50), percentile(latencies, 99)
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

// ask sends one signed interaction and checks that the answer is a message
// (type 4) or a deferral (type 5). took is zero when no response came.
func ask(ctx context.Context, c *http.Client, cfg Config, id int64, question string) (took time.Duration, err error) {
	body, err := interaction(id, question)
	if err != nil {
		return 0, err
	}
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	sig := ed25519.Sign(cfg.Key, append([]byte(ts), body...))
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, cfg.URL, bytes.NewReader(body))
	if err != nil {
		return 0, fmt.Errorf("build request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "explainbot-loadgen")
	req.Header.Set("X-Signature-Timestamp", ts)
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(sig))

	start := time.Now()
	resp, err := c.Do(req)
	if err != nil {
		return 0, fmt.Errorf("post: %w", err)
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	took = time.Since(start)
	if err != nil {
		return took, fmt.Errorf("read answer: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return took, fmt.Errorf("status %d", resp.StatusCode)
	}
	var a struct {
		Type int `json:"type"`
	}
	if err := json.Unmarshal(answer, &a); err != nil {
		return took, fmt.Errorf("decode answer: %w", err)
	}
	if a.Type != 4 && a.Type != 5 {
		return took, errors.New("answer type " + strconv.Itoa(a.Type) + ", want 4 or 5")
	}
	return took, nil
}

// interaction is an APPLICATION_COMMAND for /ask shaped like Discord's. The
// token is a placeholder: the bot cannot reach Discord with it, and need not.
func interaction(id int64, question string) ([]byte, error) {
	sid := strconv.FormatInt(1_300_000_000_000_000_000+id, 10)
	return json.Marshal(map[string]any{
		"id":             sid,
		"application_id": "1200000000000000001",
		"type":           2,
		"token":          "loadgen-" + sid,
		"version":        1,
		"locale":         "en-US",
		"guild_id":       "1100000000000000001",
		"channel_id":     "1110000000000000001",
		"member": map[string]any{
			"user":  map[string]any{"id": strconv.FormatInt(1_000_000_000_000_000_000+id%50, 10), "username": "loadgen"},
			"roles": []string{},
		},
		"data": map[string]any{
			"id": "1250000000000000001", "name": "ask", "type": 1,
			"options": []map[string]any{{"name": "question", "type": 3, "value": question}},
		},
	})
}
