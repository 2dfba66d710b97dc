package store_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/explainbot/explainbot/bot/store"
)

// TestQueueFullDropsNotBlocks holds the writer, fills the queue and shows
// that the next records are dropped and counted while the callers return
// at once; once the writer goes on, everything queued is written.
func TestQueueFullDropsNotBlocks(t *testing.T) {
	release := make(chan struct{})
	held := make(chan struct{}, 1)
	store.SetCommitHook(func() {
		select {
		case held <- struct{}{}:
			<-release
		default:
		}
	})
	t.Cleanup(func() { store.SetCommitHook(nil) })

	dir := t.TempDir()
	s := open(t, dir, store.Options{QueueSize: 4})
	mustQuestion(t, s, store.Question{Text: "first"})
	<-held // the writer took "first" and waits
	for i := range 10 {
		mustQuestion(t, s, store.Question{Text: fmt.Sprintf("q%d", i)})
	}
	st := s.Stats()
	if st.Queued != 4 || st.Dropped != 6 {
		t.Errorf("while the writer is held: queued %d, dropped %d; want 4 and 6", st.Queued, st.Dropped)
	}
	close(release)
	want := []string{"q3", "q2", "q1", "q0", "first"}
	if got := latestTexts(report(t, s, 0)); !slicesEqual(got, want) {
		t.Errorf("after release: latest = %q, want %q", got, want)
	}
	if st := s.Stats(); st.Written != 5 || st.Dropped != 6 || st.Failed != 0 {
		t.Errorf("stats = %+v, want 5 written, 6 dropped, 0 failed", st)
	}
}

// TestCloseDrainsQueue queues more than one batch while the writer is held
// and shows Close writes every one of them, as SIGTERM needs.
func TestCloseDrainsQueue(t *testing.T) {
	release := make(chan struct{})
	var once sync.Once
	store.SetCommitHook(func() { once.Do(func() { <-release }) })
	t.Cleanup(func() { store.SetCommitHook(nil) })

	dir := t.TempDir()
	const n = store.MaxBatch*2 + 7
	s := open(t, dir, store.Options{QueueSize: n + n/50 + 2}) // room for every question and vote
	for i := range n {
		mustQuestion(t, s, store.Question{Text: fmt.Sprintf("q%d", i)})
		if i%50 == 0 {
			mustFeedback(t, s, store.Feedback{AnswerKey: "k", Question: "q", UserID: fmt.Sprint(i)})
		}
	}
	close(release)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = open(t, dir, store.Options{})
	r := report(t, s, 0)
	if len(r.Latest) != n || r.Latest[0].Text != fmt.Sprintf("q%d", n-1) {
		t.Errorf("after Close and reopen: %d questions (latest %v), want %d", len(r.Latest), r.Latest[:min(1, len(r.Latest))], n)
	}
	if fc := feedback(t, s, 0); len(fc) != 1 || fc[0].Helpful+fc[0].NotHelpful != (n+49)/50 {
		t.Errorf("feedback after reopen = %+v, want %d votes", fc, (n+49)/50)
	}
}

// TestRecordAfterClose is counted as dropped, without a panic on the closed
// queue.
func TestRecordAfterClose(t *testing.T) {
	s := open(t, t.TempDir(), store.Options{})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	mustQuestion(t, s, store.Question{Text: "late"})
	if got := s.Stats().Dropped; got != 1 {
		t.Errorf("dropped = %d after a record past Close, want 1", got)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

// TestRecordOffWhenDirUnusable: a data directory that cannot be created
// turns the record off; Open still succeeds, records are dropped and
// counted, reads say the record is off, and the warning comes at most once
// a minute (fake time in a synctest bubble).
func TestRecordOffWhenDirUnusable(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	synctest.Test(t, func(t *testing.T) {
		var logs lockedBuffer
		lg := slog.New(slog.NewTextHandler(&logs, nil))
		s, err := store.Open(context.Background(), lg, filepath.Join(file, "data"), store.Options{})
		if err != nil {
			t.Fatalf("Open: %v, want a store that is off", err)
		}
		defer s.Close()
		if s.Stats().Off == "" {
			t.Fatal("Stats().Off is empty for a data directory under a regular file")
		}
		for range 100 {
			mustQuestion(t, s, store.Question{Text: "dropped"})
		}
		if got := strings.Count(logs.String(), "record dropped"); got != 1 {
			t.Errorf("%d drop warnings for 100 drops within a minute, want 1:\n%s", got, logs.String())
		}
		time.Sleep(61 * time.Second)
		mustFeedback(t, s, store.Feedback{AnswerKey: "k", UserID: "1"})
		if got := strings.Count(logs.String(), "record dropped"); got != 2 {
			t.Errorf("%d drop warnings after a minute more, want 2", got)
		}
		if !strings.Contains(logs.String(), "warnings_held_back=99") {
			t.Errorf("the second warning does not say 99 were held back:\n%s", logs.String())
		}
		if got := s.Stats().Dropped; got != 101 {
			t.Errorf("dropped = %d, want 101", got)
		}
		if _, err := s.Unanswered(context.Background(), 0); err == nil || !strings.Contains(err.Error(), "record is off") {
			t.Errorf("Unanswered on an off store: err = %v, want the record is off", err)
		}
	})
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func slicesEqual(a, b []string) bool {
	return strings.Join(a, "\x00") == strings.Join(b, "\x00") && len(a) == len(b)
}
