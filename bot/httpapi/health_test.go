package httpapi

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestHealthz(t *testing.T) {
	s := newServer(t, Options{Ready: func() error { return errors.New("index building") }})
	w := s.do(httptest.NewRequest(http.MethodGet, "/healthz", nil))
	wantStatus(t, w, http.StatusOK)
	if got := w.Body.String(); got != "ok\n" {
		t.Errorf("body = %q, want ok", got)
	}
}

func TestReadyz(t *testing.T) {
	var ready error = errors.New("index building")
	s := newServer(t, Options{Ready: func() error { return ready }})

	w := s.do(httptest.NewRequest(http.MethodGet, "/readyz", nil))
	wantStatus(t, w, http.StatusServiceUnavailable)
	if got := w.Body.String(); got != "not ready: index building\n" {
		t.Errorf("not ready body = %q", got)
	}

	ready = nil
	w = s.do(httptest.NewRequest(http.MethodGet, "/readyz", nil))
	wantStatus(t, w, http.StatusOK)
	if got := w.Body.String(); got != "ready\n" {
		t.Errorf("ready body = %q", got)
	}

	// Without a Ready function the server is always ready.
	s = newServer(t, Options{})
	wantStatus(t, s.do(httptest.NewRequest(http.MethodGet, "/readyz", nil)), http.StatusOK)
	// HEAD works for probes that use it.
	wantStatus(t, s.do(httptest.NewRequest(http.MethodHead, "/healthz", nil)), http.StatusOK)
}

// TestHealthzUnhealthy: Options.Healthy failing makes /healthz 503 with the
// reason, so that a supervisor restarts the process.
func TestHealthzUnhealthy(t *testing.T) {
	var healthy error = errors.New("gateway down for 3m0s")
	s := newServer(t, Options{Healthy: func() error { return healthy }})
	w := s.do(httptest.NewRequest(http.MethodGet, "/healthz", nil))
	wantStatus(t, w, http.StatusServiceUnavailable)
	if got := w.Body.String(); got != "unhealthy: gateway down for 3m0s\n" {
		t.Errorf("body = %q", got)
	}
	healthy = nil
	wantStatus(t, s.do(httptest.NewRequest(http.MethodGet, "/healthz", nil)), http.StatusOK)
}
