package httpapi

import (
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/explainbot/explainbot/bot/discordspec"
)

// TestRepliesMatchDiscordSchema validates the one fixed reply this package
// sends as an interaction response against Discord's rules, as discordspec
// carries them; every other callback is the Lifecycle's (lifecycle_test.go).
func TestRepliesMatchDiscordSchema(t *testing.T) {
	spec := discordspec.MustLoad(t)
	for _, c := range []struct {
		name string
		it   discordgo.InteractionType
		body []byte
	}{
		{"pong", discordgo.InteractionPing, bodyPong},
	} {
		if err := spec.ValidateResponseJSON(c.it, c.body); err != nil {
			t.Errorf("%s %s breaks Discord's rules: %v", c.name, c.body, err)
		}
	}
	// The validator must be able to say no, or the checks above prove nothing.
	tooLong := []byte(`{"type":4,"data":{"content":"` + strings.Repeat("x", 2001) + `","allowed_mentions":{"parse":[]}}}`)
	if err := spec.ValidateResponseJSON(discordgo.InteractionApplicationCommand, tooLong); err == nil {
		t.Error("a 2001-character message passed")
	}
	if err := spec.ValidateResponseJSON(0, []byte(`{"type":"pong"}`)); err == nil {
		t.Error("a string type passed")
	}
}
