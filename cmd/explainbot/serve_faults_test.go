package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/explainbot/explainbot/bot/discordfake"
	"github.com/explainbot/explainbot/config"
)

// switchable is a TCP forwarder to target that, while down, accepts and at
// once closes every connection: Discord unreachable, over real sockets.
type switchable struct {
	ln     net.Listener
	target string
	up     atomic.Bool
}

func newSwitchable(t *testing.T, target string) *switchable {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &switchable{ln: ln, target: target}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			if !s.up.Load() {
				c.Close()
				continue
			}
			go s.forward(c)
		}
	}()
	return s
}

func (s *switchable) forward(c net.Conn) {
	defer c.Close()
	u, err := net.Dial("tcp", s.target)
	if err != nil {
		return
	}
	defer u.Close()
	go io.Copy(u, c)
	io.Copy(c, u)
}

func (s *switchable) URL() string { return "http://" + s.ln.Addr().String() }

func status(origin, path string) int {
	resp, err := http.Get(origin + path)
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestServeGatewayUnreachableAtStart: Discord is unreachable when serve
// starts. It keeps answering probes (/readyz 503, and /healthz 503 once
// past GATEWAY_DOWN_LIMIT), retries with a logged attempt each time, and
// when Discord comes up it connects, registers and answers.
func TestServeGatewayUnreachableAtStart(t *testing.T) {
	t.Parallel()
	const token = "unreachable-test-token-c2VjcmV0.xyz"
	fake := discordfake.New(t, discordfake.WithToken(token))
	fw := newSwitchable(t, strings.TrimPrefix(fake.URL(), "http://"))
	srv := startServe(t, map[string]string{
		"DISCORD_TOKEN":      token,
		"DISCORD_API_URL":    fw.URL(),
		"DISCORD_GUILD_ID":   "2100000000000000001",
		"GATEWAY_DOWN_LIMIT": "100ms",
	})
	origin, logs, stop := srv.origin, srv.logs, srv.stop
	waitUntil(t, func() bool { return strings.Contains(logs.String(), "attempt=2") }, logs)
	if got := status(origin, "/readyz"); got != http.StatusServiceUnavailable {
		t.Errorf("/readyz while Discord is unreachable: %d, want 503", got)
	}
	waitUntil(t, func() bool { return status(origin, "/healthz") == http.StatusServiceUnavailable }, logs)

	fw.up.Store(true)
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	if _, err := fake.WaitRequest(ctx, func(r discordfake.Request) bool {
		return r.Route == discordfake.RouteCommandsOverwrite && r.Status < 300
	}); err != nil {
		t.Fatalf("no command registration after Discord came up: %v\n%s", err, logs.String())
	}
	waitUntil(t, func() bool { return status(origin, "/readyz") == http.StatusOK }, logs)
	if got := status(origin, "/healthz"); got != http.StatusOK {
		t.Errorf("/healthz once connected: %d, want 200", got)
	}
	i := readInteraction(t, "../../bot/testdata/interactions/explain_llm.json")
	i.ID, i.Token, i.AppID = "", "", ""
	if err := fake.Interact(ctx, i); err != nil {
		t.Fatal(err)
	}
	if _, _, err := fake.WaitCallback(ctx, i.ID); err != nil {
		t.Fatalf("no answer after recovery: %v", err)
	}
	if c := stop(); c != exitOK {
		t.Errorf("exit %d, want 0", c)
	}
	if strings.Contains(logs.String(), token) {
		t.Error("the token appears in the log")
	}
}

// signedClient posts signed interactions like Discord does.
type signedClient struct {
	origin string
	key    ed25519.PrivateKey
	c      *http.Client
	seq    atomic.Int64
}

func newSignedClient(t *testing.T, origin string) (*signedClient, string) {
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &signedClient{origin: origin, key: priv, c: &http.Client{Timeout: 30 * time.Second}}, hex.EncodeToString(pub)
}

// ask posts /ask question as user and returns the status and the reply's
// text (content, or the first embed's title and description).
func (s *signedClient) ask(user int64, question string) (int, string, []byte, error) {
	id := strconv.FormatInt(1_300_000_000_000_000_000+s.seq.Add(1), 10)
	body, _ := json.Marshal(map[string]any{
		"id": id, "application_id": "1200000000000000001", "type": 2, "token": "t-" + id, "version": 1,
		"guild_id": "1100000000000000001", "channel_id": "1110000000000000001",
		"member": map[string]any{"user": map[string]any{"id": strconv.FormatInt(1_000_000_000_000_000_000+user, 10), "username": "student"}},
		"data": map[string]any{"id": "1250000000000000001", "name": "ask", "type": 1,
			"options": []map[string]any{{"name": "question", "type": 3, "value": question}}},
	})
	return s.post(body)
}

func (s *signedClient) post(body []byte) (int, string, []byte, error) {
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req, _ := http.NewRequest(http.MethodPost, s.origin+"/interactions", bytes.NewReader(body))
	req.Header.Set("X-Signature-Timestamp", ts)
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(s.key, append([]byte(ts), body...))))
	resp, err := s.c.Do(req)
	if err != nil {
		return 0, "", body, err
	}
	defer resp.Body.Close()
	var r struct {
		Data struct {
			Content string `json:"content"`
			Embeds  []struct {
				Title       string `json:"title"`
				Description string `json:"description"`
			} `json:"embeds"`
		} `json:"data"`
	}
	raw, _ := io.ReadAll(resp.Body)
	json.Unmarshal(raw, &r)
	text := r.Data.Content
	for _, e := range r.Data.Embeds {
		text += "\n" + e.Title + "\n" + e.Description
	}
	return resp.StatusCode, text, body, nil
}

