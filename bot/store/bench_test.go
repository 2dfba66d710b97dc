package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/explainbot/explainbot/bot/store"
)

// BenchmarkRecordUnanswered measures what the reply path pays to record a
// question: validation, the user hash and a place on the queue. The writer
// keeps up because each round waits for it every queue's worth.
func BenchmarkRecordUnanswered(b *testing.B) {
	s := open(b, b.TempDir(), store.Options{MaxEntries: 1000})
	ctx := context.Background()
	texts := make([]string, 64)
	for i := range texts {
		texts[i] = fmt.Sprintf("How does attention work in model number %d?", i)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if err := s.RecordUnanswered(ctx, store.Question{Text: texts[i%len(texts)], UserID: "123456789012345678", Guild: "g"}); err != nil {
			b.Fatal(err)
		}
		i++
		if i%(store.DefaultQueueSize/2) == 0 {
			b.StopTimer()
			report(b, s, 1)
			b.StartTimer()
		}
	}
}

// BenchmarkWriter measures the background writer: records committed (with
// fsync, into a full store that drops its oldest) per second, in batches
// as a burst leaves them.
func BenchmarkWriter(b *testing.B) {
	s := open(b, b.TempDir(), store.Options{MaxEntries: 1000})
	ctx := context.Background()
	for i := range 1000 {
		mustQuestion(b, s, store.Question{Text: fmt.Sprint("seed ", i)})
	}
	report(b, s, 1)
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		for range 256 {
			if err := s.RecordUnanswered(ctx, store.Question{Text: "How does attention work?", UserID: "123456789012345678"}); err != nil {
				b.Fatal(err)
			}
		}
		report(b, s, 1)
		n += 256
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "records/s")
	if st := s.Stats(); st.Dropped > 0 || st.Failed > 0 {
		b.Fatalf("stats = %+v, want nothing dropped or failed", st)
	}
}

// BenchmarkUnansweredReport measures the teacher's report over a full
// default-sized store.
func BenchmarkUnansweredReport(b *testing.B) {
	s := open(b, b.TempDir(), store.Options{})
	ctx := context.Background()
	for i := range store.DefaultMaxEntries {
		if err := s.RecordUnanswered(ctx, store.Question{Text: fmt.Sprintf("question %d", i%500), UserID: fmt.Sprint(i % 40)}); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		if _, err := s.Unanswered(ctx, 20); err != nil {
			b.Fatal(err)
		}
	}
}
