package httpapi

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/explainbot/explainbot/internal/testlog"
)

func TestMetrics(t *testing.T) {
	reg := prometheus.NewRegistry()
	m := NewMetrics(reg)
	s := newServer(t, Options{Registry: reg, Metrics: m})

	// What the bot's core records.
	m.ObserveInteraction("ask", OutcomeAnswered, 30*time.Millisecond)
	m.ObserveInteraction("ask", OutcomeAnswered, 2*time.Second)
	m.ObserveInteraction("ask", OutcomeNotCovered, time.Millisecond)
	m.SetIndex(52, 1500*time.Millisecond)
	m.GatewayReconnect()
	// A second NewMetrics on the same registry shares the collectors.
	NewMetrics(reg).GatewayReconnect()

	// What the HTTP layer records itself.
	wantStatus(t, s.do(s.key.request(time.Now(), readFile(t, "ping.json"))), http.StatusOK)
	wantStatus(t, s.do(s.key.request(time.Now().Add(-time.Hour), readFile(t, "ping.json"))), http.StatusUnauthorized)
	wantStatus(t, s.do(httptest.NewRequest(http.MethodGet, "/healthz", nil)), http.StatusOK)
	wantStatus(t, s.do(httptest.NewRequest(http.MethodGet, "/wp-login.php", nil)), http.StatusNotFound)
	wantStatus(t, s.do(httptest.NewRequest(http.MethodGet, "/.env", nil)), http.StatusNotFound)

	w := s.do(httptest.NewRequest(http.MethodGet, "/metrics", nil))
	wantStatus(t, w, http.StatusOK)
	body := w.Body.String()
	for _, want := range []string{
		`explainbot_interactions_total{command="ask",outcome="answered"} 2`,
		`explainbot_interactions_total{command="ask",outcome="not_covered"} 1`,
		`explainbot_answer_seconds_count{command="ask"} 3`,
		`explainbot_answer_seconds_bucket{command="ask",le="0.05"} 2`,
		`explainbot_answer_seconds_bucket{command="ask",le="2"} 3`,
		`explainbot_index_documents 52`,
		`explainbot_index_build_seconds 1.5`,
		`explainbot_gateway_reconnects_total 2`,
		`explainbot_http_requests_total{code="200",path="/interactions"} 1`,
		`explainbot_http_requests_total{code="401",path="/interactions"} 1`,
		`explainbot_http_requests_total{code="200",path="/healthz"} 1`,
		`explainbot_http_requests_total{code="404",path="other"} 2`,
	} {
		if !strings.Contains(body, want+"\n") {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	// The HTTP layer must not count interactions: that is the core's job.
	if strings.Contains(body, `outcome="error"`) {
		t.Errorf("HTTP layer recorded an interaction outcome:\n%s", body)
	}
	if t.Failed() {
		t.Logf("/metrics:\n%s", body)
	}
}

// TestMetricsNil checks that a nil *Metrics is a usable no-op.
func TestMetricsNil(t *testing.T) {
	var m *Metrics
	m.ObserveInteraction("ask", OutcomeError, time.Second)
	m.SetIndex(1, time.Second)
	m.GatewayReconnect()
	m.observeHTTP("/healthz", 200)
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

// TestUnknownCommandsBounded: once the known commands are set, any other
// command name is counted as "other".
func TestUnknownCommandsBounded(t *testing.T) {
	reg := prometheus.NewRegistry()
	m := NewMetrics(reg)
	s := newServer(t, Options{Registry: reg, Metrics: m})
	m.KnownCommands("ask", "autocomplete:explain")
	m.ObserveInteraction("ask", OutcomeAnswered, time.Millisecond)
	m.ObserveInteraction("autocomplete:explain", OutcomeAnswered, time.Millisecond)
	for i := range 50 {
		m.ObserveInteraction(fmt.Sprintf("stale-command-%d", i), OutcomeError, time.Millisecond)
	}
	body := s.do(httpGet("/metrics")).Body.String()
	for _, want := range []string{
		`explainbot_interactions_total{command="ask",outcome="answered"} 1`,
		`explainbot_interactions_total{command="autocomplete:explain",outcome="answered"} 1`,
		`explainbot_interactions_total{command="other",outcome="error"} 50`,
	} {
		if !strings.Contains(body, want+"\n") {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if strings.Contains(body, "stale-command") {
		t.Error("an unknown command became a label value")
	}
}

// TestNewRegistry: the registry explainbot serves has the Go runtime,
// process and build-info metrics besides its own.
func TestNewRegistry(t *testing.T) {
	reg := NewRegistry()
	s := newServer(t, Options{Registry: reg, Metrics: NewMetrics(reg)})
	body := s.do(httpGet("/metrics")).Body.String()
	for _, want := range []string{"\ngo_goroutines ", "\ngo_memstats_heap_inuse_bytes ", "\nprocess_resident_memory_bytes ",
		"\ngo_build_info{", "\nexplainbot_build_info{", "\nexplainbot_http_open_connections "} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %q", strings.TrimSpace(want))
		}
	}
}
