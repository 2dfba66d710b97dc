package store

import (
	"cmp"
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"
)

// Feedback is one press of "Helpful" or "Not helpful" under an answer.
type Feedback struct {
	AnswerKey string // which answer: article and section ID
	Heading   string // the answer's heading, for the report
	Question  string // what the student asked
	Helpful   bool
	UserID    string // hashed before it is stored, never kept in clear
	At        time.Time
}

// FeedbackCount totals the votes on one answer.
type FeedbackCount struct {
	AnswerKey  string
	Heading    string // as of the latest vote
	Helpful    int
	NotHelpful int
}

// feedbackRecord is a vote as queued and stored. Vote identifies the
// student's one vote on the answer to the question (voteKey).
type feedbackRecord struct {
	Key      string
	Heading  string
	Question string
	Helpful  bool
	User     string
	At       time.Time
	Vote     []byte
}

// voteKey identifies one student's vote on one answer to one question, so
// pressing again replaces the vote instead of adding to the count. It is a
// hash only to keep keys short and fixed-size.
func voteKey(user, answerKey, question string) []byte {
	h := sha256.New()
	for _, s := range []string{user, answerKey, normalize(question)} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return h.Sum(nil)
}

// RecordFeedback queues a vote, which replaces the same student's earlier
// vote on the same answer to the same question. Like RecordUnanswered it
// never waits for the disk and fails only for invalid input or a done ctx.
func (s *Store) RecordFeedback(ctx context.Context, f Feedback) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("record feedback: %w", err)
	}
	if s.readOnly {
		return fmt.Errorf("record feedback: %w", errReadOnly)
	}
	rec := feedbackRecord{Key: clip(f.AnswerKey), Heading: clip(f.Heading), Question: clip(f.Question),
		Helpful: f.Helpful, User: s.hashUser(f.UserID), At: f.At}
	switch {
	case rec.Key == "":
		return errors.New("record feedback: empty answer key")
	case rec.User == "":
		return errors.New("record feedback: empty user ID")
	}
	if rec.At.IsZero() {
		rec.At = s.now()
	}
	rec.Vote = voteKey(rec.User, rec.Key, rec.Question)
	s.enqueue(job{feedback: &rec})
	return nil
}

// Feedback totals the votes per answer, worst first: most "Not helpful",
// then the highest share of "Not helpful". limit <= 0 means all answers.
func (s *Store) Feedback(ctx context.Context, limit int) ([]FeedbackCount, error) {
	byKey := map[string]*FeedbackCount{}
	err := s.read(ctx, `SELECT answer_key, heading, helpful FROM feedback ORDER BY seq DESC`, func(rows *sql.Rows) error {
		var key, heading string
		var helpful bool
		if err := rows.Scan(&key, &heading, &helpful); err != nil {
			return err
		}
		fc := byKey[key]
		if fc == nil {
			fc = &FeedbackCount{AnswerKey: key, Heading: heading}
			byKey[key] = fc
		}
		if helpful {
			fc.Helpful++
		} else {
			fc.NotHelpful++
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("report feedback: %w", err)
	}
	out := make([]FeedbackCount, 0, len(byKey))
	for _, fc := range byKey {
		out = append(out, *fc)
	}
	slices.SortFunc(out, func(a, b FeedbackCount) int {
		// Compare a.NotHelpful/aTotal with b's by cross-multiplying, which
		// stays exact; totals are never zero.
		ratio := cmp.Compare(b.NotHelpful*(a.Helpful+a.NotHelpful), a.NotHelpful*(b.Helpful+b.NotHelpful))
		return cmp.Or(cmp.Compare(b.NotHelpful, a.NotHelpful), ratio, cmp.Compare(a.AnswerKey, b.AnswerKey))
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}
