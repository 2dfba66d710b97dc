package store_test

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/explainbot/explainbot/bot/store"
)

func TestRetentionDropsOldest(t *testing.T) {
	tests := []struct {
		name  string
		max   int
		write int
	}{
		{"under the bound", 5, 3},
		{"at the bound", 5, 5},
		{"over the bound", 5, 8},
		{"bound of one", 1, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t, t.TempDir(), store.Options{MaxEntries: tt.max})
			for i := 1; i <= tt.write; i++ {
				mustQuestion(t, s, store.Question{Text: fmt.Sprintf("q%d", i), UserID: "u"})
				mustFeedback(t, s, store.Feedback{AnswerKey: "k", Heading: "K", Question: "q",
					Helpful: i%2 == 0, UserID: fmt.Sprintf("u%d", i)})
			}
			first := max(tt.write-tt.max+1, 1) // the oldest survivor
			var want []string
			helpful := 0
			for i := tt.write; i >= first; i-- {
				want = append(want, fmt.Sprintf("q%d", i))
				if i%2 == 0 {
					helpful++
				}
			}
			r := report(t, s, 0)
			if got := latestTexts(r); !reflect.DeepEqual(got, want) {
				t.Errorf("latest = %q, want %q", got, want)
			}
			if len(r.Frequent) != len(want) {
				t.Errorf("frequent has %d questions, want %d: %+v", len(r.Frequent), len(want), r.Frequent)
			}
			wantFB := []store.FeedbackCount{{AnswerKey: "k", Heading: "K", Helpful: helpful, NotHelpful: len(want) - helpful}}
			if got := feedback(t, s, 0); !reflect.DeepEqual(got, wantFB) {
				t.Errorf("feedback = %+v, want %+v", got, wantFB)
			}
		})
	}
}

// A vote that retention dropped must free its slot, and the count must stay
// exact: a dangling slot would make the student's next vote "replace" a vote
// that is no longer there and let the bucket grow past the bound.
func TestRetentionFreesDroppedVotes(t *testing.T) {
	s := open(t, t.TempDir(), store.Options{MaxEntries: 3})
	vote := func(user string, helpful bool) {
		mustFeedback(t, s, store.Feedback{AnswerKey: "k", Question: "q", Helpful: helpful, UserID: user})
	}
	vote("u1", false) // dropped by u4
	vote("u2", false)
	vote("u3", false)
	vote("u4", false)
	vote("u1", true) // u1 votes again after the first vote aged out; drops u2
	vote("u5", true) // drops u3
	want := []store.FeedbackCount{{AnswerKey: "k", Helpful: 2, NotHelpful: 1}}
	if got := feedback(t, s, 0); !reflect.DeepEqual(got, want) {
		t.Errorf("feedback = %+v, want %+v (u4 no, u1 yes, u5 yes)", got, want)
	}
	vote("u4", true) // replace u4's vote in place: still three
	want = []store.FeedbackCount{{AnswerKey: "k", Helpful: 3}}
	if got := feedback(t, s, 0); !reflect.DeepEqual(got, want) {
		t.Errorf("feedback after u4 re-votes = %+v, want %+v", got, want)
	}
}

func TestLoweredBoundAppliesOnOpen(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir, store.Options{MaxEntries: 10})
	for i := 1; i <= 8; i++ {
		mustQuestion(t, s, store.Question{Text: fmt.Sprintf("q%d", i)})
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = open(t, dir, store.Options{MaxEntries: 3})
	want := []string{"q8", "q7", "q6"}
	if got := latestTexts(report(t, s, 0)); !reflect.DeepEqual(got, want) {
		t.Errorf("after reopening with MaxEntries 3: latest = %q, want %q", got, want)
	}
	mustQuestion(t, s, store.Question{Text: "q9"})
	want = []string{"q9", "q8", "q7"}
	if got := latestTexts(report(t, s, 0)); !reflect.DeepEqual(got, want) {
		t.Errorf("after one more write: latest = %q, want %q", got, want)
	}
}
