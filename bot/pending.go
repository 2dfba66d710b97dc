package bot

import (
	"context"
	"sync"
)

// pending counts running background goroutines so that shutdown can wait
// for them. Unlike sync.WaitGroup it allows add to race with wait, which
// happens when an interaction still being answered starts a follow-up or
// After work while Close is already waiting.
type pending struct {
	mu   sync.Mutex
	n    int
	idle chan struct{} // closed when n drops to zero
}

// goTracked runs f in a goroutine that wait waits for.
func (p *pending) goTracked(f func()) {
	p.mu.Lock()
	if p.n == 0 {
		p.idle = make(chan struct{})
	}
	p.n++
	p.mu.Unlock()
	go func() {
		defer p.done()
		f()
	}()
}

func (p *pending) done() {
	p.mu.Lock()
	p.n--
	if p.n == 0 {
		close(p.idle)
	}
	p.mu.Unlock()
}

// wait returns once no tracked goroutine runs, or ctx's error. Each round
// waits for the count to reach zero once; work started meanwhile is waited
// for in the next.
func (p *pending) wait(ctx context.Context) error {
	for {
		p.mu.Lock()
		if p.n == 0 {
			p.mu.Unlock()
			return nil
		}
		idle := p.idle
		p.mu.Unlock()
		select {
		case <-idle:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}
