package store

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
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

// questionRecord is the stored form; short JSON names keep the file small.
// Its fields match Entry one for one, so a record converts directly.
type questionRecord struct {
	Text  string    `json:"t"`
	User  string    `json:"u,omitempty"`
	Guild string    `json:"g,omitempty"`
	Kind  Kind      `json:"k"`
	Score float64   `json:"s,omitempty"`
	At    time.Time `json:"a"`
}

// RecordUnanswered stores q, dropping the oldest question when the store is
// full.
func (s *Store) RecordUnanswered(ctx context.Context, q Question) error {
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
	v, err := json.Marshal(rec)
	if err != nil {
		return fmt.Errorf("record question: %w", err)
	}
	err = s.update(ctx, func(tx *bolt.Tx) error {
		_, err := s.appendEntry(tx, bucketQuestions, v)
		return err
	})
	if err != nil {
		return fmt.Errorf("record question: %w", err)
	}
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
	err := s.view(ctx, func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketQuestions).Cursor()
		// Newest first, so the first text seen for a group is the latest.
		for k, v := c.Last(); k != nil; k, v = c.Prev() {
			var r questionRecord
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("decode question %x: %w", k, err)
			}
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
