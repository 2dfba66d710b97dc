package index

import (
	"context"
	"strings"
	"testing"
)

// BenchmarkAskWorst asks the most expensive kind of question: as long as a
// question may be, made of words to correct, in clauses to try one by one.
func BenchmarkAskWorst(b *testing.B) {
	ix := builtinIndex(b)
	ctx := context.Background()
	words := []string{"qwertyuiopasdfgh", "zxcvbnmlkjhgfdsa", "plmoknijbuhvygct", "generatvx", "trnasformre", "what", "is"}
	var parts []string
	for i := 0; len(strings.Join(parts, " ")) < 480; i++ {
		parts = append(parts, words[i%len(words)])
		if i%5 == 4 {
			parts = append(parts, ",")
		}
	}
	q := strings.Join(parts, " ")
	b.ReportAllocs()
	for b.Loop() {
		ix.Ask(ctx, q)
	}
}
