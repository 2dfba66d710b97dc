package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"
)

// FileName is the name of the database file inside the data directory.
const FileName = "explainbot.sqlite"

// DefaultMaxEntries bounds each record when Options.MaxEntries is zero: a
// term of a busy class, yet small enough that a full report scan is quick.
const DefaultMaxEntries = 10000

// DefaultQueueSize bounds the records waiting for the writer when
// Options.QueueSize is zero. The writer commits a full queue in one
// transaction of a few milliseconds, so it only fills when the disk stalls.
const DefaultQueueSize = 1024

// DefaultDrainTimeout bounds how long Close waits for queued records.
const DefaultDrainTimeout = 10 * time.Second

// ErrNoRecord reports that a read-only open found no store: nothing has
// been recorded in that data directory yet.
var ErrNoRecord = errors.New("nothing recorded yet")

// ErrOff reports that the record is off: the data directory could not be
// used when the store was opened. Stats().Off says why.
var ErrOff = errors.New("the record is off")

// errReadOnly is what a write to a store from OpenReadOnly returns.
var errReadOnly = errors.New("store is open read-only")

// Options tunes a Store; the zero value is ready for production.
type Options struct {
	// MaxEntries bounds the number of questions and, separately, the number
	// of feedback votes kept; the oldest are dropped first. Zero means
	// DefaultMaxEntries.
	MaxEntries int
	// Salt keys the user-ID hash. Leave it empty to use a random salt made
	// on first open and kept in the database; set it (at least 16 bytes)
	// from a secret stored elsewhere so a copied file alone cannot be linked
	// back to Discord IDs.
	Salt []byte
	// Now stamps records; time.Now when nil.
	Now func() time.Time
	// QueueSize bounds the records waiting for the background writer; past
	// it records are dropped and counted. Zero means DefaultQueueSize.
	QueueSize int
	// DrainTimeout bounds how long Close waits for the queue to be written;
	// what is left then is dropped and counted. Zero means
	// DefaultDrainTimeout.
	DrainTimeout time.Duration
}

// Stats describe the store's health, for metrics.
type Stats struct {
	// Off is why the record is off, or "" while it records.
	Off string
	// Queued is how many records wait for the writer now.
	Queued int
	// Written counts records committed; Dropped those refused because the
	// queue was full or the record off; Failed those lost to a failed write
	// (a full disk, say).
	Written, Dropped, Failed uint64
	// MovedAside names the damaged file that Open moved aside, if any.
	MovedAside string
}

// Store is the classroom record. It is safe for concurrent use.
type Store struct {
	lg       *slog.Logger
	db       *sql.DB // nil while off
	path     string
	max      int
	salt     []byte
	now      func() time.Time
	readOnly bool
	off      string // why the record is off; fixed once Open returns

	// mu guards closed and every send on queue, so that Close can close
	// the channel while writes may still arrive.
	mu         sync.RWMutex
	closed     bool
	queue      chan job
	writerDone chan struct{}
	drain      time.Duration
	abandon    atomic.Bool // Close gave up waiting: drop what is left

	written, dropped, failed atomic.Uint64
	movedAside               string
	warn                     limiter
}

// Open opens (creating if needed) dir/explainbot.sqlite for recording and
// starts its writer. It fails only for invalid options or a done ctx: a
// data directory that cannot be used turns the record off instead (see
// Stats), and a damaged file is moved aside and replaced by a fresh one,
// so that answering never depends on the disk.
func Open(ctx context.Context, lg *slog.Logger, dir string, opts Options) (*Store, error) {
	path := filepath.Join(dir, FileName)
	switch {
	case opts.MaxEntries < 0:
		return nil, fmt.Errorf("open store %s: MaxEntries must not be negative, got %d", path, opts.MaxEntries)
	case opts.QueueSize < 0:
		return nil, fmt.Errorf("open store %s: QueueSize must not be negative, got %d", path, opts.QueueSize)
	case len(opts.Salt) > 0 && len(opts.Salt) < 16:
		return nil, fmt.Errorf("open store %s: salt must be at least 16 bytes, got %d", path, len(opts.Salt))
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	s := newStore(lg, path, opts)
	s.queue = make(chan job, cmp0(opts.QueueSize, DefaultQueueSize))
	s.writerDone = make(chan struct{})
	s.drain = cmp0(opts.DrainTimeout, DefaultDrainTimeout)
	if err := s.openWriter(ctx, dir, opts.Salt); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("open store %s: %w", path, ctx.Err())
		}
		s.off = err.Error()
		s.lg.Warn("store: the record is off; answering goes on without it", "path", path, "err", err)
		close(s.writerDone)
		return s, nil
	}
	go s.write()
	return s, nil
}

// OpenReadOnly opens dir's store for reading beside a running writer. It
// never creates the directory or the file: when either is missing it
// returns ErrNoRecord. A damaged file is reported, not moved.
func OpenReadOnly(ctx context.Context, lg *slog.Logger, dir string) (*Store, error) {
	path := filepath.Join(dir, FileName)
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil, ErrNoRecord
	} else if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	s := newStore(lg, path, Options{})
	s.readOnly = true
	db, err := openDB(path, true)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	if err := check(ctx, db); err != nil {
		db.Close()
		if errors.Is(err, errEmpty) {
			return nil, ErrNoRecord
		}
		return nil, fmt.Errorf("open store %s: %w (serve moves a damaged file aside at its next start)", path, err)
	}
	s.db = db
	return s, nil
}

func newStore(lg *slog.Logger, path string, opts Options) *Store {
	s := &Store{lg: lg, path: path, max: cmp0(opts.MaxEntries, DefaultMaxEntries), now: opts.Now, warn: limiter{every: time.Minute}}
	if s.now == nil {
		s.now = time.Now
	}
	return s
}

// cmp0 is v, or def when v is zero.
func cmp0[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

// Stats reports the store's health.
func (s *Store) Stats() Stats {
	return Stats{Off: s.off, Queued: len(s.queue), Written: s.written.Load(), Dropped: s.dropped.Load(),
		Failed: s.failed.Load(), MovedAside: s.movedAside}
}

// Path is the database file's path.
func (s *Store) Path() string { return s.path }

// Close stops taking records, waits (at most Options.DrainTimeout) for the
// queue to be written and closes the file. Calling it again does nothing.
func (s *Store) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	if s.queue != nil && s.off == "" {
		close(s.queue)
	}
	s.mu.Unlock()
	if s.writerDone != nil {
		t := time.NewTimer(s.drain)
		select {
		case <-s.writerDone:
		case <-t.C:
			s.abandon.Store(true)
			s.lg.Error("store: gave up waiting for the queue; dropping what is left", "path", s.path, "waited", s.drain)
			<-s.writerDone
		}
		t.Stop()
	}
	if s.db == nil {
		return nil
	}
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close store %s: %w", s.path, err)
	}
	return nil
}

// read runs query after the queue is flushed and calls row for each row.
// An off store has nothing to read: ErrOff.
func (s *Store) read(ctx context.Context, query string, row func(*sql.Rows) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if s.off != "" {
		return fmt.Errorf("%w: %s", ErrOff, s.off)
	}
	if err := s.flush(ctx); err != nil {
		return err
	}
	rows, err := s.db.QueryContext(ctx, query)
	if err != nil {
		return classify(err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := row(rows); err != nil {
			return err
		}
	}
	return classify(rows.Err())
}
