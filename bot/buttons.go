package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/explainbot/explainbot/bot/store"
	"github.com/explainbot/explainbot/index"
	"github.com/explainbot/explainbot/knowledge"
)

// moved is the reply to a button whose article is gone since the answer.
const moved = "That part of the notes has changed since this answer; ask again for a fresh one."

// button answers a press on one of an answer's buttons.
func (b *Bot) button(ctx context.Context, i *discordgo.Interaction, data discordgo.MessageComponentInteractionData) Reply {
	id, err := parseButtonID(data.CustomID)
	if err != nil {
		b.lg.Info("unknown button", "interaction", i.ID, "err", err)
		return outcome(ephemeral("This button is from an older version of me; ask again for a fresh answer."), OutcomeError)
	}
	switch id.action {
	case actDismiss:
		if !mayDismiss(i, id) {
			return answered(ephemeral("Only the person who asked, or a member who can manage messages, can dismiss this answer."))
		}
		// Acknowledge without changing the message; After deletes it.
		r := answered(&discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate})
		r.After = b.deleteAnswer(i)
		return r
	}
	// One snapshot of the articles answers the press.
	art := findArticle(b.answerer.Articles(), id.article)
	if art == nil {
		return outcome(ephemeral(moved), OutcomeNotCovered)
	}
	switch id.action {
	case actFull:
		pos, ok := id.section(art)
		if !ok {
			return outcome(ephemeral(moved), OutcomeNotCovered)
		}
		return answered(message(discordgo.MessageFlagsEphemeral, "", sectionEmbeds(topicAt(art, pos), art.Sections[pos]), nil))
	case actTable:
		pos, ok := id.comparison(art)
		if !ok {
			return outcome(ephemeral(moved), OutcomeNotCovered)
		}
		c := &art.Comparisons[pos]
		t := index.Topic{Article: art.Title, Source: art.Source, ArticleID: art.Path, SectionID: c.Section, Heading: c.Title}
		for k, s := range art.Sections {
			if s.ID == c.Section {
				t = topicAt(art, k)
			}
		}
		return answered(message(discordgo.MessageFlagsEphemeral, "", []*discordgo.MessageEmbed{tableEmbed(t, c)}, nil))
	case actFeed:
		pos, ok := id.section(art)
		if !ok {
			return outcome(ephemeral(moved), OutcomeNotCovered)
		}
		return b.feedback(ctx, i, art, art.Sections[pos], id.helpful)
	}
	return outcome(ephemeral("This button is from an older version of me; ask again for a fresh answer."), OutcomeError)
}

// feedback records a "Helpful" or "Not helpful" press. The question comes
// from the answer embed's author line, so no state is needed.
func (b *Bot) feedback(ctx context.Context, i *discordgo.Interaction, art *knowledge.Article, s knowledge.Section, helpful bool) Reply {
	if b.opts.Store == nil {
		return answered(ephemeral("Thanks! (Feedback is not being recorded on this bot.)"))
	}
	f := store.Feedback{
		AnswerKey: answerKey(art.Path, s.ID),
		Heading:   s.Heading,
		Question:  questionOf(i.Message),
		Helpful:   helpful,
		UserID:    userID(i),
	}
	if err := b.opts.Store.RecordFeedback(ctx, f); err != nil {
		b.lg.Warn("record feedback", "interaction", i.ID, "err", err)
		return outcome(ephemeral("Thanks! I could not save that just now, sorry."), OutcomeError)
	}
	return answered(ephemeral("Thanks for the feedback!"))
}

// answerKey names an answer in the feedback record: article and section.
func answerKey(articlePath, sectionID string) string { return articlePath + "#" + sectionID }

// questionOf reads the question back from an answer's author line, which
// shows it as typed but for the defused "@".
func questionOf(m *discordgo.Message) string {
	if m == nil || len(m.Embeds) == 0 || m.Embeds[0].Author == nil {
		return ""
	}
	q, ok := strings.CutPrefix(m.Embeds[0].Author.Name, questionMark)
	if !ok {
		return ""
	}
	return strings.ReplaceAll(q, "@"+zwsp, "@")
}

// mayDismiss allows the asker, and members who may manage messages, to
// delete an answer. The asker comes from the custom ID, or failing that
// from the message's interaction metadata.
func mayDismiss(i *discordgo.Interaction, id buttonID) bool {
	if i.Member != nil && i.Member.Permissions&(discordgo.PermissionManageMessages|discordgo.PermissionAdministrator) != 0 {
		return true
	}
	who := userID(i)
	if who == "" {
		return false
	}
	if id.asker != "" {
		return who == id.asker
	}
	if m := i.Message; m != nil {
		if m.InteractionMetadata != nil && m.InteractionMetadata.User != nil {
			return who == m.InteractionMetadata.User.ID
		}
		if m.Interaction != nil && m.Interaction.User != nil {
			return who == m.Interaction.User.ID
		}
	}
	return false
}

// deleteAnswer is the After work of a Dismiss: delete the answer the button
// sat on, the original response of the interaction that made it, through
// this interaction's webhook.
func (b *Bot) deleteAnswer(i *discordgo.Interaction) AfterFunc {
	return func(ctx context.Context, s *discordgo.Session) error {
		if s == nil {
			return fmt.Errorf("delete dismissed answer of interaction %s: no REST session", i.ID)
		}
		if err := s.InteractionResponseDelete(b.withAppID(i), discordgo.WithContext(ctx)); err != nil {
			return fmt.Errorf("delete dismissed answer of interaction %s: %w", i.ID, err)
		}
		return nil
	}
}
