package httpapi

import (
	"context"
	"encoding/hex"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// TestLogsHoldNoSecrets serves good, bad and failing requests with debug
// logging on, then checks the log for the key, the signatures and the
// interaction token.
func TestLogsHoldNoSecrets(t *testing.T) {
	s := newServer(t, Options{Interactions: handlerFunc(func(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
		panic("handler failure")
	})})
	ask := readFile(t, "ask.json")
	var sigs []string
	send := func(r *http.Request, want int) {
		sigs = append(sigs, r.Header.Get(headerSignature))
		wantStatus(t, s.do(r), want)
	}
	send(s.key.request(time.Now(), ask), http.StatusInternalServerError) // the panic escaped: a bare 500
	send(s.key.request(time.Now(), readFile(t, "ping.json")), http.StatusOK)
	send(s.key.request(time.Now(), []byte("garbage")), http.StatusBadRequest)
	send(s.key.request(time.Now().Add(-time.Hour), ask), http.StatusUnauthorized)
	bad := s.key.request(time.Now(), ask)
	bad.Header.Set(headerSignature, strings.Repeat("ab", 64))
	send(bad, http.StatusUnauthorized)

	logs := strings.ToLower(s.logs.String())
	if !strings.Contains(logs, "handler failure") {
		t.Fatalf("the log is missing the failure; is logging wired?\n%s", logs)
	}
	secrets := map[string]string{
		"public key":  hex.EncodeToString(s.key.pub),
		"private key": hex.EncodeToString(s.key.priv.Seed()),
		"token":       strings.ToLower("aW50ZXJhY3Rpb246MTMwMDAwMDAwMDAwMDAwMDAwMjpzZWNyZXQtdG9rZW4"),
	}
	for i, sig := range sigs {
		secrets["signature "+string(rune('0'+i))] = strings.ToLower(sig)
	}
	for what, secret := range secrets {
		if strings.Contains(logs, secret) {
			t.Errorf("log contains the %s", what)
		}
	}
}
