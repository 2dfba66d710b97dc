package httpapi

import (
	"net"
	"sync"

	"github.com/explainbot/explainbot/metrics"
)

// DefaultMaxConns caps the connections served at once when Options.MaxConns
// is zero. Discord's own traffic to one bot needs a handful; the cap is what
// keeps thousands of idle keep-alive connections from costing memory.
const DefaultMaxConns = 512

// limitListener accepts at most cap(slots) connections at once: Accept
// waits for a slot, and a connection frees its slot when closed. Closing
// the listener (as http.Server.Shutdown does, after marking itself shut
// down) also ends an Accept waiting for a slot.
type limitListener struct {
	net.Listener
	slots     chan struct{}
	metrics   *metrics.Metrics
	done      chan struct{}
	closeOnce sync.Once
}

func newLimitListener(ln net.Listener, n int, m *metrics.Metrics) *limitListener {
	return &limitListener{Listener: ln, slots: make(chan struct{}, n), metrics: m, done: make(chan struct{})}
}

func (l *limitListener) Close() error {
	l.closeOnce.Do(func() { close(l.done) })
	return l.Listener.Close()
}

func (l *limitListener) Accept() (net.Conn, error) {
	select {
	case l.slots <- struct{}{}:
	default:
		l.metrics.Capped()
		select {
		case l.slots <- struct{}{}:
		case <-l.done:
			return nil, net.ErrClosed
		}
	}
	c, err := l.Listener.Accept()
	if err != nil {
		<-l.slots
		return nil, err
	}
	l.metrics.ConnOpened()
	return &limitConn{Conn: c, release: func() { <-l.slots; l.metrics.ConnClosed() }}, nil
}

// limitConn frees its listener slot on its first Close.
type limitConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *limitConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}
