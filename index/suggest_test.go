package index

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestSuggestTable reads typed text and the expected first suggestion (or
// none) from testdata/suggest.json and asks the table Live serves from.
func TestSuggestTable(t *testing.T) {
	l := NewLive(liveTestIndex(t), LiveOptions{})
	defer l.Close(context.Background())
	var cases []struct {
		Typed, First, Why string
		None              bool
	}
	readJSON(t, "testdata/suggest.json", &cases)
	for _, c := range cases {
		got := l.Suggest(context.Background(), c.Typed, 25)
		switch {
		case c.None && len(got) > 0:
			t.Errorf("%q (%s): got %+v, want nothing", c.Typed, c.Why, got)
		case !c.None && (len(got) == 0 || !strings.HasPrefix(got[0].Name, c.First)):
			t.Errorf("%q (%s): got %+v, want %q first", c.Typed, c.Why, got, c.First)
		}
		for _, s := range got {
			if utf8.RuneCountInString(s.Name) > MaxSuggestion || utf8.RuneCountInString(s.Value) > MaxSuggestion {
				t.Errorf("suggestion over %d runes: %+v", MaxSuggestion, s)
			}
		}
	}
	empty := l.Suggest(context.Background(), "", 25)
	if len(empty) < 5 {
		t.Errorf("empty box: %d suggestions, want the main topics", len(empty))
	}
	for _, s := range empty {
		if s.Name == "Introduction" {
			t.Error("the empty box offers the synthetic Introduction")
		}
	}
	if n := len(l.Suggest(context.Background(), "a", 3)); n != 3 {
		t.Errorf("limit 3 gave %d", n)
	}
}

// BenchmarkSuggest compares autocomplete from the table (what Live serves
// on every keystroke) with the Index's own Suggest, which builds the table
// and may search.
func BenchmarkSuggest(b *testing.B) {
	ix := liveTestIndex(b)
	l := NewLive(ix, LiveOptions{})
	defer l.Close(context.Background())
	ctx := context.Background()
	for _, typed := range []string{"ll", "how do", "ethcal"} {
		b.Run("live/"+typed, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				l.Suggest(ctx, typed, 25)
			}
		})
		b.Run("index/"+typed, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				ix.Suggest(ctx, typed, 25)
			}
		})
	}
}

// BenchmarkLiveAsk compares a cached question with the engine's own cost.
func BenchmarkLiveAsk(b *testing.B) {
	ix := liveTestIndex(b)
	cached := NewLive(ix, LiveOptions{})
	defer cached.Close(context.Background())
	ctx := context.Background()
	for _, q := range []string{"how do llms work", "how do i cook pasta with a zebra"} {
		b.Run("cached/"+q, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				cached.Ask(ctx, q)
			}
		})
		b.Run("engine/"+q, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				ix.Ask(ctx, q)
			}
		})
	}
}
