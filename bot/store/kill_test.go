package store_test

import (
	"bufio"
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/explainbot/explainbot/bot/store"
)

const (
	killChildEnv = "EXPLAINBOT_STORE_KILL_CHILD"
	killQueue    = 64
	killAcks     = 3000
	killMaxSend  = 1_000_000
)

// TestMain lets the test binary act as the child of TestKillLosesOnlyQueue.
func TestMain(m *testing.M) {
	if dir := os.Getenv(killChildEnv); dir != "" {
		killChild(dir)
		return
	}
	os.Exit(m.Run())
}

// killChild records questions "q1", "q2", … as fast as it can and prints
// "ack N" for each one the store accepted, until it is killed.
func killChild(dir string) {
	s, err := store.Open(context.Background(), slog.New(slog.DiscardHandler), dir,
		store.Options{QueueSize: killQueue, MaxEntries: killMaxSend})
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(1)
	}
	w := bufio.NewWriter(os.Stdout)
	for i := 1; i <= killMaxSend; i++ {
		before := s.Stats().Dropped
		if err := s.RecordUnanswered(context.Background(), store.Question{Text: "q" + strconv.Itoa(i)}); err != nil {
			fmt.Fprintln(w, "error:", err)
			break
		}
		if s.Stats().Dropped == before {
			fmt.Fprintln(w, "ack", i)
			w.Flush()
		}
	}
	w.Flush()
	os.Exit(0)
}

// TestKillLosesOnlyQueue kills a process with SIGKILL while it records as
// fast as it can, then reopens the file: every record it had accepted is
// there except at most the last QueueSize + one batch, and what is there
// is in order, with no gaps among the accepted ones.
func TestKillLosesOnlyQueue(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), killChildEnv+"="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	acked := map[int]bool{}
	last := 0
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		line := sc.Text()
		n, ok := strings.CutPrefix(line, "ack ")
		if !ok {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("child: %s", line)
		}
		i, err := strconv.Atoi(n)
		if err != nil {
			t.Fatal(err)
		}
		acked[i], last = true, i
		if len(acked) == killAcks {
			break
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if len(acked) < killAcks {
		t.Fatalf("child stopped after %d acks", len(acked))
	}

	s := open(t, dir, store.Options{MaxEntries: killMaxSend})
	stored := map[int]bool{}
	maxStored := 0
	for _, e := range report(t, s, 0).Latest {
		i, err := strconv.Atoi(strings.TrimPrefix(e.Text, "q"))
		if err != nil {
			t.Fatalf("unexpected record %q", e.Text)
		}
		stored[i] = true
		maxStored = max(maxStored, i)
	}
	lost := 0
	for i := range acked {
		if !stored[i] && i <= maxStored {
			t.Errorf("q%d was accepted but is missing below the newest stored q%d: a gap", i, maxStored)
		}
		if !stored[i] {
			lost++
		}
	}
	t.Logf("killed after %d acks (last q%d); %d stored, newest q%d; %d accepted ones lost", len(acked), last, len(stored), maxStored, lost)
	if bound := killQueue + store.MaxBatch; lost > bound {
		t.Errorf("%d accepted records lost, want at most the queue plus one batch (%d)", lost, bound)
	}
}
