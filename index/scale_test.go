package index

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/explainbot/explainbot/knowledge"
)

// The scale benchmarks run over knowledge.Synthetic: 1,000 articles of ten
// sections each. Run them with
//
//	go test -run '^$' -bench Large -benchtime 3x ./index
func BenchmarkBuildLarge(b *testing.B) {
	arts := knowledge.Synthetic(1000, 1)
	lg := testLogger(b)
	for b.Loop() {
		ix, err := Build(context.Background(), lg, arts, Options{})
		if err != nil {
			b.Fatal(err)
		}
		debug.FreeOSMemory() // a full GC that also returns freed pages
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "MB-heap-in-use")
		if rss, ok := residentMB(); ok {
			b.ReportMetric(rss, "MB-resident")
		}
		ix.Close()
	}
}

// BenchmarkAskLarge reports the p50 and p99 of 1,000 questions per round.
func BenchmarkAskLarge(b *testing.B) {
	ix, err := Build(context.Background(), testLogger(b), knowledge.Synthetic(1000, 1), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	questions := []string{"how does attention work in a transformer", "what is finetuning", "bias in training data",
		"difference between diffusion and gan", "what is a context window", "how do students learn with chatbots",
		"hallucination and retrieval", "image generation models", "what is the boiling point of water", "tokens and embeddings"}
	ctx := context.Background()
	var lat []time.Duration
	for b.Loop() {
		for i := range 1000 {
			start := time.Now()
			ix.Ask(ctx, questions[i%len(questions)]+fmt.Sprint(" ", i%7))
			lat = append(lat, time.Since(start))
		}
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
}

func TestSyntheticCorpusAnswers(t *testing.T) {
	arts := knowledge.Synthetic(20, 7)
	ix, err := Build(context.Background(), testLogger(t), arts, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if st := ix.Stats(); st.Sections != 200 {
		t.Fatalf("sections: got %d, want 200", st.Sections)
	}
	target := arts[3].Sections[4]
	a := ix.Ask(context.Background(), target.Heading)
	if !a.Answered {
		t.Fatalf("a section's own heading was not answered: %q", target.Heading)
	}
}

// residentMB reads the process's resident set size from /proc (Linux).
func residentMB() (float64, bool) {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			return float64(kb) / 1024, err == nil
		}
	}
	return 0, false
}
