package bot

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/explainbot/explainbot/bot/discordspec"
)

// The IDs of testdata/messages.
const (
	botUser    = "1100000000000000001"
	askChannel = "2200000000000000005"
)

// messageOptions are the message settings of the tests: mentions on, one
// ask channel, replies that ping their asker.
func messageOptions() MessageOptions {
	return MessageOptions{Mentions: true, AskChannels: []string{askChannel}, ReplyPing: true}
}

// loadMessage reads testdata/messages/name.json.
func loadMessage(t testing.TB, name string) *discordgo.Message {
	t.Helper()
	return loadFixture[discordgo.Message](t, "messages", name)
}

// TestMessages runs every message in testdata/messages through what the
// bot decides from the message alone, and, for those it answers without
// asking Discord anything more, through the reply: validated as a Create
// Message, compared with its golden file, and checked for what the case is
// about.
func TestMessages(t *testing.T) {
	type want struct {
		trigger  Trigger
		ignored  IgnoreReason
		followUp bool
		check    string // "role", "forum", "ref": what resolve must read first
	}
	tests := []struct {
		name  string
		want  want
		check func(t *testing.T, m *discordgo.MessageSend)
	}{
		{"mention_llm", want{trigger: TriggerMention}, func(t *testing.T, m *discordgo.MessageSend) {
			e := sentEmbed(t, m)
			if e.Title != llmHeading || e.Author.Name != "❓ what is an llm" {
				t.Errorf("title %q, author %q; want the LLM section and the question without the mention", e.Title, e.Author.Name)
			}
			wantSentButtons(t, m, "Difference table", "Helpful", "Not helpful", "Dismiss")
			if !strings.HasSuffix(sentButtons(m)["Dismiss"].CustomID, ":2300000000000000001") {
				t.Errorf("Dismiss %q is not the asker's", sentButtons(m)["Dismiss"].CustomID)
			}
		}},
		{"mention_nick", want{trigger: TriggerMention}, func(t *testing.T, m *discordgo.MessageSend) {
			if e := sentEmbed(t, m); e.Author.Name != "❓ hey what is generative ai?" || e.Title != "What Is Generative AI" {
				t.Errorf("author %q, title %q", e.Author.Name, e.Title)
			}
		}},
		{"mention_everyone", want{trigger: TriggerMention}, func(t *testing.T, m *discordgo.MessageSend) {
			e := sentEmbed(t, m)
			if want := "❓ @\u200beveryone what is an llm <@\u200b&456> <@\u200b789> @\u200bhere"; e.Author.Name != want {
				t.Errorf("author %q, want %q", e.Author.Name, want)
			}
			if e.Title != llmHeading {
				t.Errorf("title %q: the mentions should not change the answer", e.Title)
			}
		}},
		{"mention_only", want{trigger: TriggerMention, ignored: IgnoredNoQuestion}, nil},
		{"mention_not_covered", want{trigger: TriggerMention}, func(t *testing.T, m *discordgo.MessageSend) {
			if !strings.Contains(m.Content, "is not covered in my notes") || len(m.Embeds) != 0 || len(sentButtons(m)) == 0 {
				t.Errorf("content %q with %d embeds and %d buttons, want the note with topics", m.Content, len(m.Embeds), len(sentButtons(m)))
			}
		}},
		{"reply_followup", want{trigger: TriggerReply, followUp: true}, func(t *testing.T, m *discordgo.MessageSend) {
			if e := sentEmbed(t, m); e.Title != "How Do LLMs Work" || e.Author.Name != "❓ and how do they work?" {
				t.Errorf("title %q, author %q; want How Do LLMs Work for the question as typed", e.Title, e.Author.Name)
			}
		}},
		{"reply_genai_context", want{trigger: TriggerReply, followUp: true}, func(t *testing.T, m *discordgo.MessageSend) {
			// After an answer on generative AI, "what are they exactly?"
			// is about generative AI (after one on LLMs, about LLMs).
			if e := sentEmbed(t, m); e.Title != "What Is Generative AI" {
				t.Errorf("title %q, want What Is Generative AI from the earlier answer's subject", e.Title)
			}
		}},
		{"reply_no_ping", want{trigger: TriggerReply, followUp: true, ignored: IgnoredNoQuestion}, nil},
		{"reply_to_note", want{trigger: TriggerReply}, func(t *testing.T, m *discordgo.MessageSend) {
			if e := sentEmbed(t, m); e.Title != "What Is Generative AI" {
				t.Errorf("title %q: a reply to a note is a question of its own", e.Title)
			}
		}},
		{"reply_to_student", want{trigger: TriggerMention}, nil},
		{"reply_unfetched", want{trigger: TriggerMention, check: "ref"}, nil},
		{"dm", want{trigger: TriggerDM}, func(t *testing.T, m *discordgo.MessageSend) {
			if m.Reference.GuildID != "" || sentEmbed(t, m).Title != llmHeading {
				t.Errorf("reference %+v", m.Reference)
			}
		}},
		{"ask_channel", want{trigger: TriggerAskChannel}, func(t *testing.T, m *discordgo.MessageSend) {
			if e := sentEmbed(t, m); e.Title != "Key Differences Between Generative AI and LLMs" || len(e.Fields) == 0 {
				t.Errorf("title %q with %d fields, want the difference table", e.Title, len(e.Fields))
			}
		}},
		{"long_chatter", want{trigger: TriggerMention}, func(t *testing.T, m *discordgo.MessageSend) {
			if e := sentEmbed(t, m); e.Title != llmHeading || runesOf(e.Author.Name) > maxTitle {
				t.Errorf("title %q, author of %d runes; want the LLM section and an author line within Discord's limit", e.Title, runesOf(e.Author.Name))
			}
		}},
		{"own", want{ignored: IgnoredSelf}, nil},
		{"other_bot", want{ignored: IgnoredBot}, nil},
		{"webhook", want{ignored: IgnoredWebhook}, nil},
		{"system", want{ignored: IgnoredSystem}, nil},
		{"not_addressed", want{ignored: IgnoredNotAddressed}, nil},
		{"role_mention", want{check: "role"}, nil},
		{"forum_first", want{check: "forum"}, nil},
	}
	entries, err := os.ReadDir(filepath.Join("testdata", "messages"))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(tests) {
		t.Errorf("testdata/messages holds %d files and the table %d cases: each file needs its case", len(entries), len(tests))
	}
	spec := discordspec.MustLoad(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, _ := newBot(t, nil, Options{Messages: messageOptions()})
			m := loadMessage(t, tt.name)
			in := b.readMessage(m, botUser)
			check := ""
			switch {
			case in.checkRole:
				check = "role"
			case in.checkForum:
				check = "forum"
			case in.fetchRef:
				check = "ref"
			}
			got := want{trigger: in.trigger, ignored: in.ignored, followUp: in.prev != nil, check: check}
			if check != "" || in.ignored != "" {
				if got != tt.want {
					t.Fatalf("read as %+v, want %+v", got, tt.want)
				}
				return
			}
			send, r, quiet := b.messageReply(t.Context(), in, botUser)
			got.ignored = quiet
			if got != tt.want {
				t.Fatalf("read as %+v, want %+v", got, tt.want)
			}
			if quiet != "" {
				if send != nil {
					t.Errorf("ignored (%s) but a reply was made: %+v", quiet, send)
				}
				return
			}
			if r.Outcome == OutcomeError || r.Outcome == "" {
				t.Errorf("outcome %q", r.Outcome)
			}
			if err := spec.ValidateMessageCreate(send); err != nil {
				t.Errorf("the reply breaks Discord's rules: %v", err)
			}
			if send.Reference == nil || send.Reference.MessageID != m.ID || send.Reference.ChannelID != m.ChannelID ||
				send.Reference.FailIfNotExists == nil || *send.Reference.FailIfNotExists {
				t.Errorf("reference %+v, want message %s of channel %s, fail_if_not_exists false", send.Reference, m.ID, m.ChannelID)
			}
			am := send.AllowedMentions
			if am == nil || am.Parse == nil || len(am.Parse) != 0 || len(am.Users) != 0 || len(am.Roles) != 0 || !am.RepliedUser {
				t.Errorf("allowed mentions %+v, want parse [] and only the replied-to asker", am)
			}
			if send.Flags&discordgo.MessageFlagsEphemeral != 0 {
				t.Error("a channel message cannot be ephemeral")
			}
			noLiveMentions(t, send)
			checkGolden(t, "message_"+tt.name, send)
			if tt.check != nil {
				tt.check(t, send)
			}
		})
	}
}

