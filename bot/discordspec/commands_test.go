package discordspec

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// botCommands is a command set of the kind the bot registers, built the way
// the bot builds it: through discordgo types.
func botCommands() []*discordgo.ApplicationCommand {
	modOnly := int64(discordgo.PermissionManageMessages)
	guildAndDM := []discordgo.InteractionContextType{discordgo.InteractionContextGuild, discordgo.InteractionContextBotDM}
	return []*discordgo.ApplicationCommand{
		{
			Name:        "ask",
			Description: "Ask a question about generative AI and LLMs",
			Contexts:    &guildAndDM,
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "question", Description: "What you want to know", Required: true, Autocomplete: true, MaxLength: 300},
				{Type: discordgo.ApplicationCommandOptionBoolean, Name: "public", Description: "Show the answer to everyone"},
			},
		},
		{
			Name:        "topics",
			Description: "Browse the article",
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "list", Description: "List the sections"},
				{Type: discordgo.ApplicationCommandOptionSubCommandGroup, Name: "compare", Description: "Comparisons", Options: []*discordgo.ApplicationCommandOption{
					{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "show", Description: "Show one comparison", Options: []*discordgo.ApplicationCommandOption{
						{Type: discordgo.ApplicationCommandOptionString, Name: "row", Description: "Which row", Choices: []*discordgo.ApplicationCommandOptionChoice{
							{Name: "Training data", Value: "training-data"}, {Name: "Output", Value: "output"},
						}},
						{Type: discordgo.ApplicationCommandOptionInteger, Name: "limit", Description: "How many", Choices: []*discordgo.ApplicationCommandOptionChoice{
							{Name: "Three", Value: 3}, {Name: "Ten", Value: 10},
						}},
					}},
				}},
			},
		},
		{Name: "reindex", Description: "Rebuild the index (moderators)", DefaultMemberPermissions: &modOnly},
		{Type: discordgo.MessageApplicationCommand, Name: "Explain this message"},
		{Type: discordgo.UserApplicationCommand, Name: "Ask about"},
	}
}

func TestValidateCommandsTypicalSetPasses(t *testing.T) {
	s := MustLoad(t)
	if err := s.ValidateCommands(botCommands()); err != nil {
		t.Fatalf("want no error, got:\n%v", err)
	}
}

// discordgo writes default_member_permissions as a string, the schema wants
// an integer: the value must be converted, then range-checked as a number.
func TestValidateCommandsDefaultMemberPermissions(t *testing.T) {
	s := MustLoad(t)
	perm := int64(discordgo.PermissionAdministrator)
	cmds := []*discordgo.ApplicationCommand{{Name: "admin", Description: "Admin only", DefaultMemberPermissions: &perm}}

	body, err := json.Marshal(cmds)
	if err != nil {
		t.Fatal(err)
	}
	if want := `"default_member_permissions":"8"`; !strings.Contains(string(body), want) {
		t.Fatalf("discordgo no longer sends %s; body %s", want, body)
	}
	if err := s.ValidateCommands(cmds); err != nil {
		t.Fatalf("want no error, got:\n%v", err)
	}

	tooBig := int64(1) << 60
	cmds[0].DefaultMemberPermissions = &tooBig
	err = s.ValidateCommands(cmds)
	want := "[0].default_member_permissions: 1152921504606846976 > maximum 18014398509481983"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("want %q, got:\n%v", want, err)
	}
}

func TestValidateCommandsBadSetListsEveryViolation(t *testing.T) {
	s := MustLoad(t)
	cmds := botCommands()
	cmds[0].Options[0].Choices = []*discordgo.ApplicationCommandOptionChoice{{Name: "a", Value: "a"}} // with autocomplete
	cmds[0].Options[1].Name = "Public"
	cmds[4].Description = "not allowed"
	err := s.ValidateCommands(cmds)
	for _, want := range []string{
		"[0].options[0]: has both autocomplete and 1 choices",
		`[0].options[1].name: "Public" must be lowercase`,
		"[4].description: must be empty for USER commands",
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("want %q, got:\n%v", want, err)
		}
	}
	var e *Error
	if err == nil || !errorsAs(err, &e) || len(e.Violations) != 3 {
		t.Errorf("want exactly 3 violations, got:\n%v", err)
	}
}

func TestValidateCommandsJSONRejectsMalformedBody(t *testing.T) {
	s := MustLoad(t)
	if err := s.ValidateCommandsJSON([]byte(`[{"name":`)); err == nil || !strings.Contains(err.Error(), "decode payload") {
		t.Fatalf("want a decode error, got %v", err)
	}
}
