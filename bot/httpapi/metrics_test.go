package httpapi

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/explainbot/explainbot/internal/testlog"
	"github.com/explainbot/explainbot/metrics"
)

// TestHTTPMetrics: requests are counted by the route pattern they matched
// and their status; a path no route has, whatever it is, is "other".
func TestHTTPMetrics(t *testing.T) {
	reg := prometheus.NewRegistry()
	s := newServer(t, Options{Registry: reg, Metrics: metrics.NewMetrics(reg)})
	wantStatus(t, s.do(s.key.request(time.Now(), readFile(t, "ping.json"))), http.StatusOK)
	wantStatus(t, s.do(s.key.request(time.Now().Add(-time.Hour), readFile(t, "ping.json"))), http.StatusUnauthorized)
	wantStatus(t, s.do(httptest.NewRequest(http.MethodGet, "/healthz", nil)), http.StatusOK)
	wantStatus(t, s.do(httptest.NewRequest(http.MethodGet, "/wp-login.php", nil)), http.StatusNotFound)
	wantStatus(t, s.do(httptest.NewRequest(http.MethodGet, "/.env", nil)), http.StatusNotFound)
	wantStatus(t, s.do(httptest.NewRequest(http.MethodGet, "/interactions", nil)), http.StatusMethodNotAllowed)

	w := s.do(httptest.NewRequest(http.MethodGet, "/metrics", nil))
	wantStatus(t, w, http.StatusOK)
	body := w.Body.String()
	for _, want := range []string{
		`explainbot_http_requests_total{code="200",path="/interactions"} 1`,
		`explainbot_http_requests_total{code="401",path="/interactions"} 1`,
		`explainbot_http_requests_total{code="200",path="/healthz"} 1`,
		`explainbot_http_requests_total{code="404",path="other"} 2`,
		`explainbot_http_requests_total{code="405",path="other"} 1`,
	} {
		if !strings.Contains(body, want+"\n") {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	// The HTTP server does not count interactions: that is the Lifecycle's job.
	if strings.Contains(body, "explainbot_interactions_total{") {
		t.Errorf("the HTTP server recorded an interaction:\n%s", body)
	}
	if t.Failed() {
		t.Logf("/metrics:\n%s", body)
	}
}

// TestDefaultRegistry checks that a server given no registry still serves
// its own metrics, with the Go runtime's.
func TestDefaultRegistry(t *testing.T) {
	lg, _ := testlog.New(t)
	s, err := New(lg, Options{})
	if err != nil {
		t.Fatal(err)
	}
	get := func() string {
		w := httptest.NewRecorder()
		s.Handler().ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/metrics", nil))
		wantStatus(t, w, http.StatusOK)
		return w.Body.String()
	}
	if body := get(); !strings.Contains(body, "\ngo_goroutines ") {
		t.Errorf("/metrics lacks the Go collector:\n%s", body)
	}
	// The first scrape is counted after it is served, so the second sees it.
	if body, want := get(), `explainbot_http_requests_total{code="200",path="/metrics"} 1`; !strings.Contains(body, want) {
		t.Errorf("/metrics lacks %s", want)
	}
}
