package bot

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/explainbot/explainbot/index"
	"github.com/explainbot/explainbot/internal/snowflake"
	"github.com/explainbot/explainbot/knowledge"
)

// questionMark starts an answer's author line; the question follows, which
// is how a button press finds the question again without any state.
const questionMark = "❓ "

// maxRelated is how many related topics an answer lists.
const maxRelated = 5

// noMentions is the allowed_mentions of every message: an empty parse list,
// so nothing quoted can ping. A nil pointer would let Discord parse users.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// message is a channel message response with no pings.
func message(flags discordgo.MessageFlags, content string, embeds []*discordgo.MessageEmbed, comps []discordgo.MessageComponent) *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{
			Content:         clip(content, maxContent),
			Embeds:          embeds,
			Components:      comps,
			AllowedMentions: noMentions(),
			Flags:           flags,
		},
	}
}

// ephemeral is a short text only the user sees.
func ephemeral(content string) *discordgo.InteractionResponse {
	return message(discordgo.MessageFlagsEphemeral, content, nil, nil)
}

// answerView says how an answer is shown.
type answerView struct {
	question string // as the user typed it
	private  bool
	mention  string // user ID to address, or ""
	asker    string // user ID allowed to dismiss
}

// renderAnswer shows an answered question: the best hit as an embed with
// its comparison row or table and related topics, and the buttons. It
// depends on the answer alone, so what it shows and what its buttons name
// come from the one index that answered, whatever happened since.
func renderAnswer(a index.Answer, v answerView) *discordgo.InteractionResponse {
	hit := a.Hits[0]
	excerpt, spans := hit.Excerpt, hit.Highlights
	if a.Table != nil {
		// The fields show the table; the description keeps the prose.
		excerpt, spans = withoutRows(excerpt, spans, a.Table)
	}
	e := &discordgo.MessageEmbed{
		Title:       clip(defuseMentions(hit.Heading), maxTitle),
		URL:         topicURL(hit.Topic),
		Color:       embedColour,
		Description: highlight(excerpt, spans, maxDescription),
		// Discord shows the author line as typed, Markdown and all.
		Author: &discordgo.MessageEmbedAuthor{Name: clip(questionMark+plainLine(v.question), maxTitle)},
		Footer: &discordgo.MessageEmbedFooter{Text: answerFooter(a)},
	}
	switch {
	case a.Table != nil:
		e.Fields = tableFields(a.Table)
	case a.Row != nil:
		e.Fields = rowFields(a.Row)
	}
	if f := relatedField(hit.Topic, a.Related); f != nil && len(e.Fields) < maxFields {
		e.Fields = append(e.Fields, f)
	}
	fitEmbeds([]*discordgo.MessageEmbed{e})

	buttons := answerButtons(a, showsWholeSection(a, excerpt))
	var flags discordgo.MessageFlags
	if v.private {
		flags = discordgo.MessageFlagsEphemeral
	} else if snowflake.Valid(v.asker) {
		buttons = append(buttons, discordgo.Button{Label: "Dismiss", Style: discordgo.DangerButton,
			CustomID: buttonID{action: actDismiss, asker: v.asker}.String()})
	}
	var comps []discordgo.MessageComponent
	if len(buttons) > 0 {
		comps = []discordgo.MessageComponent{discordgo.ActionsRow{Components: buttons}}
	}
	resp := message(flags, "", []*discordgo.MessageEmbed{e}, comps)
	if v.mention != "" && !v.private {
		resp.Data.Content = "<@" + v.mention + ">"
		resp.Data.AllowedMentions.Users = []string{v.mention}
	}
	return resp
}

// embedColour marks every embed the bot sends as its own.
const embedColour = 0x5865F2

// answerButtons are an answer's buttons, named by the positions the answer
// carries, and only those that add something: Full section unless the
// reply shows the whole section already (whole), Difference table unless
// it shows the whole table, and the feedback buttons.
func answerButtons(a index.Answer, whole bool) []discordgo.MessageComponent {
	hit := a.Hits[0]
	var buttons []discordgo.MessageComponent
	section := buttonID{article: articleKey(hit.ArticleID), pos: hit.Position, sum: checksum(hit.SectionID)}
	if hit.Position >= 0 && !whole {
		full := section
		full.action = actFull
		buttons = append(buttons, discordgo.Button{Label: "Full section", Style: discordgo.SecondaryButton, CustomID: full.String()})
	}
	if table, ok := tableButton(a); ok && a.Table == nil {
		buttons = append(buttons, discordgo.Button{Label: "Difference table", Style: discordgo.SecondaryButton, CustomID: table.String()})
	}
	if hit.Position >= 0 {
		yes, no := section, section
		yes.action, yes.helpful = actFeed, true
		no.action = actFeed
		buttons = append(buttons,
			discordgo.Button{Label: "Helpful", Style: discordgo.SuccessButton, CustomID: yes.String()},
			discordgo.Button{Label: "Not helpful", Style: discordgo.SecondaryButton, CustomID: no.String()})
	}
	return buttons
}

