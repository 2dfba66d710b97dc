package discordfake

import (
	"strings"
	"sync"
	"testing"
)

// tWriter turns log lines into t.Log calls until stopped; testing panics on
// a Log after the test has finished, so the fake stops it in Close.
type tWriter struct {
	mu      sync.Mutex
	t       testing.TB
	stopped bool
}

func (w *tWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.stopped {
		w.t.Log(strings.TrimSuffix(string(p), "\n"))
	}
	return len(p), nil
}

func (w *tWriter) stop() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.stopped = true
}
