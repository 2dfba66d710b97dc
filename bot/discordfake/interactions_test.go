package discordfake_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/explainbot/explainbot/bot/discordfake"
)

// TestInteractionRules drives callbacks, followups and edits from a real
// session and checks the fake answers as Discord does, including the
// refusals that catch real bugs.
func TestInteractionRules(t *testing.T) {
	t.Parallel()
	f := discordfake.New(t)
	s := openSession(t, f) // no handlers: the test answers itself

	interact := func(t *testing.T, i *discordgo.Interaction) *discordgo.Interaction {
		t.Helper()
		if err := f.Interact(waitCtx(t), i); err != nil {
			t.Fatalf("Interact: %v", err)
		}
		return i
	}
	message := func(content string) *discordgo.InteractionResponse {
		return &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Content: content, AllowedMentions: noPings()},
		}
	}

	t.Run("deferred then edited", func(t *testing.T) {
		i := interact(t, slashCommand("what is a transformer?"))
		_, err := s.FollowupMessageCreate(i, true, &discordgo.WebhookParams{Content: "too early", AllowedMentions: noPings()})
		if got := apiCode(err); got != 10015 {
			t.Errorf("followup before the callback = %v (code %d), want 10015 Unknown Webhook", err, got)
		}
		if err := s.InteractionRespond(i, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral},
		}); err != nil {
			t.Fatalf("deferred callback: %v", err)
		}
		orig, err := f.Original(i.ID)
		if err != nil {
			t.Fatal(err)
		}
		if want := discordgo.MessageFlagsEphemeral | discordgo.MessageFlagsLoading; orig.Flags != want {
			t.Errorf("deferred original flags = %d, want ephemeral|loading %d", orig.Flags, want)
		}
		content := "A transformer is..."
		edited, err := s.InteractionResponseEdit(i, &discordgo.WebhookEdit{Content: &content, AllowedMentions: noPings()})
		if err != nil {
			t.Fatalf("edit original: %v", err)
		}
		if edited.Content != content || edited.ID != orig.ID {
			t.Errorf("edit answered %q id %s, want %q id %s", edited.Content, edited.ID, content, orig.ID)
		}
		orig, err = f.Original(i.ID)
		if err != nil {
			t.Fatal(err)
		}
		if orig.Content != content || orig.Flags != discordgo.MessageFlagsEphemeral {
			t.Errorf("original after edit = %q flags %d, want %q flags ephemeral only", orig.Content, orig.Flags, content)
		}
		err = s.InteractionRespond(i, message("again"))
		if got := apiCode(err); got != 40060 {
			t.Errorf("second callback = %v (code %d), want 40060 already acknowledged", err, got)
		}
		if resp, _, err := f.WaitCallback(waitCtx(t), i.ID); err != nil || resp.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
			t.Errorf("WaitCallback = %+v, %v; want the deferred callback", resp, err)
		}
		empty := ""
		_, err = s.InteractionResponseEdit(i, &discordgo.WebhookEdit{Content: &empty, AllowedMentions: noPings()})
		if got := apiCode(err); got != 50006 {
			t.Errorf("edit to an empty message = %v (code %d), want 50006", err, got)
		}
		if err := s.InteractionResponseDelete(i); err != nil {
			t.Fatalf("delete original: %v", err)
		}
		if _, err := f.Original(i.ID); err == nil {
			t.Error("Original after delete succeeded, want an error")
		}
	})

	t.Run("followups", func(t *testing.T) {
		i := interact(t, slashCommand("what is RAG?"))
		if err := s.InteractionRespond(i, message("RAG is...")); err != nil {
			t.Fatal(err)
		}
		first, err := s.FollowupMessageCreate(i, true, &discordgo.WebhookParams{Content: "part 2", AllowedMentions: noPings()})
		if err != nil {
			t.Fatalf("followup: %v", err)
		}
		if first.ID == "" || first.Content != "part 2" || first.ChannelID != i.ChannelID {
			t.Errorf("followup answered id %q content %q channel %q", first.ID, first.Content, first.ChannelID)
		}
		_, err = s.FollowupMessageCreate(i, true, &discordgo.WebhookParams{})
		if got := apiCode(err); got != 50006 {
			t.Errorf("empty followup = %v (code %d), want 50006", err, got)
		}
		content := "part 2, revised"
		if _, err := s.FollowupMessageEdit(i, first.ID, &discordgo.WebhookEdit{Content: &content, AllowedMentions: noPings()}); err != nil {
			t.Fatalf("edit followup: %v", err)
		}
		got, err := f.Followups(i.ID)
		if err != nil || len(got) != 1 || got[0].Content != content {
			t.Fatalf("Followups = %v, %v; want one with %q", got, err, content)
		}
		if err := s.FollowupMessageDelete(i, first.ID); err != nil {
			t.Fatalf("delete followup: %v", err)
		}
		if got, _ := f.Followups(i.ID); len(got) != 0 {
			t.Errorf("Followups after delete = %d, want 0", len(got))
		}
		_, err = s.FollowupMessageEdit(i, first.ID, &discordgo.WebhookEdit{Content: &content, AllowedMentions: noPings()})
		if got := apiCode(err); got != 10008 {
			t.Errorf("edit of a deleted followup = %v (code %d), want 10008", err, got)
		}
		other := &discordgo.Interaction{AppID: i.AppID, Token: "not-a-token"}
		_, err = s.FollowupMessageCreate(other, true, &discordgo.WebhookParams{Content: "x", AllowedMentions: noPings()})
		if got := apiCode(err); got != 50027 {
			t.Errorf("followup with an unknown token = %v (code %d), want 50027", err, got)
		}
		if err := s.ChannelMessageDelete("2200000000000000001", "2500000000000000001"); err != nil {
			t.Errorf("channel message delete: %v", err)
		}
	})

	t.Run("refused callbacks", func(t *testing.T) {
		tests := []struct {
			name     string
			typ      discordgo.InteractionType
			resp     *discordgo.InteractionResponse
			wantCode int
		}{
			{"empty message", discordgo.InteractionApplicationCommand, message(""), 50006},
			{"content too long", discordgo.InteractionApplicationCommand, message(strings.Repeat("é", 2001)), 50035},
			{"update message on a command", discordgo.InteractionApplicationCommand,
				&discordgo.InteractionResponse{Type: discordgo.InteractionResponseUpdateMessage, Data: &discordgo.InteractionResponseData{Content: "x"}}, 50035},
			{"message for autocomplete", discordgo.InteractionApplicationCommandAutocomplete, message("x"), 50035},
			{"modal without title", discordgo.InteractionApplicationCommand,
				&discordgo.InteractionResponse{Type: discordgo.InteractionResponseModal, Data: &discordgo.InteractionResponseData{CustomID: "m"}}, 50035},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				i := slashCommand("x")
				i.Type = tt.typ
				interact(t, i)
				err := s.InteractionRespond(i, tt.resp)
				if got := apiCode(err); got != tt.wantCode {
					t.Fatalf("callback = %v (code %d), want code %d", err, got, tt.wantCode)
				}
				_, raw, err := f.WaitCallback(waitCtx(t), i.ID)
				if err == nil || !strings.Contains(err.Error(), "refused") {
					t.Errorf("WaitCallback after a refusal = %v, want a refusal error", err)
				}
				if len(raw) == 0 {
					t.Error("WaitCallback after a refusal returned no body")
				}
			})
		}
	})

	t.Run("refusal then success", func(t *testing.T) {
		i := interact(t, slashCommand("x"))
		s.InteractionRespond(i, message(""))
		if err := s.InteractionRespond(i, message("fixed")); err != nil {
			t.Fatalf("valid callback after a refused one: %v", err)
		}
		resp, _, err := f.WaitCallback(waitCtx(t), i.ID)
		if err != nil || resp.Data.Content != "fixed" {
			t.Errorf("WaitCallback = %+v, %v; want the accepted callback", resp, err)
		}
	})

	t.Run("component update", func(t *testing.T) {
		msg := &discordgo.Message{ID: "2600000000000000001", ChannelID: "2200000000000000001", Content: "old answer"}
		i := interact(t, &discordgo.Interaction{
			Type:      discordgo.InteractionMessageComponent,
			ChannelID: msg.ChannelID,
			Message:   msg,
			Data:      discordgo.MessageComponentInteractionData{CustomID: "more:x", ComponentType: discordgo.ButtonComponent},
		})
		if err := s.InteractionRespond(i, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseUpdateMessage,
			Data: &discordgo.InteractionResponseData{Content: "new answer", AllowedMentions: noPings()},
		}); err != nil {
			t.Fatal(err)
		}
		orig, err := f.Original(i.ID)
		if err != nil || orig.ID != msg.ID || orig.Content != "new answer" {
			t.Errorf("original after update = %+v, %v; want message %s with the new content", orig, err, msg.ID)
		}
	})

	t.Run("callback with a file", func(t *testing.T) {
		i := interact(t, slashCommand("x"))
		resp := message("")
		resp.Data.Files = []*discordgo.File{{Name: "answer.md", ContentType: "text/markdown", Reader: strings.NewReader("# Answer")}}
		if err := s.InteractionRespond(i, resp); err != nil {
			t.Fatalf("callback with a file and no content: %v", err)
		}
		r, err := f.WaitRequest(waitCtx(t), func(r discordfake.Request) bool {
			return r.Route == discordfake.RouteInteractionCallback && r.Params["interaction"] == i.ID
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Files) != 1 || r.Files[0].Name != "answer.md" || string(r.Files[0].Data) != "# Answer" {
			t.Errorf("recorded files = %+v, want answer.md", r.Files)
		}
		var body map[string]any
		if err := json.Unmarshal(r.Body, &body); err != nil || body["type"] != float64(4) {
			t.Errorf("recorded body = %s (%v), want the payload_json part", r.Body, err)
		}
	})
}

// TestDecodeInteractionResponse checks components survive a round trip that
// plain encoding/json cannot make.
func TestDecodeInteractionResponse(t *testing.T) {
	want := &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{
			Content: "hi",
			Flags:   discordgo.MessageFlagsEphemeral,
			Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.Button{Label: "Source", Style: discordgo.LinkButton, URL: "https://example.org/a"},
			}}},
		},
	}
	raw, err := json.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	got, err := discordfake.DecodeInteractionResponse(raw)
	if err != nil {
		t.Fatal(err)
	}
	again, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	if string(again) != string(raw) {
		t.Errorf("round trip changed the response:\n got %s\nwant %s", again, raw)
	}
}
