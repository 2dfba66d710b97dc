package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/explainbot/explainbot/bot/store"
)

// TestConcurrentUse runs writers and readers together (meaningful under
// -race) and then checks that no write was lost and the bound held.
func TestConcurrentUse(t *testing.T) {
	const writers, each = 8, 25
	tests := []struct {
		name string
		max  int
		want int
	}{
		{"all kept", 1000, writers * each},
		{"bounded", 50, 50},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t, t.TempDir(), store.Options{MaxEntries: tt.max})
			ctx := context.Background()
			var wg sync.WaitGroup
			errs := make(chan error, 2*writers*each+2*writers)
			for w := range writers {
				wg.Go(func() {
					for i := range each {
						user := fmt.Sprintf("w%d-%d", w, i)
						errs <- s.RecordUnanswered(ctx, store.Question{Text: fmt.Sprintf("question %d", i), UserID: user})
						errs <- s.RecordFeedback(ctx, store.Feedback{AnswerKey: "k", Question: "q", Helpful: i%2 == 0, UserID: user})
					}
				})
				wg.Go(func() {
					_, err := s.Unanswered(ctx, 10)
					errs <- err
					_, err = s.Feedback(ctx, 10)
					errs <- err
				})
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				if err != nil {
					t.Errorf("concurrent call: %v", err)
				}
			}

			r := report(t, s, 0)
			total := 0
			for _, c := range r.Frequent {
				total += c.N
			}
			if len(r.Latest) != tt.want || total != tt.want {
				t.Errorf("questions: %d latest, %d counted, want %d", len(r.Latest), total, tt.want)
			}
			fc := feedback(t, s, 0)
			if len(fc) != 1 || fc[0].Helpful+fc[0].NotHelpful != tt.want {
				t.Errorf("feedback = %+v, want %d votes on k", fc, tt.want)
			}
		})
	}
}
