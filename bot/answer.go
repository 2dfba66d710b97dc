package bot

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/explainbot/explainbot/bot/store"
	"github.com/explainbot/explainbot/index"
	"github.com/explainbot/explainbot/internal/snowflake"
)

// question answers /explain and /ask: the text of option opt, with the
// private and mention options.
func (b *Bot) question(ctx context.Context, i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData, opt string) Reply {
	v := answerView{
		question: strings.TrimSpace(stringOption(data, opt)),
		private:  boolOption(data, optPrivate),
		asker:    userID(i),
	}
	if m := stringOption(data, optMention); snowflake.Valid(m) {
		v.mention = m
	}
	return b.answer(ctx, i, v)
}

// explainThis answers the "Explain this" message command: the target
// message's text is the question, and the answer is public so a teacher can
// answer a student in place.
func (b *Bot) explainThis(ctx context.Context, i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData) Reply {
	var text string
	if data.Resolved != nil {
		if m := data.Resolved.Messages[data.TargetID]; m != nil {
			text = m.Content
		}
	}
	text = strings.TrimSpace(text)
	if text == "" {
		return outcome(ephemeral("That message has no text I could explain."), OutcomeNotCovered)
	}
	return b.answer(ctx, i, answerView{question: clip(text, maxQuestionRunes), asker: userID(i)})
}

// answer asks the answerer and renders the answer, the "not covered" note
// or the cooldown's "slow down", recording what the teacher should see.
func (b *Bot) answer(ctx context.Context, i *discordgo.Interaction, v answerView) Reply {
	r, _ := b.ask(ctx, asked{text: v.question, user: userID(i), guild: i.GuildID, source: i.ID}, v)
	return r
}

// asked is one question and who asked it, from a command or a message.
type asked struct {
	text        string // as typed
	user, guild string
	source      string // the interaction's or message's ID, for the log
	// prev is the earlier answer a follow-up builds on; nil for none.
	prev *previousAnswer
	// quiet answers a second refusal of one cooldown wait with silence:
	// a channel message would otherwise get a "slow down" per message.
	quiet bool
}

// ask answers q as answer describes. It reports false when the reply is
// silence (a quiet question refused again within one wait); the Reply's
// outcome then still says why.
func (b *Bot) ask(ctx context.Context, q asked, v answerView) (Reply, bool) {
	if q.text == "" {
		return outcome(ephemeral("Ask me something: a topic such as “llm”, or a question."), OutcomeNotCovered), true
	}
	if ok, wait, first := b.cooldown.allow(q.user, b.now()); !ok {
		if q.quiet && !first {
			return Reply{Outcome: OutcomeRateLimited}, false
		}
		return slowDown(wait), true
	}
	var a index.Answer
	if q.prev != nil {
		a = b.answerer.FollowUp(ctx, searchText(q.text), searchText(q.prev.question), q.prev.heading)
	} else {
		a = b.answerer.Ask(ctx, searchText(q.text))
	}
	a.Question = q.text
	if !a.Answered || len(a.Hits) == 0 {
		b.record(ctx, q, store.Question{Kind: store.Unanswered})
		return outcome(notCovered(a, q.text), OutcomeNotCovered), true
	}
	if a.Confidence < index.LowConfidence {
		b.record(ctx, q, store.Question{Kind: store.LowConfidence, Score: a.Hits[0].Score})
	}
	return answered(renderAnswer(a, v)), true
}

// slowDown is the cooldown's reply: how long until the user may ask again.
func slowDown(wait time.Duration) Reply {
	secs := max(int(math.Ceil(wait.Seconds())), 1)
	return outcome(ephemeral(fmt.Sprintf("You're asking quickly — slow down and try again in %d s.", secs)), OutcomeRateLimited)
}

// record keeps a question for the teacher; a failure costs the record, not
// the answer. A follow-up is kept with the question it followed, which a
// teacher needs to make sense of "and examples?".
func (b *Bot) record(ctx context.Context, q asked, r store.Question) {
	if b.opts.Store == nil {
		return
	}
	r.Text, r.UserID, r.Guild = q.text, q.user, q.guild
	if q.prev != nil && q.prev.question != "" {
		r.Text = q.text + " (following “" + q.prev.question + "”)"
	}
	if err := b.opts.Store.RecordUnanswered(ctx, r); err != nil {
		b.lg.Warn("record question", "source", q.source, "kind", r.Kind.String(), "err", err)
	}
}

// autocomplete suggests topics for /explain and tables for /compare.
// It is not rate limited: Discord calls it on every keystroke.
func (b *Bot) autocomplete(ctx context.Context, data discordgo.ApplicationCommandInteractionData) *discordgo.InteractionResponse {
	choices := []*discordgo.ApplicationCommandOptionChoice{}
	focused := focusedOption(data)
	switch {
	case data.Name == cmdExplain && (focused == nil || focused.Name == optTopic):
		typed := ""
		if focused != nil {
			typed, _ = focused.Value.(string)
		}
		for _, s := range b.answerer.Suggest(ctx, typed, maxChoices) {
			name, value := clip(s.Name, maxChoiceText), clip(s.Value, maxChoiceText)
			if strings.TrimSpace(name) == "" || strings.TrimSpace(value) == "" {
				continue
			}
			choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: name, Value: value})
		}
	case data.Name == cmdCompare && focused != nil && focused.Name == optTable:
		typed, _ := focused.Value.(string)
		typed = strings.ToLower(strings.TrimSpace(typed))
		for _, l := range comparisons(b.answerer.Articles()) {
			name := tableName(l)
			if len(choices) == maxChoices || typed != "" && !strings.Contains(strings.ToLower(name), typed) {
				continue
			}
			choices = append(choices, &discordgo.ApplicationCommandOptionChoice{
				Name:  clip(name, maxChoiceText),
				Value: tableValue(l),
			})
		}
	case data.Name == cmdCompare && focused != nil && focused.Name == optAspect:
		typed, _ := focused.Value.(string)
		choices = aspectChoices(comparisons(b.answerer.Articles()), stringOption(data, optTable), typed)
	}
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: choices},
	}
}

// focusedOption is the option the user is typing into.
func focusedOption(data discordgo.ApplicationCommandInteractionData) *discordgo.ApplicationCommandInteractionDataOption {
	for _, o := range data.Options {
		if o.Focused {
			return o
		}
	}
	return nil
}

// tableName names a comparison for the table picker.
func tableName(l located) string {
	return l.comparison().Title + " — " + l.article.Title
}

// tableValue is what a table choice sends: the article's key and the
// table's position.
func tableValue(l located) string { return articleKey(l.article.Path) + ":" + fmt.Sprint(l.pos) }

// aspectChoices complete /compare's aspect from the index serving: the rows
// of the table already picked (all tables' when none is), lowercased,
// without repeats, those holding what was typed first among them, at most
// 25.
func aspectChoices(all []located, table, typed string) []*discordgo.ApplicationCommandOptionChoice {
	if l, ok := findTable(all, strings.TrimSpace(table)); ok && strings.TrimSpace(table) != "" {
		all = []located{l}
	}
	typed = strings.ToLower(strings.TrimSpace(typed))
	choices := []*discordgo.ApplicationCommandOptionChoice{}
	seen := map[string]bool{}
	for _, l := range all {
		for _, r := range l.comparison().Rows {
			v := clip(strings.ToLower(strings.TrimSpace(r.Feature)), maxChoiceText)
			if v == "" || seen[v] || len(choices) == maxChoices || !strings.Contains(v, typed) {
				continue
			}
			seen[v] = true
			choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: v, Value: v})
		}
	}
	return choices
}
