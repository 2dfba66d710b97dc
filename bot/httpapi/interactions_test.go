package httpapi

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/explainbot/explainbot/internal/testlog"
	"github.com/explainbot/explainbot/metrics"
)

func TestPing(t *testing.T) {
	s := newServer(t, Options{})
	w := s.do(s.key.request(time.Now(), readFile(t, "ping.json")))
	wantStatus(t, w, http.StatusOK)
	if got := w.Header().Get("Content-Type"); got != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", got)
	}
	if got := w.Body.String(); got != `{"type":1}` {
		t.Errorf("body = %s, want {\"type\":1}", got)
	}
}

func TestCommandAnswered(t *testing.T) {
	s := newServer(t, Options{})
	w := s.do(s.key.request(time.Now(), readFile(t, "ask.json")))
	wantStatus(t, w, http.StatusOK)
	if got := w.Header().Get("Content-Type"); got != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", got)
	}
	checkGolden(t, "echo.golden.json", w.Body.Bytes())
}

// TestUnauthorized covers every way a signature check can fail. All must get
// the same 401 body, and none may reach the handler.
func TestUnauthorized(t *testing.T) {
	now := time.Unix(1_750_000_000, 0)
	body := readFile(t, "ask.json")
	other := newSigner(t)
	ts := func(d time.Duration) string { return strconv.FormatInt(now.Add(d).Unix(), 10) }

	tests := []struct {
		name string
		// edit changes a correctly signed request; k signed it.
		edit func(r *http.Request, k signer)
	}{
		{"missing signature header", func(r *http.Request, k signer) { r.Header.Del(headerSignature) }},
		{"missing timestamp header", func(r *http.Request, k signer) { r.Header.Del(headerTimestamp) }},
		{"signature not hex", func(r *http.Request, k signer) {
			r.Header.Set(headerSignature, strings.Repeat("zz", 64))
		}},
		{"signature wrong length", func(r *http.Request, k signer) {
			r.Header.Set(headerSignature, r.Header.Get(headerSignature)[:64])
		}},
		{"signature one byte too long", func(r *http.Request, k signer) {
			r.Header.Set(headerSignature, r.Header.Get(headerSignature)+"00")
		}},
		{"signed by another key", func(r *http.Request, k signer) {
			r.Header.Set(headerSignature, other.sign(r.Header.Get(headerTimestamp), body))
		}},
		{"body altered after signing", func(r *http.Request, k signer) {
			altered := bytes.Replace(body, []byte("retrieval"), []byte("Retrieval"), 1)
			r.Body = io.NopCloser(bytes.NewReader(altered))
			r.ContentLength = int64(len(altered))
		}},
		{"timestamp altered after signing", func(r *http.Request, k signer) {
			r.Header.Set(headerTimestamp, ts(time.Second))
		}},
		{"stale timestamp, 6 minutes old", func(r *http.Request, k signer) {
			r.Header.Set(headerTimestamp, ts(-6*time.Minute))
			r.Header.Set(headerSignature, k.sign(ts(-6*time.Minute), body))
		}},
		{"future timestamp, 6 minutes ahead", func(r *http.Request, k signer) {
			r.Header.Set(headerTimestamp, ts(6*time.Minute))
			r.Header.Set(headerSignature, k.sign(ts(6*time.Minute), body))
		}},
		{"timestamp not a number", func(r *http.Request, k signer) {
			r.Header.Set(headerTimestamp, "yesterday")
			r.Header.Set(headerSignature, k.sign("yesterday", body))
		}},
		{"timestamp in milliseconds", func(r *http.Request, k signer) {
			ms := strconv.FormatInt(now.UnixMilli(), 10)
			r.Header.Set(headerTimestamp, ms)
			r.Header.Set(headerSignature, k.sign(ms, body))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls atomic.Int32
			s := newServer(t, Options{
				Now: func() time.Time { return now },
				Interactions: handlerFunc(func(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
					calls.Add(1)
					return echo(ctx, i)
				}),
			})
			r := s.key.request(now, body)
			tt.edit(r, s.key)
			w := s.do(r)
			wantStatus(t, w, http.StatusUnauthorized)
			if got := w.Body.String(); got != `{"error":"invalid request signature"}` {
				t.Errorf("body = %s, want the one 401 body", got)
			}
			if n := calls.Load(); n != 0 {
				t.Errorf("handler called %d times for an unverified request", n)
			}
		})
	}

	// The window is inclusive: a timestamp exactly 5 minutes off still passes.
	for _, d := range []time.Duration{-5 * time.Minute, 5 * time.Minute} {
		s := newServer(t, Options{Now: func() time.Time { return now }})
		wantStatus(t, s.do(s.key.request(now.Add(d), body)), http.StatusOK)
	}
}

func TestBodyTooLarge(t *testing.T) {
	const maxBody = 1 << 10
	s := newServer(t, Options{MaxBody: maxBody})
	ping := readFile(t, "ping.json")
	// pad makes a signed, valid PING of exactly n bytes.
	pad := func(n int) []byte {
		return append(bytes.TrimSpace(ping), bytes.Repeat([]byte(" "), n-len(bytes.TrimSpace(ping)))...)
	}

	t.Run("exactly MaxBody is accepted", func(t *testing.T) {
		w := s.do(s.key.request(time.Now(), pad(maxBody)))
		wantStatus(t, w, http.StatusOK)
	})
	t.Run("declared length over MaxBody", func(t *testing.T) {
		w := s.do(s.key.request(time.Now(), pad(maxBody+1)))
		wantStatus(t, w, http.StatusRequestEntityTooLarge)
	})
	t.Run("unknown length, body over MaxBody", func(t *testing.T) {
		r := s.key.request(time.Now(), pad(4*maxBody))
		r.ContentLength = -1
		r.Body = io.NopCloser(io.MultiReader(r.Body)) // hides the length
		w := s.do(r)
		wantStatus(t, w, http.StatusRequestEntityTooLarge)
		if got := w.Body.String(); got != `{"error":"request body too large"}` {
			t.Errorf("body = %s", got)
		}
	})
}

