package httpapi

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// TestReplayRefused: a signed interaction sent again within the signature
// window gets 409 and never reaches the handler; a new ID, and the same ID
// once its timestamp has left the window, are served.
func TestReplayRefused(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	var handled atomic.Int32
	s := newServer(t, Options{
		Now: func() time.Time { return now },
		Interactions: handlerFunc(func(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
			handled.Add(1)
			return echo(ctx, i)
		}),
	})
	body := askBody(t, "1300000000000000001", "what is an llm")
	wantStatus(t, s.do(s.key.request(now, body)), http.StatusOK)

	w := s.do(s.key.request(now, body)) // the same signed request again
	wantStatus(t, w, http.StatusConflict)
	if got := w.Body.String(); got != string(bodyReplay) {
		t.Errorf("replay body = %q, want %q", got, bodyReplay)
	}
	// Replayed with a later timestamp (re-signed by whoever holds the key,
	// which a replayer does not; the ID alone decides).
	wantStatus(t, s.do(s.key.request(now.Add(time.Minute), body)), http.StatusConflict)
	if n := handled.Load(); n != 1 {
		t.Errorf("handler ran %d times, want 1", n)
	}
	wantStatus(t, s.do(s.key.request(now, askBody(t, "1300000000000000002", "what is an llm"))), http.StatusOK)

	// PING changes nothing: Discord's endpoint check may repeat it.
	for range 2 {
		wantStatus(t, s.do(s.key.request(now, readFile(t, "ping.json"))), http.StatusOK)
	}

	// Once the first request's timestamp is out of the window a replay fails
	// the timestamp check anyway; the ID is forgotten and, freshly signed,
	// served.
	now = now.Add(signatureWindow + 2*time.Second)
	wantStatus(t, s.do(s.key.request(now.Add(-signatureWindow-2*time.Second), body)), http.StatusUnauthorized)
	wantStatus(t, s.do(s.key.request(now, body)), http.StatusOK)
	if n := handled.Load(); n != 3 {
		t.Errorf("handler ran %d times, want 3", n)
	}
	metrics := s.do(httpGet("/metrics")).Body.String()
	if !strings.Contains(metrics, "explainbot_interaction_replays_total 2\n") {
		t.Errorf("/metrics lacks explainbot_interaction_replays_total 2")
	}
}

// TestReplayMemoryBounded: past its bound the guard forgets the oldest IDs
// (counting them), and never holds more.
func TestReplayMemoryBounded(t *testing.T) {
	g := newReplayGuard(100)
	const now = 1000
	for i := range 10_000 {
		if !g.first(fmt.Sprint(1_300_000_000_000_000_000+i), now+300, now) {
			t.Fatalf("ID %d refused on first sight", i)
		}
		if n, _ := g.stats(); n > 100 {
			t.Fatalf("%d IDs remembered, want at most 100", n)
		}
	}
	if _, evicted := g.stats(); evicted != 9_900 {
		t.Errorf("evicted %d, want 9900", evicted)
	}
	if g.first(fmt.Sprint(1_300_000_000_000_000_000+9_999), now+300, now) {
		t.Error("the newest ID was forgotten")
	}
	if !g.first("not-a-snowflake", now+300, now) || g.first("not-a-snowflake", now+300, now) {
		t.Error("a non-numeric ID is not remembered once")
	}
	// Expired IDs go first, without counting as evicted.
	g2 := newReplayGuard(100)
	for i := range 50 {
		g2.first(fmt.Sprint(i), now+10, now)
	}
	g2.first("late", now+400, now+20)
	if n, evicted := g2.stats(); n != 1 || evicted != 0 {
		t.Errorf("after expiry: %d remembered, %d evicted; want 1 and 0", n, evicted)
	}
}
