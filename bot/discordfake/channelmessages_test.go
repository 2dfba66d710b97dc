package discordfake_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/explainbot/explainbot/bot/discordfake"
)

const (
	guild    = "2100000000000000001"
	channel  = "2200000000000000001"
	forum    = "2200000000000000002"
	student  = "2300000000000000001"
	messages = discordgo.IntentsGuilds | discordgo.IntentGuildMessages | discordgo.IntentDirectMessages
)

var studentUser = &discordgo.User{ID: student, Username: "student"}

// receive opens a session with intents and returns the MESSAGE_CREATE and
// THREAD_CREATE events it gets.
func receive(t *testing.T, f *discordfake.Fake, intents discordgo.Intent) (*discordgo.Session, chan *discordgo.Message, chan *discordgo.Channel) {
	t.Helper()
	msgs, threads := make(chan *discordgo.Message, 16), make(chan *discordgo.Channel, 16)
	s := openSession(t, f, func(s *discordgo.Session) {
		s.Identify.Intents = intents
		s.AddHandler(func(_ *discordgo.Session, m *discordgo.MessageCreate) { msgs <- m.Message })
		s.AddHandler(func(_ *discordgo.Session, c *discordgo.ThreadCreate) { threads <- c.Channel })
	})
	return s, msgs, threads
}

func next[T any](t *testing.T, ch chan T) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-waitCtx(t).Done():
		var zero T
		t.Fatal("no event came")
		return zero
	}
}

// TestPostMessageContent checks MESSAGE_CREATE carries content as Discord's
// intents decide: always for a mention of the bot and a DM, otherwise only
// with MESSAGE_CONTENT; no event at all without GUILD_MESSAGES.
func TestPostMessageContent(t *testing.T) {
	t.Parallel()
	mention := "<@" + discordfake.DefaultBotUserID + "> what is an llm"
	tests := []struct {
		name        string
		opts        []discordfake.Option
		intents     discordgo.Intent
		post        discordfake.Post
		wantContent string
		notSent     bool
	}{
		{"mention", nil, messages, discordfake.Post{ChannelID: channel, GuildID: guild, Content: mention}, mention, false},
		{"no mention", nil, messages, discordfake.Post{ChannelID: channel, GuildID: guild, Content: "what is an llm"}, "", false},
		{"dm", nil, messages, discordfake.Post{ChannelID: "2200000000000000009", Content: "what is an llm"}, "what is an llm", false},
		{"content intent", []discordfake.Option{discordfake.WithEnabledIntents(discordgo.IntentMessageContent)},
			messages | discordgo.IntentMessageContent, discordfake.Post{ChannelID: channel, GuildID: guild, Content: "what is an llm"}, "what is an llm", false},
		{"no guild messages", nil, discordgo.IntentsGuilds, discordfake.Post{ChannelID: channel, GuildID: guild, Content: mention}, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := discordfake.New(t, tt.opts...)
			_, msgs, _ := receive(t, f, tt.intents)
			tt.post.Author = studentUser
			stored, err := f.PostMessage(waitCtx(t), tt.post)
			if tt.notSent {
				if !errors.Is(err, discordfake.ErrNotDelivered) {
					t.Fatalf("PostMessage = %v, want ErrNotDelivered", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if stored.Content != tt.post.Content {
				t.Errorf("stored content %q, want it as typed", stored.Content)
			}
			got := next(t, msgs)
			if got.ID != stored.ID || got.Content != tt.wantContent || got.Author.ID != student {
				t.Errorf("MESSAGE_CREATE %s by %s with content %q, want %s with %q", got.ID, got.Author.ID, got.Content, stored.ID, tt.wantContent)
			}
		})
	}
}

// TestReplyRoundTrip: a student's mention, the bot's reply to it through
// the REST call discordgo makes, and the student's reply to that, whose
// event carries the bot's message as referenced_message and the bot among
// its mentions when the ping is left on.
func TestReplyRoundTrip(t *testing.T) {
	t.Parallel()
	f := discordfake.New(t)
	s, msgs, _ := receive(t, f, messages)
	ctx := waitCtx(t)
	q, err := f.PostMessage(ctx, discordfake.Post{ChannelID: channel, GuildID: guild, Author: studentUser,
		Content: "<@" + f.BotUserID() + "> what is an llm"})
	if err != nil {
		t.Fatal(err)
	}
	if ev := next(t, msgs); len(ev.Mentions) != 1 || ev.Mentions[0].ID != f.BotUserID() {
		t.Errorf("mentions %+v, want the bot", ev.Mentions)
	}

	no := false
	send := &discordgo.MessageSend{
		Embeds:          []*discordgo.MessageEmbed{{Title: "LLMs", Author: &discordgo.MessageEmbedAuthor{Name: "❓ what is an llm"}}},
		AllowedMentions: &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}, RepliedUser: true},
		Reference:       &discordgo.MessageReference{MessageID: q.ID, ChannelID: channel, GuildID: guild, FailIfNotExists: &no},
	}
	answer, err := s.ChannelMessageSendComplex(channel, send)
	if err != nil {
		t.Fatalf("send the reply: %v", err)
	}
	if answer.Type != discordgo.MessageTypeReply || answer.MessageReference == nil || answer.MessageReference.MessageID != q.ID ||
		answer.ReferencedMessage == nil || answer.Author.ID != f.BotUserID() || len(answer.Mentions) != 1 || answer.Mentions[0].ID != student {
		t.Errorf("the reply as stored: %+v", answer)
	}
	// Discord sends the bot its own messages too.
	if ev := next(t, msgs); ev.ID != answer.ID || ev.Author.ID != f.BotUserID() || len(ev.Embeds) != 1 {
		t.Errorf("after the reply, MESSAGE_CREATE %s by %s; want the reply itself", ev.ID, ev.Author.ID)
	}

	follow, err := f.PostMessage(ctx, discordfake.Post{ChannelID: channel, GuildID: guild, Author: studentUser,
		Content: "and how do they work?", ReplyTo: answer.ID, ReplyPing: true})
	if err != nil {
		t.Fatal(err)
	}
	ev := next(t, msgs)
	if ev.ID != follow.ID || ev.Content != "and how do they work?" || ev.Type != discordgo.MessageTypeReply {
		t.Errorf("follow-up event %s %q type %d", ev.ID, ev.Content, ev.Type)
	}
	if ev.ReferencedMessage == nil || ev.ReferencedMessage.ID != answer.ID || len(ev.ReferencedMessage.Embeds) != 1 ||
		ev.ReferencedMessage.Embeds[0].Author.Name != "❓ what is an llm" {
		t.Errorf("referenced_message %+v, want the bot's answer with its embed", ev.ReferencedMessage)
	}

	// REST reads: one message, and the channel's newest first.
	got, err := s.ChannelMessage(channel, answer.ID)
	if err != nil || got.Embeds[0].Title != "LLMs" {
		t.Errorf("GET the answer: %+v, %v", got, err)
	}
	list, err := s.ChannelMessages(channel, 50, follow.ID, "", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].ID != answer.ID || list[1].ID != q.ID {
		t.Errorf("messages before the follow-up: %d, want the answer then the question", len(list))
	}
	// Without the Message Content intent, REST hides users' text but for
	// mentions of the bot.
	if len(list) == 2 && list[1].Content == "" {
		t.Error("the mention's content is hidden; Discord shows it to the bot it mentions")
	}
	if got, err := s.ChannelMessage(channel, follow.ID); err != nil || got.Content != "and how do they work?" {
		t.Errorf("GET the follow-up (it pings the bot): %+v, %v", got, err)
	}
	if _, err := s.ChannelMessages(channel, 101, "", "", ""); apiCode(err) != 50035 {
		t.Errorf("limit 101: %v, want 50035", err)
	}
	if _, err := s.ChannelMessage(channel, "2600000000000000099"); apiCode(err) != 10008 {
		t.Errorf("GET an unknown message: %v, want 10008", err)
	}
}

