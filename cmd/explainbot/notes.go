package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/explainbot/explainbot/config"
	"github.com/explainbot/explainbot/knowledge"
)

// Defaults for a notes loader given zero limits (config's defaults).
const (
	defaultNoteMaxBytes    = 1 << 20
	defaultNoteReadTimeout = 10 * time.Second
)

// notesLoader reads a teacher's notes directory so that no note can wedge or
// balloon a reload: every note is stat'ed first and must be a regular file
// of at most maxBytes (a FIFO, device or 50 MB paste is refused by name,
// unopened), and the whole read runs under a deadline. A read that outlives
// its deadline (a hung mount) is abandoned; until it returns, later loads
// fail at once instead of stacking up more stuck reads.
//
// The reading itself is knowledge.LoadDir's, which re-walks the directory:
// a note swapped for a FIFO between the check and the read is caught by the
// deadline, not by the check.
type notesLoader struct {
	maxBytes int64
	timeout  time.Duration
	busy     atomic.Bool // a read is running, possibly abandoned
}

func newNotesLoader(cfg config.Config) *notesLoader {
	return &notesLoader{maxBytes: cmp0(cfg.NoteMaxBytes, defaultNoteMaxBytes), timeout: cmp0(cfg.NoteReadTimeout, defaultNoteReadTimeout)}
}

// cmp0 is v, or def when v is zero.
func cmp0[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

// load checks and parses every *.md note below dir.
func (l *notesLoader) load(ctx context.Context, dir string) ([]*knowledge.Article, error) {
	if !l.busy.CompareAndSwap(false, true) {
		return nil, fmt.Errorf("an earlier read of %s has not returned yet (a note on a hung mount?); not starting another", dir)
	}
	type result struct {
		arts []*knowledge.Article
		err  error
	}
	done := make(chan result, 1)
	go func() {
		defer l.busy.Store(false)
		if ps := l.check(dir); len(ps) > 0 {
			done <- result{err: ps}
			return
		}
		arts, err := knowledge.LoadDir(dir)
		done <- result{arts, err}
	}()
	t := time.NewTimer(l.timeout)
	defer t.Stop()
	select {
	case r := <-done:
		return r.arts, r.err
	case <-t.C:
		return nil, fmt.Errorf("reading %s took longer than %v (NOTE_READ_TIMEOUT): a note on a hung mount?", dir, l.timeout)
	case <-ctx.Done():
		return nil, fmt.Errorf("read %s: %w", dir, ctx.Err())
	}
}

// check walks dir as knowledge.LoadDir does (*.md files, dot directories
// skipped) and stats each note without opening it.
func (l *notesLoader) check(dir string) knowledge.Problems {
	var ps knowledge.Problems
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // LoadDir reports it
		}
		if d.IsDir() {
			if path != dir && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(d.Name(), ".md") {
			return nil
		}
		fi, err := os.Stat(path) // follows a symlink, as the read would
		switch {
		case err != nil:
			return nil // LoadDir reports it
		case !fi.Mode().IsRegular():
			ps = append(ps, knowledge.Problem{Path: path, Msg: fmt.Sprintf("not a regular file (%s): notes must be plain files", kind(fi.Mode()))})
		case fi.Size() > l.maxBytes:
			ps = append(ps, knowledge.Problem{Path: path, Msg: fmt.Sprintf("is %d bytes; a note may be at most %d (NOTE_MAX_BYTES)", fi.Size(), l.maxBytes)})
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		ps = append(ps, knowledge.Problem{Path: dir, Msg: "cannot read: " + err.Error()})
	}
	return ps
}

// kind names a file mode that is not a regular file.
func kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m.IsDir():
		return "a directory"
	}
	return m.Type().String()
}
