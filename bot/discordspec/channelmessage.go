package discordspec

import (
	"errors"
	"fmt"

	"github.com/bwmarrin/discordgo"
)

// ValidateMessageCreate checks a message posted to a channel (POST
// /channels/{channel_id}/messages), such as the bot's reply to a message
// that asked it something: schema MessageCreateRequest, the message rules
// of a type 4 response (not empty, the embed and component limits, the
// no-pings rule), and no EPHEMERAL flag, which only an interaction's reply
// can carry. A reply may ping the author of the message it answers
// (allowed_mentions.replied_user): that is a ping the bot chose, not one a
// user typed.
func (s *Spec) ValidateMessageCreate(m *discordgo.MessageSend) error {
	if m == nil {
		return errors.New("validate channel message: nil message")
	}
	body, err := marshal("channel message", m)
	if err != nil {
		return err
	}
	return s.validateMessageCreate(body, len(m.Files) > 0 || m.File != nil)
}

// ValidateMessageCreateJSON checks a raw Create Message body.
func (s *Spec) ValidateMessageCreateJSON(body []byte) error {
	return s.validateMessageCreate(body, false)
}

func (s *Spec) validateMessageCreate(body []byte, hasFiles bool) error {
	const payload = "channel message"
	doc, err := decode(body)
	if err != nil {
		return fmt.Errorf("validate %s: %w", payload, err)
	}
	r := &report{}
	validateSchema(r, s.roots[rootCreate], doc)
	if m, ok := doc.(map[string]any); ok {
		s.checkMessage(r, nil, m, msgRules{creates: true, noPings: true, hasFiles: hasFiles, channel: true})
	}
	return r.err(payload)
}
