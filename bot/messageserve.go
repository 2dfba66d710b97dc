package bot

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/bwmarrin/discordgo"
)

// A sender posts a message in a channel: ChannelMessageSendComplex on the
// gateway's session.
type sender func(ctx context.Context, channelID string, m *discordgo.MessageSend) error

// sessionSender sends through s with its bot token.
func sessionSender(s *discordgo.Session) sender {
	return func(ctx context.Context, channelID string, m *discordgo.MessageSend) error {
		_, err := s.ChannelMessageSendComplex(channelID, m, discordgo.WithContext(ctx))
		return err
	}
}

// serveMessage answers one MESSAGE_CREATE, within Options.Messages.Timeout:
// it decides whether the message asks the bot something (reading Discord
// where the message alone cannot tell), answers it as /ask would, with the
// earlier answer's subject for a follow-up, and replies. A handler that
// panics or a reply Discord refuses gets the apology instead, once; a reply
// that cannot be sent at all (no permission, the channel gone) is logged.
// Every message is observed, ignored or not.
func (b *Bot) serveMessage(ctx context.Context, rd reader, send sender, m *discordgo.Message) {
	start := time.Now()
	if m == nil {
		b.observeMessage(MessageObservation{Ignored: IgnoredSystem}, start)
		return
	}
	ctx, cancel := context.WithTimeout(ctx, b.opts.Messages.Timeout)
	defer cancel()
	self := b.self()
	var (
		in    incoming
		reply *discordgo.MessageSend
		r     Reply
		quiet IgnoreReason
	)
	err := safely(func() error {
		in = b.readMessage(m, self)
		if in.ignored == "" {
			b.resolve(ctx, rd, &in, self)
		}
		if in.ignored == "" {
			reply, r, quiet = b.messageReply(ctx, in, self)
		}
		return nil
	})
	obs := MessageObservation{Trigger: in.trigger, FollowUp: in.prev != nil}
	switch {
	case err != nil:
		b.lg.Error("message handler panicked; sending the apology", "message", m.ID, "err", err)
		reply, r = b.replyTo(m, ephemeral(apologyText)), Reply{Outcome: OutcomeError}
	case in.ignored != "" || quiet != "":
		obs.Ignored = in.ignored
		if obs.Ignored == "" {
			obs.Ignored = quiet
		}
		b.lg.Debug("message ignored", "message", m.ID, "trigger", string(in.trigger), "reason", string(obs.Ignored))
		b.observeMessage(obs, start)
		return
	}
	obs.Outcome = r.Outcome
	if err := send(ctx, m.ChannelID, reply); err != nil {
		obs.Outcome = OutcomeError
		b.lg.Warn("send the reply to a message", "message", m.ID, "channel", m.ChannelID, "trigger", string(in.trigger), "err", err)
		if refusedPayload(err) && reply.Content != apologyText {
			if aerr := send(ctx, m.ChannelID, b.replyTo(m, ephemeral(apologyText))); aerr != nil {
				b.lg.Warn("send the apology instead", "message", m.ID, "err", aerr)
			}
		}
	} else {
		b.lg.Debug("message answered", "message", m.ID, "trigger", string(in.trigger),
			"follow_up", in.prev != nil, "outcome", string(obs.Outcome))
	}
	b.observeMessage(obs, start)
}

// refusedPayload reports whether Discord refused what was sent (400), as
// opposed to where or by whom (no permission, no channel), which the
// apology would not get past either.
func refusedPayload(err error) bool {
	var rest *discordgo.RESTError
	return errors.As(err, &rest) && rest.Response != nil && rest.Response.StatusCode == http.StatusBadRequest
}

func (b *Bot) observeMessage(o MessageObservation, start time.Time) {
	if b.opts.Messages.Observer != nil {
		o.Duration = time.Since(start)
		b.opts.Messages.Observer.ObserveMessage(o)
	}
}