// TestReplyPingOff: with ReplyPing off, the reply pings nobody at all.
func TestReplyPingOff(t *testing.T) {
	opts := messageOptions()
	opts.ReplyPing = false
	b, _ := newBot(t, nil, Options{Messages: opts})
	in := b.readMessage(loadMessage(t, "mention_llm"), botUser)
	send, _, _ := b.messageReply(t.Context(), in, botUser)
	if send == nil || send.AllowedMentions == nil || send.AllowedMentions.RepliedUser {
		t.Errorf("allowed mentions %+v, want replied_user false", send)
	}
}

// TestMentionsOff: without Options.Messages.Mentions, mentions, replies and
// DMs are not addressed to the bot; an ask channel still is.
func TestMentionsOff(t *testing.T) {
	b, _ := newBot(t, nil, Options{Messages: MessageOptions{AskChannels: []string{askChannel}}})
	for name, want := range map[string]Trigger{"mention_llm": "", "reply_followup": "", "dm": "", "ask_channel": TriggerAskChannel} {
		in := b.readMessage(loadMessage(t, name), botUser)
		if in.trigger != want || (want == "" && in.ignored != IgnoredNotAddressed) {
			t.Errorf("%s: trigger %q ignored %q, want trigger %q", name, in.trigger, in.ignored, want)
		}
	}
}

