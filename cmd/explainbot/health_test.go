package main

import (
	"strings"
	"testing"
	"time"
)

// TestGatewayHealth walks the probes through a start with the gateway down,
// a connect, a short outage and a long one.
func TestGatewayHealth(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	g := newGatewayHealth(true, 2*time.Minute, func() time.Time { return now })
	step := func(what string, d time.Duration, wantReady, wantHealthy bool) {
		t.Helper()
		now = now.Add(d)
		if got := g.ready() == nil; got != wantReady {
			t.Errorf("%s: ready = %v, want %v (%v)", what, got, wantReady, g.ready())
		}
		if got := g.healthy() == nil; got != wantHealthy {
			t.Errorf("%s: healthy = %v, want %v (%v)", what, got, wantHealthy, g.healthy())
		}
	}
	step("at start, not yet connected", 0, false, true)
	step("a minute into start", time.Minute, false, true)
	step("past the limit without connecting", 61*time.Second, false, false)
	g.set(true)
	step("connected", 0, true, true)
	g.set(false)
	step("just disconnected", time.Second, false, true)
	step("down for 2m30s", 149*time.Second, false, false)
	if err := g.healthy(); err == nil || !strings.Contains(err.Error(), "GATEWAY_DOWN_LIMIT") {
		t.Errorf("unhealthy reason %v does not name GATEWAY_DOWN_LIMIT", err)
	}
	g.set(true)
	step("back", 0, true, true)

	off := newGatewayHealth(false, time.Minute, func() time.Time { return now.Add(time.Hour) })
	if off.ready() != nil || off.healthy() != nil {
		t.Error("without a gateway the probes must pass")
	}
}
