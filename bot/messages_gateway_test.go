package bot

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/explainbot/explainbot/bot/discordfake"
	"github.com/explainbot/explainbot/bot/discordspec"
)

// The channels of the gateway message tests.
const (
	guildID     = "2100000000000000001"
	textChannel = "2200000000000000001"
	forumID     = "2200000000000000006"
	threadID    = "2200000000000000007"
)

var student = &discordgo.User{ID: asker, Username: "student"}

// msgObserver keeps every message observation, and lets a test wait for
// the ones it expects: the bot observes a message once it is done with it,
// reply sent or not.
type msgObserver struct {
	mu      sync.Mutex
	got     []MessageObservation
	changed chan struct{}
}

func newMsgObserver() *msgObserver { return &msgObserver{changed: make(chan struct{})} }

func (o *msgObserver) ObserveMessage(m MessageObservation) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.got = append(o.got, m)
	close(o.changed)
	o.changed = make(chan struct{})
}

// count waits until n observations match, and returns them.
func (o *msgObserver) count(t *testing.T, ctx context.Context, n int, match func(MessageObservation) bool) []MessageObservation {
	t.Helper()
	for {
		o.mu.Lock()
		var found []MessageObservation
		for _, m := range o.got {
			if match(m) {
				found = append(found, m)
			}
		}
		changed := o.changed
		o.mu.Unlock()
		if len(found) >= n {
			return found
		}
		select {
		case <-changed:
		case <-ctx.Done():
			t.Fatalf("waited for %d matching message observations, have %d: %+v", n, len(found), o.all())
		}
	}
}

func (o *msgObserver) all() []MessageObservation {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]MessageObservation(nil), o.got...)
}

func ignored(r IgnoreReason) func(MessageObservation) bool {
	return func(m MessageObservation) bool { return m.Ignored == r }
}

// post sends p through the fake as a user would.
func post(t *testing.T, ctx context.Context, fake *discordfake.Fake, p discordfake.Post) *discordgo.Message {
	t.Helper()
	if p.Author == nil {
		p.Author = student
	}
	m, err := fake.PostMessage(ctx, p)
	if err != nil {
		t.Fatalf("post %q: %v", p.Content, err)
	}
	return m
}

// botReply waits for the bot's reply to message to, checks its body
// against Discord's rules, and returns the body and the message as the
// fake stored it.
func botReply(t *testing.T, ctx context.Context, fake *discordfake.Fake, to *discordgo.Message) (map[string]any, *discordgo.Message) {
	t.Helper()
	req, err := fake.WaitRequest(ctx, func(r discordfake.Request) bool {
		return r.Route == discordfake.RouteChannelMessageCreate && strings.Contains(string(r.Body), `"message_id":"`+to.ID+`"`)
	})
	if err != nil {
		t.Fatalf("no reply to %s: %v", to.ID, err)
	}
	if req.Status >= 300 || req.Params["channel"] != to.ChannelID {
		t.Fatalf("reply to %s: HTTP %d in channel %s, want 200 in %s: %s", to.ID, req.Status, req.Params["channel"], to.ChannelID, req.Body)
	}
	if err := discordspec.MustLoad(t).ValidateMessageCreateJSON(req.Body); err != nil {
		t.Errorf("the reply breaks Discord's rules: %v", err)
	}
	var body map[string]any
	if err := json.Unmarshal(req.Body, &body); err != nil {
		t.Fatal(err)
	}
	ms, err := fake.ChannelMessages(to.ChannelID)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Author != nil && m.Author.ID == fake.BotUserID() && m.MessageReference != nil && m.MessageReference.MessageID == to.ID {
			return body, m
		}
	}
	t.Fatalf("the fake holds no reply to %s", to.ID)
	return nil, nil
}

func replyTitle(t *testing.T, m *discordgo.Message) string {
	t.Helper()
	if len(m.Embeds) != 1 {
		t.Fatalf("reply %q has %d embeds, want one answer", m.Content, len(m.Embeds))
	}
	return m.Embeds[0].Title
}

func repliesTo(fake *discordfake.Fake, id string) int {
	n := 0
	for _, r := range fake.Requests() {
		if r.Route == discordfake.RouteChannelMessageCreate && strings.Contains(string(r.Body), `"message_id":"`+id+`"`) {
			n++
		}
	}
	return n
}

