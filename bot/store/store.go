package store

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
)

// FileName is the name of the database file inside the data directory.
const FileName = "explainbot.db"

// DefaultMaxEntries bounds each record when Options.MaxEntries is zero: a
// term of a busy class, yet small enough that a full report scan is quick.
const DefaultMaxEntries = 10000

// DefaultLockTimeout is how long Open waits for another process to release
// the file before giving up; a running bot never releases it, so waiting
// longer only delays the error.
const DefaultLockTimeout = time.Second

// ErrLocked reports that another process (or another Store in this process)
// holds the database file.
var ErrLocked = errors.New("locked by another process")

// Options tunes a Store; the zero value is ready for production.
type Options struct {
	// MaxEntries bounds the number of questions and, separately, the number
	// of feedback votes kept; the oldest are dropped first. Zero means
	// DefaultMaxEntries.
	MaxEntries int
	// Salt keys the user-ID hash. Leave it empty to use a random salt made
	// on first open and kept in the database; set it (at least 16 bytes)
	// from a secret stored elsewhere so a copied file alone cannot be linked
	// back to users.
	Salt []byte
	// LockTimeout is how long Open waits for the file lock. Zero means
	// DefaultLockTimeout.
	LockTimeout time.Duration
	// Now stamps records recorded without a time; tests set it.
	Now func() time.Time
}

// Bucket names. Keys in questions and feedback are big-endian sequence
// numbers, so cursor order is insertion order and the oldest entry is First.
var (
	bucketMeta      = []byte("meta")
	bucketQuestions = []byte("questions")
	bucketFeedback  = []byte("feedback")
	bucketVotes     = []byte("votes") // vote key -> feedback sequence
	keySalt         = []byte("salt")
)

const saltSize = 32

// Store is the classroom record. It is safe for concurrent use: each call is
// one bbolt transaction.
type Store struct {
	lg   *slog.Logger
	db   *bolt.DB
	path string
	max  int
	salt []byte
	now  func() time.Time
}

// Open opens (creating if needed) dir/explainbot.db. It fails fast with
// ErrLocked when another process holds the file, waiting at most
// opts.LockTimeout or until ctx is done, whichever comes first.
func Open(ctx context.Context, lg *slog.Logger, dir string, opts Options) (*Store, error) {
	path := filepath.Join(dir, FileName)
	if opts.MaxEntries < 0 {
		return nil, fmt.Errorf("open store %s: MaxEntries must not be negative, got %d", path, opts.MaxEntries)
	}
	if len(opts.Salt) > 0 && len(opts.Salt) < 16 {
		return nil, fmt.Errorf("open store %s: salt must be at least 16 bytes, got %d", path, len(opts.Salt))
	}
	s := &Store{lg: lg, path: path, max: opts.MaxEntries, now: opts.Now}
	if s.max == 0 {
		s.max = DefaultMaxEntries
	}
	if s.now == nil {
		s.now = time.Now
	}
	timeout := opts.LockTimeout
	if timeout <= 0 {
		timeout = DefaultLockTimeout
	}
	if d, ok := ctx.Deadline(); ok && time.Until(d) < timeout {
		timeout = time.Until(d)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	if timeout <= 0 {
		return nil, fmt.Errorf("open store %s: %w", path, context.DeadlineExceeded)
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: timeout})
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, fmt.Errorf("open store %s: %w", path, ErrLocked)
	}
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	// Writes come from many interactions at once; a short batch delay lets
	// them share one fsync'd transaction instead of queueing for one each.
	db.MaxBatchDelay = batchDelay
	s.db = db
	if err := s.init(opts.Salt); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	return s, nil
}

// init creates the buckets, loads or makes the salt, reconciles the entry
// counts with the buckets (once, so writes can trust them) and applies a
// MaxEntries lowered since the last run.
func (s *Store) init(salt []byte) error {
	var questions, feedback, dropped int
	err := s.db.Update(func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketMeta, bucketQuestions, bucketFeedback, bucketVotes} {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return fmt.Errorf("create bucket %s: %w", name, err)
			}
		}
		meta := tx.Bucket(bucketMeta)
		if len(salt) > 0 {
			s.salt = append([]byte(nil), salt...)
		} else if stored := meta.Get(keySalt); stored != nil {
			s.salt = append([]byte(nil), stored...)
		} else {
			s.salt = make([]byte, saltSize)
			if _, err := rand.Read(s.salt); err != nil {
				return fmt.Errorf("make salt: %w", err)
			}
			if err := meta.Put(keySalt, s.salt); err != nil {
				return fmt.Errorf("save salt: %w", err)
			}
			s.lg.Info("store: created a new user-hash salt", "path", s.path)
		}
		for _, r := range []struct {
			name []byte
			n    *int
		}{{bucketQuestions, &questions}, {bucketFeedback, &feedback}} {
			n := tx.Bucket(r.name).Stats().KeyN
			kept, err := s.trim(tx, r.name, n)
			if err != nil {
				return err
			}
			dropped += n - kept
			*r.n = kept
		}
		return nil
	})
	if err != nil {
		return err
	}
	s.lg.Info("store: opened", "path", s.path, "questions", questions, "feedback", feedback,
		"max_entries", s.max, "dropped", dropped)
	return nil
}

// Close releases the file lock. Calls after Close fail.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close store %s: %w", s.path, err)
	}
	return nil
}

// batchDelay is the longest a write waits for others to share its transaction.
const batchDelay = 2 * time.Millisecond

// update runs fn in a write transaction unless ctx is already done; bbolt
// transactions are short and cannot be interrupted. Concurrent writes are
// batched into one transaction (bolt.DB.Batch): fn keeps all its state in
// the transaction, so bbolt may safely run it again if a batch fails.
func (s *Store) update(ctx context.Context, fn func(tx *bolt.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return s.db.Batch(fn)
}

// view is update's read-only twin.
func (s *Store) view(ctx context.Context, fn func(tx *bolt.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return s.db.View(fn)
}
