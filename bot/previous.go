package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// previousAnswer is the earlier answer a follow-up builds on: its question
// and its section's heading, as the bot's reply shows them. It is read from
// Discord each time (the message replied to, or the thread's last answer);
// the bot keeps no conversation.
type previousAnswer struct {
	question, heading string
}

// previousOf reads the question and heading back from one of the bot's
// answers: the embed's author line ("❓ question") and title. Anything else
// of the bot's (a "not covered" note, a "slow down") is no answer: nil.
func previousOf(m *discordgo.Message, self string) *previousAnswer {
	if m == nil || m.Author == nil || m.Author.ID != self || len(m.Embeds) == 0 {
		return nil
	}
	q := questionOf(m)
	if q == "" {
		return nil
	}
	return &previousAnswer{question: q, heading: strings.ReplaceAll(m.Embeds[0].Title, "@"+zwsp, "@")}
}

// threadLookback is how many of a thread's latest messages are searched
// for the bot's last answer there.
const threadLookback = 50

// reader is what answering a message reads from Discord, over REST.
type reader interface {
	channel(ctx context.Context, id string) (*discordgo.Channel, error)
	message(ctx context.Context, channelID, id string) (*discordgo.Message, error)
	// before lists a channel's messages older than id, newest first.
	before(ctx context.Context, channelID, id string, limit int) ([]*discordgo.Message, error)
	// botRole is the ID of the role Discord manages for the bot self in
	// guild, "" if there is none.
	botRole(ctx context.Context, guild, self string) (string, error)
}

// sessionReader reads through a discordgo session (its bot token).
type sessionReader struct{ s *discordgo.Session }

func (r sessionReader) channel(ctx context.Context, id string) (*discordgo.Channel, error) {
	c, err := r.s.Channel(id, discordgo.WithContext(ctx))
	if err != nil {
		return nil, fmt.Errorf("read channel %s: %w", id, err)
	}
	return c, nil
}

func (r sessionReader) message(ctx context.Context, channelID, id string) (*discordgo.Message, error) {
	m, err := r.s.ChannelMessage(channelID, id, discordgo.WithContext(ctx))
	if err != nil {
		return nil, fmt.Errorf("read message %s of channel %s: %w", id, channelID, err)
	}
	return m, nil
}

func (r sessionReader) before(ctx context.Context, channelID, id string, limit int) ([]*discordgo.Message, error) {
	ms, err := r.s.ChannelMessages(channelID, limit, id, "", "", discordgo.WithContext(ctx))
	if err != nil {
		return nil, fmt.Errorf("read the %d messages before %s in channel %s: %w", limit, id, channelID, err)
	}
	return ms, nil
}

// botRole reads the guild's roles raw: discordgo's Role drops the tags
// that say which bot a managed role belongs to.
func (r sessionReader) botRole(ctx context.Context, guild, self string) (string, error) {
	endpoint := discordgo.EndpointGuildRoles(guild)
	raw, err := r.s.RequestWithBucketID(http.MethodGet, endpoint, nil, endpoint, discordgo.WithContext(ctx))
	if err != nil {
		return "", fmt.Errorf("read the roles of guild %s: %w", guild, err)
	}
	var roles []struct {
		ID   string `json:"id"`
		Tags *struct {
			BotID string `json:"bot_id"`
		} `json:"tags"`
	}
	if err := json.Unmarshal(raw, &roles); err != nil {
		return "", fmt.Errorf("decode the roles of guild %s: %w", guild, err)
	}
	for _, role := range roles {
		if role.Tags != nil && role.Tags.BotID == self {
			return role.ID, nil
		}
	}
	return "", nil
}

// resolve settles what readMessage could not tell from the message alone,
// reading Discord: whether a role mention names the bot's role, whether a
// thread's first message opens a post in an ask forum, what a reply
// replies to when the event left it out, and, for a mention in a thread,
// the bot's last answer there (the follow-up's context). A failed read is
// logged and costs only what it would have told: the question is then
// answered on its own, or ignored when the read was to tell whether it was
// addressed at all.
func (b *Bot) resolve(ctx context.Context, rd reader, in *incoming, self string) {
	m := in.m
	if in.checkRole {
		role, err := rd.botRole(ctx, m.GuildID, self)
		switch {
		case err != nil:
			b.lg.Warn("message mentions roles; cannot tell whether one is mine", "message", m.ID, "err", err)
		case role != "" && roleMentioned(m, role):
			in.trigger, in.roleID = TriggerMention, role
		}
	}
	var ch *discordgo.Channel
	channel := func() *discordgo.Channel {
		if ch == nil {
			c, err := rd.channel(ctx, m.ChannelID)
			if err != nil {
				b.lg.Warn("read the message's channel", "message", m.ID, "err", err)
				c = &discordgo.Channel{ID: m.ChannelID}
			}
			ch = c
		}
		return ch
	}
	if in.checkForum {
		if c := channel(); isThread(c.Type) && b.asks[c.ParentID] {
			in.trigger = TriggerForumPost
		}
	}
	if in.fetchRef {
		ref := m.MessageReference
		channelID := ref.ChannelID
		if channelID == "" {
			channelID = m.ChannelID
		}
		got, err := rd.message(ctx, channelID, ref.MessageID)
		var rest *discordgo.RESTError
		switch {
		case errors.As(err, &rest) && rest.Response != nil && rest.Response.StatusCode == http.StatusNotFound:
			// Deleted since: a question on its own.
		case err != nil:
			b.lg.Warn("read the message a reply replies to", "message", m.ID, "err", err)
		case got.Author != nil && got.Author.ID == self:
			in.prev = previousOf(got, self)
			if in.trigger == "" && b.opts.Messages.Mentions {
				in.trigger = TriggerReply
			}
		}
	}
	if in.trigger == "" {
		in.ignored = IgnoredNotAddressed
		return
	}
	// A mention in a thread follows the bot's last answer there.
	if in.prev == nil && m.MessageReference == nil && m.GuildID != "" && in.trigger == TriggerMention && isThread(channel().Type) {
		recent, err := rd.before(ctx, m.ChannelID, m.ID, threadLookback)
		if err != nil {
			b.lg.Warn("read the thread for the bot's last answer", "message", m.ID, "err", err)
			return
		}
		for _, r := range recent { // newest first
			if p := previousOf(r, self); p != nil {
				in.prev = p
				break
			}
		}
	}
}

// roleMentioned reports whether m mentions role.
func roleMentioned(m *discordgo.Message, role string) bool {
	for _, r := range m.MentionRoles {
		if r == role {
			return true
		}
	}
	for _, sub := range roleMention.FindAllStringSubmatch(m.Content, -1) {
		if sub[1] == role {
			return true
		}
	}
	return false
}

// isThread reports whether a channel type is a thread.
func isThread(t discordgo.ChannelType) bool {
	return t == discordgo.ChannelTypeGuildNewsThread || t == discordgo.ChannelTypeGuildPublicThread ||
		t == discordgo.ChannelTypeGuildPrivateThread
}
