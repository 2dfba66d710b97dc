package main

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/explainbot/explainbot/config"
	"github.com/explainbot/explainbot/index"
)

// reloadTimeout bounds one reload: reading the notes (itself bounded by
// NOTE_READ_TIMEOUT), building the index and retiring the old one.
const reloadTimeout = 2 * time.Minute

// reloader rebuilds the knowledge and swaps it in. Reloads coalesce: one
// runs at a time and at most one more is pending, which serves every
// request made while the first ran, so a storm of SIGHUPs costs two builds,
// not thousands. A broken article fails the reload and leaves the serving
// index as it was.
type reloader struct {
	lg    *slog.Logger
	cfg   config.Config
	notes *notesLoader
	live  *index.Live
	built func(index.Stats, error)
	base  context.Context // ends at shutdown, cancelling a running reload

	mu      sync.Mutex
	running bool
	pending bool
	waiters []chan error // callers of Reload waiting for the pending run
	idle    chan struct{}
	runs    int // reloads run, for tests and the log
}

// newReloader reloads into live; built hears of each reload's result. base
// ending stops a reload in progress.
func newReloader(base context.Context, cfg config.Config, lg *slog.Logger, live *index.Live, built func(index.Stats, error)) *reloader {
	if built == nil {
		built = func(index.Stats, error) {}
	}
	return &reloader{lg: lg, cfg: cfg, notes: newNotesLoader(cfg), live: live, built: built, base: base}
}

// Reload asks for a reload and waits until one that started after the call
// has finished, returning its error; or until ctx ends.
func (r *reloader) Reload(ctx context.Context) error {
	ch := make(chan error, 1)
	r.request(ch)
	select {
	case err := <-ch:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Trigger asks for a reload without waiting for it (SIGHUP).
func (r *reloader) Trigger() { r.request(nil) }

func (r *reloader) request(ch chan error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.pending = true
	if ch != nil {
		r.waiters = append(r.waiters, ch)
	}
	if !r.running {
		r.running = true
		r.idle = make(chan struct{})
		go r.loop()
	}
}

// loop runs pending reloads until none is left.
func (r *reloader) loop() {
	for {
		r.mu.Lock()
		if !r.pending {
			r.running = false
			close(r.idle)
			r.mu.Unlock()
			return
		}
		r.pending = false
		waiters := r.waiters
		r.waiters = nil
		r.runs++
		r.mu.Unlock()

		err := r.once()
		if err != nil {
			r.lg.Error("reload failed; the old knowledge keeps serving", "err", err)
		}
		for _, w := range waiters {
			w <- err
		}
	}
}

// Wait returns once no reload runs or is pending, or ctx's error.
func (r *reloader) Wait(ctx context.Context) error {
	r.mu.Lock()
	if !r.running {
		r.mu.Unlock()
		return nil
	}
	idle := r.idle
	r.mu.Unlock()
	select {
	case <-idle:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// once is one reload.
func (r *reloader) once() error {
	ctx, cancel := context.WithTimeout(r.base, reloadTimeout)
	defer cancel()
	arts, err := loadArticles(ctx, r.cfg, r.notes)
	if err != nil {
		r.built(index.Stats{}, err)
		return err
	}
	// Rebuilt in memory: the stored index is in use by the one serving.
	next, err := index.Build(ctx, r.lg, arts, index.Options{})
	if err != nil {
		r.built(index.Stats{}, err)
		return err
	}
	if err := r.live.Replace(ctx, next); err != nil {
		next.Close()
		r.built(index.Stats{}, err)
		return err
	}
	st := next.Stats()
	r.built(st, nil)
	r.lg.Info("knowledge reloaded", "articles", st.Articles, "sections", st.Sections, "generation", r.live.Generation())
	return nil
}
