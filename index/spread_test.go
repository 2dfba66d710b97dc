package index

import (
	"context"
	"path/filepath"
	"testing"
)

// TestSpreadBand counts, over the read question sets, the questions
// answered under minCoverage by the spread line (see question.clears):
// those whose first section is right, those given another section (a miss
// either way, declined or not, and the reply says the answer is partial),
// and the off-topic ones it lets in. The line earns its place while it
// answers rightly at least twice as many as the off-topic ones it lets in,
// and more than it gives another section; the test fails when that stops
// being so.
func TestSpreadBand(t *testing.T) {
	indexes := newCorpora(t)
	var right, wrong, offTopic int
	for _, set := range questionSets {
		if set.hidden {
			continue
		}
		for _, c := range readCases(t, filepath.Join("testdata", "eval", set.name+".json")) {
			a := indexes.get(t, c.Corpus).Ask(context.Background(), c.Question)
			if a.Answered && a.Partial != (a.Confidence < minCoverage) {
				t.Errorf("%q: partial %v with confidence %.2f", c.Question, a.Partial, a.Confidence)
			}
			if !a.Answered || !a.Partial {
				continue
			}
			switch {
			case len(c.Headings) == 0:
				offTopic++
			case headingIn(a.Hits[0].Heading, c.Headings):
				right++
			default:
				wrong++
			}
		}
	}
	t.Logf("answered partially (%.1f to %.1f of their weight): %d with the right section, %d with another, %d off-topic", spreadCoverage, minCoverage, right, wrong, offTopic)
	if right < 2*offTopic || right <= wrong {
		t.Errorf("the spread line answers %d questions rightly, %d with another section and %d off-topic: it no longer earns its place", right, wrong, offTopic)
	}
}
