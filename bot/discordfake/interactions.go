package discordfake

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"

	"github.com/bwmarrin/discordgo"
)

// interaction is what the fake remembers of an interaction it dispatched.
type interaction struct {
	id, token, channelID string
	typ                  discordgo.InteractionType
	commandType          discordgo.ApplicationCommandType
	message              json.RawMessage // the message a component sat on
	callback             []byte          // the accepted callback body
	rejected             *rejection      // the first refused callback, if before acceptance
	originalID           string
	followups            []string
}

type rejection struct {
	status int
	err    apiError
	body   []byte
}

// messageType is the type of the messages the bot sends in reply, which
// Discord derives from what was invoked.
func (it *interaction) messageType() int {
	if it.typ != discordgo.InteractionApplicationCommand {
		return int(discordgo.MessageTypeDefault)
	}
	if it.commandType == discordgo.ChatApplicationCommand || it.commandType == 0 {
		return int(discordgo.MessageTypeChatInputCommand)
	}
	return int(discordgo.MessageTypeContextMenuCommand)
}

// Interact dispatches INTERACTION_CREATE as if a user had invoked the bot,
// waiting until ctx ends for a live gateway connection. It fills in i's ID,
// token and application ID when they are empty, and its version, so the
// caller can pass i.ID to WaitCallback. The fake then accepts one callback
// and webhook calls for that interaction, as Discord would.
func (f *Fake) Interact(ctx context.Context, i *discordgo.Interaction) error {
	raw, err := f.register(i)
	if err != nil {
		return fmt.Errorf("interact: %w", err)
	}
	if err := f.Dispatch(ctx, "INTERACTION_CREATE", json.RawMessage(raw)); err != nil {
		return fmt.Errorf("interact: %w", err)
	}
	return nil
}

