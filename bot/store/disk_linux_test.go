package store_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/explainbot/explainbot/bot/store"
)

// mountTmpfs mounts a small tmpfs on a fresh directory (root only: the
// test is skipped elsewhere) and unmounts it when the test ends.
func mountTmpfs(t *testing.T, flags uintptr, data string) string {
	t.Helper()
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", flags, data); err != nil {
		t.Skipf("cannot mount a tmpfs here (needs root): %v", err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(dir, syscall.MNT_DETACH); err != nil {
			t.Errorf("unmount %s: %v", dir, err)
		}
	})
	return dir
}

// TestReadOnlyDataDir: on a read-only filesystem (where even root cannot
// write) Open turns the record off instead of failing.
func TestReadOnlyDataDir(t *testing.T) {
	dir := mountTmpfs(t, syscall.MS_RDONLY, "size=1m")
	var logs bytes.Buffer
	s, err := store.Open(context.Background(), slog.New(slog.NewTextHandler(&logs, nil)), filepath.Join(dir, "data"), store.Options{})
	if err != nil {
		t.Fatalf("Open on a read-only filesystem: %v", err)
	}
	defer s.Close()
	if s.Stats().Off == "" {
		t.Fatal("the record is on over a read-only filesystem")
	}
	mustQuestion(t, s, store.Question{Text: "x"})
	if got := s.Stats().Dropped; got != 1 {
		t.Errorf("dropped = %d, want 1", got)
	}
	if !strings.Contains(logs.String(), "the record is off") {
		t.Errorf("no warning that the record is off:\n%s", logs.String())
	}
}

// TestFullDisk: when the disk fills after the store opened, writes fail and
// are counted, one warning a minute is logged, and once space is freed the
// store writes again.
func TestFullDisk(t *testing.T) {
	dir := mountTmpfs(t, 0, "size=256k")
	var logs lockedBuffer
	s, err := store.Open(context.Background(), slog.New(slog.NewTextHandler(&logs, nil)), dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if off := s.Stats().Off; off != "" {
		t.Fatalf("record off on an empty tmpfs: %s", off)
	}
	// Fill the filesystem.
	filler := filepath.Join(dir, "filler")
	f, err := os.Create(filler)
	if err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 4096)
	for {
		if _, err := f.Write(chunk); err != nil {
			break
		}
	}
	f.Close()
	long := strings.Repeat("a question long enough to need new pages ", 10)
	for i := range 200 {
		mustQuestion(t, s, store.Question{Text: fmt.Sprintf("%s %d", long, i)})
	}
	report(t, s, 0) // waits for the writer
	st := s.Stats()
	if st.Failed == 0 {
		t.Fatalf("stats = %+v: no write failed on a full disk", st)
	}
	if got := strings.Count(logs.String(), "write failed"); got != 1 {
		t.Errorf("%d write-failure warnings, want 1 within the minute:\n%s", got, logs.String())
	}
	must(t, os.Remove(filler))
	mustQuestion(t, s, store.Question{Text: "after space was freed"})
	if got := latestTexts(report(t, s, 1)); len(got) != 1 || got[0] != "after space was freed" {
		t.Errorf("after freeing space: latest = %q", got)
	}
}