// TestChannelMessageRefused: the fake refuses what Discord would.
func TestChannelMessageRefused(t *testing.T) {
	t.Parallel()
	f := discordfake.New(t)
	s, _, _ := receive(t, f, messages)
	if _, err := f.PostMessage(waitCtx(t), discordfake.Post{ChannelID: channel, GuildID: guild, Author: studentUser, Content: "hi"}); err != nil {
		t.Fatal(err)
	}
	ok := func() *discordgo.MessageSend {
		return &discordgo.MessageSend{Content: "hello", AllowedMentions: noPings()}
	}
	tests := []struct {
		name     string
		channel  string
		change   func(*discordgo.MessageSend)
		wantCode int
	}{
		{"plain", channel, func(*discordgo.MessageSend) {}, 0},
		{"unknown channel", "2200000000000000077", func(*discordgo.MessageSend) {}, 10003},
		{"ephemeral", channel, func(m *discordgo.MessageSend) { m.Flags = discordgo.MessageFlagsEphemeral }, 50035},
		{"pings", channel, func(m *discordgo.MessageSend) { m.AllowedMentions = nil }, 50035},
		{"unknown reference", channel, func(m *discordgo.MessageSend) {
			m.Reference = &discordgo.MessageReference{MessageID: "2600000000000000099"}
		}, 50035},
		{"unknown reference, fail_if_not_exists false", channel, func(m *discordgo.MessageSend) {
			no := false
			m.Reference = &discordgo.MessageReference{MessageID: "2600000000000000099", FailIfNotExists: &no}
		}, 0},
	}
	for _, tt := range tests {
		m := ok()
		tt.change(m)
		got, err := s.ChannelMessageSendComplex(tt.channel, m)
		if code := apiCode(err); tt.wantCode != 0 && code != tt.wantCode || tt.wantCode == 0 && err != nil {
			t.Errorf("%s: %v (code %d), want code %d", tt.name, err, code, tt.wantCode)
			continue
		}
		if tt.wantCode == 0 && got.MessageReference != nil {
			t.Errorf("%s: sent with reference %+v to a message that is not there", tt.name, got.MessageReference)
		}
	}
}

