package httpapi

import (
	"bufio"
	"context"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestConnectionCap holds MaxConns idle keep-alive connections open: the
// next connection waits (counted in /metrics) instead of being served, and
// is served as soon as one of the others closes.
func TestConnectionCap(t *testing.T) {
	s := newServer(t, Options{MaxConns: 2})
	url, _, _ := serve(t, s)
	addr := strings.TrimPrefix(url, "http://")
	// Two kept-alive connections, each having completed one request.
	var held []net.Conn
	for range 2 {
		c := dial(t, addr)
		get(t, c, "/healthz")
		held = append(held, c)
	}
	third := dial(t, addr)
	answered := make(chan string, 1)
	go func() {
		third.SetDeadline(time.Now().Add(30 * time.Second))
		answered <- get(t, third, "/healthz")
	}()
	waitFor(t, func() bool {
		return strings.Contains(scrape(t, s), "explainbot_http_connection_cap_reached_total 1\n")
	})
	select {
	case got := <-answered:
		t.Fatalf("the third connection was served (%q) while two held the cap", got)
	default:
	}
	held[0].Close()
	if got := <-answered; !strings.HasPrefix(got, "HTTP/1.1 200") {
		t.Errorf("third connection after a slot freed: %q", got)
	}
	held[1].Close()
	third.Close()
}

func dial(t *testing.T, addr string) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// get sends one keep-alive GET on c and returns the status line.
func get(t *testing.T, c net.Conn, path string) string {
	if _, err := c.Write([]byte("GET " + path + " HTTP/1.1\r\nHost: test\r\n\r\n")); err != nil {
		return "write: " + err.Error()
	}
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		return "read: " + err.Error()
	}
	resp.Body.Close()
	return "HTTP/1.1 " + resp.Status
}

func scrape(t *testing.T, s *testServer) string {
	return s.do(httpGet("/metrics")).Body.String()
}

// waitFor polls cond until it holds, failing the test after a generous
// bound; it waits for a state, it does not time anything.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	for !cond() {
		select {
		case <-ctx.Done():
			t.Fatal("condition not reached")
		case <-time.After(5 * time.Millisecond):
		}
	}
}