func mentionOf(fake *discordfake.Fake) string { return "<@" + fake.BotUserID() + "> " }

// TestMessagesOverGateway runs the bot on a real discordgo session against
// the fake Discord: a mention is answered by a reply that references it
// and passes discordspec, with no privileged intent; a reply to that
// answer asking "and how do they work?" is answered from How Do LLMs
// Work; @everyone pings nobody; a DM is answered; the bot's own messages,
// another bot's, a webhook's and a message not addressed to it get
// nothing; and the buttons on a reply work as on an interaction's.
func TestMessagesOverGateway(t *testing.T) {
	t.Parallel()
	fake := discordfake.New(t)
	obs := newMsgObserver()
	st := openStore(t)
	b, _ := newBot(t, nil, Options{GuildID: guildID, Store: st, CooldownAnswers: 100,
		Messages: MessageOptions{Mentions: true, ReplyPing: true, Observer: obs}})
	startGateway(t, fake, b)
	ctx, cancel := context.WithTimeout(t.Context(), e2eTimeout)
	defer cancel()

	for _, id := range fake.Identifications() {
		if want := discordgo.IntentsGuilds | discordgo.IntentGuildMessages | discordgo.IntentDirectMessages; id.Intents != want {
			t.Errorf("identified with intents %d, want %d: mentions need no privileged intent", id.Intents, want)
		}
	}

	// A mention, answered by a reply to it.
	q := post(t, ctx, fake, discordfake.Post{ChannelID: textChannel, GuildID: guildID, Content: mentionOf(fake) + "what is an llm"})
	body, answer := botReply(t, ctx, fake, q)
	if replyTitle(t, answer) != llmHeading || answer.Embeds[0].Author.Name != "❓ what is an llm" {
		t.Errorf("answer %q for %q", replyTitle(t, answer), answer.Embeds[0].Author.Name)
	}
	am, _ := body["allowed_mentions"].(map[string]any)
	if parse, ok := am["parse"].([]any); !ok || len(parse) != 0 || am["replied_user"] != true {
		t.Errorf("allowed_mentions %v, want parse [] and replied_user", am)
	}
	if ref, _ := body["message_reference"].(map[string]any); ref["fail_if_not_exists"] != false || ref["guild_id"] != guildID {
		t.Errorf("message_reference %v", ref)
	}
	if len(answer.Mentions) != 1 || answer.Mentions[0].ID != asker {
		t.Errorf("the reply pings %+v, want the asker alone", answer.Mentions)
	}

	// A reply to the answer is a follow-up.
	follow := post(t, ctx, fake, discordfake.Post{ChannelID: textChannel, GuildID: guildID,
		Content: "and how do they work?", ReplyTo: answer.ID, ReplyPing: true})
	_, second := botReply(t, ctx, fake, follow)
	if got := replyTitle(t, second); got != "How Do LLMs Work" {
		t.Errorf("follow-up answered from %q, want How Do LLMs Work", got)
	}
	// "what are they exactly?" after the LLM answer is about LLMs (after
	// one on generative AI it is about generative AI: TestMessages).
	what := post(t, ctx, fake, discordfake.Post{ChannelID: textChannel, GuildID: guildID,
		Content: "what are they exactly?", ReplyTo: answer.ID, ReplyPing: true})
	if _, r := botReply(t, ctx, fake, what); len(r.Embeds) != 1 || r.Embeds[0].Title != "What Are Large Language Models (LLMs)" {
		t.Errorf("%q after the LLM answer: %q %+v, want What Are Large Language Models (LLMs)", what.Content, r.Content, r.Embeds)
	}
	obs.count(t, ctx, 2, func(m MessageObservation) bool {
		return m.Trigger == TriggerReply && m.FollowUp && m.Outcome == OutcomeAnswered
	})

	// @everyone and a role in a mention ping nobody.
	loud := post(t, ctx, fake, discordfake.Post{ChannelID: textChannel, GuildID: guildID,
		Content: mentionOf(fake) + "@everyone <@&2800000000000000009> what is an llm"})
	_, third := botReply(t, ctx, fake, loud)
	if strings.Contains(strings.ReplaceAll(third.Embeds[0].Author.Name, "@"+zwsp, ""), "@") || third.MentionEveryone || len(third.MentionRoles) != 0 {
		t.Errorf("author line %q, mention_everyone %v, roles %v: something could ping", third.Embeds[0].Author.Name, third.MentionEveryone, third.MentionRoles)
	}

	// A DM needs no mention.
	dm := post(t, ctx, fake, discordfake.Post{ChannelID: "2200000000000000009", Content: "what is generative ai"})
	if _, r := botReply(t, ctx, fake, dm); replyTitle(t, r) != "What Is Generative AI" {
		t.Errorf("DM answered from %q", replyTitle(t, r))
	}

	// A question the notes do not cover: the note, with topics, and the record.
	odd := post(t, ctx, fake, discordfake.Post{ChannelID: textChannel, GuildID: guildID, Content: mentionOf(fake) + "quantum chromodynamics"})
	if _, r := botReply(t, ctx, fake, odd); !strings.Contains(r.Content, "is not covered in my notes") || len(r.Components) == 0 {
		t.Errorf("not covered: %q with %d rows", r.Content, len(r.Components))
	}

	// Nothing for another bot, a webhook, a message to nobody; the bot's
	// own replies come back as MESSAGE_CREATE and are ignored too.
	others := []*discordgo.Message{
		post(t, ctx, fake, discordfake.Post{ChannelID: textChannel, GuildID: guildID, Content: mentionOf(fake) + "what is an llm",
			Author: &discordgo.User{ID: "2300000000000000077", Username: "otherbot", Bot: true}}),
		post(t, ctx, fake, discordfake.Post{ChannelID: textChannel, GuildID: guildID, Content: mentionOf(fake) + "what is an llm", WebhookID: "2700000000000000001"}),
		post(t, ctx, fake, discordfake.Post{ChannelID: textChannel, GuildID: guildID, Content: "what is an llm"}),
		post(t, ctx, fake, discordfake.Post{ChannelID: textChannel, GuildID: guildID, Content: mentionOf(fake)}),
	}
	for _, r := range []IgnoreReason{IgnoredBot, IgnoredWebhook, IgnoredNotAddressed, IgnoredNoQuestion} {
		obs.count(t, ctx, 1, ignored(r))
	}
	obs.count(t, ctx, 6, ignored(IgnoredSelf)) // the six replies so far
	for _, m := range others {
		if n := repliesTo(fake, m.ID); n != 0 {
			t.Errorf("message %s %q got %d replies, want none", m.ID, m.Content, n)
		}
	}

	// The buttons of a reply work as on an interaction's reply.
	press := func(label string) *discordgo.InteractionResponse {
		t.Helper()
		msg, err := fake.Message(answer.ID)
		if err != nil {
			t.Fatal(err)
		}
		i := &discordgo.Interaction{Type: discordgo.InteractionMessageComponent, GuildID: guildID, ChannelID: textChannel,
			Message: msg, Member: &discordgo.Member{User: student},
			Data: discordgo.MessageComponentInteractionData{CustomID: buttonsOf(msg.Components)[label].CustomID, ComponentType: discordgo.ButtonComponent}}
		return interact(t, ctx, fake, i)
	}
	if r := press("Difference table"); len(r.Data.Embeds) != 1 || r.Data.Embeds[0].Title != "Key Differences Between Generative AI and LLMs" || r.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("Difference table: %+v", r.Data)
	}
	if r := press("Helpful"); r.Data.Content != "Thanks for the feedback!" {
		t.Errorf("Helpful: %q", r.Data.Content)
	}
	if r := press("Dismiss"); r.Type != discordgo.InteractionResponseDeferredMessageUpdate {
		t.Errorf("Dismiss: callback type %d", r.Type)
	}
	if _, err := fake.WaitRequest(ctx, func(r discordfake.Request) bool {
		return r.Route == discordfake.RouteWebhookMessageDelete && r.Status < 300
	}); err != nil {
		t.Fatalf("the dismissed reply was not deleted: %v", err)
	}
	if _, err := fake.Message(answer.ID); err == nil {
		t.Error("the dismissed reply is still there")
	}

	// The record: the question not covered, and the vote.
	rep, err := st.Unanswered(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Latest) != 1 || rep.Latest[0].Text != "quantum chromodynamics" {
		t.Errorf("recorded %+v, want the question not covered", rep.Latest)
	}
	fb, err := st.Feedback(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(fb) != 1 || fb[0].Heading != llmHeading || fb[0].Helpful != 1 {
		t.Errorf("feedback %+v, want one vote for the LLM answer", fb)
	}
}

