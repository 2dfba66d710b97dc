package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/explainbot/explainbot/bot/httpapi"
	"github.com/explainbot/explainbot/cmd/loadgen/trivial"
	"github.com/prometheus/client_golang/prometheus"
)

// toyHandler stands in for the bot's core: it answers /ask with the question
// and counts the questions it saw.
type toyHandler struct {
	mu   sync.Mutex
	seen map[string]int
}

// Serve answers an /ask with its question and anything else not at all
// (the server then answers 500).
func (h *toyHandler) Serve(ctx context.Context, i *discordgo.Interaction, respond func(context.Context, *discordgo.InteractionResponse) error) {
	d, ok := i.Data.(discordgo.ApplicationCommandInteractionData)
	if !ok || d.Name != "ask" || d.GetOption("question") == nil {
		return
	}
	q := fmt.Sprint(d.GetOption("question").Value)
	h.mu.Lock()
	h.seen[q]++
	h.mu.Unlock()
	respond(ctx, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: q},
	})
}

func (h *toyHandler) Close(context.Context) error { return nil }

// newBot serves httpapi with the toy handler and a fresh key on loopback.
func newBot(t *testing.T) (url string, seed string, h *toyHandler) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	h = &toyHandler{seen: map[string]int{}}
	s, err := httpapi.New(slog.New(slog.DiscardHandler), httpapi.Options{
		PublicKey: pub, Interactions: h, Registry: prometheus.NewRegistry(),
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler()) // listens on 127.0.0.1
	t.Cleanup(srv.Close)
	return srv.URL + "/interactions", hex.EncodeToString(priv.Seed()), h
}

// result parses run's "name value" lines.
func result(t *testing.T, out string) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if f := strings.Fields(line); len(f) == 2 {
			m[f[0]] = f[1]
		}
	}
	for _, k := range []string{"requests", "errors", "req/s", "p50", "p99"} {
		if _, ok := m[k]; !ok {
			t.Fatalf("output lacks %q:\n%s", k, out)
		}
	}
	return m
}

