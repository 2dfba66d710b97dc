package bot

import (
	"sync"
	"time"
)

// cooldown limits answers per user over a sliding window, so one student
// cannot flood a class channel. It keeps only the last n times per user,
// and when a user was last told to slow down, and forgets users idle for a
// whole window.
type cooldown struct {
	n      int
	window time.Duration

	mu    sync.Mutex
	times map[string][]time.Time
	// told holds, for a user refused and told so, when that refusal ends:
	// until then a channel message gets no second "slow down".
	told  map[string]time.Time
	swept time.Time
}

func newCooldown(n int, window time.Duration) *cooldown {
	return &cooldown{n: n, window: window, times: map[string][]time.Time{}, told: map[string]time.Time{}}
}

// allow records an answer to user at now and reports whether it is within
// the limit; a refused answer is not recorded. When refused it also returns
// how long until the user may ask again, and whether this is the first
// refusal of that wait (the one a channel message answers with a short
// note; later ones it answers with silence).
func (c *cooldown) allow(user string, now time.Time) (ok bool, wait time.Duration, first bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if now.Sub(c.swept) > c.window {
		c.sweep(now)
	}
	ts := c.times[user]
	live := ts[:0]
	for _, t := range ts {
		if now.Sub(t) < c.window {
			live = append(live, t)
		}
	}
	if len(live) >= c.n {
		c.times[user] = live
		wait = c.window - now.Sub(live[0])
		until, told := c.told[user]
		if told && now.Before(until) {
			return false, wait, false
		}
		c.told[user] = now.Add(wait)
		return false, wait, true
	}
	c.times[user] = append(live, now)
	delete(c.told, user)
	return true, 0, false
}

// sweep forgets users whose last answer is older than the window, which
// keeps memory bounded by the users active in one window.
func (c *cooldown) sweep(now time.Time) {
	for u, ts := range c.times {
		if len(ts) == 0 || now.Sub(ts[len(ts)-1]) >= c.window {
			delete(c.times, u)
		}
	}
	for u, until := range c.told {
		if !now.Before(until) {
			delete(c.told, u)
		}
	}
	c.swept = now
}
