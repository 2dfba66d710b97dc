package bot

import (
	"context"

	"github.com/bwmarrin/discordgo"
)

// Reply is the bot's whole answer to one interaction, decided by Handle
// from the interaction alone and carried out by a Lifecycle in either
// mode. It holds no session and no connection.
type Reply struct {
	// Defer acknowledges the interaction at once with a "thinking"
	// placeholder, which Response then replaces through the interaction's
	// webhook. Only what may outlast Discord's three seconds is deferred
	// (/reload).
	Defer bool
	// Ephemeral shows the placeholder, and so what replaces it, to the
	// asker alone. It is fixed when the placeholder is sent: EPHEMERAL is
	// the only flag a placeholder takes, and a follow-up cannot change it.
	Ephemeral bool
	// Response is the callback, or for a deferred reply the message that
	// replaces the placeholder.
	Response *discordgo.InteractionResponse
	// After is work to do once the callback is out, such as deleting the
	// answer a Dismiss button sat on; nil for none.
	After AfterFunc
	// Outcome is how the interaction went, for the Observer.
	Outcome Outcome
}

// An AfterFunc is work to do once an interaction's callback has been sent.
// s is the transport's REST session; the work uses the interaction's
// webhook, which needs no bot token.
type AfterFunc func(ctx context.Context, s *discordgo.Session) error

// Outcome says how one interaction went. The values are fixed so that
// dashboards and alerts can name them.
type Outcome string

// The outcomes of an interaction.
const (
	OutcomeAnswered    Outcome = "answered"
	OutcomeNotCovered  Outcome = "not_covered"
	OutcomeRateLimited Outcome = "rate_limited"
	OutcomeError       Outcome = "error"
)

// Outcomes lists every Outcome, for metrics that declare their labels.
var Outcomes = []Outcome{OutcomeAnswered, OutcomeNotCovered, OutcomeRateLimited, OutcomeError}

func answered(resp *discordgo.InteractionResponse) Reply {
	return Reply{Response: resp, Outcome: OutcomeAnswered}
}

func outcome(resp *discordgo.InteractionResponse, o Outcome) Reply {
	return Reply{Response: resp, Outcome: o}
}

// apologize is the reply when the bot failed the user.
func apologize(i *discordgo.Interaction) Reply { return outcome(apology(i), OutcomeError) }

// apologyText is all a user learns when answering failed; the log has the
// detail.
const apologyText = "Sorry, something went wrong on my side while answering. Please try again in a moment."

// apology is what the user sees when the bot failed them: the text, to the
// asker only, or no choices for an autocomplete.
func apology(i *discordgo.Interaction) *discordgo.InteractionResponse {
	if i != nil && i.Type == discordgo.InteractionApplicationCommandAutocomplete {
		return &discordgo.InteractionResponse{
			Type: discordgo.InteractionApplicationCommandAutocompleteResult,
			Data: &discordgo.InteractionResponseData{Choices: []*discordgo.ApplicationCommandOptionChoice{}},
		}
	}
	return ephemeral(apologyText)
}

// deferral says whether an interaction gets a placeholder first, and
// whether that placeholder is ephemeral: it is decided from the
// interaction alone, before any work, so the placeholder goes out at once.
func deferral(i *discordgo.Interaction) (deferred, ephemeral bool) {
	if i == nil || i.Type != discordgo.InteractionApplicationCommand {
		return false, false
	}
	if d, ok := i.Data.(discordgo.ApplicationCommandInteractionData); ok && d.Name == cmdReload {
		return true, true
	}
	return false, false
}
