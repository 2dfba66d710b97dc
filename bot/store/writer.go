package store

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"time"
)

// job is one queued record, or a barrier (done) that the writer closes once
// everything queued before it is committed.
type job struct {
	question *questionRecord
	feedback *feedbackRecord
	done     chan struct{}
}

// testHookCommit, when set by a test, runs before each commit, so that a
// test can hold the writer while the queue fills.
var testHookCommit func()

// maxBatch bounds one transaction, so that a barrier or Close never waits
// behind an unbounded commit.
const maxBatch = 512

// enqueue hands a record to the writer without waiting: when the queue is
// full, or the record is off or closed, the record is dropped and counted.
// The caller learns nothing: a reply must not depend on the record, and a
// warning at most once a minute is enough for the operator.
func (s *Store) enqueue(j job) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	switch {
	case s.off != "":
		s.drop("store: the record is off; record dropped", "reason", s.off)
		return
	case s.closed:
		s.drop("store: closed; record dropped")
		return
	}
	select {
	case s.queue <- j:
	default:
		s.drop("store: queue full; record dropped (the disk is slower than the questions)", "queue", cap(s.queue))
	}
}

func (s *Store) drop(msg string, args ...any) {
	s.dropped.Add(1)
	s.warnf(msg, args...)
}

// warnf logs a warning at most once a minute, saying how many it held back.
func (s *Store) warnf(msg string, args ...any) {
	if ok, held := s.warn.allow(time.Now()); ok {
		s.lg.Warn(msg, append(args, "path", s.path, "dropped_total", s.dropped.Load(),
			"failed_total", s.failed.Load(), "warnings_held_back", held)...)
	}
}

// flush waits until every record queued before the call is committed (or
// failed), so that a report read right after a record shows it.
func (s *Store) flush(ctx context.Context) error {
	done := make(chan struct{})
	s.mu.RLock()
	if s.closed || s.queue == nil || s.off != "" {
		s.mu.RUnlock()
		return nil
	}
	select {
	case s.queue <- job{done: done}:
	case <-ctx.Done():
		s.mu.RUnlock()
		return ctx.Err()
	}
	s.mu.RUnlock()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// write is the writer goroutine: it takes whatever is queued, up to
// maxBatch, and commits it in one transaction, until Close closes the queue
// and it is empty.
func (s *Store) write() {
	defer close(s.writerDone)
	batch := make([]job, 0, maxBatch)
	for j := range s.queue {
		batch = append(batch[:0], j)
	more:
		for len(batch) < maxBatch {
			select {
			case j, ok := <-s.queue:
				if !ok {
					break more
				}
				batch = append(batch, j)
			default:
				break more
			}
		}
		s.commit(batch)
	}
}

// commit writes one batch and releases its barriers. A failed transaction
// loses the batch's records, which are counted and warned about.
func (s *Store) commit(batch []job) {
	n := 0
	for _, j := range batch {
		if j.done == nil {
			n++
		}
	}
	defer func() {
		for _, j := range batch {
			if j.done != nil {
				close(j.done)
			}
		}
	}()
	if n == 0 {
		return
	}
	if testHookCommit != nil {
		testHookCommit()
	}
	if s.abandon.Load() {
		s.dropped.Add(uint64(n))
		return
	}
	if err := s.commitTx(batch); err != nil {
		s.failed.Add(uint64(n))
		s.warnf("store: write failed; records lost", "records", n, "err", err)
		return
	}
	s.written.Add(uint64(n))
}

func (s *Store) commitTx(batch []job) error {
	// The writer is not tied to any request: its records were accepted.
	ctx := context.Background()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	var insQ, delVote, insF *sql.Stmt
	for _, j := range batch {
		switch {
		case j.question != nil:
			if insQ == nil {
				if insQ, err = tx.PrepareContext(ctx, `INSERT INTO questions (text, user, guild, kind, score, at) VALUES (?, ?, ?, ?, ?, ?)`); err != nil {
					return fmt.Errorf("prepare question insert: %w", err)
				}
			}
			r := j.question
			if _, err := insQ.ExecContext(ctx, r.Text, r.User, r.Guild, int(r.Kind), r.Score, r.At.UnixNano()); err != nil {
				return fmt.Errorf("insert question: %w", err)
			}
		case j.feedback != nil:
			if insF == nil {
				if delVote, err = tx.PrepareContext(ctx, `DELETE FROM feedback WHERE vote = ?`); err != nil {
					return fmt.Errorf("prepare vote delete: %w", err)
				}
				if insF, err = tx.PrepareContext(ctx, `INSERT INTO feedback (answer_key, heading, question, helpful, user, at, vote) VALUES (?, ?, ?, ?, ?, ?, ?)`); err != nil {
					return fmt.Errorf("prepare feedback insert: %w", err)
				}
			}
			r := j.feedback
			// One vote per student, answer and question: a new press replaces
			// the old one and goes to the end, as the latest.
			if _, err := delVote.ExecContext(ctx, r.Vote); err != nil {
				return fmt.Errorf("replace vote: %w", err)
			}
			if _, err := insF.ExecContext(ctx, r.Key, r.Heading, r.Question, r.Helpful, r.User, r.At.UnixNano(), r.Vote); err != nil {
				return fmt.Errorf("insert feedback: %w", err)
			}
		}
	}
	if _, err := s.trim(ctx, tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// trim drops the oldest entries past the bound from both tables and returns
// how many it dropped.
func (s *Store) trim(ctx context.Context, tx *sql.Tx) (int64, error) {
	var dropped int64
	for _, table := range []string{"questions", "feedback"} {
		res, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE seq <= (SELECT seq FROM `+table+` ORDER BY seq DESC LIMIT 1 OFFSET ?)`, s.max)
		if err != nil {
			return 0, fmt.Errorf("drop oldest %s: %w", table, err)
		}
		n, _ := res.RowsAffected()
		dropped += n
	}
	return dropped, nil
}

// limiter allows one event per interval and counts the ones it held back.
type limiter struct {
	every time.Duration

	mu   sync.Mutex
	last time.Time
	held int
}

// allow reports whether an event at now may go ahead, and how many were
// held back since the last one that did.
func (l *limiter) allow(now time.Time) (bool, int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.last.IsZero() && now.Sub(l.last) < l.every {
		l.held++
		return false, 0
	}
	held := l.held
	l.last, l.held = now, 0
	return true, held
}
