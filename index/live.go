package index

import (
	"context"
	"sync/atomic"

	"github.com/explainbot/explainbot/knowledge"
)

// Live is an Index that can be replaced while questions are answered: a
// question holds the index it started with, so none meets a half-built one.
type Live struct {
	cur atomic.Pointer[Index]
}

// NewLive serves ix until the first Swap.
func NewLive(ix *Index) *Live {
	l := &Live{}
	l.cur.Store(ix)
	return l
}

// Swap serves ix from now on and returns the index it replaced; close that
// one once questions in flight have had time to finish.
func (l *Live) Swap(ix *Index) *Index { return l.cur.Swap(ix) }

// Current is the index being served.
func (l *Live) Current() *Index { return l.cur.Load() }

// Ask answers with the current index.
func (l *Live) Ask(ctx context.Context, q string) Answer { return l.Current().Ask(ctx, q) }

// Suggest completes with the current index.
func (l *Live) Suggest(ctx context.Context, typed string, limit int) []Suggestion {
	return l.Current().Suggest(ctx, typed, limit)
}

// Articles are the current index's articles.
func (l *Live) Articles() []*knowledge.Article { return l.Current().Articles() }

// Section finds a section in the current index.
func (l *Live) Section(articleID, sectionID string) (Topic, knowledge.Section, bool) {
	return l.Current().Section(articleID, sectionID)
}
