package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/explainbot/explainbot/bot/store"
	"github.com/explainbot/explainbot/knowledge"
)

// moved is the reply to a button whose article is gone since the answer.
const moved = "That part of the notes has changed since this answer; ask again for a fresh one."

// button answers a press on one of an answer's buttons.
func (b *Bot) button(ctx context.Context, i *discordgo.Interaction, data discordgo.MessageComponentInteractionData) reply {
	id, err := parseButtonID(data.CustomID)
	if err != nil {
		b.lg.Info("unknown button", "interaction", i.ID, "err", err)
		return reply{ephemeral("This button is from an older version of me; ask again for a fresh answer."), OutcomeError}
	}
	switch id.action {
	case actDismiss:
		if !mayDismiss(i, id) {
			return answered(ephemeral("Only the person who asked, or a member who can manage messages, can dismiss this answer."))
		}
		// Acknowledge without changing the message; After deletes it.
		return answered(&discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate})
	}
	art := findArticle(b.answerer.Articles(), id.article)
	if art == nil {
		return reply{ephemeral(moved), OutcomeNotCovered}
	}
	switch id.action {
	case actFull:
		if id.pos >= len(art.Sections) {
			return reply{ephemeral(moved), OutcomeNotCovered}
		}
		t, s, ok := b.answerer.Section(art.Path, art.Sections[id.pos].ID)
		if !ok {
			return reply{ephemeral(moved), OutcomeNotCovered}
		}
		return answered(message(discordgo.MessageFlagsEphemeral, "", sectionEmbeds(t, s), nil))
	case actTable:
		if id.pos >= len(art.Comparisons) {
			return reply{ephemeral(moved), OutcomeNotCovered}
		}
		c := &art.Comparisons[id.pos]
		t, _, ok := b.answerer.Section(art.Path, c.Section)
		if !ok {
			return reply{ephemeral(moved), OutcomeNotCovered}
		}
		return answered(message(discordgo.MessageFlagsEphemeral, "", []*discordgo.MessageEmbed{tableEmbed(t, c)}, nil))
	case actFeed:
		if id.pos >= len(art.Sections) {
			return reply{ephemeral(moved), OutcomeNotCovered}
		}
		return b.feedback(ctx, i, art, art.Sections[id.pos], id.helpful)
	}
	return reply{ephemeral("This button is from an older version of me; ask again for a fresh answer."), OutcomeError}
}

// feedback records a "Helpful" or "Not helpful" press. The question comes
// from the answer embed's author line, so no state is needed.
func (b *Bot) feedback(ctx context.Context, i *discordgo.Interaction, art *knowledge.Article, s knowledge.Section, helpful bool) reply {
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
		return reply{ephemeral("Thanks! I could not save that just now, sorry."), OutcomeError}
	}
	return answered(ephemeral("Thanks for the feedback!"))
}

// answerKey names an answer in the feedback record: article and section.
func answerKey(articlePath, sectionID string) string { return articlePath + "#" + sectionID }

// questionOf reads the question back from an answer's author line.
func questionOf(m *discordgo.Message) string {
	if m == nil || len(m.Embeds) == 0 || m.Embeds[0].Author == nil {
		return ""
	}
	q, ok := strings.CutPrefix(m.Embeds[0].Author.Name, questionMark)
	if !ok {
		return ""
	}
	return unescapeMarkdown(q)
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

// An AfterFunc is work to do once an interaction's callback has been sent,
// such as deleting the message a "Dismiss" button sat on.
type AfterFunc func(ctx context.Context, s *discordgo.Session) error

// After returns what must happen after i's callback, or nil for nothing.
// It is decided from the interaction alone, exactly as Handle decides, so
// the gateway adapter and the HTTP endpoint (which calls it after writing
// the callback) both run it with no state kept between the two calls. The
// session needs no bot token: the work uses the interaction's webhook.
func (b *Bot) After(i *discordgo.Interaction) AfterFunc {
	if i == nil || i.Type != discordgo.InteractionMessageComponent {
		return nil
	}
	data, ok := i.Data.(discordgo.MessageComponentInteractionData)
	if !ok {
		return nil
	}
	id, err := parseButtonID(data.CustomID)
	if err != nil || id.action != actDismiss || !mayDismiss(i, id) {
		return nil
	}
	return func(ctx context.Context, s *discordgo.Session) error {
		if err := s.InteractionResponseDelete(b.withAppID(i), discordgo.WithContext(ctx)); err != nil {
			return fmt.Errorf("delete dismissed answer of interaction %s: %w", i.ID, err)
		}
		return nil
	}
}

// withAppID fills in the application ID a webhook call needs when the
// interaction lacks it.
func (b *Bot) withAppID(i *discordgo.Interaction) *discordgo.Interaction {
	if i.AppID != "" {
		return i
	}
	c := *i
	c.AppID = b.AppID()
	return &c
}
