package store

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
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

// feedbackRecord is the stored form of a vote. Vote is the key it holds in
// the votes bucket, kept so dropping the record can free that slot even if
// normalisation changes between versions.
type feedbackRecord struct {
	Key      string    `json:"k"`
	Heading  string    `json:"h,omitempty"`
	Question string    `json:"q,omitempty"`
	Helpful  bool      `json:"ok"`
	User     string    `json:"u"`
	At       time.Time `json:"a"`
	Vote     []byte    `json:"v"`
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

// RecordFeedback stores a vote, replacing the same student's earlier vote on
// the same answer to the same question.
func (s *Store) RecordFeedback(ctx context.Context, f Feedback) error {
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
	v, err := json.Marshal(rec)
	if err != nil {
		return fmt.Errorf("record feedback: %w", err)
	}
	err = s.update(ctx, func(tx *bolt.Tx) error {
		votes := tx.Bucket(bucketVotes)
		if old := votes.Get(rec.Vote); old != nil {
			if err := removeEntry(tx, bucketFeedback, old); err != nil {
				return err
			}
		}
		key, err := s.appendEntry(tx, bucketFeedback, v)
		if err != nil {
			return err
		}
		if err := votes.Put(rec.Vote, key); err != nil {
			return fmt.Errorf("save vote: %w", err)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("record feedback: %w", err)
	}
	return nil
}

// forgetVote frees the one-vote slot of the feedback entry (k, v) that is
// being dropped, unless a newer vote already took it.
func forgetVote(tx *bolt.Tx, k, v []byte) error {
	var r feedbackRecord
	if err := json.Unmarshal(v, &r); err != nil {
		return fmt.Errorf("decode feedback %x: %w", k, err)
	}
	votes := tx.Bucket(bucketVotes)
	if string(votes.Get(r.Vote)) != string(k) {
		return nil
	}
	if err := votes.Delete(r.Vote); err != nil {
		return fmt.Errorf("forget vote: %w", err)
	}
	return nil
}

// Feedback totals the votes per answer, worst first: most "Not helpful",
// then the highest share of "Not helpful". limit <= 0 means all answers.
func (s *Store) Feedback(ctx context.Context, limit int) ([]FeedbackCount, error) {
	byKey := map[string]*FeedbackCount{}
	err := s.view(ctx, func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketFeedback).Cursor()
		for k, v := c.Last(); k != nil; k, v = c.Prev() {
			var r feedbackRecord
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("decode feedback %x: %w", k, err)
			}
			fc := byKey[r.Key]
			if fc == nil {
				fc = &FeedbackCount{AnswerKey: r.Key, Heading: r.Heading}
				byKey[r.Key] = fc
			}
			if r.Helpful {
				fc.Helpful++
			} else {
				fc.NotHelpful++
			}
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
