package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/explainbot/explainbot/config"
	"github.com/explainbot/explainbot/index"
	"github.com/explainbot/explainbot/internal/testlog"
	"github.com/explainbot/explainbot/internal/testnote"
	"github.com/explainbot/explainbot/knowledge"
)

// TestReloadUnderLoad swaps in a teacher's note while questions run (under
// -race in CI), then shows a broken note leaves the served answers intact.
func TestReloadUnderLoad(t *testing.T) {
	dir := t.TempDir()
	cfg := config.Config{BuiltinArticle: true, KnowledgeDir: dir}
	lg, _ := testlog.New(t)
	ix, err := index.Build(context.Background(), lg, []*knowledge.Article{knowledge.Builtin()}, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	live := index.NewLive(ix, index.LiveOptions{})
	rl := newReloader(context.Background(), cfg, lg, live, nil)
	reload := rl.Reload
	ctx := context.Background()
	if live.Ask(ctx, "what is chain of thought").Answered {
		t.Fatal("answered before the note exists")
	}
	if err := os.WriteFile(filepath.Join(dir, "prompting.md"), []byte(testnote.Prompting), 0o600); err != nil {
		t.Fatal(err)
	}

	var wg sync.WaitGroup
	stop := make(chan struct{})
	for range 4 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				if a := live.Ask(ctx, "how do llms work"); !a.Answered {
					t.Error("a question in flight lost its answer during reload")
					return
				}
			}
		})
	}
	for range 3 {
		if err := reload(ctx); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()

	a := live.Ask(ctx, "what is chain of thought prompting")
	if !a.Answered || a.Hits[0].Article != "Prompting notes" {
		t.Fatalf("teacher's note not answered and cited after reload: %+v", a)
	}

	if err := os.WriteFile(filepath.Join(dir, "broken.md"), []byte("no front matter\n\n## Empty\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := reload(ctx); err == nil {
		t.Fatal("a broken note reloaded without error")
	}
	if a := live.Ask(ctx, "what is chain of thought prompting"); !a.Answered {
		t.Error("a broken reload changed the served answers")
	}
}

// TestReloadStorm asks for thousands of reloads (as a SIGHUP storm does)
// while questions run: the reloads coalesce into a few builds, every
// question is answered, and once the storm is over the heap is under three
// times its size before it.
func TestReloadStorm(t *testing.T) {
	dir := t.TempDir()
	for i := range 20 {
		writeFile(t, filepath.Join(dir, fmt.Sprintf("note%02d.md", i)), strings.Replace(testnote.Prompting, "Chain of Thought Prompting", fmt.Sprintf("Prompting Pattern %d", i), 1))
	}
	cfg := config.Config{BuiltinArticle: true, KnowledgeDir: dir}
	lg := slog.New(slog.NewTextHandler(testlog.NewWriter(t), &slog.HandlerOptions{Level: slog.LevelWarn}))
	ctx := context.Background()
	ix, err := buildIndex(ctx, cfg, lg)
	if err != nil {
		t.Fatal(err)
	}
	live := index.NewLive(ix, index.LiveOptions{})
	defer live.Close(ctx)
	rl := newReloader(ctx, cfg, lg, live, nil)
	if err := rl.Reload(ctx); err != nil { // warm up: one reload's garbage is the steady state
		t.Fatal(err)
	}
	before := heapAfterGC()

	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				if a := live.Ask(ctx, "what is chain of thought prompting"); !a.Answered && live.Generation() > 1 {
					// Generation 1 holds the note too; any generation must answer.
					t.Error("a question went unanswered during the storm")
					return
				}
			}
		})
	}
	const signals = 4000
	for i := range signals {
		rl.Trigger()
		if i%100 == 0 {
			time.Sleep(20 * time.Millisecond) // spread over about a second, as a storm of signals is
		}
	}
	if err := rl.Reload(ctx); err != nil { // and one that waits, as /reload does
		t.Fatal(err)
	}
	close(stop)
	wg.Wait()
	if err := rl.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	rl.mu.Lock()
	runs := rl.runs
	rl.mu.Unlock()
	after := heapAfterGC()
	t.Logf("%d reload requests ran %d reloads; heap %.1f MB before, %.1f MB after (%.2fx)",
		signals+2, runs, float64(before)/1e6, float64(after)/1e6, float64(after)/float64(before))
	if runs > signals/10 {
		t.Errorf("%d requests ran %d reloads: they did not coalesce", signals, runs)
	}
	if after > 3*before {
		t.Errorf("heap %d bytes after the storm, over 3x the %d before", after, before)
	}
	if a := live.Ask(ctx, "what is chain of thought prompting"); !a.Answered {
		t.Error("not answering after the storm")
	}
}

// heapAfterGC is the live heap once garbage (and retired indexes closed by
// then) is collected.
func heapAfterGC() uint64 {
	var m runtime.MemStats
	for range 3 {
		runtime.GC()
	}
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