func TestQuestionText(t *testing.T) {
	for in, want := range map[string]string{
		"<@" + botUser + "> what is an llm":              "what is an llm",
		"hey <@!" + botUser + ">, what is an llm":        "hey what is an llm",
		"<@" + botUser + ">: what\nis\tan llm":           "what is an llm",
		"<@&2800000000000000001> what is an llm":         "what is an llm",
		"what is an llm <@2300000000000000002>":          "what is an llm <@2300000000000000002>",
		"<@" + botUser + "> <@&2800000000000000001>":     "",
		"<@1100000000000000002> what is an llm (no bot)": "<@1100000000000000002> what is an llm (no bot)",
	} {
		if got := question(in, botUser, "2800000000000000001"); got != want {
			t.Errorf("question(%q) = %q, want %q", in, got, want)
		}
	}
}

func sentEmbed(t *testing.T, m *discordgo.MessageSend) *discordgo.MessageEmbed {
	t.Helper()
	if len(m.Embeds) != 1 || m.Embeds[0].Author == nil {
		t.Fatalf("%d embeds, want one answer with its author line", len(m.Embeds))
	}
	return m.Embeds[0]
}

func sentButtons(m *discordgo.MessageSend) map[string]discordgo.Button {
	return buttonsOf(m.Components)
}

func wantSentButtons(t *testing.T, m *discordgo.MessageSend, labels ...string) {
	t.Helper()
	wantLabels(t, sentButtons(m), labels)
}

// noLiveMentions fails if anything shown could form a mention: every "@"
// is followed by the zero-width space.
func noLiveMentions(t *testing.T, m *discordgo.MessageSend) {
	t.Helper()
	texts := []string{m.Content}
	for _, e := range m.Embeds {
		texts = append(texts, e.Title, e.Description)
		if e.Author != nil {
			texts = append(texts, e.Author.Name)
		}
		for _, f := range e.Fields {
			texts = append(texts, f.Name, f.Value)
		}
	}
	for _, s := range texts {
		if strings.Contains(strings.ReplaceAll(s, "@"+zwsp, ""), "@") {
			t.Errorf("%q holds a live mention", s)
		}
	}
}

func runesOf(s string) int { return len([]rune(s)) }

// TestMessageSlowDown: over the cooldown, a message gets one short reply,
// in the channel, then silence while the wait lasts.
func TestMessageSlowDown(t *testing.T) {
	b, _ := newBot(t, nil, Options{CooldownAnswers: 1, CooldownWindow: 20 * time.Second, Messages: messageOptions()})
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	b.now = func() time.Time { return now }
	in := b.readMessage(loadMessage(t, "mention_llm"), botUser)
	if _, r, quiet := b.messageReply(t.Context(), in, botUser); r.Outcome != OutcomeAnswered || quiet != "" {
		t.Fatalf("first: %s %q", r.Outcome, quiet)
	}
	now = now.Add(5 * time.Second)
	send, r, quiet := b.messageReply(t.Context(), in, botUser)
	if r.Outcome != OutcomeRateLimited || quiet != "" || send == nil {
		t.Fatalf("second: %s %q %v, want the slow down", r.Outcome, quiet, send)
	}
	if err := discordspec.MustLoad(t).ValidateMessageCreate(send); err != nil {
		t.Errorf("the slow down breaks Discord's rules: %v", err)
	}
	if send.Content != "You're asking quickly — slow down and try again in 15 s." || send.Flags != 0 {
		t.Errorf("content %q flags %d", send.Content, send.Flags)
	}
	checkGolden(t, "message_slow_down", send)
	now = now.Add(5 * time.Second)
	if send, r, quiet := b.messageReply(t.Context(), in, botUser); send != nil || quiet != IgnoredCooldown || r.Outcome != OutcomeRateLimited {
		t.Errorf("third: %v %q %s, want silence", send, quiet, r.Outcome)
	}
}