// showsWholeSection reports whether a reply whose description quotes
// excerpt shows all of its section: an excerpt not cut (no "…") as long as
// the section's text, or, for a reply showing the whole table of that very
// section, one that with the table's rows makes up the section's text.
func showsWholeSection(a index.Answer, excerpt string) bool {
	hit := a.Hits[0]
	if strings.Contains(excerpt, ellipsis) {
		return false
	}
	n := runes(excerpt)
	if c := a.Table; c != nil && a.TableArticleID == hit.ArticleID && c.Section == hit.SectionID {
		for _, r := range c.Rows {
			if n > 0 {
				n++ // the newline before the row
			}
			n += runes(c.Line(r))
		}
	}
	return n >= hit.Length
}

// ellipsis is what the index puts where it cut an excerpt.
const ellipsis = "…"

// withoutRows drops from an excerpt the lines that are rows of c, which a
// table reply shows as fields, and moves the spans of the lines it keeps.
func withoutRows(text string, spans []index.Span, c *knowledge.Comparison) (string, []index.Span) {
	isRow := func(line string) bool {
		line = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(line, ellipsis+" "), " "+ellipsis))
		for _, r := range c.Rows {
			if line == c.Line(r) || strings.HasPrefix(line, r.Feature+": ") {
				return true
			}
		}
		return false
	}
	var b strings.Builder
	var out []index.Span
	start := 0
	for start <= len(text) {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		if line := text[start:end]; !isRow(line) {
			if b.Len() > 0 {
				b.WriteByte('\n')
			}
			shift := b.Len() - start
			b.WriteString(line)
			for _, s := range spans {
				if s.Start >= start && s.End <= end {
					out = append(out, index.Span{Start: s.Start + shift, End: s.End + shift})
				}
			}
		}
		start = end + 1
	}
	return b.String(), out
}

// topicURL is the link of a topic's article: its front matter's url, else
// its source when that is a web address; "" otherwise.
func topicURL(t index.Topic) string {
	if u := sourceURL(t.URL); u != "" {
		return u
	}
	return sourceURL(t.Source)
}

// sourceURL is an article's source when it is a web address, for the
// embed's title link; "" otherwise.
func sourceURL(source string) string {
	u, err := url.Parse(strings.TrimSpace(source))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || runes(source) > 2048 {
		return ""
	}
	return u.String()
}

// tableButton names the comparison an answer's Difference table opens: the
// one it shows, row or table, else the first of its article's, if any.
func tableButton(a index.Answer) (buttonID, bool) {
	hit := a.Hits[0]
	switch {
	case a.Table != nil:
		return buttonID{action: actTable, article: articleKey(a.TableArticleID), pos: a.TablePosition, sum: tableSum(a.Table)}, true
	case a.Row != nil:
		return buttonID{action: actTable, article: articleKey(a.Row.ArticleID), pos: a.Row.Position, sum: tableSum(a.Row.Comparison)}, true
	case hit.Comparisons > 0:
		return buttonID{action: actTable, article: articleKey(hit.ArticleID), pos: 0}, true
	}
	return buttonID{}, false
}

// topicAt names section pos of art as the index would.
func topicAt(art *knowledge.Article, pos int) index.Topic {
	s := art.Sections[pos]
	return index.Topic{Article: art.Title, Source: art.Source, URL: art.URL, ArticleID: art.Path, SectionID: s.ID,
		Heading: s.Heading, Position: pos, Comparisons: len(art.Comparisons), Length: runes(s.Text())}
}

// partialNote opens the footer of a partial answer (index.Answer.Partial):
// the question's words are spread over sections, and this is the nearest.
const partialNote = "Nearest match: the sources cover this question only in part."

// answerFooter is the footer of answer a: the citation of its first
// section, after partialNote when a is partial.
func answerFooter(a index.Answer) string {
	if a.Partial {
		return clip(partialNote+"\n"+footer(a.Hits[0].Topic), maxFooter)
	}
	return footer(a.Hits[0].Topic)
}

