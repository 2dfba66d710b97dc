package httpapi

import (
	"context"
	"sync"
)

// tracker counts running background goroutines so that shutdown can wait for
// them. Unlike sync.WaitGroup it allows add to race with wait, which happens
// when a request still being served starts a deferred answer while Drain is
// already waiting.
type tracker struct {
	mu   sync.Mutex
	n    int
	idle chan struct{} // closed when n drops to zero
}

func (t *tracker) add() {
	t.mu.Lock()
	if t.n == 0 {
		t.idle = make(chan struct{})
	}
	t.n++
	t.mu.Unlock()
}

func (t *tracker) done() {
	t.mu.Lock()
	t.n--
	if t.n == 0 {
		close(t.idle)
	}
	t.mu.Unlock()
}

// wait returns once no tracked goroutine runs, or ctx's error. The loop is
// bounded by ctx: each round waits for the count to reach zero once.
func (t *tracker) wait(ctx context.Context) error {
	for {
		t.mu.Lock()
		if t.n == 0 {
			t.mu.Unlock()
			return nil
		}
		idle := t.idle
		t.mu.Unlock()
		select {
		case <-idle:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// goTracked runs f in a goroutine that wait waits for.
func (t *tracker) goTracked(f func()) {
	t.add()
	go func() {
		defer t.done()
		f()
	}()
}
