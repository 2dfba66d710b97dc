package discordfake_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/explainbot/explainbot/bot/discordfake"
)

// waitTimeout bounds every wait; a healthy run needs a fraction of it.
const waitTimeout = 5 * time.Second

func waitCtx(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), waitTimeout)
	t.Cleanup(cancel)
	return ctx
}

// newSession builds a discordgo session aimed at f without opening it, so
// REST-only tests skip the gateway and the one-second sleep of Session.Close.
func newSession(t *testing.T, f *discordfake.Fake) *discordgo.Session {
	t.Helper()
	s, err := discordgo.New("Bot " + f.Token())
	if err != nil {
		t.Fatalf("discordgo.New: %v", err)
	}
	s.Client = f.HTTPClient()
	s.LogLevel = -1 // below LogError: discordgo's logger is process-wide
	s.Identify.Intents = discordgo.IntentsGuilds
	s.MaxRestRetries = 0
	return s
}

// openSession opens a session on the fake's gateway and closes it before the
// fake closes (cleanups run last-in first-out).
func openSession(t *testing.T, f *discordfake.Fake, setup ...func(*discordgo.Session)) *discordgo.Session {
	t.Helper()
	s := newSession(t, f)
	for _, fn := range setup {
		fn(s)
	}
	if err := s.Open(); err != nil {
		t.Fatalf("open session against the fake: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// echoHandler answers each slash command with its "question" option and a
// button, and reports InteractionRespond's error on errs.
func echoHandler(errs chan<- error) func(*discordgo.Session, *discordgo.InteractionCreate) {
	return func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
		if ic.Type != discordgo.InteractionApplicationCommand {
			return
		}
		q := ic.ApplicationCommandData().GetOption("question").StringValue()
		errs <- s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{
				Content:         "you asked: " + q,
				AllowedMentions: noPings(),
				Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
					discordgo.Button{Label: "More", Style: discordgo.PrimaryButton, CustomID: "more:" + q},
				}}},
			},
		})
	}
}

// slashCommand is an /explain invocation in a guild channel.
func slashCommand(question string) *discordgo.Interaction {
	return &discordgo.Interaction{
		Type:      discordgo.InteractionApplicationCommand,
		GuildID:   "2100000000000000001",
		ChannelID: "2200000000000000001",
		Member:    &discordgo.Member{User: &discordgo.User{ID: "2300000000000000001", Username: "student"}},
		Data: discordgo.ApplicationCommandInteractionData{
			ID:          "2400000000000000001",
			Name:        "explain",
			CommandType: discordgo.ChatApplicationCommand,
			Options: []*discordgo.ApplicationCommandInteractionDataOption{
				{Name: "question", Type: discordgo.ApplicationCommandOptionString, Value: question},
			},
		},
	}
}

// apiCode returns the Discord error code of a REST error, or -1 if err is
// not one.
func apiCode(err error) int {
	var re *discordgo.RESTError
	if !errors.As(err, &re) || re.Message == nil {
		return -1
	}
	return re.Message.Code
}

// noPings is the allowed_mentions every message needs: the fake refuses
// what discordspec refuses, our no-pings rule included.
func noPings() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}