func TestMethodNotAllowed(t *testing.T) {
	s := newServer(t, Options{})
	for _, m := range []string{http.MethodGet, http.MethodPut, http.MethodDelete, http.MethodPatch} {
		w := s.do(httptest.NewRequest(m, "/interactions", nil))
		wantStatus(t, w, http.StatusMethodNotAllowed)
		if got := w.Header().Get("Allow"); got != "POST" {
			t.Errorf("%s: Allow = %q, want POST", m, got)
		}
	}
	for _, path := range []string{"/healthz", "/readyz", "/metrics"} {
		w := s.do(httptest.NewRequest(http.MethodPost, path, nil))
		wantStatus(t, w, http.StatusMethodNotAllowed)
		if got := w.Header().Get("Allow"); got != "GET, HEAD" {
			t.Errorf("POST %s: Allow = %q, want GET, HEAD", path, got)
		}
	}
}

// TestNoPublicKey checks that a gateway-only bot serves no interactions
// route at all.
func TestNoPublicKey(t *testing.T) {
	lg, _ := testlog.New(t)
	s, err := New(lg, Options{})
	if err != nil {
		t.Fatal(err)
	}
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, newSigner(t).request(time.Now(), readFile(t, "ping.json")))
	wantStatus(t, w, http.StatusNotFound)
}

// TestBadRequest feeds signed bodies from testdata/bad/ that are not
// interactions.
func TestBadRequest(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "bad", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata/bad files: %v", err)
	}
	var calls atomic.Int32
	s := newServer(t, Options{Interactions: handlerFunc(func(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
		calls.Add(1)
		return echo(ctx, i)
	})})
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			body, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			w := s.do(s.key.request(time.Now(), body))
			wantStatus(t, w, http.StatusBadRequest)
			if got := w.Body.String(); got != `{"error":"bad request"}` {
				t.Errorf("body = %s", got)
			}
		})
	}
	if n := calls.Load(); n != 0 {
		t.Errorf("handler called %d times for bad bodies", n)
	}
}

// unencodable is a component whose JSON encoding fails, as a buggy renderer
// might produce.
type unencodable struct{}

func (unencodable) MarshalJSON() ([]byte, error)  { return nil, errors.New("cannot encode") }
func (unencodable) Type() discordgo.ComponentType { return discordgo.ActionsRowComponent }

// TestCallbackWrittenOnce checks the callback the server hands to
// Interactions: it writes the HTTP response once, refuses a response it
// cannot encode (writing nothing, so the apology can follow) and refuses a
// second response once one is written; an interaction that gets no callback
// at all is a bare 500.
func TestCallbackWrittenOnce(t *testing.T) {
	answer := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: "the answer", AllowedMentions: &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}}}
	var errs []error
	s := newServer(t, Options{Interactions: serveFunc(func(ctx context.Context, i *discordgo.Interaction, respond func(context.Context, *discordgo.InteractionResponse) error) {
		bad := &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Components: []discordgo.MessageComponent{unencodable{}}},
		}
		errs = append(errs, respond(ctx, bad), respond(ctx, answer), respond(ctx, answer))
	})})
	w := s.do(s.key.request(time.Now(), readFile(t, "ask.json")))
	wantStatus(t, w, http.StatusOK)
	if got := decodeResponse(t, w.Body.Bytes()); got.Data == nil || got.Data.Content != "the answer" {
		t.Errorf("body %s, want the answer", w.Body.String())
	}
	if len(errs) != 3 || errs[0] == nil || errs[1] != nil || errs[2] == nil {
		t.Errorf("respond errors %v, want an encoding error, success, already written", errs)
	}

	silent := newServer(t, Options{Interactions: serveFunc(func(context.Context, *discordgo.Interaction, func(context.Context, *discordgo.InteractionResponse) error) {
	})})
	w = silent.do(silent.key.request(time.Now(), readFile(t, "ask.json")))
	wantStatus(t, w, http.StatusInternalServerError)
	if got := w.Body.String(); got != string(bodyInternal) {
		t.Errorf("body = %s, want the bare internal error", got)
	}
}

// serveFunc is an Interactions that runs a function.
type serveFunc func(ctx context.Context, i *discordgo.Interaction, respond func(context.Context, *discordgo.InteractionResponse) error)

func (f serveFunc) Serve(ctx context.Context, i *discordgo.Interaction, respond func(context.Context, *discordgo.InteractionResponse) error) {
	f(ctx, i, respond)
}

func (serveFunc) Close(context.Context) error { return nil }

// TestNew checks the option combinations New refuses.
func TestNew(t *testing.T) {
	lg, _ := testlog.New(t)
	key := newSigner(t)
	tests := []struct {
		name string
		opts Options
	}{
		{"short key", Options{PublicKey: key.pub[:31], Interactions: handlerFunc(echo)}},
		{"key without Interactions", Options{PublicKey: key.pub}},
		{"Metrics without Registry", Options{Metrics: metrics.NewMetrics(nil)}},
	}
	for _, tt := range tests {
		if _, err := New(lg, tt.opts); err == nil {
			t.Errorf("%s: New succeeded, want an error", tt.name)
		}
	}
	if _, err := New(nil, Options{}); err == nil {
		t.Error("New with a nil logger succeeded")
	}
}
