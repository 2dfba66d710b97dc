package main

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/explainbot/explainbot/config"
	"github.com/explainbot/explainbot/index"
	"github.com/explainbot/explainbot/knowledge"
)

const teacherNote = `---
title: Prompting notes
source: Ms Rivera's class
---

## Chain of Thought Prompting

Chain of thought prompting asks the model to reason step by step before it answers.
`

// TestReloadUnderLoad swaps in a teacher's note while questions run (under
// -race in CI), then shows a broken note leaves the served answers intact.
func TestReloadUnderLoad(t *testing.T) {
	dir := t.TempDir()
	cfg := config.Config{BuiltinArticle: true, KnowledgeDir: dir}
	lg := slog.New(slog.NewTextHandler(testWriter{t}, nil))
	ix, err := index.Build(context.Background(), lg, []*knowledge.Article{knowledge.Builtin()}, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	live := index.NewLive(ix, index.LiveOptions{})
	rl := newReloader(context.Background(), cfg, lg, live, nil)
	reload := rl.Reload
	ctx := context.Background()
	if live.Ask(ctx, "what is chain of thought prompting").Answered {
		t.Fatal("answered before the note exists")
	}
	if err := os.WriteFile(filepath.Join(dir, "prompting.md"), []byte(teacherNote), 0o600); err != nil {
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

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) { w.t.Log(string(p)); return len(p), nil }
