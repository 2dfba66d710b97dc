package httpapi

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// FuzzInteractions feeds arbitrary methods, bodies and headers to the
// interactions route. When sign is set the body is signed correctly, so that
// arbitrary verified input reaches the decoder and the handler. The server
// must never panic and must answer only 200, 400, 401, 405 or 413; a 200
// must be a JSON interaction response.
func FuzzInteractions(f *testing.F) {
	now := time.Unix(1_750_000_000, 0)
	ts := strconv.FormatInt(now.Unix(), 10)
	for _, name := range []string{"ping.json", "ask.json"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add("POST", b, "", ts, true)
		f.Add("POST", b, "00", ts, false)
	}
	bad, _ := filepath.Glob(filepath.Join("testdata", "bad", "*.txt"))
	for _, p := range bad {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add("POST", b, "", ts, true)
	}
	f.Add("GET", []byte(nil), "", "", false)
	f.Add("POST", []byte(`{"type":2,"data":{"name":"ask","options":[{"name":"question","type":4,"value":{}}]}}`), "", ts, true)
	f.Add("POST", []byte(`{"type":3,"data":{"custom_id":"x","component_type":99}}`), "", ts, true)
	f.Add("POST", []byte(`{"type":5,"data":{"custom_id":"m","components":[{"type":1,"components":[{"type":1}]}]}}`), "", ts, true)
	f.Add("POST", []byte(`{"type":2,"message":{"components":[{"type":17,"components":[{"type":9}]}]},"data":{}}`), "", ts, true)
	f.Add("POST", bytes.Repeat([]byte("x"), 5000), "", ts, true)
	f.Add("POST", []byte(`{"type":1}`), "", "-9223372036854775808", true)

	key := newSigner(f)
	s, err := New(slog.New(slog.DiscardHandler), Options{
		PublicKey:    key.pub,
		Interactions: handlerFunc(echo),
		Registry:     prometheus.NewRegistry(),
		Now:          func() time.Time { return now },
		MaxBody:      4 << 10,
	})
	if err != nil {
		f.Fatal(err)
	}
	h := s.Handler()

	f.Fuzz(func(t *testing.T, method string, body []byte, sigHeader, tsHeader string, sign bool) {
		r, err := http.NewRequest(method, "/interactions", bytes.NewReader(body))
		if err != nil {
			return // not a request net/http would hand us
		}
		if sign {
			sigHeader = key.sign(tsHeader, body)
		}
		r.Header[headerSignature] = []string{sigHeader}
		r.Header[headerTimestamp] = []string{tsHeader}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		switch w.Code {
		case http.StatusOK:
			var resp struct {
				Type int `json:"type"`
			}
			if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil || (resp.Type != 1 && resp.Type != 4 && resp.Type != 5) {
				t.Fatalf("200 with body %q", w.Body.Bytes())
			}
		case http.StatusConflict: // an ID the shared server already saw: a replay
			if !bytes.Equal(w.Body.Bytes(), bodyReplay) {
				t.Fatalf("409 with body %q", w.Body.Bytes())
			}
		case http.StatusBadRequest, http.StatusUnauthorized, http.StatusMethodNotAllowed, http.StatusRequestEntityTooLarge:
		default:
			t.Fatalf("status %d for method %q, body %q", w.Code, method, body)
		}
	})
}
