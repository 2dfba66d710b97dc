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

// TestHandlerGetsDeadline checks that the handler's context carries
// HandleTimeout, so that the core can give up before Discord does.
func TestHandlerGetsDeadline(t *testing.T) {
	var deadline time.Time
	var hasDeadline bool
	s := newServer(t, Options{Handler: handlerFunc(func(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
		deadline, hasDeadline = ctx.Deadline()
		return echo(ctx, i)
	})})
	r := s.key.request(time.Now(), readFile(t, "ask.json"))
	before := time.Now()
	w := s.do(r)
	after := time.Now()
	wantStatus(t, w, http.StatusOK)
	if !hasDeadline {
		t.Fatal("handler context has no deadline")
	}
	if lo, hi := before.Add(defaultHandleTimeout), after.Add(defaultHandleTimeout); deadline.Before(lo) || deadline.After(hi) {
		t.Errorf("deadline %v not within [%v, %v]: want request time + %v", deadline, lo, hi, defaultHandleTimeout)
	}
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
				Handler: handlerFunc(func(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
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
	s := newServer(t, Options{Handler: handlerFunc(func(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
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

// TestHandlerFailures checks that whatever goes wrong in the handler, the
// user gets the apology with 200 and no detail.
func TestHandlerFailures(t *testing.T) {
	release := make(chan struct{})
	tests := []struct {
		name    string
		handler handlerFunc
		timeout time.Duration
	}{
		{"panic", func(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
			panic("index exploded")
		}, 0},
		{"nil map panic", func(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
			var m map[string]int
			m["x"]++
			return nil, nil
		}, 0},
		{"error", func(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
			return nil, errors.New("index closed")
		}, 0},
		{"nil response", func(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
			return nil, nil
		}, 0},
		{"response without type", func(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
			return &discordgo.InteractionResponse{}, nil
		}, 0},
		{"response that cannot be encoded", func(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
			return &discordgo.InteractionResponse{
				Type: discordgo.InteractionResponseChannelMessageWithSource,
				Data: &discordgo.InteractionResponseData{Components: []discordgo.MessageComponent{unencodable{}}},
			}, nil
		}, 0},
		{"honours its deadline", func(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
			<-ctx.Done()
			return nil, ctx.Err()
		}, 10 * time.Millisecond},
		{"ignores its deadline", func(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
			<-release // returns only when the test says so, long after the deadline
			return echo(ctx, i)
		}, 10 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newServer(t, Options{Handler: tt.handler, HandleTimeout: tt.timeout})
			if tt.name == "ignores its deadline" {
				t.Cleanup(func() { close(release) }) // before the server's Drain, which runs last
			}
			w := s.do(s.key.request(time.Now(), readFile(t, "ask.json")))
			wantStatus(t, w, http.StatusOK)
			checkGolden(t, "apology.golden.json", w.Body.Bytes())
			if strings.Contains(w.Body.String(), "exploded") || strings.Contains(w.Body.String(), "goroutine") {
				t.Errorf("apology leaks detail: %s", w.Body.String())
			}
			if !strings.Contains(s.logs.String(), "1300000000000000002") {
				t.Errorf("log does not name the interaction ID:\n%s", s.logs.String())
			}
		})
	}
}

// TestDeferred checks the type 5 path: the placeholder at once, then the
// handler's real answer through FollowUp.
func TestDeferred(t *testing.T) {
	type followUp struct {
		i    *discordgo.Interaction
		resp *discordgo.InteractionResponse
	}
	tests := []struct {
		name      string
		ephemeral bool
		handler   handlerFunc
		wantBody  string
		golden    string
	}{
		{"public", false, echo, `{"type":5}`, "echo.golden.json"},
		{"ephemeral", true, echo, `{"type":5,"data":{"flags":64}}`, "echo.golden.json"},
		{"handler panics", true, func(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
			panic("late failure")
		}, `{"type":5,"data":{"flags":64}}`, "apology.golden.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := make(chan followUp, 1)
			s := newServer(t, Options{
				Handler: tt.handler,
				Deferred: func(i *discordgo.Interaction) Deferral {
					return Deferral{Defer: commandName(i) == "ask", Ephemeral: tt.ephemeral}
				},
				FollowUp: func(ctx context.Context, i *discordgo.Interaction, resp *discordgo.InteractionResponse) error {
					if _, ok := ctx.Deadline(); !ok {
						t.Error("follow-up context has no deadline")
					}
					got <- followUp{i, resp}
					return nil
				},
			})
			w := s.do(s.key.request(time.Now(), readFile(t, "ask.json")))
			wantStatus(t, w, http.StatusOK)
			if w.Body.String() != tt.wantBody {
				t.Errorf("placeholder = %s, want %s", w.Body.String(), tt.wantBody)
			}
			select {
			case f := <-got:
				if f.i.ID != "1300000000000000002" {
					t.Errorf("follow-up for interaction %q, want 1300000000000000002", f.i.ID)
				}
				checkGolden(t, tt.golden, mustJSON(f.resp))
			case <-time.After(5 * time.Second): // a hang guard, not a speed check
				t.Fatal("FollowUp never called")
			}
			ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
			defer cancel()
			if err := s.Drain(ctx); err != nil {
				t.Errorf("Drain: %v", err)
			}
		})
	}

	t.Run("not deferred: PING and other commands answer inline", func(t *testing.T) {
		s := newServer(t, Options{
			Deferred: func(i *discordgo.Interaction) Deferral {
				return Deferral{Defer: commandName(i) == "slow" || i.Type == discordgo.InteractionApplicationCommandAutocomplete}
			},
			FollowUp: func(ctx context.Context, i *discordgo.Interaction, resp *discordgo.InteractionResponse) error {
				t.Error("FollowUp called for an inline answer")
				return nil
			},
		})
		wantStatus(t, s.do(s.key.request(time.Now(), readFile(t, "ping.json"))), http.StatusOK)
		w := s.do(s.key.request(time.Now(), readFile(t, "ask.json")))
		wantStatus(t, w, http.StatusOK)
		checkGolden(t, "echo.golden.json", w.Body.Bytes())
		// Autocomplete must be answered inline even when Deferred says yes.
		auto := withID(t, bytes.Replace(readFile(t, "ask.json"), []byte(`"type": 2,`), []byte(`"type": 4,`), 1), "1300000000000000777")
		w = s.do(s.key.request(time.Now(), auto))
		wantStatus(t, w, http.StatusOK)
		if resp := decodeResponse(t, w.Body.Bytes()); resp.Type != discordgo.InteractionResponseChannelMessageWithSource {
			t.Errorf("autocomplete answered %s, want the handler's inline answer", w.Body.String())
		}
	})

	t.Run("FollowUp error and panic are logged, not fatal", func(t *testing.T) {
		var calls atomic.Int32
		s := newServer(t, Options{
			Deferred: func(i *discordgo.Interaction) Deferral { return Deferral{Defer: true} },
			FollowUp: func(ctx context.Context, i *discordgo.Interaction, resp *discordgo.InteractionResponse) error {
				if calls.Add(1) == 1 {
					return errors.New("discord said 404")
				}
				panic("rest client bug")
			},
		})
		for _, id := range []string{"1300000000000000101", "1300000000000000102"} {
			wantStatus(t, s.do(s.key.request(time.Now(), withID(t, readFile(t, "ask.json"), id))), http.StatusOK)
		}
		ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
		defer cancel()
		if err := s.Drain(ctx); err != nil {
			t.Fatalf("Drain: %v", err)
		}
		if n := calls.Load(); n != 2 {
			t.Errorf("FollowUp called %d times, want 2", n)
		}
		for _, want := range []string{"discord said 404", "rest client bug"} {
			if !strings.Contains(s.logs.String(), want) {
				t.Errorf("log lacks %q", want)
			}
		}
	})

	t.Run("Deferred panics: answered inline", func(t *testing.T) {
		s := newServer(t, Options{
			Deferred: func(i *discordgo.Interaction) Deferral { panic("bad rule") },
			FollowUp: func(ctx context.Context, i *discordgo.Interaction, resp *discordgo.InteractionResponse) error {
				t.Error("FollowUp called")
				return nil
			},
		})
		w := s.do(s.key.request(time.Now(), readFile(t, "ask.json")))
		wantStatus(t, w, http.StatusOK)
		checkGolden(t, "echo.golden.json", w.Body.Bytes())
	})
}

// TestNew checks the option combinations New refuses.
func TestNew(t *testing.T) {
	lg, _ := testlog.New(t)
	key := newSigner(t)
	tests := []struct {
		name string
		opts Options
	}{
		{"short key", Options{PublicKey: key.pub[:31], Handler: handlerFunc(echo)}},
		{"key without handler", Options{PublicKey: key.pub}},
		{"Deferred without FollowUp", Options{Deferred: func(*discordgo.Interaction) Deferral { return Deferral{} }}},
		{"Metrics without Registry", Options{Metrics: NewMetrics(nil)}},
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
