package main

import (
	"context"
	"fmt"
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
// balloon a reload: knowledge.LoadDirLimit opens every note without
// blocking and refuses anything but a regular file of at most maxBytes (a
// FIFO, a device, a 50 MB paste), and the whole read runs under a deadline.
// A read that outlives its deadline (a hung mount) is abandoned; until it
// returns, later loads fail at once instead of stacking up more stuck reads.
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
		arts, err := knowledge.LoadDirLimit(dir, l.maxBytes)
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
