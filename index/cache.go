package index

import (
	"strings"
	"sync"
)

// answerCache keeps the answers one generation gave, by normalised
// question. It holds the Answer, not a rendered reply: a reply carries the
// asker (buttons, mentions), the answer does not. It is bounded by two
// maps of at most size/2 entries each: new answers go into the first; when
// it is full it becomes the second and the old second is dropped, so a
// question asked again stays while the ones not asked for a while go.
type answerCache struct {
	half int // 0: caching is off

	mu       sync.Mutex
	new, old map[string]Answer
}

func newAnswerCache(size int) *answerCache {
	if size <= 0 {
		return &answerCache{}
	}
	half := max(size/2, 1)
	return &answerCache{half: half, new: make(map[string]Answer, half)}
}

func (c *answerCache) get(key string) (Answer, bool) {
	if c.half == 0 {
		return Answer{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if a, ok := c.new[key]; ok {
		return a, true
	}
	a, ok := c.old[key]
	if ok {
		c.putLocked(key, a) // asked again: keep it
	}
	return a, ok
}

func (c *answerCache) put(key string, a Answer) {
	if c.half == 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.putLocked(key, a)
}

func (c *answerCache) putLocked(key string, a Answer) {
	if len(c.new) >= c.half {
		c.old, c.new = c.new, make(map[string]Answer, c.half)
	}
	c.new[key] = a
}

// len is how many answers the cache holds.
func (c *answerCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.new) + len(c.old)
}

// NormalizeQuestion is the answer cache's key for a question: lower case,
// runs of white space as one space, no outer space. Ask answers every
// question with the same key the same way (it reads words, not case or
// spacing); TestCacheKeyKeepsAnswers checks that over testdata, so a change
// to the engine that breaks it fails there.
func NormalizeQuestion(q string) string {
	return strings.ToLower(strings.Join(strings.Fields(q), " "))
}
