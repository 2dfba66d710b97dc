package discordfake

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"
)

// PublicKey is the application's Ed25519 public key in hex, as the
// Developer Portal shows it: what an HTTP interactions endpoint checks the
// fake's requests against.
func (f *Fake) PublicKey() string { return hex.EncodeToString(f.key.Public().(ed25519.PublicKey)) }

// Deliver sends i to an HTTP interactions endpoint as Discord does in HTTP
// mode: a POST of the interaction, signed with the application's key over
// timestamp and body, whose response is the interaction's callback. i is
// filled in as Interact fills it in. A 200 response is checked and
// recorded exactly like a callback sent over REST (RouteEndpointResponse),
// so the follow-ups and deletes the bot sends later are answered as
// Discord would; a response the fake refuses, or any other status, is an
// error naming the status and the body. Deliver does not time the
// endpoint: Discord's three seconds are the endpoint's business.
func (f *Fake) Deliver(ctx context.Context, endpoint string, i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
	body, err := f.register(i)
	if err != nil {
		return nil, fmt.Errorf("deliver: %w", err)
	}
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("deliver interaction %s: %w", i.ID, err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Discord-Interactions/1.0 (+https://discord.com)")
	req.Header.Set("X-Signature-Timestamp", ts)
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(f.key, append([]byte(ts), body...))))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("deliver interaction %s: %w", i.ID, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return nil, fmt.Errorf("deliver interaction %s: read the response: %w", i.ID, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("deliver interaction %s: endpoint answered %s: %s", i.ID, resp.Status, raw)
	}

	rec := &Request{
		Route:       RouteEndpointResponse,
		Method:      http.MethodPost,
		Path:        req.URL.Path,
		Params:      map[string]string{"interaction": i.ID, "token": i.Token},
		Header:      resp.Header.Clone(),
		ContentType: resp.Header.Get("Content-Type"),
		Body:        raw,
	}
	f.mu.Lock()
	rep := f.postCallback(rec)
	rec.Seq = len(f.requests) + 1
	rec.Status = rep.status
	f.requests = append(f.requests, *rec)
	f.notifyLocked()
	f.mu.Unlock()
	if rep.status >= 400 {
		e, _ := rep.body.(apiError)
		f.lg.Warn("endpoint response refused", "interaction", i.ID, "code", e.Code, "message", e.Message)
		return nil, fmt.Errorf("deliver interaction %s: response refused: HTTP %d: %s (code %d)", i.ID, rep.status, e.Message, e.Code)
	}
	out, err := DecodeInteractionResponse(raw)
	if err != nil {
		return nil, fmt.Errorf("deliver interaction %s: %w", i.ID, err)
	}
	return out, nil
}
