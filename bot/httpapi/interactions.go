package httpapi

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"
)

// AfterDelay is how long a Lifecycle serving this endpoint should let After
// work (deleting a dismissed answer) wait: the callback is the HTTP
// response, which Discord has only once it has read it, and a delete that
// arrives first finds nothing to delete.
const AfterDelay = 500 * time.Millisecond

// serveInteraction is POST /interactions: verify, decode, answer.
//
// Checks run cheapest first: headers and timestamp before the body is read,
// the signature before the body is parsed, so that unsigned input is never
// decoded. Every signature failure gets the same 401.
func (s *Server) serveInteraction(w http.ResponseWriter, r *http.Request) {
	if r.ContentLength > s.opts.MaxBody {
		annotate(r, "reject", "body too large")
		writeJSON(w, http.StatusRequestEntityTooLarge, bodyTooLarge)
		return
	}
	sig, timestamp, reason := signatureHeaders(r.Header, s.opts.Now())
	if reason != "" {
		annotate(r, "reject", reason)
		writeJSON(w, http.StatusUnauthorized, bodyUnauthorized)
		return
	}

	// The signed message is timestamp+body; read the body straight after
	// the timestamp so that the message needs no second copy.
	var buf bytes.Buffer
	buf.Grow(len(timestamp) + int(min(max(r.ContentLength, 512), s.opts.MaxBody)))
	buf.WriteString(timestamp)
	if _, err := buf.ReadFrom(http.MaxBytesReader(w, r.Body, s.opts.MaxBody)); err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			annotate(r, "reject", "body too large")
			writeJSON(w, http.StatusRequestEntityTooLarge, bodyTooLarge)
			return
		}
		annotate(r, "reject", "read body")
		writeJSON(w, http.StatusBadRequest, bodyBadRequest)
		return
	}
	signed := buf.Bytes()
	if !ed25519.Verify(s.opts.PublicKey, signed, sig) {
		annotate(r, "reject", "bad signature")
		writeJSON(w, http.StatusUnauthorized, bodyUnauthorized)
		return
	}

	i, err := decodeInteraction(signed[len(timestamp):])
	if err != nil {
		annotate(r, "reject", "bad interaction")
		writeJSON(w, http.StatusBadRequest, bodyBadRequest)
		return
	}
	annotate(r, "interaction", i.ID)
	annotate(r, "type", strconv.Itoa(int(i.Type)))
	if name := commandName(i); name != "" {
		annotate(r, "command", name)
	}

	if i.Type == discordgo.InteractionPing {
		writeJSON(w, http.StatusOK, bodyPong)
		return
	}
	// A repeat of a signed interaction is a replay: refused before the
	// handler runs, so it can neither answer nor record anything again.
	// Pings are exempt: they change nothing.
	if secs, _ := strconv.ParseInt(timestamp, 10, 64); i.ID != "" &&
		!s.replays.first(i.ID, secs+int64(signatureWindow/time.Second), s.opts.Now().Unix()) {
		annotate(r, "reject", "replay")
		s.metrics.Replay()
		writeJSON(w, http.StatusConflict, bodyReplay)
		return
	}
	wrote := false
	s.opts.Interactions.Serve(r.Context(), i, func(ctx context.Context, resp *discordgo.InteractionResponse) error {
		if wrote {
			return errors.New("write interaction callback: already written")
		}
		body, err := json.Marshal(resp)
		if err != nil {
			return fmt.Errorf("encode interaction callback: %w", err)
		}
		wrote = true
		annotate(r, "callback", strconv.Itoa(int(resp.Type)))
		writeJSON(w, http.StatusOK, body)
		return nil
	})
	if !wrote {
		s.lg.Error("interaction got no callback", "interaction", i.ID)
		writeJSON(w, http.StatusInternalServerError, bodyInternal)
	}
}

// decodeInteraction parses a verified body. It refuses anything without a
// known interaction type, and turns a panic in a decoder into an error:
// discordgo's custom unmarshalers are not ours to trust with odd input.
func decodeInteraction(body []byte) (i *discordgo.Interaction, err error) {
	defer func() {
		if v := recover(); v != nil {
			i, err = nil, fmt.Errorf("decode interaction: panic: %v", v)
		}
	}()
	i = new(discordgo.Interaction)
	if err := json.Unmarshal(body, i); err != nil {
		return nil, fmt.Errorf("decode interaction: %w", err)
	}
	switch i.Type {
	case discordgo.InteractionPing,
		discordgo.InteractionApplicationCommand,
		discordgo.InteractionMessageComponent,
		discordgo.InteractionApplicationCommandAutocomplete,
		discordgo.InteractionModalSubmit:
		return i, nil
	}
	return nil, fmt.Errorf("decode interaction: unknown type %d", i.Type)
}

// commandName is the interaction's command, or "" when it has none.
func commandName(i *discordgo.Interaction) string {
	if d, ok := i.Data.(discordgo.ApplicationCommandInteractionData); ok {
		return d.Name
	}
	return ""
}
