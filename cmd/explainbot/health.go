package main

import (
	"errors"
	"fmt"
	"sync"
	"time"
)

// gatewayHealth turns the gateway's connects and disconnects into the two
// probes: not ready while disconnected (no traffic is routed to a bot that
// cannot answer), and unhealthy once down longer than limit (so that
// Kubernetes or systemd restarts a process that cannot get back). Without a
// gateway both always pass.
type gatewayHealth struct {
	enabled bool
	limit   time.Duration
	now     func() time.Time

	mu    sync.Mutex
	up    bool
	since time.Time // when up last changed; the start counts as a change
}

func newGatewayHealth(enabled bool, limit time.Duration, now func() time.Time) *gatewayHealth {
	if limit <= 0 {
		limit = 2 * time.Minute
	}
	return &gatewayHealth{enabled: enabled, limit: limit, now: now, since: now()}
}

// set records a connect (true) or disconnect (false).
func (g *gatewayHealth) set(up bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if up != g.up {
		g.up, g.since = up, g.now()
	}
}

func (g *gatewayHealth) ready() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.enabled && !g.up {
		return errors.New("gateway not connected")
	}
	return nil
}

func (g *gatewayHealth) healthy() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.enabled || g.up {
		return nil
	}
	if down := g.now().Sub(g.since); down > g.limit {
		return fmt.Errorf("gateway down for %v (GATEWAY_DOWN_LIMIT is %v)", down.Round(time.Second), g.limit)
	}
	return nil
}
