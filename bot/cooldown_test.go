package bot

import (
	"testing"
	"time"
)

// TestCooldownFirstRefusal: allow says which refusal is the first of a
// wait, the one a channel message answers; a user allowed again starts
// over, and another user is counted apart.
func TestCooldownFirstRefusal(t *testing.T) {
	c := newCooldown(1, 10*time.Second)
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	steps := []struct {
		user      string
		after     time.Duration
		ok, first bool
	}{
		{"a", 0, true, false},
		{"a", time.Second, false, true},
		{"a", time.Second, false, false},
		{"b", 0, true, false},
		{"a", 7 * time.Second, false, false},
		{"a", time.Second, true, false}, // ten seconds after the answer
		{"a", time.Second, false, true}, // a new wait, a new note
	}
	for n, s := range steps {
		at = at.Add(s.after)
		ok, wait, first := c.allow(s.user, at)
		if ok != s.ok || first != s.first {
			t.Errorf("step %d (%s at +%v): ok %v first %v, want %v %v", n, s.user, s.after, ok, first, s.ok, s.first)
		}
		if !ok && (wait <= 0 || wait > 10*time.Second) {
			t.Errorf("step %d: wait %v", n, wait)
		}
	}
}