// TestMessageReplyFetched: when MESSAGE_CREATE leaves out the message
// replied to, the bot reads it over REST for the follow-up's context.
func TestMessageReplyFetched(t *testing.T) {
	t.Parallel()
	fake := discordfake.New(t, discordfake.WithoutReferencedMessages())
	b, _ := newBot(t, nil, Options{GuildID: guildID, Messages: MessageOptions{Mentions: true}})
	startGateway(t, fake, b)
	ctx, cancel := context.WithTimeout(t.Context(), e2eTimeout)
	defer cancel()
	q := post(t, ctx, fake, discordfake.Post{ChannelID: textChannel, GuildID: guildID, Content: mentionOf(fake) + "what is an llm"})
	_, answer := botReply(t, ctx, fake, q)
	follow := post(t, ctx, fake, discordfake.Post{ChannelID: textChannel, GuildID: guildID,
		Content: "and how do they work?", ReplyTo: answer.ID, ReplyPing: true})
	if _, r := botReply(t, ctx, fake, follow); replyTitle(t, r) != "How Do LLMs Work" {
		t.Errorf("follow-up answered from %q", replyTitle(t, r))
	}
	if _, err := fake.WaitRequest(ctx, func(r discordfake.Request) bool {
		return r.Route == discordfake.RouteChannelMessageGet && r.Params["message"] == answer.ID && r.Status == 200
	}); err != nil {
		t.Errorf("the bot did not read the message replied to: %v", err)
	}
}

