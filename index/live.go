package index

import (
	"cmp"
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/explainbot/explainbot/knowledge"
)

// Live is an Index that can be replaced while questions are answered: a
// question holds the index it started with, so none meets a half-built or
// closed one. Each index served is a generation, numbered from 1, with its
// own answer cache and autocomplete table.
type Live struct {
	cur          atomic.Pointer[generation]
	cacheSize    int
	hits, misses atomic.Uint64

	// mu serialises Replace and Close; retired is the replaced generation
	// still waiting for its questions, if any.
	mu      sync.Mutex
	retired *generation
	closed  bool
}

// generation is one served index and what is built for it.
type generation struct {
	ix      *Index
	n       uint64
	cache   *answerCache
	suggest func() *suggestTable // built on first use, once

	refs    atomic.Int64 // calls running on ix
	retired atomic.Bool
	once    sync.Once
	idle    chan struct{} // closed once retired and no call runs
}

// LiveOptions tune a Live.
type LiveOptions struct {
	// CacheSize bounds the answers cached per generation; zero means
	// DefaultCacheSize, negative turns the cache off.
	CacheSize int
}

// DefaultCacheSize is the answers a generation keeps when
// LiveOptions.CacheSize is zero: a class's worth of distinct questions, a
// few megabytes at most.
const DefaultCacheSize = 1024

// NewLive serves ix as generation 1 until the first Replace.
func NewLive(ix *Index, opts LiveOptions) *Live {
	l := &Live{cacheSize: cmp.Or(opts.CacheSize, DefaultCacheSize)}
	l.cur.Store(l.newGeneration(ix, 1))
	return l
}

func (l *Live) newGeneration(ix *Index, n uint64) *generation {
	return &generation{ix: ix, n: n, cache: newAnswerCache(l.cacheSize),
		suggest: sync.OnceValue(func() *suggestTable { return newSuggestTable(ix) }),
		idle:    make(chan struct{})}
}

// Replace serves ix from now on. The index it replaces is closed as soon as
// the calls running on it return. At most one replaced index waits like
// that: if the previous one still does, Replace first waits for it, and
// returns ctx's error (serving nothing new, leaving ix to the caller) if
// ctx ends first.
func (l *Live) Replace(ctx context.Context, ix *Index) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return fmt.Errorf("replace index: %w", errLiveClosed)
	}
	if err := l.waitRetired(ctx); err != nil {
		return fmt.Errorf("replace index: the previous index is still answering: %w", err)
	}
	old := l.cur.Load()
	l.cur.Store(l.newGeneration(ix, old.n+1))
	l.retire(old)
	return nil
}

var errLiveClosed = fmt.Errorf("live index closed")

// retire marks g replaced; its index closes once no call runs on it.
// l.mu must be held.
func (l *Live) retire(g *generation) {
	l.retired = g
	g.retired.Store(true)
	if g.refs.Load() == 0 {
		g.markIdle()
	}
	go func() {
		<-g.idle
		g.ix.Close()
	}()
}

// waitRetired waits for the retired generation's calls to end. l.mu must
// be held.
func (l *Live) waitRetired(ctx context.Context) error {
	if l.retired == nil {
		return nil
	}
	select {
	case <-l.retired.idle:
		l.retired = nil
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (g *generation) markIdle() { g.once.Do(func() { close(g.idle) }) }

// acquire returns the current generation with a call counted on it. The
// count is taken before the generation is checked to still be current, so
// a Replace in between is seen and the call moves to the new one: no call
// ever runs on a generation whose index may have closed.
func (l *Live) acquire() *generation {
	for {
		g := l.cur.Load()
		g.refs.Add(1)
		if l.cur.Load() == g {
			return g
		}
		g.release()
	}
}

func (g *generation) release() {
	if g.refs.Add(-1) == 0 && g.retired.Load() {
		g.markIdle()
	}
}

// Close stops serving: it closes the current index, after waiting (until
// ctx ends) for calls still running on it and on a retired one.
func (l *Live) Close(ctx context.Context) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return nil
	}
	l.closed = true
	g := l.cur.Load()
	l.retire(g)
	if err := l.waitRetired(ctx); err != nil {
		return fmt.Errorf("close live index: %w", err)
	}
	return nil
}

// Current is the index being served. Use it for what outlives no Close,
// such as Stats; questions go through Live's own methods.
func (l *Live) Current() *Index { return l.cur.Load().ix }

// Generation numbers the index being served: 1 for the first, one more for
// each Replace.
func (l *Live) Generation() uint64 { return l.cur.Load().n }

// Ask answers with the current index, from its cache when the same
// question (after NormalizeQuestion) was answered on it before.
func (l *Live) Ask(ctx context.Context, q string) Answer {
	g := l.acquire()
	defer g.release()
	key := NormalizeQuestion(q)
	if a, ok := g.cache.get(key); ok {
		l.hits.Add(1)
		a.Question = q
		return a
	}
	l.misses.Add(1)
	a := g.ix.Ask(ctx, q)
	// An answer cut short by its deadline may be a degraded one.
	if ctx.Err() == nil {
		g.cache.put(key, a)
	}
	return a
}

// FollowUp answers a question asked in reply to an earlier answer with
// the current index (see Index.FollowUp). It is not cached: the earlier
// question is part of the key, and follow-ups seldom repeat.
func (l *Live) FollowUp(ctx context.Context, q, previousQuestion, previousHeading string) Answer {
	g := l.acquire()
	defer g.release()
	return g.ix.FollowUp(ctx, q, previousQuestion, previousHeading)
}

// Suggest completes from the current index's autocomplete table.
func (l *Live) Suggest(ctx context.Context, typed string, limit int) []Suggestion {
	g := l.acquire()
	defer g.release()
	return g.suggest().suggest(typed, limit)
}

// Articles are the current index's articles.
func (l *Live) Articles() []*knowledge.Article { return l.Current().Articles() }

// Section finds a section in the current index.
func (l *Live) Section(articleID, sectionID string) (Topic, knowledge.Section, bool) {
	g := l.acquire()
	defer g.release()
	return g.ix.Section(articleID, sectionID)
}

// CacheStats counts the questions answered from a cache and those that
// were not, over every generation.
func (l *Live) CacheStats() (hits, misses uint64) { return l.hits.Load(), l.misses.Load() }
