package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// reportLimit is how many questions /unanswered lists in each part.
const reportLimit = 10

// reload answers /reload (Manage Server only, by its registration): it runs
// Options.Reload and says how it went. A failure keeps the old knowledge,
// so the message says so.
func (b *Bot) reload(ctx context.Context) Reply {
	if b.opts.Reload == nil {
		return answered(ephemeral("Reload is not available here: this bot has no notes directory to reload."))
	}
	if err := b.opts.Reload(ctx); err != nil {
		b.lg.Warn("reload from /reload failed", "err", err)
		return outcome(ephemeral("Reload failed; the old notes keep serving.\n```\n"+
			clip(strings.ReplaceAll(defuseMentions(err.Error()), "```", "'''"), 1800)+"\n```"), OutcomeError)
	}
	articles := b.answerer.Articles()
	sections := 0
	for _, a := range articles {
		sections += len(a.Sections)
	}
	return answered(ephemeral(fmt.Sprintf("Reloaded: %d articles, %d sections.", len(articles), sections)))
}

// unanswered answers /unanswered (Manage Server only): the most frequent and
// the latest questions the bot could not answer, as an ephemeral embed.
func (b *Bot) unanswered(ctx context.Context) Reply {
	if b.opts.Store == nil {
		return answered(ephemeral("The question record is off: start the bot with a data directory to keep it."))
	}
	rep, err := b.opts.Store.Unanswered(ctx, reportLimit)
	if err != nil {
		b.lg.Error("read unanswered questions", "err", err)
		return outcome(ephemeral("I could not read the question record; the log says why."), OutcomeError)
	}
	if len(rep.Frequent) == 0 && len(rep.Latest) == 0 {
		return answered(ephemeral("No unanswered questions recorded yet."))
	}
	var freq, latest []string
	for _, c := range rep.Frequent {
		freq = append(freq, fmt.Sprintf("**%d×** %s (%d %s)", c.N, clip(escapeMarkdown(c.Text), 100), c.Users, plural(c.Users, "asker")))
	}
	for _, e := range rep.Latest {
		latest = append(latest, fmt.Sprintf("<t:%d:R> %s · %s", e.At.Unix(), clip(escapeMarkdown(e.Text), 100), e.Kind))
	}
	e := &discordgo.MessageEmbed{Title: "Questions the notes did not answer", Color: embedColour}
	if len(freq) > 0 {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Most frequent", Value: fieldValue(strings.Join(freq, "\n"))})
	}
	if len(latest) > 0 {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Latest", Value: fieldValue(strings.Join(latest, "\n"))})
	}
	return answered(message(discordgo.MessageFlagsEphemeral, "", []*discordgo.MessageEmbed{e}, nil))
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