// TestMessageCooldown: over the limit a student gets one short reply, then
// silence until the window has passed.
func TestMessageCooldown(t *testing.T) {
	t.Parallel()
	fake := discordfake.New(t)
	obs := newMsgObserver()
	b, _ := newBot(t, nil, Options{GuildID: guildID, CooldownAnswers: 1, CooldownWindow: time.Minute,
		Messages: MessageOptions{Mentions: true, Observer: obs}})
	var mu sync.Mutex
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	b.now = func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	startGateway(t, fake, b)
	ctx, cancel := context.WithTimeout(t.Context(), e2eTimeout)
	defer cancel()
	ask := func() *discordgo.Message {
		return post(t, ctx, fake, discordfake.Post{ChannelID: textChannel, GuildID: guildID, Content: mentionOf(fake) + "what is an llm"})
	}

	if _, r := botReply(t, ctx, fake, ask()); replyTitle(t, r) != llmHeading {
		t.Errorf("first: %q", replyTitle(t, r))
	}
	if _, r := botReply(t, ctx, fake, ask()); !strings.Contains(r.Content, "slow down") || len(r.Embeds) != 0 {
		t.Errorf("second: %q, want the slow down", r.Content)
	}
	third := ask()
	obs.count(t, ctx, 1, ignored(IgnoredCooldown))
	if n := repliesTo(fake, third.ID); n != 0 {
		t.Errorf("the third message got %d replies, want silence", n)
	}
	mu.Lock()
	now = now.Add(time.Minute)
	mu.Unlock()
	if _, r := botReply(t, ctx, fake, ask()); replyTitle(t, r) != llmHeading {
		t.Errorf("after the window: %q", replyTitle(t, r))
	}
	got := obs.count(t, ctx, 1, func(m MessageObservation) bool { return m.Outcome == OutcomeRateLimited })
	if len(got) != 1 || got[0].Trigger != TriggerMention {
		t.Errorf("rate limited observations %+v", got)
	}
}