// footer cites the article and section, and the source when it is short
// enough to read at a glance and not a link (which the title carries).
func footer(t index.Topic) string {
	text := "Source: " + t.Article + " › " + t.Heading
	if t.Source != "" && sourceURL(t.Source) == "" && !strings.HasPrefix(t.Source, t.Article) && runes(t.Source) <= 200 {
		text += "\n" + t.Source
	}
	return clip(defuseMentions(text), maxFooter)
}

// rowFields shows one comparison row as an inline field per subject.
func rowFields(m *index.RowMatch) []*discordgo.MessageEmbedField {
	var out []*discordgo.MessageEmbedField
	for i, subject := range m.Comparison.Subjects {
		if i >= len(m.Row.Values) || len(out) == maxFields {
			break
		}
		out = append(out, &discordgo.MessageEmbedField{
			Name:   clip(defuseMentions(subject+" · "+m.Row.Feature), maxFieldName),
			Value:  fieldValue(m.Row.Values[i]),
			Inline: true,
		})
	}
	return out
}

// tableFields shows a whole comparison, one field per row.
func tableFields(c *knowledge.Comparison) []*discordgo.MessageEmbedField {
	var out []*discordgo.MessageEmbedField
	for _, r := range c.Rows {
		if len(out) == maxFields {
			break
		}
		lines := make([]string, 0, len(c.Subjects))
		for i, subject := range c.Subjects {
			if i < len(r.Values) {
				lines = append(lines, "**"+subject+":** "+r.Values[i])
			}
		}
		out = append(out, &discordgo.MessageEmbedField{
			Name:  clip(defuseMentions(r.Feature), maxFieldName),
			Value: fieldValue(strings.Join(lines, "\n")),
		})
	}
	return out
}

// fieldValue is a field's value within Discord's rules: not blank, at most
// 1,024 runes.
func fieldValue(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return "—"
	}
	return clip(defuseMentions(s), maxFieldValue)
}

// relatedField lists related headings, naming the article of a topic from
// another one.
func relatedField(hit index.Topic, related []index.Topic) *discordgo.MessageEmbedField {
	var lines []string
	for _, t := range related {
		if len(lines) == maxRelated {
			break
		}
		line := "• " + t.Heading
		if t.ArticleID != hit.ArticleID {
			line += " (" + t.Article + ")"
		}
		lines = append(lines, line)
	}
	if len(lines) == 0 {
		return nil
	}
	return &discordgo.MessageEmbedField{Name: "Related", Value: fieldValue(strings.Join(lines, "\n"))}
}

// embedLen counts an embed as Discord does toward the 6,000 total.
func embedLen(e *discordgo.MessageEmbed) int {
	n := runes(strings.TrimSpace(e.Title)) + runes(strings.TrimSpace(e.Description))
	if e.Author != nil {
		n += runes(strings.TrimSpace(e.Author.Name))
	}
	if e.Footer != nil {
		n += runes(strings.TrimSpace(e.Footer.Text))
	}
	for _, f := range e.Fields {
		n += runes(strings.TrimSpace(f.Name)) + runes(strings.TrimSpace(f.Value))
	}
	return n
}

// fitEmbeds keeps a message's embeds within the 6,000 total by dropping
// trailing fields, then shortening the last description.
func fitEmbeds(es []*discordgo.MessageEmbed) {
	total := func() int {
		n := 0
		for _, e := range es {
			n += embedLen(e)
		}
		return n
	}
	for total() > maxEmbedsTotal {
		last := es[len(es)-1]
		switch {
		case len(last.Fields) > 0:
			last.Fields = last.Fields[:len(last.Fields)-1]
		case runes(last.Description) > 1:
			over := total() - maxEmbedsTotal
			last.Description = clip(last.Description, max(runes(last.Description)-over-1, 1))
		default:
			return
		}
	}
}

