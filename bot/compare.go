package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/explainbot/explainbot/index"
	"github.com/explainbot/explainbot/knowledge"
)

// compare answers /compare: the whole difference table, or one row of it
// when an aspect is given, from the table option's comparison or the first.
func (b *Bot) compare(ctx context.Context, i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData) Reply {
	all := comparisons(b.answerer.Articles())
	if len(all) == 0 {
		return outcome(ephemeral("The notes have no comparison table yet."), OutcomeNotCovered)
	}
	l := all[0]
	aspect := strings.TrimSpace(stringOption(data, optAspect))
	if t := strings.TrimSpace(stringOption(data, optTable)); t != "" {
		var ok bool
		if l, ok = findTable(all, t); !ok {
			return outcome(ephemeral(fmt.Sprintf("I know no table called “%s”. Pick one from the list.", clip(escapeMarkdown(t), maxChoiceText))), OutcomeNotCovered)
		}
	} else if aspect != "" {
		// No table named: the first that has the row asked for.
		for _, m := range all {
			if _, ok := m.comparison().Row(aspect); ok {
				l = m
				break
			}
		}
	}
	c := l.comparison()
	question := "compare"
	var row *index.RowMatch
	if aspect != "" {
		r, ok := c.Row(aspect)
		if !ok {
			features := make([]string, len(c.Rows))
			for k, r := range c.Rows {
				features[k] = strings.ToLower(r.Feature)
			}
			return outcome(ephemeral(fmt.Sprintf("“%s” is not a row of %s. Rows: %s.",
				clip(escapeMarkdown(aspect), maxChoiceText), defuseMentions(c.Title), defuseMentions(strings.Join(features, ", ")))), OutcomeNotCovered)
		}
		row = &index.RowMatch{Comparison: c, Row: r, ArticleID: l.article.Path, Position: l.pos}
		question = "compare " + strings.ToLower(r.Feature)
	}
	asker := userID(i)
	if ok, wait, _ := b.cooldown.allow(asker, b.now()); !ok {
		return slowDown(wait)
	}

	// Everything comes from the one snapshot of the articles taken above.
	topic := index.Topic{Article: l.article.Title, Source: l.article.Source, ArticleID: l.article.Path,
		SectionID: c.Section, Heading: c.Title, Position: -1, Comparisons: len(l.article.Comparisons)}
	var sec knowledge.Section
	for k, s := range l.article.Sections {
		if s.ID == c.Section {
			topic, sec = topicAt(l.article, k), s
			break
		}
	}
	hit := index.Hit{Topic: topic, Excerpt: strings.Join(c.Subjects, " vs ")}
	if len(sec.Blocks) > 0 {
		hit.Excerpt = sec.Blocks[0].Text
	}
	if row != nil {
		lead := fmt.Sprintf("How %s differ in ", joinList(c.Subjects, "and"))
		hit.Excerpt = lead + row.Row.Feature + "."
		hit.Highlights = []index.Span{{Start: len(lead), End: len(lead) + len(row.Row.Feature)}}
	}
	hit.Excerpt = clip(hit.Excerpt, index.MaxExcerpt)
	a := index.Answer{
		Question:   question,
		Answered:   true,
		Hits:       []index.Hit{hit},
		Row:        row,
		Confidence: 1,
	}
	if row == nil {
		a.Table, a.TableArticleID, a.TablePosition = c, l.article.Path, l.pos
	}
	return answered(renderAnswer(a, answerView{question: question, asker: asker}))
}

// findTable finds the comparison a table option names: the value of one of
// its autocomplete choices, or words of its title.
func findTable(all []located, t string) (located, bool) {
	for _, l := range all {
		if tableValue(l) == t {
			return l, true
		}
	}
	lt := strings.ToLower(t)
	for _, l := range all {
		if strings.Contains(strings.ToLower(tableName(l)), lt) {
			return l, true
		}
	}
	return located{}, false
}

// topics answers /topics: every article's sections, one embed per article.
func (b *Bot) topics() *discordgo.InteractionResponse {
	articles := b.answerer.Articles()
	if len(articles) == 0 {
		return ephemeral("I have no notes loaded.")
	}
	shown := articles
	if len(shown) > maxEmbeds {
		shown = shown[:maxEmbeds-1]
	}
	per := maxEmbedsTotal / (len(shown) + 1)
	var es []*discordgo.MessageEmbed
	for _, a := range shown {
		var lines []string
		for _, s := range a.Sections {
			indent := ""
			if s.Level > 2 {
				indent = strings.Repeat("  ", s.Level-2)
			}
			lines = append(lines, indent+"• "+s.Heading)
		}
		title := clip(defuseMentions(a.Title), maxTitle)
		desc := defuseMentions(strings.Join(lines, "\n"))
		if desc == "" {
			desc = "(no sections)"
		}
		es = append(es, &discordgo.MessageEmbed{
			Title:       title,
			Color:       embedColour,
			Description: clip(desc, min(maxDescription, max(per-runes(title), 20))),
		})
	}
	if len(shown) < len(articles) {
		es = append(es, &discordgo.MessageEmbed{Description: fmt.Sprintf("…and %d more articles.", len(articles)-len(shown)), Color: embedColour})
	}
	fitEmbeds(es)
	return message(discordgo.MessageFlagsEphemeral, "Ask with /explain or /ask; pick a topic from the list as you type.", es, nil)
}
