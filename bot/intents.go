package bot

import (
	"errors"
	"fmt"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// Intents are the gateway intents the bot asks for: GUILDS always (slash
// commands need no more); GUILD_MESSAGES and DIRECT_MESSAGES to answer
// mentions, replies and DMs, whose text Discord shows any bot they
// address; and the privileged MESSAGE_CONTENT only with ask channels,
// whose messages address nobody. An application without Message Content
// enabled in the Developer Portal is refused at once (close 4014), so a
// bot without ask channels never asks for it.
func (b *Bot) Intents() discordgo.Intent {
	i := discordgo.IntentsGuilds
	if b.opts.Messages.Mentions {
		i |= discordgo.IntentGuildMessages | discordgo.IntentDirectMessages
	}
	if len(b.asks) > 0 {
		i |= discordgo.IntentGuildMessages | discordgo.IntentMessageContent
	}
	return i
}

// Gateway close codes after which Discord's docs say not to reconnect: the
// same Identify would be refused again.
const (
	CloseAuthenticationFailed = 4004
	CloseInvalidShard         = 4010
	CloseShardingRequired     = 4011
	CloseInvalidAPIVersion    = 4012
	CloseInvalidIntents       = 4013
	CloseDisallowedIntents    = 4014
)

// GatewayRefusedError is a gateway Discord closed with a code that no
// retry can get past, such as 4014 when the bot asks for a privileged
// intent its application does not have.
type GatewayRefusedError struct {
	Code    int
	Reason  string           // Discord's close text
	Intents discordgo.Intent // what the Identify asked for
}

func (e *GatewayRefusedError) Error() string {
	msg := fmt.Sprintf("Discord closed the gateway with %d %q", e.Code, e.Reason)
	switch e.Code {
	case CloseDisallowedIntents:
		if e.Intents&discordgo.IntentMessageContent != 0 {
			msg += ": the bot asked for the privileged Message Content intent (to read ask channels), which is not enabled for this application; enable it in the Developer Portal (Bot → Privileged Gateway Intents → Message Content Intent)"
		} else {
			msg += ": a privileged intent the bot asked for is not enabled for this application in the Developer Portal"
		}
	case CloseAuthenticationFailed:
		msg += ": the bot token is wrong or was reset"
	}
	return msg + "; not retrying"
}

// refused is err as a GatewayRefusedError when it is a close that
// retrying cannot get past, else nil.
func refused(err error, intents discordgo.Intent) *GatewayRefusedError {
	var ce *websocket.CloseError
	if !errors.As(err, &ce) {
		return nil
	}
	switch ce.Code {
	case CloseAuthenticationFailed, CloseInvalidShard, CloseShardingRequired, CloseInvalidAPIVersion,
		CloseInvalidIntents, CloseDisallowedIntents:
		return &GatewayRefusedError{Code: ce.Code, Reason: ce.Text, Intents: intents}
	}
	return nil
}
