package httpapi

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// BenchmarkInteraction measures one /ask through Handler: signature check,
// decoding, the echo handler and encoding the answer. Signing is done once,
// outside the loop; logging is at info, as in production.
func BenchmarkInteraction(b *testing.B) {
	key := newSigner(b)
	s, err := New(slog.New(slog.NewTextHandler(&bytes.Buffer{}, nil)), Options{
		PublicKey:    key.pub,
		Interactions: handlerFunc(echo),
		Registry:     prometheus.NewRegistry(),
	})
	if err != nil {
		b.Fatal(err)
	}
	h := s.Handler()
	body := readFile(b, "ask.json")
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	sig := key.sign(ts, body)

	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		r := httptest.NewRequest(http.MethodPost, "/interactions", bytes.NewReader(body))
		r.Header.Set(headerTimestamp, ts)
		r.Header.Set(headerSignature, sig)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != http.StatusOK {
			b.Fatalf("status %d: %s", w.Code, w.Body.Bytes())
		}
	}
}
