package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"
)

// Kind says why a question was recorded.
type Kind uint8

const (
	// Unanswered marks a question the search found nothing for.
	Unanswered Kind = iota
	// LowConfidence marks a question that got an answer the bot itself
	// doubted; the teacher may want to check it.
	LowConfidence
)

// String names the kind for reports and logs.
func (k Kind) String() string {
	switch k {
	case Unanswered:
		return "unanswered"
	case LowConfidence:
		return "low-confidence"
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// Question is one question worth the teacher's attention.
type Question struct {
	Text   string
	UserID string // hashed before it is stored, never kept in clear
	Guild  string
	Kind   Kind
	Score  float64   // the best search score, for LowConfidence
	At     time.Time // zero means now
}

// Entry is a stored question as a report shows it.
type Entry struct {
	Text  string
	User  string // the asker's pseudonym (see the package comment), empty if unknown
	Guild string
	Kind  Kind
	Score float64
	At    time.Time
}

// Count is how often one question (after normalisation) was recorded.
type Count struct {
	Text  string // as the latest asker typed it
	N     int
	Users int // distinct askers, so one student repeating a question stands out
	Last  time.Time
}

// Report is the teacher's view of the questions.
type Report struct {
	Frequent []Count // most often recorded first, ties broken by the latest
	Latest   []Entry // most recently recorded first
}

// questionRecord is a question as queued and stored. Its fields match Entry
// one for one, so a record converts directly.
type questionRecord struct {
	Text  string
	User  string
	Guild string
	Kind  Kind
	Score float64
	At    time.Time
}

// RecordUnanswered queues q for the writer and returns at once. It fails
// only for invalid input or a done ctx; a record dropped because the queue
// is full or the record is off is counted in Stats, not returned, since the
// caller's reply must not depend on it.
func (s *Store) RecordUnanswered(ctx context.Context, q Question) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("record question: %w", err)
	}
	if s.readOnly {
		return fmt.Errorf("record question: %w", errReadOnly)
	}
	rec := questionRecord{Text: clip(q.Text), User: s.hashUser(q.UserID), Guild: q.Guild,
		Kind: q.Kind, Score: q.Score, At: q.At}
	switch {
	case rec.Text == "":
		return errors.New("record question: empty text")
	case q.Kind > LowConfidence:
		return fmt.Errorf("record question: unknown kind %d", q.Kind)
	case math.IsNaN(q.Score) || math.IsInf(q.Score, 0):
		return fmt.Errorf("record question: score %v is not a finite number", q.Score)
	}
	if rec.At.IsZero() {
		rec.At = s.now()
	}
	s.enqueue(job{question: &rec})
	return nil
}

// Unanswered reports up to limit of the most frequent and of the latest
// questions; limit <= 0 means all.
func (s *Store) Unanswered(ctx context.Context, limit int) (Report, error) {
	var rep Report
	type group struct {
		Count
		users map[string]bool
	}
	groups := map[string]*group{}
	err := s.read(ctx, `SELECT text, user, guild, kind, score, at FROM questions ORDER BY seq DESC`, func(rows *sql.Rows) error {
		// Newest first, so the first text seen for a group is the latest.
		var r questionRecord
		var at int64
		if err := rows.Scan(&r.Text, &r.User, &r.Guild, &r.Kind, &r.Score, &at); err != nil {
			return err
		}
		r.At = time.Unix(0, at).UTC()
		if limit <= 0 || len(rep.Latest) < limit {
			rep.Latest = append(rep.Latest, Entry(r))
		}
		key := normalize(r.Text)
		g := groups[key]
		if g == nil {
			g = &group{Count: Count{Text: r.Text}, users: map[string]bool{}}
			groups[key] = g
		}
		g.N++
		if r.User != "" {
			g.users[r.User] = true
		}
		if r.At.After(g.Last) {
			g.Last = r.At
		}
		return nil
	})
	if err != nil {
		return Report{}, fmt.Errorf("report questions: %w", err)
	}
	for _, g := range groups {
		g.Users = len(g.users)
		rep.Frequent = append(rep.Frequent, g.Count)
	}
	slices.SortFunc(rep.Frequent, func(a, b Count) int {
		return cmp.Or(cmp.Compare(b.N, a.N), b.Last.Compare(a.Last), cmp.Compare(a.Text, b.Text))
	})
	if limit > 0 && len(rep.Frequent) > limit {
		rep.Frequent = rep.Frequent[:limit]
	}
	return rep, nil
}