// TestThreadFollowUp: a mention in a thread the bot answered in follows
// its last answer there, read from the thread's recent messages; in a
// text channel a mention stands alone.
func TestThreadFollowUp(t *testing.T) {
	t.Parallel()
	fake := discordfake.New(t)
	if err := fake.AddChannel(&discordgo.Channel{ID: threadID, GuildID: guildID, ParentID: textChannel, Type: discordgo.ChannelTypeGuildPublicThread}); err != nil {
		t.Fatal(err)
	}
	obs := newMsgObserver()
	b, _ := newBot(t, nil, Options{GuildID: guildID, Messages: MessageOptions{Mentions: true, Observer: obs}})
	startGateway(t, fake, b)
	ctx, cancel := context.WithTimeout(t.Context(), e2eTimeout)
	defer cancel()

	// "anything else?" on its own is not covered; in the thread it
	// follows the answer on generative AI.
	for _, ch := range []string{threadID, textChannel} {
		q := post(t, ctx, fake, discordfake.Post{ChannelID: ch, GuildID: guildID, Content: mentionOf(fake) + "what is generative ai"})
		botReply(t, ctx, fake, q)
		post(t, ctx, fake, discordfake.Post{ChannelID: ch, GuildID: guildID, Content: "thanks!"})
		again := post(t, ctx, fake, discordfake.Post{ChannelID: ch, GuildID: guildID, Content: mentionOf(fake) + "anything else?"})
		_, r := botReply(t, ctx, fake, again)
		switch {
		case ch == threadID && (len(r.Embeds) != 1 || r.Embeds[0].Title != "What Is Generative AI"):
			t.Errorf("in the thread: %q %+v, want What Is Generative AI", r.Content, r.Embeds)
		case ch == textChannel && !strings.Contains(r.Content, "not covered"):
			t.Errorf("in the text channel: %q %+v, want the question on its own: not covered", r.Content, r.Embeds)
		}
	}
	// Which question followed is told by the replies above; an
	// observation is recorded after its reply is sent, so the four may
	// come in any order.
	got := obs.count(t, ctx, 4, func(m MessageObservation) bool { return m.Outcome != "" })
	follow := 0
	for _, m := range got {
		if m.FollowUp {
			follow++
		}
	}
	if len(got) != 4 || follow != 1 {
		t.Errorf("%d of %d answered questions followed another, want 1 of 4: only the thread's second question follows the first", follow, len(got))
	}
	if _, err := fake.WaitRequest(ctx, func(r discordfake.Request) bool {
		return r.Route == discordfake.RouteChannelMessagesList && r.Params["channel"] == threadID && r.Query.Get("limit") == "50"
	}); err != nil {
		t.Errorf("the bot did not read the thread's last 50 messages: %v", err)
	}
	for _, r := range fake.Requests() {
		if r.Route == discordfake.RouteChannelMessagesList && r.Params["channel"] == textChannel {
			t.Error("the bot read a text channel's history: only threads carry a conversation")
		}
	}
}

// TestAskChannels: with the Message Content intent, a message in an ask
// channel is answered without a mention, a new post in an ask forum is
// answered in its thread, a mention of the bot's managed role is a
// mention, a reply without its ping to an answer is a follow-up, and a
// message in any other channel addressed to nobody gets nothing.
func TestAskChannels(t *testing.T) {
	t.Parallel()
	const askID = "2200000000000000005"
	fake := discordfake.New(t, discordfake.AllowPrivilegedIntents())
	if err := fake.AddChannel(&discordgo.Channel{ID: forumID, GuildID: guildID, Type: discordgo.ChannelTypeGuildForum}); err != nil {
		t.Fatal(err)
	}
	obs := newMsgObserver()
	b, _ := newBot(t, nil, Options{GuildID: guildID, Messages: MessageOptions{Mentions: true, AskChannels: []string{askID, forumID}, Observer: obs}})
	startGateway(t, fake, b)
	ctx, cancel := context.WithTimeout(t.Context(), e2eTimeout)
	defer cancel()
	for _, id := range fake.Identifications() {
		if id.Intents&discordgo.IntentMessageContent == 0 {
			t.Errorf("identified with intents %d, want Message Content for the ask channels", id.Intents)
		}
	}

	q := post(t, ctx, fake, discordfake.Post{ChannelID: askID, GuildID: guildID, Content: "what is an llm"})
	_, answer := botReply(t, ctx, fake, q)
	if replyTitle(t, answer) != llmHeading {
		t.Errorf("ask channel: answered from %q", replyTitle(t, answer))
	}
	follow := post(t, ctx, fake, discordfake.Post{ChannelID: askID, GuildID: guildID, Content: "and how do they work?", ReplyTo: answer.ID})
	if _, r := botReply(t, ctx, fake, follow); replyTitle(t, r) != "How Do LLMs Work" {
		t.Errorf("follow-up without a ping: answered from %q", replyTitle(t, r))
	}

	first, err := fake.PostForum(ctx, forumID, "LLMs?", discordfake.Post{Author: student, Content: "What is generative AI?"})
	if err != nil {
		t.Fatal(err)
	}
	if _, r := botReply(t, ctx, fake, first); r.ChannelID != first.ChannelID || replyTitle(t, r) != "What Is Generative AI" {
		t.Errorf("forum post: reply in channel %s from %q, want in the post's thread %s", r.ChannelID, replyTitle(t, r), first.ChannelID)
	}

	role := post(t, ctx, fake, discordfake.Post{ChannelID: textChannel, GuildID: guildID, Content: "<@&" + fake.BotRole(guildID) + "> what is an llm"})
	if _, r := botReply(t, ctx, fake, role); r.Embeds[0].Author.Name != "❓ what is an llm" {
		t.Errorf("role mention: author %q, want the question without the role", r.Embeds[0].Author.Name)
	}

	elsewhere := post(t, ctx, fake, discordfake.Post{ChannelID: textChannel, GuildID: guildID, Content: "what is an llm"})
	other := post(t, ctx, fake, discordfake.Post{ChannelID: textChannel, GuildID: guildID, Content: "<@&2800000000000000009> what is an llm"})
	obs.count(t, ctx, 2, ignored(IgnoredNotAddressed))
	for _, m := range []*discordgo.Message{elsewhere, other} {
		if n := repliesTo(fake, m.ID); n != 0 {
			t.Errorf("%q outside the ask channels got %d replies", m.Content, n)
		}
	}
	// A handler observes its message after its reply is sent, so the
	// last of them may still be on its way: wait for the four.
	triggers := map[Trigger]int{}
	for _, m := range obs.count(t, ctx, 4, func(m MessageObservation) bool { return m.Outcome == OutcomeAnswered }) {
		triggers[m.Trigger]++
	}
	if triggers[TriggerAskChannel] != 1 || triggers[TriggerReply] != 1 || triggers[TriggerForumPost] != 1 || triggers[TriggerMention] != 1 {
		t.Errorf("answered by trigger %v; observed %+v", triggers, obs.all())
	}
}

