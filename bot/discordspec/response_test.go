package discordspec

import (
	"errors"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

func errorsAs(err error, target **Error) bool { return errors.As(err, target) }

// noPings is the allowed_mentions every message of the bot carries.
func noPings() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// typicalAnswer is a correct answer: one embed with two fields and a footer,
// a row of three buttons, no pings.
func typicalAnswer() *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{
			Embeds: []*discordgo.MessageEmbed{{
				Title:       "What is an LLM?",
				Description: "A large language model is a generative model trained on text.",
				Color:       0x5865F2,
				Fields: []*discordgo.MessageEmbedField{
					{Name: "Section", Value: "Large language models", Inline: true},
					{Name: "Also see", Value: "Generative AI", Inline: true},
				},
				Footer: &discordgo.MessageEmbedFooter{Text: "From: Generative AI vs LLMs"},
			}},
			Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.Button{Label: "More", Style: discordgo.PrimaryButton, CustomID: "more:llm"},
				discordgo.Button{Label: "Sources", Style: discordgo.SecondaryButton, CustomID: "sources:llm"},
				discordgo.Button{Label: "Article", Style: discordgo.LinkButton, URL: "https://example.com/article"},
			}}},
			AllowedMentions: noPings(),
		},
	}
}

// wantViolation fails unless err is an *Error with a violation containing want.
func wantViolation(t *testing.T, err error, want string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("want a violation containing %q, got %v", want, err)
	}
	for _, v := range e.Violations {
		if strings.Contains(v.String(), want) {
			return
		}
	}
	t.Fatalf("want a violation containing %q, got:\n%v", want, err)
}

func TestValidateResponseTypicalAnswerPasses(t *testing.T) {
	s := MustLoad(t)
	if err := s.ValidateResponse(typicalAnswer()); err != nil {
		t.Fatalf("ValidateResponse: want no error, got:\n%v", err)
	}
	if err := s.ValidateResponseFor(discordgo.InteractionApplicationCommand, typicalAnswer()); err != nil {
		t.Fatalf("ValidateResponseFor: want no error, got:\n%v", err)
	}
}

func TestValidateResponseEphemeralDeferred(t *testing.T) {
	s := MustLoad(t)
	r := &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral},
	}
	if err := s.ValidateResponseFor(discordgo.InteractionApplicationCommand, r); err != nil {
		t.Fatalf("want no error, got:\n%v", err)
	}
	r.Data.Flags |= discordgo.MessageFlagsSuppressEmbeds
	wantViolation(t, s.ValidateResponseFor(discordgo.InteractionApplicationCommand, r),
		"data.flags: a deferred response (type 5) may set only EPHEMERAL (64), got 68")
}

func TestValidateResponseEmbedTotalAcrossTwoEmbeds(t *testing.T) {
	s := MustLoad(t)
	r := typicalAnswer()
	half := &discordgo.MessageEmbed{Title: "Part", Description: strings.Repeat("é", 3000)}
	r.Data.Embeds = []*discordgo.MessageEmbed{half}
	// One such embed is within every limit...
	if err := s.ValidateResponse(r); err != nil {
		t.Fatalf("one embed: want no error, got:\n%v", err)
	}
	// ...two pass 6000 together: 2 × (4 + 3000) runes.
	r.Data.Embeds = append(r.Data.Embeds, half)
	wantViolation(t, s.ValidateResponse(r), "data.embeds: 6008 runes in all embeds > 6000")
}

func TestValidateResponseAutocompleteChoices(t *testing.T) {
	s := MustLoad(t)
	choices := func(n int) *discordgo.InteractionResponse {
		r := &discordgo.InteractionResponse{Type: discordgo.InteractionApplicationCommandAutocompleteResult, Data: &discordgo.InteractionResponseData{}}
		for i := range n {
			r.Data.Choices = append(r.Data.Choices, &discordgo.ApplicationCommandOptionChoice{Name: "What is RAG?", Value: string(rune('a' + i))})
		}
		return r
	}
	if err := s.ValidateResponseFor(discordgo.InteractionApplicationCommandAutocomplete, choices(25)); err != nil {
		t.Fatalf("25 choices: want no error, got:\n%v", err)
	}
	err := s.ValidateResponseFor(discordgo.InteractionApplicationCommandAutocomplete, choices(26))
	wantViolation(t, err, "data.choices: 26 items > 25")
	var e *Error
	if errors.As(err, &e) && len(e.Violations) != 1 {
		t.Fatalf("want one violation (schema and limits merged), got:\n%v", err)
	}
}

func TestValidateResponseUpdateNeedsComponentInteraction(t *testing.T) {
	s := MustLoad(t)
	r := typicalAnswer()
	r.Type = discordgo.InteractionResponseUpdateMessage
	wantViolation(t, s.ValidateResponse(r), "the caller did not say this was one")
	wantViolation(t, s.ValidateResponseFor(discordgo.InteractionApplicationCommand, r), "not interaction type 2 (APPLICATION_COMMAND)")
	if err := s.ValidateResponseFor(discordgo.InteractionMessageComponent, r); err != nil {
		t.Fatalf("component interaction: want no error, got:\n%v", err)
	}
}

// A zero MessageAllowedMentions sends "parse": null, which Discord treats
// like no allowed_mentions at all: user mentions ping.
func TestValidateResponseNoPingsRule(t *testing.T) {
	s := MustLoad(t)
	r := typicalAnswer()
	r.Data.AllowedMentions = &discordgo.MessageAllowedMentions{}
	wantViolation(t, s.ValidateResponse(r), "data.allowed_mentions.parse: absent or null")
	r.Data.AllowedMentions = nil
	wantViolation(t, s.ValidateResponse(r), "data.allowed_mentions: missing; no-pings rule (ours)")
	r.Data.AllowedMentions = &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{discordgo.AllowedMentionTypeEveryone}}
	wantViolation(t, s.ValidateResponse(r), "data.allowed_mentions.parse: [everyone] allows pings")
}

// Files travel as multipart parts the JSON does not show, so only the typed
// function knows a files-only message is not empty.
func TestValidateResponseFilesOnlyMessage(t *testing.T) {
	s := MustLoad(t)
	r := &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{
			Files:           []*discordgo.File{{Name: "answer.txt", ContentType: "text/plain", Reader: strings.NewReader("answer")}},
			AllowedMentions: noPings(),
		},
	}
	if err := s.ValidateResponse(r); err != nil {
		t.Fatalf("want no error, got:\n%v", err)
	}
	r.Data.Files = nil
	wantViolation(t, s.ValidateResponse(r), "data: message is empty")
}

func TestValidateResponseNil(t *testing.T) {
	s := MustLoad(t)
	if err := s.ValidateResponse(nil); err == nil {
		t.Fatal("want an error for a nil response")
	}
}
