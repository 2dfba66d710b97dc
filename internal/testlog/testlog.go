package testlog

import (
	"bytes"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
)

// Log is a test's log: a writer to the test's output and a copy of what
// went through it. It is safe for concurrent use.
type Log struct {
	mu      sync.Mutex
	out     io.Writer
	copy    bytes.Buffer
	stopped bool
}

// New returns a text logger at debug level, so that every log statement
// runs in tests, writing to a new Log for t.
func New(t testing.TB) (*slog.Logger, *Log) {
	l := NewWriter(t)
	return slog.New(slog.NewTextHandler(l, &slog.HandlerOptions{Level: slog.LevelDebug})), l
}

// NewWriter returns a Log for t without a logger, as the stderr of a
// program run by an end-to-end test.
func NewWriter(t testing.TB) *Log {
	l := &Log{out: t.Output()}
	t.Cleanup(l.stop)
	return l
}

// Write copies p and, while the test runs, writes it to the test's output.
func (l *Log) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.copy.Write(p)
	if !l.stopped {
		l.out.Write(p)
	}
	return len(p), nil
}

// String is everything written so far.
func (l *Log) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.copy.String()
}

// Contains reports whether s was written.
func (l *Log) Contains(s string) bool { return strings.Contains(l.String(), s) }

func (l *Log) stop() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.stopped = true
}
