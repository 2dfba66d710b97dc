package httpapi

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"
)

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
		s.metrics.replay()
		writeJSON(w, http.StatusConflict, bodyReplay)
		return
	}
	if d := s.deferral(i); d.Defer {
		annotate(r, "deferred", "true")
		body := bodyDeferred
		if d.Ephemeral {
			body = bodyDeferredEphemeral
		}
		writeJSON(w, http.StatusOK, body)
		s.bg.goTracked(func() { s.answerLater(i) })
		return
	}
	writeJSON(w, http.StatusOK, s.answerNow(r.Context(), i))
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

// deferral asks Options.Deferred about i; a panic there means "don't defer".
// Autocomplete is never deferred: Discord accepts only choices (type 8) for
// it, at once.
func (s *Server) deferral(i *discordgo.Interaction) (d Deferral) {
	if s.opts.Deferred == nil || i.Type == discordgo.InteractionApplicationCommandAutocomplete {
		return Deferral{}
	}
	defer func() {
		if v := recover(); v != nil {
			s.lg.Error("deferral check panicked", "interaction", i.ID, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			d = Deferral{}
		}
	}()
	return s.opts.Deferred(i)
}

// answerNow runs the handler within HandleTimeout and returns the encoded
// answer, or the apology. The handler runs in its own goroutine so that one
// that ignores its context still cannot make us miss Discord's deadline;
// such a goroutine is tracked until it returns.
func (s *Server) answerNow(ctx context.Context, i *discordgo.Interaction) []byte {
	ctx, cancel := context.WithTimeout(ctx, s.opts.HandleTimeout)
	defer cancel()
	type result struct {
		resp *discordgo.InteractionResponse
		err  error
	}
	done := make(chan result, 1)
	s.bg.goTracked(func() {
		resp, err := s.handle(ctx, i)
		done <- result{resp, err}
	})
	var res result
	select {
	case res = <-done:
	case <-ctx.Done():
		res.err = fmt.Errorf("no answer within %v: %w", s.opts.HandleTimeout, ctx.Err())
	}
	if res.err == nil {
		body, err := json.Marshal(res.resp)
		if err == nil {
			return body
		}
		res.err = fmt.Errorf("encode answer: %w", err)
	}
	s.lg.Error("interaction not answered", "interaction", i.ID, "command", commandName(i), "err", res.err)
	return bodyApology
}

// answerLater is the background half of a deferred interaction: answer, then
// send the answer (or the apology) through FollowUp.
func (s *Server) answerLater(i *discordgo.Interaction) {
	ctx, cancel := context.WithTimeout(s.bgCtx, s.opts.DeferredTimeout)
	defer cancel()
	resp, err := s.handle(ctx, i)
	if err != nil {
		s.lg.Error("deferred interaction not answered", "interaction", i.ID, "command", commandName(i), "err", err)
		resp = apology()
	}
	if err := s.followUp(ctx, i, resp); err != nil {
		s.lg.Error("send deferred answer", "interaction", i.ID, "command", commandName(i), "err", err)
	}
}

// handle calls the Handler, turning a panic or an empty answer into an error.
func (s *Server) handle(ctx context.Context, i *discordgo.Interaction) (resp *discordgo.InteractionResponse, err error) {
	defer func() {
		if v := recover(); v != nil {
			s.lg.Error("interaction handler panicked", "interaction", i.ID, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			resp, err = nil, fmt.Errorf("handler panicked: %v", v)
		}
	}()
	resp, err = s.opts.Handler.Handle(ctx, i)
	if err != nil {
		return nil, fmt.Errorf("handle interaction: %w", err)
	}
	if resp == nil || resp.Type == 0 {
		return nil, errors.New("handle interaction: handler returned no response")
	}
	return resp, nil
}

// followUp calls Options.FollowUp, turning a panic into an error.
func (s *Server) followUp(ctx context.Context, i *discordgo.Interaction, resp *discordgo.InteractionResponse) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("follow-up panicked: %v", v)
		}
	}()
	return s.opts.FollowUp(ctx, i, resp)
}
