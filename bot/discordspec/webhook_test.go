package discordspec

import (
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

func TestValidateFollowup(t *testing.T) {
	s := MustLoad(t)
	p := &discordgo.WebhookParams{
		Content:         "More on that:",
		Embeds:          typicalAnswer().Data.Embeds,
		AllowedMentions: noPings(),
		Flags:           discordgo.MessageFlagsEphemeral,
	}
	if err := s.ValidateFollowup(p); err != nil {
		t.Fatalf("want no error, got:\n%v", err)
	}
	p.AllowedMentions = nil
	wantViolation(t, s.ValidateFollowup(p), "allowed_mentions: missing; no-pings rule (ours)")
	p.AllowedMentions = noPings()
	p.Content = strings.Repeat("x", 2001)
	wantViolation(t, s.ValidateFollowup(p), "content: 2001 runes > 2000")
}

func TestValidateEdit(t *testing.T) {
	s := MustLoad(t)
	answer := "A large language model is ..."
	embeds := typicalAnswer().Data.Embeds
	e := &discordgo.WebhookEdit{Content: &answer, Embeds: &embeds, AllowedMentions: noPings()}
	if err := s.ValidateEdit(e); err != nil {
		t.Fatalf("want no error, got:\n%v", err)
	}
	// The edit that delivers a deferred answer posts its content: no pings.
	e.AllowedMentions = nil
	wantViolation(t, s.ValidateEdit(e), "allowed_mentions: missing")
	// Taking the buttons away sets no content, so it needs no allowed_mentions.
	none := []discordgo.MessageComponent{}
	if err := s.ValidateEdit(&discordgo.WebhookEdit{Components: &none}); err != nil {
		t.Fatalf("components-only edit: want no error, got:\n%v", err)
	}
}

func TestValidateEmbed(t *testing.T) {
	s := MustLoad(t)
	e := typicalAnswer().Data.Embeds[0]
	if err := s.ValidateEmbed(e); err != nil {
		t.Fatalf("want no error, got:\n%v", err)
	}
	e.Description = strings.Repeat("d", 4097)
	wantViolation(t, s.ValidateEmbed(e), "description: 4097 runes > 4096 [schema: RichEmbed/properties/description/maxLength; limits: message.embed.description]")

	// Every field within its limit, the embed over 6000 on its own.
	full := &discordgo.MessageEmbed{Title: strings.Repeat("t", 256), Description: strings.Repeat("d", 4096)}
	for range 2 {
		full.Fields = append(full.Fields, &discordgo.MessageEmbedField{Name: "n", Value: strings.Repeat("v", 1024)})
	}
	err := s.ValidateEmbed(full)
	wantViolation(t, err, "(root): 6402 runes in all embeds > 6000")
	var ve *Error
	if !errorsAs(err, &ve) || len(ve.Violations) != 1 {
		t.Fatalf("want only the total, got:\n%v", err)
	}
}
