package discordspec

import (
	"testing"

	"github.com/bwmarrin/discordgo"
)

// reply is a correct reply to a student's message: the typical answer,
// referencing the message, pinging nobody but (through the reply) its
// author.
func reply() *discordgo.MessageSend {
	a := typicalAnswer().Data
	no := false
	mentions := noPings()
	mentions.RepliedUser = true
	return &discordgo.MessageSend{
		Embeds:          a.Embeds,
		Components:      a.Components,
		AllowedMentions: mentions,
		Reference: &discordgo.MessageReference{MessageID: "2600000000000000001", ChannelID: "2200000000000000001",
			GuildID: "2100000000000000001", FailIfNotExists: &no},
	}
}

func TestValidateMessageCreate(t *testing.T) {
	s := MustLoad(t)
	if err := s.ValidateMessageCreate(reply()); err != nil {
		t.Fatalf("want no error, got:\n%v", err)
	}
	tests := []struct {
		name   string
		change func(m *discordgo.MessageSend)
		want   string
	}{
		{"ephemeral", func(m *discordgo.MessageSend) { m.Flags = discordgo.MessageFlagsEphemeral },
			"flags: 64 sets bits 64 that are not allowed"},
		{"no allowed mentions", func(m *discordgo.MessageSend) { m.AllowedMentions = nil },
			"allowed_mentions: missing; no-pings rule (ours)"},
		{"parse everyone", func(m *discordgo.MessageSend) {
			m.AllowedMentions.Parse = []discordgo.AllowedMentionType{discordgo.AllowedMentionTypeEveryone}
		}, "allowed_mentions.parse: [everyone] allows pings"},
		{"reference without a message", func(m *discordgo.MessageSend) { m.Reference.MessageID = "" },
			"message_reference.message_id"},
		{"empty", func(m *discordgo.MessageSend) { m.Embeds, m.Components = nil, nil },
			"discord API: error 50006"},
		{"six rows", func(m *discordgo.MessageSend) {
			for range 5 {
				m.Components = append(m.Components, m.Components[0])
			}
		}, "components: 6 action rows > 5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := reply()
			tt.change(m)
			wantViolation(t, s.ValidateMessageCreate(m), tt.want)
		})
	}
	// The flags a channel message may carry pass.
	m := reply()
	m.Flags = discordgo.MessageFlagsSuppressNotifications
	if err := s.ValidateMessageCreate(m); err != nil {
		t.Errorf("SUPPRESS_NOTIFICATIONS: want no error, got:\n%v", err)
	}
	if err := s.ValidateMessageCreate(nil); err == nil {
		t.Error("nil message: want an error")
	}
}
