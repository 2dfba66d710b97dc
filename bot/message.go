package bot

import (
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// DefaultMessageTimeout bounds answering one channel message: reading what
// it replies to (or the thread it is in), answering, and sending the reply.
// No interaction token runs out here, so it is looser than the inline
// deadline.
const DefaultMessageTimeout = 10 * time.Second

// A Trigger says why a channel message was taken as a question. The values
// are fixed so that dashboards can name them.
type Trigger string

// The triggers, in the order readMessage tries them.
const (
	TriggerReply      Trigger = "reply"       // a reply to one of the bot's messages
	TriggerMention    Trigger = "mention"     // mentions the bot, or its managed role
	TriggerDM         Trigger = "dm"          // a direct message to the bot
	TriggerAskChannel Trigger = "ask_channel" // a new message in an ask channel
	TriggerForumPost  Trigger = "forum_post"  // a new post in an ask forum
)

// Triggers lists every Trigger, for metrics that declare their labels.
var Triggers = []Trigger{TriggerReply, TriggerMention, TriggerDM, TriggerAskChannel, TriggerForumPost}

// An IgnoreReason says why a channel message got no reply.
type IgnoreReason string

// The reasons a message is ignored.
const (
	IgnoredSelf         IgnoreReason = "self"          // the bot's own
	IgnoredBot          IgnoreReason = "bot"           // another bot's
	IgnoredWebhook      IgnoreReason = "webhook"       // a webhook's
	IgnoredSystem       IgnoreReason = "system"        // not a user's text: a join, a pin, a thread's starter
	IgnoredNotAddressed IgnoreReason = "not_addressed" // neither to the bot nor in an ask channel
	IgnoredNoQuestion   IgnoreReason = "no_question"   // nothing left once the mention is taken out
	IgnoredCooldown     IgnoreReason = "cooldown"      // refused again within one cooldown wait
)

// IgnoreReasons lists every IgnoreReason, for metrics.
var IgnoreReasons = []IgnoreReason{IgnoredSelf, IgnoredBot, IgnoredWebhook, IgnoredSystem,
	IgnoredNotAddressed, IgnoredNoQuestion, IgnoredCooldown}

// MessageObservation is how one channel message went: ignored (Ignored set,
// and Trigger when it was addressed), or answered with Outcome, a
// follow-up when it was read with an earlier answer's subject.
type MessageObservation struct {
	Trigger  Trigger
	FollowUp bool
	Outcome  Outcome
	Ignored  IgnoreReason
	// Duration is from receiving the message to its reply being sent.
	Duration time.Duration
}

// MessageObserver is told how each channel message went, for metrics.
type MessageObserver interface {
	ObserveMessage(MessageObservation)
}

// incoming is a channel message on its way to an answer: why it is one
// (or why it is ignored), its question, and what only Discord can tell,
// which resolve reads before the answer.
type incoming struct {
	m       *discordgo.Message
	trigger Trigger
	ignored IgnoreReason
	// prev is the earlier answer a follow-up builds on; nil for none.
	prev *previousAnswer

	// Set when the message alone cannot tell.
	checkRole  bool // mentions roles, perhaps the bot's managed one
	checkForum bool // perhaps the first message of a post in an ask forum
	fetchRef   bool // replies to a message the event did not include
	roleID     string
}

// readMessage decides from the message alone whether it asks the bot
// something: it is ignored (a bot's, a webhook's, a system message, or one
// not addressed to the bot), it has a trigger, or it needs a look at
// Discord first (a role mention, a possible forum post, a reply whose
// message the event left out). self is the bot user's ID.
func (b *Bot) readMessage(m *discordgo.Message, self string) incoming {
	in := incoming{m: m}
	switch {
	case m == nil || m.Author == nil:
		in.ignored = IgnoredSystem
		return in
	case m.Author.ID == self:
		in.ignored = IgnoredSelf
		return in
	case m.Author.Bot:
		in.ignored = IgnoredBot
		return in
	case m.WebhookID != "":
		in.ignored = IgnoredWebhook
		return in
	case m.Type != discordgo.MessageTypeDefault && m.Type != discordgo.MessageTypeReply:
		in.ignored = IgnoredSystem
		return in
	}
	mentions := b.opts.Messages.Mentions
	if ref := m.ReferencedMessage; ref != nil && ref.Author != nil && ref.Author.ID == self {
		in.prev = previousOf(ref, self)
	}
	in.fetchRef = m.MessageReference != nil && m.MessageReference.MessageID != "" && m.ReferencedMessage == nil
	switch {
	case mentions && m.ReferencedMessage != nil && m.ReferencedMessage.Author != nil && m.ReferencedMessage.Author.ID == self:
		in.trigger = TriggerReply
	case mentions && slices.ContainsFunc(m.Mentions, func(u *discordgo.User) bool { return u != nil && u.ID == self }):
		in.trigger = TriggerMention
	case mentions && m.GuildID == "":
		in.trigger = TriggerDM
	case b.asks[m.ChannelID]:
		in.trigger = TriggerAskChannel
	case mentions && len(m.MentionRoles) > 0 && m.Content != "":
		in.checkRole = true
	case len(b.asks) > 0 && m.GuildID != "" && m.ID == m.ChannelID && m.Content != "":
		// A forum post's first message has its thread's ID.
		in.checkForum = true
	case mentions && in.fetchRef && m.Content != "":
		// Perhaps a reply to the bot, its ping off: resolve reads it.
	default:
		in.ignored = IgnoredNotAddressed
	}
	return in
}

// question is the message's text without the bot's own mentions (its user
// and, when known, its managed role) and the comma or colon that follows
// one ("@explainbot, what is…"), on one line; other mentions stay, to be
// shown defused.
func question(content, self, roleID string) string {
	var ids []string
	if self != "" {
		ids = append(ids, "@!?"+regexp.QuoteMeta(self))
	}
	if roleID != "" {
		ids = append(ids, "@&"+regexp.QuoteMeta(roleID))
	}
	q := content
	if len(ids) > 0 {
		q = regexp.MustCompile(`<(?:`+strings.Join(ids, "|")+`)>[,:;]?`).ReplaceAllString(q, " ")
	}
	return strings.Join(strings.Fields(q), " ")
}

// maxMessageQuestion bounds the question text taken from a message:
// Discord's own limit for a message is 4,000 characters; index.Ask reads a
// long message clause by clause.
const maxMessageQuestion = 4000

// roleMention matches a role mention, for the role a message names.
var roleMention = regexp.MustCompile(`<@&(\d+)>`)