// notCovered tells the user the notes do not cover the question and
// offers the closest topics as buttons that open them, named from the
// answer alone.
func notCovered(a index.Answer, question string) *discordgo.InteractionResponse {
	text := fmt.Sprintf("“%s” is not covered in my notes.", clip(escapeMarkdown(question), 300))
	many := false
	for _, t := range a.Related {
		many = many || t.ArticleID != a.Related[0].ArticleID
	}
	var buttons []discordgo.MessageComponent
	for _, t := range a.Related {
		if len(buttons) == maxRelated {
			break
		}
		label := t.Heading
		if many {
			label += " (" + t.Article + ")"
		}
		id := buttonID{action: actFull, article: articleKey(t.ArticleID), pos: t.Position, sum: checksum(t.SectionID)}
		buttons = append(buttons, discordgo.Button{Label: clip(label, maxButtonLabel), Style: discordgo.SecondaryButton, CustomID: id.String()})
	}
	var comps []discordgo.MessageComponent
	if len(buttons) > 0 {
		text += " Try one of these topics:"
		comps = []discordgo.MessageComponent{discordgo.ActionsRow{Components: buttons}}
	}
	return message(discordgo.MessageFlagsEphemeral, text, nil, comps)
}

// joinList joins xs as an English list with conj ("and", "or") before the
// last.
func joinList(xs []string, conj string) string {
	switch len(xs) {
	case 0:
		return "the notes"
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " " + conj + " " + xs[len(xs)-1]
}

// sectionLines renders a section's blocks as Markdown lines: sub-headings
// bold, list items as bullets, everything else escaped.
func sectionLines(s knowledge.Section) []string {
	out := make([]string, 0, len(s.Blocks))
	for _, b := range s.Blocks {
		switch b.Kind {
		case knowledge.Subheading:
			out = append(out, "**"+escapeInline(b.Text)+"**")
		case knowledge.Item:
			out = append(out, "- "+escapeInline(b.Text))
		default:
			out = append(out, escapeMarkdown(b.Text))
		}
	}
	return out
}

// sectionEmbeds shows a whole section, split over embeds of at most 4,096
// runes each and 6,000 in all; a longer section ends with a note that it
// continues in the article.
func sectionEmbeds(t index.Topic, s knowledge.Section) []*discordgo.MessageEmbed {
	const more = "\n\n*(continued in the article)*"
	title := clip(defuseMentions(t.Heading), maxTitle)
	foot := footer(t)
	budget := maxEmbedsTotal - runes(title) - runes(foot) - runes(more)
	limit := maxDescription - runes(more)
	var chunks []string
	var cur strings.Builder
	truncated := false
	flush := func() {
		if cur.Len() > 0 {
			chunks = append(chunks, cur.String())
			cur.Reset()
		}
	}
	for _, line := range sectionLines(s) {
		for _, piece := range splitRunes(line, limit-1) {
			n := runes(piece) + 1
			if n > budget {
				truncated = true
				break
			}
			if runes(cur.String())+n > limit {
				if len(chunks) == maxEmbeds-1 {
					truncated = true
					break
				}
				flush()
			}
			if cur.Len() > 0 {
				cur.WriteByte('\n')
			}
			cur.WriteString(piece)
			budget -= n
		}
		if truncated {
			break
		}
	}
	flush()
	if len(chunks) == 0 {
		chunks = []string{"(This section has no text.)"}
	}
	if truncated {
		chunks[len(chunks)-1] += more
	}
	es := make([]*discordgo.MessageEmbed, len(chunks))
	for i, c := range chunks {
		es[i] = &discordgo.MessageEmbed{Description: c, Color: embedColour}
	}
	es[0].Title, es[0].URL = title, topicURL(t)
	es[len(es)-1].Footer = &discordgo.MessageEmbedFooter{Text: foot}
	return es
}

// splitRunes cuts s into pieces of at most n runes, at spaces when it can.
func splitRunes(s string, n int) []string {
	var out []string
	for runes(s) > n {
		r := []rune(s)
		cut := n
		for j := n; j > n/2; j-- {
			if r[j] == ' ' {
				cut = j
				break
			}
		}
		out = append(out, string(r[:cut]))
		s = strings.TrimLeft(string(r[cut:]), " ")
	}
	return append(out, s)
}

// tableEmbed shows a whole comparison.
func tableEmbed(t index.Topic, c *knowledge.Comparison) *discordgo.MessageEmbed {
	e := &discordgo.MessageEmbed{
		Title:       clip(defuseMentions(c.Title), maxTitle),
		URL:         topicURL(t),
		Color:       embedColour,
		Description: clip(defuseMentions(strings.Join(c.Subjects, " vs ")), maxDescription),
		Fields:      tableFields(c),
		Footer:      &discordgo.MessageEmbedFooter{Text: footer(t)},
	}
	fitEmbeds([]*discordgo.MessageEmbed{e})
	return e
}
