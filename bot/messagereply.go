package bot

import (
	"context"

	"github.com/bwmarrin/discordgo"
)

// messageReply answers a channel message taken as a question: the answer,
// "not covered" or "slow down" that /ask would give, as a reply to it, or
// nil for silence (the message holds no question, or its author was told
// to slow down already). The Reply's outcome says how it went.
func (b *Bot) messageReply(ctx context.Context, in incoming, self string) (*discordgo.MessageSend, Reply, IgnoreReason) {
	m := in.m
	text := clip(question(m.Content, self, in.roleID), maxMessageQuestion)
	if searchText(text) == "" {
		return nil, Reply{}, IgnoredNoQuestion
	}
	v := answerView{question: text, asker: m.Author.ID}
	r, speak := b.ask(ctx, asked{text: text, user: m.Author.ID, guild: m.GuildID, source: m.ID, prev: in.prev, quiet: true}, v)
	if !speak {
		return nil, r, IgnoredCooldown
	}
	return b.replyTo(m, r.Response), r, ""
}

// replyTo turns an interaction's message response into a reply to m in
// its channel (a forum post's reply goes into its thread, whose ID the
// post's first message shares): the same content, embeds and buttons,
// never ephemeral (a channel message cannot be), referencing m without
// failing if it was deleted meanwhile, and pinging nobody, save m's author
// through the reply when Options.Messages.ReplyPing says so.
func (b *Bot) replyTo(m *discordgo.Message, resp *discordgo.InteractionResponse) *discordgo.MessageSend {
	mentions := noMentions()
	mentions.RepliedUser = b.opts.Messages.ReplyPing
	keep := false
	send := &discordgo.MessageSend{
		AllowedMentions: mentions,
		Reference:       &discordgo.MessageReference{MessageID: m.ID, ChannelID: m.ChannelID, GuildID: m.GuildID, FailIfNotExists: &keep},
	}
	if resp != nil && resp.Data != nil {
		d := resp.Data
		send.Content, send.Embeds, send.Components = d.Content, d.Embeds, d.Components
		send.Flags = d.Flags &^ discordgo.MessageFlagsEphemeral
	}
	return send
}
