package discordfake

import (
	"encoding/json"
	"fmt"

	"github.com/bwmarrin/discordgo"
)

// DecodeInteractionResponse decodes a callback body into discordgo's type.
// encoding/json cannot do it alone: InteractionResponseData holds components
// as an interface slice and discordgo gives it no UnmarshalJSON, so the
// components are decoded one by one with discordgo.MessageComponentFromJSON.
func DecodeInteractionResponse(raw []byte) (*discordgo.InteractionResponse, error) {
	var outer struct {
		Type discordgo.InteractionResponseType `json:"type"`
		Data json.RawMessage                   `json:"data"`
	}
	if err := json.Unmarshal(raw, &outer); err != nil {
		return nil, fmt.Errorf("decode interaction response: %w", err)
	}
	resp := &discordgo.InteractionResponse{Type: outer.Type}
	if len(outer.Data) == 0 || string(outer.Data) == "null" {
		return resp, nil
	}
	type plain discordgo.InteractionResponseData
	var data struct {
		plain
		// Shallower than plain.Components, so encoding/json fills this one.
		Components []json.RawMessage `json:"components"`
	}
	if err := json.Unmarshal(outer.Data, &data); err != nil {
		return nil, fmt.Errorf("decode interaction response data: %w", err)
	}
	d := discordgo.InteractionResponseData(data.plain)
	if data.Components != nil {
		d.Components = make([]discordgo.MessageComponent, len(data.Components))
	}
	for i, c := range data.Components {
		comp, err := discordgo.MessageComponentFromJSON(c)
		if err != nil {
			return nil, fmt.Errorf("decode interaction response component %d: %w", i, err)
		}
		d.Components[i] = comp
	}
	resp.Data = &d
	return resp, nil
}
