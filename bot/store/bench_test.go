package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/explainbot/explainbot/bot/store"
)

// BenchmarkRecordUnanswered measures one durable write (one bbolt
// transaction with fsync) into a store that is full, so every write also
// drops the oldest entry.
func BenchmarkRecordUnanswered(b *testing.B) {
	s := open(b, b.TempDir(), store.Options{MaxEntries: 1000})
	ctx := context.Background()
	texts := make([]string, 64)
	for i := range texts {
		texts[i] = fmt.Sprintf("How does attention work in model number %d?", i)
	}
	for i := range 1000 {
		mustQuestion(b, s, store.Question{Text: texts[i%len(texts)], UserID: "123456789012345678"})
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if err := s.RecordUnanswered(ctx, store.Question{Text: texts[i%len(texts)], UserID: "123456789012345678", Guild: "g"}); err != nil {
			b.Fatal(err)
		}
		i++
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