// register fills in i as Interact describes and remembers it, returning
// the JSON Discord would send.
func (f *Fake) register(i *discordgo.Interaction) ([]byte, error) {
	var msg json.RawMessage
	if i.Message != nil {
		var err error
		if msg, err = json.Marshal(i.Message); err != nil {
			return nil, fmt.Errorf("encode the interaction's message: %w", err)
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if i.ID == "" {
		i.ID = f.snowflakeLocked()
	}
	if i.Token == "" {
		i.Token = "fake-interaction-token-" + i.ID
	}
	if i.AppID == "" {
		i.AppID = f.cfg.appID
	}
	if i.Version == 0 {
		i.Version = 1
	}
	if _, dup := f.interactions[i.ID]; dup {
		return nil, fmt.Errorf("interaction %s was already dispatched", i.ID)
	}
	raw, err := json.Marshal(i)
	if err != nil {
		return nil, fmt.Errorf("encode interaction %s: %w", i.ID, err)
	}
	it := &interaction{id: i.ID, token: i.Token, channelID: i.ChannelID, typ: i.Type, message: msg}
	switch d := i.Data.(type) {
	case discordgo.ApplicationCommandInteractionData:
		it.commandType = d.CommandType
	case *discordgo.ApplicationCommandInteractionData:
		it.commandType = d.CommandType
	}
	f.interactions[it.id] = it
	f.byToken[it.token] = it
	return raw, nil
}

// postCallback accepts the first valid callback of an interaction. A refused
// first attempt is kept so WaitCallback can report why.
func (f *Fake) postCallback(req *Request) reply {
	it := f.interactions[req.Params["interaction"]]
	if it == nil {
		return errUnknownInteraction
	}
	if it.callback != nil {
		return errAlreadyAcked
	}
	rep := errInvalidToken
	if req.Params["token"] == it.token {
		rep = f.acceptCallbackLocked(it, req)
	}
	if rep.status >= 400 && it.rejected == nil {
		apiErr, _ := rep.body.(apiError)
		it.rejected = &rejection{status: rep.status, err: apiErr, body: slices.Clone(req.Body)}
	}
	return rep
}

func (f *Fake) acceptCallbackLocked(it *interaction, req *Request) reply {
	if _, err := DecodeInteractionResponse(req.Body); err != nil {
		return errInvalidJSON
	}
	if rep, bad := refuse(f.spec.ValidateResponseJSON(it.typ, req.Body), len(req.Files)); bad {
		return rep
	}
	var cb struct {
		Type discordgo.InteractionResponseType `json:"type"`
		Data json.RawMessage                   `json:"data"`
	}
	if err := json.Unmarshal(req.Body, &cb); err != nil {
		return errInvalidJSON
	}
	data, err := decodeObject(cb.Data)
	if err != nil {
		return errInvalidJSON
	}
	if data == nil {
		data = map[string]any{}
	}
	switch cb.Type {
	case discordgo.InteractionResponseChannelMessageWithSource:
		it.originalID = f.newMessageLocked(it, data, req.Files).obj["id"].(string)
	case discordgo.InteractionResponseDeferredChannelMessageWithSource:
		fields := map[string]any{"content": "", "flags": intField(data, "flags") | flagLoading}
		it.originalID = f.newMessageLocked(it, fields, nil).obj["id"].(string)
	case discordgo.InteractionResponseDeferredMessageUpdate, discordgo.InteractionResponseUpdateMessage:
		f.updateComponentMessageLocked(it, data, cb.Type == discordgo.InteractionResponseUpdateMessage)
	}
	it.callback = slices.Clone(req.Body)
	return reply{status: http.StatusNoContent}
}

// updateComponentMessageLocked makes the message the component sat on the
// interaction's original, applying the update's fields when there are any.
func (f *Fake) updateComponentMessageLocked(it *interaction, data map[string]any, apply bool) {
	obj, _ := decodeObject(it.message)
	id, _ := obj["id"].(string)
	m := f.messages[id]
	if m == nil {
		m = f.newMessageLocked(it, obj, nil)
		if id != "" {
			// Keep the component message's own ID, as Discord does.
			delete(f.messages, m.obj["id"].(string))
			m.obj["id"] = id
			f.messages[id] = m
		}
	}
	m.interactionID = it.id
	if apply {
		for k, v := range data {
			if !notMessageFields[k] {
				m.obj[k] = v
			}
		}
	}
	it.originalID = m.obj["id"].(string)
}

// WaitCallback waits until ctx ends for the bot's callback to the
// interaction and returns it decoded and as the raw JSON sent. If the first
// callback was refused, it returns that refusal as an error with the body.
func (f *Fake) WaitCallback(ctx context.Context, interactionID string) (*discordgo.InteractionResponse, []byte, error) {
	var raw []byte
	var rej *rejection
	err := f.wait(ctx, func() bool {
		it := f.interactions[interactionID]
		switch {
		case it == nil:
			return false
		case it.callback != nil:
			raw = slices.Clone(it.callback)
		case it.rejected != nil:
			r := *it.rejected
			rej = &r
		default:
			return false
		}
		return true
	})
	if err != nil {
		return nil, nil, fmt.Errorf("wait for the callback to interaction %s: %w", interactionID, err)
	}
	if raw == nil {
		return nil, rej.body, fmt.Errorf("callback to interaction %s refused: HTTP %d: %s (code %d)",
			interactionID, rej.status, rej.err.Message, rej.err.Code)
	}
	resp, err := DecodeInteractionResponse(raw)
	if err != nil {
		return nil, raw, err
	}
	return resp, raw, nil
}

// Original returns the interaction's original response as it stands after
// any edits, or an error if there is none or it was deleted.
func (f *Fake) Original(interactionID string) (*discordgo.Message, error) {
	f.mu.Lock()
	id := ""
	if it := f.interactions[interactionID]; it != nil {
		id = it.originalID
	}
	f.mu.Unlock()
	if id == "" {
		return nil, fmt.Errorf("interaction %s has no original response", interactionID)
	}
	m, err := f.Message(id)
	if err != nil {
		return nil, fmt.Errorf("original response of interaction %s: %w", interactionID, err)
	}
	return m, nil
}

// Followups returns the interaction's followup messages that were not
// deleted, in the order they were sent, as they stand after any edits.
func (f *Fake) Followups(interactionID string) ([]*discordgo.Message, error) {
	out, err := f.copies(func() []*message {
		var sent []*message
		if it := f.interactions[interactionID]; it != nil {
			for _, id := range it.followups {
				if m := f.messages[id]; m != nil && !m.deleted {
					sent = append(sent, m)
				}
			}
		}
		return sent
	})
	if err != nil {
		return nil, fmt.Errorf("followups of interaction %s: %w", interactionID, err)
	}
	return out, nil
}