// TestServeHTTPUnderLoad serves signed interactions over HTTP: a burst with
// half not-covered questions from distinct users gets no apology; the
// teacher reads `explainbot unanswered` while serve runs; a replayed
// request is refused; SIGHUPs reload without a pause in answers.
func TestServeHTTPUnderLoad(t *testing.T) {
	t.Parallel()
	origin := ""
	client, pub := newSignedClient(t, "")
	data := t.TempDir()
	srv := startServe(t, map[string]string{"DISCORD_PUBLIC_KEY": pub, "DATA_DIR": data})
	origin, logs, stop := srv.origin, srv.logs, srv.stop
	client.origin = origin

	questions := []string{"what is an llm", "how do i cook pasta", "how do llms work", "what is the capital of peru"}
	const total, inflight = 1000, 64
	var (
		wg        sync.WaitGroup
		mu        sync.Mutex
		apologies int
		failures  []string
		next      atomic.Int64
	)
	for range inflight {
		wg.Go(func() {
			for {
				n := next.Add(1)
				if n > total {
					return
				}
				code, text, _, err := client.ask(n, questions[n%int64(len(questions))])
				mu.Lock()
				switch {
				case err != nil || code != http.StatusOK:
					failures = append(failures, fmt.Sprintf("status %d, err %v", code, err))
				case strings.Contains(text, "Sorry, something went wrong"):
					apologies++
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(failures) > 0 || apologies > 0 {
		t.Errorf("burst of %d: %d failed (first: %v), %d apologies; want none", total, len(failures), failures[:min(1, len(failures))], apologies)
	}

	// The teacher reads the record while serve runs; the writer commits in
	// the background, so wait for it to show.
	var out bytes.Buffer
	waitUntil(t, func() bool {
		out.Reset()
		var errOut bytes.Buffer
		code := run(context.Background(), []string{"unanswered"}, env{lookup: config.Map(map[string]string{"DATA_DIR": data}), stdout: &out, stderr: &errOut})
		return code == exitOK && strings.Contains(out.String(), "how do i cook pasta") && strings.Contains(out.String(), "250×")
	}, logs)

	// A replay of a request already answered is refused.
	_, _, body, _ := client.ask(9999, "how do i cook pasta")
	if code, _, _, _ := client.post(body); code != http.StatusConflict {
		t.Errorf("replayed interaction: status %d, want 409", code)
	}

	// SIGHUPs reload (coalesced) while questions go on.
	for range 50 {
		srv.hangup <- syscall.SIGHUP
	}
	waitUntil(t, func() bool { return strings.Contains(logs.String(), "knowledge reloaded") }, logs)
	if code, text, _, err := client.ask(10_000, "what is an llm"); err != nil || code != http.StatusOK || !strings.Contains(text, "Large Language Models") {
		t.Errorf("after SIGHUP: status %d, err %v, reply %q", code, err, text)
	}
	if c := stop(); c != exitOK {
		t.Errorf("exit %d, want 0\n%s", c, logs.String())
	}
}
