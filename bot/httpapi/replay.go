package httpapi

import (
	"hash/maphash"
	"strconv"
	"sync"
)

// DefaultReplayMemory bounds the interaction IDs remembered against replay
// when Options.ReplayMemory is zero: ten minutes of a busy class server
// many times over, about 4 MB.
const DefaultReplayMemory = 100_000

// replayGuard remembers the IDs of the interactions it let through until
// their signed timestamp leaves the window, so that a captured request sent
// again inside the window is refused. Discord sends each interaction once;
// only a replay (or a proxy retrying a POST) repeats an ID. It is bounded:
// past max IDs the oldest is forgotten early and counted.
type replayGuard struct {
	max  int
	seed maphash.Seed

	mu      sync.Mutex
	expires map[uint64]int64 // ID key -> Unix second after which a replay would fail the window anyway
	fifo    []remembered     // in arrival order; fifo[head:] is live
	head    int
	evicted uint64
}

type remembered struct {
	key     uint64
	expires int64
}

func newReplayGuard(max int) *replayGuard {
	return &replayGuard{max: max, seed: maphash.MakeSeed(), expires: make(map[uint64]int64)}
}

// key turns an interaction ID (a snowflake) into a map key; anything that is
// not a number is hashed with a seed of our own.
func (g *replayGuard) key(id string) uint64 {
	if n, err := strconv.ParseUint(id, 10, 64); err == nil {
		return n
	}
	return maphash.String(g.seed, id) | 1<<63
}

// first reports whether id is new, and remembers it until expires (Unix
// seconds). now is the current Unix second.
func (g *replayGuard) first(id string, expires, now int64) bool {
	k := g.key(id)
	g.mu.Lock()
	defer g.mu.Unlock()
	g.forget(now)
	if exp, ok := g.expires[k]; ok && exp >= now {
		return false
	}
	g.expires[k] = expires
	g.fifo = append(g.fifo, remembered{k, expires})
	return true
}

// forget drops expired IDs from the front and, past max, the oldest ones.
func (g *replayGuard) forget(now int64) {
	for g.head < len(g.fifo) {
		r := g.fifo[g.head]
		over := len(g.fifo)-g.head >= g.max
		if r.expires >= now && !over {
			break
		}
		if over && r.expires >= now {
			g.evicted++
		}
		if g.expires[r.key] == r.expires {
			delete(g.expires, r.key)
		}
		g.head++
	}
	// Reuse the slice once its dead front is as long as its live part.
	if g.head > 1024 && g.head*2 > len(g.fifo) {
		g.fifo = append(g.fifo[:0], g.fifo[g.head:]...)
		g.head = 0
	}
}

// stats reports how many IDs are remembered and how many were forgotten
// before their time.
func (g *replayGuard) stats() (remembered int, evicted uint64) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.expires), g.evicted
}