func TestLoad(t *testing.T) {
	url, seed, h := newBot(t)
	keyFile := filepath.Join(t.TempDir(), "seed")
	if err := os.WriteFile(keyFile, []byte(seed+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	code := run(t.Context(), []string{"-url", url, "-key-file", keyFile, "-c", "4", "-d", "1s",
		"-question", "what is RAG?", "-question", "what is a token?"}, &out, &errOut)
	if code != 0 {
		t.Fatalf("exit %d, stdout:\n%s\nstderr:\n%s", code, out.String(), errOut.String())
	}
	t.Logf("loadgen output:\n%s", out.String())
	m := result(t, out.String())
	n, err := strconv.Atoi(m["requests"])
	if err != nil || n < 2 {
		t.Fatalf("requests = %q, want at least 2", m["requests"])
	}
	if m["errors"] != "0" {
		t.Errorf("errors = %s, want 0", m["errors"])
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.seen["what is RAG?"] == 0 || h.seen["what is a token?"] == 0 || len(h.seen) != 2 {
		t.Errorf("questions seen by the bot = %v, want both and only the two given", h.seen)
	}
	if total := h.seen["what is RAG?"] + h.seen["what is a token?"]; total != n {
		t.Errorf("bot answered %d, loadgen counted %d", total, n)
	}
}

// TestLoadWrongKey checks that rejected requests are counted as errors and
// fail the run.
func TestLoadWrongKey(t *testing.T) {
	url, _, _ := newBot(t)
	_, other, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	code := run(t.Context(), []string{"-url", url, "-seed", hex.EncodeToString(other.Seed()), "-c", "2", "-d", "300ms"}, &out, &bytes.Buffer{})
	if code != 1 {
		t.Fatalf("exit %d, want 1; output:\n%s", code, out.String())
	}
	m := result(t, out.String())
	if m["requests"] == "0" || m["errors"] != m["requests"] {
		t.Errorf("requests %s, errors %s: want every request to fail", m["requests"], m["errors"])
	}
	if !strings.Contains(out.String(), "first error: status 401") {
		t.Errorf("output does not name the 401:\n%s", out.String())
	}
}

func TestPrintPublicKey(t *testing.T) {
	var out bytes.Buffer
	if code := run(t.Context(), []string{"-print-public-key"}, &out, &bytes.Buffer{}); code != 0 {
		t.Fatalf("exit %d", code)
	}
	var seedHex, pubHex string
	if _, err := fmt.Sscanf(out.String(), "seed %s\npublic-key %s\n", &seedHex, &pubHex); err != nil {
		t.Fatalf("parse %q: %v", out.String(), err)
	}
	priv, err := parseSeed(seedHex)
	if err != nil {
		t.Fatal(err)
	}
	if got := hex.EncodeToString(priv.Public().(ed25519.PublicKey)); got != pubHex {
		t.Errorf("printed public key %s does not belong to the seed (want %s)", pubHex, got)
	}
}

// TestUsage checks that bad invocations exit 2 before sending anything;
// the non-loopback cases point at addresses no test may reach.
func TestUsage(t *testing.T) {
	seed := strings.Repeat("01", 32)
	tests := []struct {
		name string
		args []string
	}{
		{"no key", []string{}},
		{"both keys", []string{"-seed", seed, "-key-file", "x"}},
		{"seed not hex", []string{"-seed", strings.Repeat("zz", 32)}},
		{"seed too short", []string{"-seed", "0102"}},
		{"missing key file", []string{"-key-file", filepath.Join(t.TempDir(), "none")}},
		{"duration over a minute", []string{"-seed", seed, "-d", "61s"}},
		{"zero duration", []string{"-seed", seed, "-d", "0s"}},
		{"zero concurrency", []string{"-seed", seed, "-c", "0"}},
		{"huge concurrency", []string{"-seed", seed, "-c", "100000"}},
		{"public host", []string{"-seed", seed, "-url", "http://example.com/interactions"}},
		{"private address", []string{"-seed", seed, "-url", "http://10.0.0.1:8080/interactions"}},
		{"mapped private address", []string{"-seed", seed, "-url", "http://[::ffff:10.0.0.1]:8080/interactions"}},
		{"name that merely starts with 127", []string{"-seed", seed, "-url", "http://127.0.0.1.nip.io/interactions"}},
		{"unspecified address", []string{"-seed", seed, "-url", "http://0.0.0.0:8080/interactions"}},
		{"not http", []string{"-seed", seed, "-url", "ftp://127.0.0.1/interactions"}},
		{"stray argument", []string{"-seed", seed, "extra"}},
		{"unknown flag", []string{"-n", "5"}},
		{"empty question", []string{"-seed", seed, "-question", " "}},
	}
	for _, tt := range tests {
		var out, errOut bytes.Buffer
		if code := run(t.Context(), tt.args, &out, &errOut); code != 2 {
			t.Errorf("%s: exit %d, want 2; stderr %s", tt.name, code, errOut.String())
		}
		if out.Len() != 0 {
			t.Errorf("%s: printed results %q for a refused run", tt.name, out.String())
		}
	}
}

func TestLoopbackURL(t *testing.T) {
	for _, ok := range []string{"http://127.0.0.1:8080/interactions", "http://127.3.4.5/x", "http://[::1]:9/x", "https://localhost/x"} {
		if _, err := loopbackURL(ok); err != nil {
			t.Errorf("loopbackURL(%q): %v", ok, err)
		}
	}
}

func TestPercentile(t *testing.T) {
	var d []time.Duration
	for i := 1; i <= 100; i++ {
		d = append(d, time.Duration(i))
	}
	if p := percentile(d, 50); p != 50 {
		t.Errorf("p50 of 1..100 = %d, want 50", p)
	}
	if p := percentile(d, 99); p != 99 {
		t.Errorf("p99 of 1..100 = %d, want 99", p)
	}
	if p := percentile(d[:1], 99); p != 1 {
		t.Errorf("p99 of one value = %d, want it", p)
	}
	if p := percentile(nil, 50); p != 0 {
		t.Errorf("p50 of nothing = %d, want 0", p)
	}
}

// TestCompare measures the toy bot against the trivial endpoint side by
// side, with each mix: both get requests, no errors, and a ratio line.
func TestCompare(t *testing.T) {
	url, seed, _ := newBot(t)
	priv, err := parseSeed(seed)
	if err != nil {
		t.Fatal(err)
	}
	triv := httptest.NewServer(trivial.Handler(priv.Public().(ed25519.PublicKey)))
	t.Cleanup(triv.Close)
	for _, mix := range []string{"answered", "half"} {
		var out, errOut bytes.Buffer
		code := run(t.Context(), []string{"-url", url, "-baseline", triv.URL + "/interactions", "-seed", seed,
			"-c", "2", "-d", "400ms", "-rounds", "2", "-mix", mix}, &out, &errOut)
		if code != 0 {
			t.Fatalf("%s: exit %d\n%s%s", mix, code, out.String(), errOut.String())
		}
		if !strings.Contains(out.String(), "\nratio ") || !strings.Contains(out.String(), "trivial ") {
			t.Errorf("%s: no ratio or trivial row:\n%s", mix, out.String())
		}
	}
	// Autocomplete against the trivial endpoint alone: every reply has choices.
	var out bytes.Buffer
	if code := run(t.Context(), []string{"-url", triv.URL + "/interactions", "-seed", seed, "-c", "2", "-d", "200ms", "-mix", "autocomplete"}, &out, &bytes.Buffer{}); code != 0 {
		t.Fatalf("autocomplete: exit %d\n%s", code, out.String())
	}
	m := result(t, out.String())
	if m["choices"] != m["requests"] || m["requests"] == "0" {
		t.Errorf("autocomplete: %s choices for %s requests", m["choices"], m["requests"])
	}
}