// TestForumPost: a new forum post is THREAD_CREATE, then the first message
// with the thread's ID; GET /channels/{thread} names the forum as parent.
func TestForumPost(t *testing.T) {
	t.Parallel()
	f := discordfake.New(t, discordfake.WithEnabledIntents(discordgo.IntentMessageContent))
	if err := f.AddChannel(&discordgo.Channel{ID: forum, GuildID: guild, Type: discordgo.ChannelTypeGuildForum}); err != nil {
		t.Fatal(err)
	}
	s, msgs, threads := receive(t, f, messages|discordgo.IntentMessageContent)
	if _, err := f.PostForum(waitCtx(t), channel, "x", discordfake.Post{Author: studentUser}); err == nil {
		t.Error("a post in a channel that is not a forum was accepted")
	}
	m, err := f.PostForum(waitCtx(t), forum, "LLMs?", discordfake.Post{Author: studentUser, Content: "what is an llm"})
	if err != nil {
		t.Fatal(err)
	}
	th := next(t, threads)
	ev := next(t, msgs)
	if th.ID != m.ID || ev.ID != m.ID || ev.ChannelID != m.ID || th.ParentID != forum || ev.Content != "what is an llm" {
		t.Errorf("thread %s (parent %s), message %s in %s %q; want the thread and its first message to share one ID",
			th.ID, th.ParentID, ev.ID, ev.ChannelID, ev.Content)
	}
	c, err := s.Channel(m.ChannelID)
	if err != nil || c.ParentID != forum || c.Type != discordgo.ChannelTypeGuildPublicThread {
		t.Errorf("GET the thread: %+v, %v", c, err)
	}
}

// TestWithoutReferencedMessages: the reply's event names the message it
// replies to only by reference.
func TestWithoutReferencedMessages(t *testing.T) {
	t.Parallel()
	f := discordfake.New(t, discordfake.WithoutReferencedMessages())
	_, msgs, _ := receive(t, f, messages)
	ctx := waitCtx(t)
	first, err := f.PostMessage(ctx, discordfake.Post{ChannelID: channel, GuildID: guild, Author: studentUser, Content: "<@" + f.BotUserID() + "> hi"})
	if err != nil {
		t.Fatal(err)
	}
	next(t, msgs)
	if _, err := f.PostMessage(ctx, discordfake.Post{ChannelID: channel, GuildID: guild, Author: studentUser,
		Content: "<@" + f.BotUserID() + "> more", ReplyTo: first.ID}); err != nil {
		t.Fatal(err)
	}
	ev := next(t, msgs)
	if ev.MessageReference == nil || ev.MessageReference.MessageID != first.ID || ev.ReferencedMessage != nil {
		t.Errorf("reference %+v, referenced message %+v; want only the reference", ev.MessageReference, ev.ReferencedMessage)
	}
}

// TestBotRole: the roles list holds the bot's managed role, tagged with its
// ID, as Discord's does (discordgo's Role drops the tags, so read it raw).
func TestBotRole(t *testing.T) {
	t.Parallel()
	f := discordfake.New(t)
	s := newSession(t, f)
	raw, err := s.RequestWithBucketID("GET", discordgo.EndpointGuildRoles(guild), nil, discordgo.EndpointGuildRoles(guild))
	if err != nil {
		t.Fatal(err)
	}
	var roles []struct {
		ID   string `json:"id"`
		Tags struct {
			BotID string `json:"bot_id"`
		} `json:"tags"`
	}
	if err := json.Unmarshal(raw, &roles); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range roles {
		found = found || r.ID == f.BotRole(guild) && r.Tags.BotID == f.BotUserID()
	}
	if !found {
		t.Errorf("roles %s lack the bot's managed role %s", raw, f.BotRole(guild))
	}
}

// TestMessageContentIntentRefused: asking for MESSAGE_CONTENT when only
// another privileged intent is enabled is refused with 4014.
func TestMessageContentIntentRefused(t *testing.T) {
	t.Parallel()
	f := discordfake.New(t, discordfake.WithEnabledIntents(discordgo.IntentGuildMembers))
	s := newSession(t, f)
	s.Identify.Intents = messages | discordgo.IntentMessageContent
	err := s.Open()
	if err == nil {
		s.Close()
		t.Fatal("Open succeeded with MESSAGE_CONTENT not enabled")
	}
	if !strings.Contains(err.Error(), "4014") {
		t.Errorf("Open = %v, want close 4014", err)
	}
	s.Identify.Intents = messages | discordgo.IntentGuildMembers
	if err := s.Open(); err != nil {
		t.Fatalf("Open with the enabled intent: %v", err)
	}
	s.Close()
}
