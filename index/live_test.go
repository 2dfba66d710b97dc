package index

import (
	"context"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/explainbot/explainbot/internal/testnote"
	"github.com/explainbot/explainbot/knowledge"
)

func liveTestIndex(t testing.TB, arts ...*knowledge.Article) *Index {
	t.Helper()
	if len(arts) == 0 {
		arts = []*knowledge.Article{knowledge.Builtin()}
	}
	ix, err := Build(context.Background(), testLogger(t), arts, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// TestCacheKeyKeepsAnswers: every spelling with the same cache key gets the
// very answer the engine gives it uncached, so the cache never changes an
// answer. A change to the engine that reads case or spacing fails here.
func TestCacheKeyKeepsAnswers(t *testing.T) {
	ix := liveTestIndex(t)
	defer ix.Close()
	var groups []struct {
		Why       string
		Questions []string
	}
	readJSON(t, "testdata/same-answer.json", &groups)
	for _, g := range groups {
		want := ix.Ask(context.Background(), g.Questions[0])
		want.Question = ""
		for _, q := range g.Questions[1:] {
			if NormalizeQuestion(q) != NormalizeQuestion(g.Questions[0]) {
				t.Errorf("%s: %q and %q have different keys", g.Why, q, g.Questions[0])
			}
			got := ix.Ask(context.Background(), q)
			got.Question = ""
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: %q answered differently from %q:\n got %+v\nwant %+v", g.Why, q, g.Questions[0], got, want)
			}
		}
	}
}

// TestLiveCache: a repeated question is answered from the cache, with the
// asker's own wording; a new generation starts with an empty cache and
// answers from its own index.
func TestLiveCache(t *testing.T) {
	l := NewLive(liveTestIndex(t), LiveOptions{})
	defer l.Close(context.Background())
	ctx := context.Background()
	first := l.Ask(ctx, "what is chain of thought prompting")
	again := l.Ask(ctx, "What is chain of thought  prompting")
	if hits, misses := l.CacheStats(); hits != 1 || misses != 1 {
		t.Errorf("cache hits %d, misses %d; want 1 and 1", hits, misses)
	}
	if again.Question != "What is chain of thought  prompting" {
		t.Errorf("cached answer's Question = %q, want the asker's wording", again.Question)
	}
	if first.Answered {
		t.Fatal("answered before the note was added")
	}
	note, err := knowledge.Parse("notes/prompting.md", []byte(testnote.Prompting))
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Replace(ctx, liveTestIndex(t, knowledge.Builtin(), note)); err != nil {
		t.Fatal(err)
	}
	if l.Generation() != 2 {
		t.Errorf("generation %d after one Replace, want 2", l.Generation())
	}
	if a := l.Ask(ctx, "what is chain of thought prompting"); !a.Answered {
		t.Error("the new generation answered from the old one's cache")
	}
	if hits, misses := l.CacheStats(); hits != 1 || misses != 2 {
		t.Errorf("after Replace: cache hits %d, misses %d; want 1 and 2", hits, misses)
	}
}

// TestCacheBounded: the cache never holds more than its size.
func TestCacheBounded(t *testing.T) {
	c := newAnswerCache(10)
	for i := range 1000 {
		c.put(strings.Repeat("q", i), Answer{})
		if n := c.len(); n > 10 {
			t.Fatalf("cache holds %d answers after %d puts, want at most 10", n, i+1)
		}
	}
	c.put("kept", Answer{Question: "kept"})
	for i := range 30 {
		c.put(strings.Repeat("x", i), Answer{})
		if _, ok := c.get("kept"); !ok {
			t.Fatalf("an answer asked for again was dropped after %d puts", i+1)
		}
	}
	off := newAnswerCache(-1)
	off.put("a", Answer{})
	if _, ok := off.get("a"); ok {
		t.Error("a cache of size -1 cached")
	}
}

// TestReplaceWaitsForCalls: a replaced index stays open while a call runs
// on it and closes when the call ends; while it waits, a second Replace
// waits too and gives up with its context, serving nothing new.
func TestReplaceWaitsForCalls(t *testing.T) {
	first := liveTestIndex(t)
	l := NewLive(first, LiveOptions{})
	defer l.Close(context.Background())
	ctx := context.Background()

	g := l.acquire() // a call in flight on the first index
	if err := l.Replace(ctx, liveTestIndex(t)); err != nil {
		t.Fatal(err)
	}
	if a := first.Ask(ctx, "what is an llm"); !a.Answered {
		t.Fatal("the replaced index closed while a call still ran on it")
	}
	third := liveTestIndex(t)
	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	if err := l.Replace(short, third); err == nil {
		t.Fatal("a second Replace went ahead while the first replaced index still waited")
	}
	if l.Generation() != 2 {
		t.Errorf("generation %d after a refused Replace, want 2", l.Generation())
	}
	g.release()
	<-g.idle
	if err := l.Replace(ctx, third); err != nil {
		t.Fatalf("Replace after the call ended: %v", err)
	}
	if l.Generation() != 3 {
		t.Errorf("generation %d, want 3", l.Generation())
	}
}

// TestLiveUnderReplace asks from many goroutines while indexes are replaced
// (meaningful under -race): every question is answered, none meets a
// closed index.
func TestLiveUnderReplace(t *testing.T) {
	l := NewLive(liveTestIndex(t), LiveOptions{CacheSize: -1})
	defer l.Close(context.Background())
	ctx := context.Background()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				if a := l.Ask(ctx, "how do llms work"); !a.Answered {
					t.Error("a question lost its answer during Replace")
					return
				}
				if len(l.Suggest(ctx, "how", 5)) == 0 {
					t.Error("autocomplete lost its table during Replace")
					return
				}
			}
		})
	}
	for range 5 {
		if err := l.Replace(ctx, liveTestIndex(t)); err != nil {
			t.Error(err)
		}
	}
	close(stop)
	wg.Wait()
}
