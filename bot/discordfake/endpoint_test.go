package discordfake_test

import (
	"crypto/ed25519"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/explainbot/explainbot/bot/discordfake"
)

// TestDeliver plays Discord in HTTP mode: the fake signs and posts an
// interaction to an endpoint that verifies it with the fake's public key,
// takes the HTTP response as the callback, and then answers the edit sent
// through the interaction's webhook. A response Discord would refuse, and
// an endpoint that refuses the signature, are errors.
func TestDeliver(t *testing.T) {
	t.Parallel()
	f := discordfake.New(t)
	key, err := hex.DecodeString(f.PublicKey())
	if err != nil || len(key) != ed25519.PublicKeySize {
		t.Fatalf("public key %q: %v", f.PublicKey(), err)
	}
	var answer atomic.Value // the endpoint's next response body
	endpoint := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !discordgo.VerifyInteraction(r, ed25519.PublicKey(key)) {
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(answer.Load().(string)))
	}))
	t.Cleanup(endpoint.Close)

	answer.Store(`{"type":5,"data":{"flags":64}}`)
	i := slashCommand("what is a token?")
	resp, err := f.Deliver(waitCtx(t), endpoint.URL, i)
	if err != nil || resp.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Fatalf("Deliver = %+v, %v; want the deferred placeholder", resp, err)
	}
	if _, err := f.WaitRequest(waitCtx(t), func(r discordfake.Request) bool {
		return r.Route == discordfake.RouteEndpointResponse && r.Params["interaction"] == i.ID && r.Status < 300
	}); err != nil {
		t.Fatal(err)
	}
	s := newSession(t, f)
	content := "A token is a piece of text."
	if _, err := s.InteractionResponseEdit(i, &discordgo.WebhookEdit{Content: &content, AllowedMentions: noPings()}); err != nil {
		t.Fatalf("edit after a delivered placeholder: %v", err)
	}
	if orig, err := f.Original(i.ID); err != nil || orig.Content != content {
		t.Errorf("original = %+v, %v; want the edit", orig, err)
	}

	answer.Store(`{"type":4,"data":{"content":"hi @everyone"}}`) // no allowed_mentions
	if _, err := f.Deliver(waitCtx(t), endpoint.URL, slashCommand("x")); err == nil || !strings.Contains(err.Error(), "allowed_mentions") {
		t.Errorf("a response that may ping: err %v, want it refused naming allowed_mentions", err)
	}

	wrong := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, `{"error":"invalid request signature"}`, http.StatusUnauthorized)
	}))
	t.Cleanup(wrong.Close)
	if _, err := f.Deliver(waitCtx(t), wrong.URL, slashCommand("x")); err == nil || !strings.Contains(err.Error(), "401") {
		t.Errorf("an endpoint answering 401: err %v, want an error naming the status", err)
	}
}
