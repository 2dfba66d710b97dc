//go:build unix

package knowledge

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestLoadDirRefusesUnsafeFiles: a named pipe with no writer is refused at
// once, not waited on, and a file over the limit is not read.
func TestLoadDirRefusesUnsafeFiles(t *testing.T) {
	dir := t.TempDir()
	note := "---\ntitle: T\n---\n\n## A\n\ntext\n"
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte(note), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "big.md"), []byte(note+strings.Repeat("x", 200)), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.md"), 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	_, err := LoadDirLimit(dir, 100)
	var ps Problems
	if !errors.As(err, &ps) || len(ps) != 2 {
		t.Fatalf("LoadDirLimit: %v, want two problems", err)
	}
	if !strings.Contains(ps[0].String(), fmt.Sprintf("big.md: cannot read: file is %d bytes, over the limit of 100", len(note)+200)) ||
		!strings.Contains(ps[1].String(), "pipe.md: cannot read: not a regular file (a named pipe)") {
		t.Errorf("problems %q", ps)
	}
}