// TestAskChannelsNeedTheIntent: ask channels ask for Message Content; an
// application without it is refused with 4014, and the bot stops at once
// with an error that says what to do, instead of retrying.
func TestAskChannelsNeedTheIntent(t *testing.T) {
	t.Parallel()
	fake := discordfake.New(t)
	b, logs := newBot(t, nil, Options{GuildID: guildID, Messages: MessageOptions{Mentions: true, AskChannels: []string{"2200000000000000005"}}})
	s, err := NewSession(fake.Token(), fake.URL())
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		done <- b.RunGatewayRetry(t.Context(), s, nil, Retry{First: time.Millisecond, Max: time.Millisecond})
	}()
	var gr *GatewayRefusedError
	select {
	case err = <-done:
	case <-time.After(e2eTimeout): // a hang guard: retrying forever is the failure
		t.Fatal("RunGateway kept retrying a refused identify")
	}
	if !errors.As(err, &gr) || gr.Code != CloseDisallowedIntents {
		t.Fatalf("RunGateway = %v, want a GatewayRefusedError with 4014", err)
	}
	if !strings.Contains(err.Error(), "Message Content") || !strings.Contains(err.Error(), "Developer Portal") {
		t.Errorf("error %q does not say which intent to enable where", err)
	}
	if fake.Identifies() != 0 || !strings.Contains(logs.String(), "close_code=4014") {
		t.Errorf("%d identifies accepted; log:\n%s", fake.Identifies(), logs)
	}
}

// TestMessagePanicApology: an answer engine that panics costs the student
// one apology, and the process nothing.
func TestMessagePanicApology(t *testing.T) {
	t.Parallel()
	fake := discordfake.New(t)
	obs := newMsgObserver()
	b, _ := newBot(t, panicky{builtinIndex(t)}, Options{GuildID: guildID, Messages: MessageOptions{Mentions: true, Observer: obs}})
	startGateway(t, fake, b)
	ctx, cancel := context.WithTimeout(t.Context(), e2eTimeout)
	defer cancel()
	q := post(t, ctx, fake, discordfake.Post{ChannelID: textChannel, GuildID: guildID, Content: mentionOf(fake) + "what is an llm"})
	if _, r := botReply(t, ctx, fake, q); r.Content != apologyText {
		t.Errorf("reply %q, want the apology", r.Content)
	}
	obs.count(t, ctx, 1, func(m MessageObservation) bool { return m.Outcome == OutcomeError })
}
