package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/explainbot/explainbot/config"
	"github.com/explainbot/explainbot/internal/testnote"
)

// TestNotesRefusedUnopened: a FIFO note (even behind a symlink) and an
// oversized note fail the load by name, without being opened, so that a
// reader never blocks on them and never reads 50 MB to reject it. A good
// directory loads.
func TestNotesRefusedUnopened(t *testing.T) {
	tests := []struct {
		name  string
		make  func(t *testing.T, dir string)
		want  string // in the error; "" means the load succeeds
		where string // the file the error must name
	}{
		{"a regular note", func(t *testing.T, dir string) {}, "", ""},
		{"a FIFO", func(t *testing.T, dir string) {
			mkfifo(t, filepath.Join(dir, "pipe.md"))
		}, "not a regular file (a named pipe)", "pipe.md"},
		{"a symlink to a FIFO", func(t *testing.T, dir string) {
			fifo := filepath.Join(t.TempDir(), "fifo")
			mkfifo(t, fifo)
			if err := os.Symlink(fifo, filepath.Join(dir, "link.md")); err != nil {
				t.Fatal(err)
			}
		}, "not a regular file (a named pipe)", "link.md"},
		{"an oversized note", func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "huge.md"), testnote.Prompting+strings.Repeat("More words about prompting. ", 40_000))
		}, "over the limit of 1048576", "huge.md"},
		{"a FIFO in a dot directory is skipped, as the loader skips it", func(t *testing.T, dir string) {
			if err := os.Mkdir(filepath.Join(dir, ".git"), 0o750); err != nil {
				t.Fatal(err)
			}
			mkfifo(t, filepath.Join(dir, ".git", "pipe.md"))
		}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "prompting.md"), testnote.Prompting)
			tt.make(t, dir)
			arts, err := newNotesLoader(config.Config{}).load(context.Background(), dir)
			if tt.want == "" {
				if err != nil || len(arts) != 1 {
					t.Fatalf("load: %d articles, err %v; want the one note", len(arts), err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), tt.where) {
				t.Fatalf("load: err = %v, want %q naming %s", err, tt.want, tt.where)
			}
		})
	}
}

// TestCheckRefusesFIFO: `explainbot check` applies the same checks, so a
// teacher checking a directory with a FIFO gets an answer, not a hang.
func TestCheckRefusesFIFO(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "prompting.md"), testnote.Prompting)
	mkfifo(t, filepath.Join(dir, "pipe.md"))
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"check", dir}, env{stdout: &out, stderr: &errOut}); code != exitFail {
		t.Errorf("exit %d, want %d", code, exitFail)
	}
	if !strings.Contains(out.String(), "pipe.md: cannot read: not a regular file (a named pipe)") {
		t.Errorf("output does not name the FIFO:\n%s", out.String())
	}
}

// TestNotesLoaderOneStuckRead: while an earlier read has not returned (an
// abandoned read on a hung mount), a new load fails at once, saying why.
func TestNotesLoaderOneStuckRead(t *testing.T) {
	l := newNotesLoader(config.Config{})
	l.busy.Store(true) // as an abandoned read leaves it
	_, err := l.load(context.Background(), t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "has not returned yet") {
		t.Errorf("load beside a stuck read: err = %v", err)
	}
}

func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}
