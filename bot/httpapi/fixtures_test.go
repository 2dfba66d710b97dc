package httpapi

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/explainbot/explainbot/internal/testlog"
	"github.com/prometheus/client_golang/prometheus"
)

// signer is a Discord application's key pair, made fresh for each test.
type signer struct {
	pub  ed25519.PublicKey
	priv ed25519.PrivateKey
}

func newSigner(t testing.TB) signer {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatalf("generate key: %v", err)
	}
	return signer{pub, priv}
}

// sign returns the hex signature Discord would send for body at timestamp.
func (k signer) sign(timestamp string, body []byte) string {
	return hex.EncodeToString(ed25519.Sign(k.priv, append([]byte(timestamp), body...)))
}

// request builds a signed POST /interactions for body at time at.
func (k signer) request(at time.Time, body []byte) *http.Request {
	ts := strconv.FormatInt(at.Unix(), 10)
	r := httptest.NewRequest(http.MethodPost, "/interactions", bytes.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set(headerTimestamp, ts)
	r.Header.Set(headerSignature, k.sign(ts, body))
	return r
}

// handlerFunc stands in for the bot's Lifecycle in tests of what the
// server itself does (signatures, bodies, replays, shutdown): it answers
// each interaction with f's response, and with no callback at all when f
// fails. lifecycle_test.go serves the real Lifecycle.
type handlerFunc func(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error)

func (f handlerFunc) Serve(ctx context.Context, i *discordgo.Interaction, respond func(context.Context, *discordgo.InteractionResponse) error) {
	if resp, err := f(ctx, i); err == nil {
		respond(ctx, resp)
	}
}

func (f handlerFunc) Close(context.Context) error { return nil }

// echo is a tiny real answer standing in for the bot's: it answers a
// command with its name and its question option.
func echo(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
	content := "echo: " + commandName(i)
	if d, ok := i.Data.(discordgo.ApplicationCommandInteractionData); ok {
		if o := d.GetOption("question"); o != nil {
			content += ": " + fmt.Sprint(o.Value)
		}
	}
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{
			Content:         content,
			AllowedMentions: &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}},
		},
	}, nil
}

// testServer is a Server with the key that signs for it.
type testServer struct {
	*Server
	key  signer
	reg  *prometheus.Registry
	logs *testlog.Log
}

// newServer builds a Server with a fresh key, the echo handler and its own
// registry unless opts says otherwise, and drains it when the test ends.
func newServer(t testing.TB, opts Options) *testServer {
	t.Helper()
	lg, sink := testlog.New(t)
	key := newSigner(t)
	if opts.PublicKey == nil {
		opts.PublicKey = key.pub
	}
	if opts.Interactions == nil {
		opts.Interactions = handlerFunc(echo)
	}
	if opts.Registry == nil {
		opts.Registry = prometheus.NewRegistry()
	}
	s, err := New(lg, opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := s.Drain(ctx); err != nil {
			t.Errorf("drain: %v", err)
		}
	})
	return &testServer{Server: s, key: key, reg: opts.Registry, logs: sink}
}

// do serves r and returns the recorded response.
func (s *testServer) do(r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, r)
	return w
}

// readFile returns a testdata file.
func readFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// askBody is an /ask interaction like Discord sends, with its own ID.
func askBody(t testing.TB, id, question string) []byte {
	t.Helper()
	b, err := json.Marshal(map[string]any{
		"id": id, "application_id": "1200000000000000001", "type": 2,
		"token": "token-" + id, "version": 1, "locale": "en-US",
		"guild_id": "1100000000000000001", "channel_id": "1110000000000000001",
		"member": map[string]any{"user": map[string]any{"id": "1000000000000000001", "username": "student"}},
		"data": map[string]any{
			"id": "1250000000000000001", "name": "ask", "type": 1,
			"options": []map[string]any{{"name": "question", "type": 3, "value": question}},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// decodeResponse parses an interaction response body.
func decodeResponse(t testing.TB, body []byte) discordgo.InteractionResponse {
	t.Helper()
	var resp discordgo.InteractionResponse
	if err := json.Unmarshal(body, &resp); err != nil {
		t.Fatalf("decode response %q: %v", body, err)
	}
	return resp
}

// wantStatus fails the test unless w has code.
func wantStatus(t testing.TB, w *httptest.ResponseRecorder, code int) {
	t.Helper()
	if w.Code != code {
		t.Fatalf("status = %d, want %d; body %q", w.Code, code, w.Body.String())
	}
}

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// checkGolden compares the JSON body got with testdata/name, indented so
// that a change reads as a diff; -update rewrites the file.
func checkGolden(t testing.TB, name string, got []byte) {
	t.Helper()
	var ind bytes.Buffer
	if err := json.Indent(&ind, got, "", "  "); err != nil {
		t.Fatalf("indent %q: %v", got, err)
	}
	ind.WriteByte('\n')
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, ind.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(ind.Bytes(), want) {
		t.Errorf("%s differs:\ngot:\n%s\nwant:\n%s", name, ind.Bytes(), want)
	}
}

// httpGet is a GET request for path.
func httpGet(path string) *http.Request { return httptest.NewRequest(http.MethodGet, path, nil) }
