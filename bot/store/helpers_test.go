package store_test

import (
	"context"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/explainbot/explainbot/bot/store"
	"github.com/explainbot/explainbot/internal/testlog"
)

func testLogger(t testing.TB) *slog.Logger {
	lg, _ := testlog.New(t)
	return lg
}

// clock hands out strictly increasing times, one minute apart, from a fixed
// start, so order by time and order of recording agree in tests.
type clock struct{ n atomic.Int64 }

var epoch = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func (c *clock) Now() time.Time { return epoch.Add(time.Duration(c.n.Add(1)) * time.Minute) }

// at is a fixed time m minutes after epoch.
func at(m int) time.Time { return epoch.Add(time.Duration(m) * time.Minute) }

// open opens a store in dir and closes it when the test ends (a second
// Close, after an explicit one, is harmless).
func open(t testing.TB, dir string, opts store.Options) *store.Store {
	t.Helper()
	if opts.Now == nil {
		opts.Now = new(clock).Now
	}
	s, err := store.Open(context.Background(), testLogger(t), dir, opts)
	if err != nil {
		t.Fatalf("Open(%s): %v", dir, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func mustQuestion(t testing.TB, s *store.Store, q store.Question) {
	t.Helper()
	if err := s.RecordUnanswered(context.Background(), q); err != nil {
		t.Fatalf("RecordUnanswered(%+v): %v", q, err)
	}
}

func mustFeedback(t testing.TB, s *store.Store, f store.Feedback) {
	t.Helper()
	if err := s.RecordFeedback(context.Background(), f); err != nil {
		t.Fatalf("RecordFeedback(%+v): %v", f, err)
	}
}

func report(t testing.TB, s *store.Store, limit int) store.Report {
	t.Helper()
	r, err := s.Unanswered(context.Background(), limit)
	if err != nil {
		t.Fatalf("Unanswered(%d): %v", limit, err)
	}
	return r
}

func feedback(t testing.TB, s *store.Store, limit int) []store.FeedbackCount {
	t.Helper()
	fc, err := s.Feedback(context.Background(), limit)
	if err != nil {
		t.Fatalf("Feedback(%d): %v", limit, err)
	}
	return fc
}

func latestTexts(r store.Report) []string {
	var out []string
	for _, e := range r.Latest {
		out = append(out, e.Text)
	}
	return out
}
