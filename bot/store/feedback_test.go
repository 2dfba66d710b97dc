package store_test

import (
	"reflect"
	"testing"

	"github.com/explainbot/explainbot/bot/store"
)

func TestFeedbackOneVotePerStudent(t *testing.T) {
	type press struct {
		user, key, question string
		helpful             bool
	}
	tests := []struct {
		name    string
		presses []press
		want    []store.FeedbackCount
	}{
		{
			name:    "pressing again replaces the vote",
			presses: []press{{"1", "k", "q", false}, {"1", "k", "q", true}, {"1", "k", "q", true}},
			want:    []store.FeedbackCount{{AnswerKey: "k", Helpful: 1}},
		},
		{
			name:    "the same question spelled differently is the same vote",
			presses: []press{{"1", "k", "What is RAG?", true}, {"1", "k", "what is  rag", false}},
			want:    []store.FeedbackCount{{AnswerKey: "k", NotHelpful: 1}},
		},
		{
			name:    "different students each count",
			presses: []press{{"1", "k", "q", false}, {"2", "k", "q", false}, {"3", "k", "q", true}},
			want:    []store.FeedbackCount{{AnswerKey: "k", Helpful: 1, NotHelpful: 2}},
		},
		{
			name:    "one student, different answers or questions, each count",
			presses: []press{{"1", "k", "q", false}, {"1", "k", "other q", false}, {"1", "j", "q", true}},
			want:    []store.FeedbackCount{{AnswerKey: "k", NotHelpful: 2}, {AnswerKey: "j", Helpful: 1}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t, t.TempDir(), store.Options{})
			for _, p := range tt.presses {
				mustFeedback(t, s, store.Feedback{AnswerKey: p.key, Question: p.question, Helpful: p.helpful, UserID: p.user})
			}
			if got := feedback(t, s, 0); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("feedback:\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestFeedbackRanking(t *testing.T) {
	s := open(t, t.TempDir(), store.Options{})
	user := 0
	votes := func(key, heading string, helpful, notHelpful int) {
		for i := 0; i < helpful+notHelpful; i++ {
			user++
			mustFeedback(t, s, store.Feedback{AnswerKey: key, Heading: heading, Question: "q",
				Helpful: i >= notHelpful, UserID: string(rune('A' + user))})
		}
	}
	votes("good", "Good", 9, 0)
	votes("mixed", "Mixed", 6, 3)
	votes("bad", "Bad", 1, 3)     // same "not helpful" as mixed, worse share
	votes("worst", "Worst", 0, 5) // most "not helpful"
	votes("fine", "Old heading", 1, 0)
	votes("fine", "Fine", 0, 0) // no votes: changes nothing
	mustFeedback(t, s, store.Feedback{AnswerKey: "fine", Heading: "Fine", Question: "q2", Helpful: true, UserID: "z"})
	votes("alpha", "Alpha", 2, 0) // ties with fine on both counts: by key

	want := []store.FeedbackCount{
		{"worst", "Worst", 0, 5},
		{"bad", "Bad", 1, 3},
		{"mixed", "Mixed", 6, 3},
		{"alpha", "Alpha", 2, 0},
		{"fine", "Fine", 2, 0}, // heading as of the latest vote
		{"good", "Good", 9, 0},
	}
	if got := feedback(t, s, 0); !reflect.DeepEqual(got, want) {
		t.Errorf("ranking:\n got %+v\nwant %+v", got, want)
	}
	if got := feedback(t, s, 2); !reflect.DeepEqual(got, want[:2]) {
		t.Errorf("limit 2:\n got %+v\nwant %+v", got, want[:2])
	}
}
