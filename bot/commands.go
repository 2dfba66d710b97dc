package bot

import (
	"github.com/bwmarrin/discordgo"
	"github.com/explainbot/explainbot/knowledge"
)

// Command and option names as registered with Discord.
const (
	cmdExplain     = "explain"
	cmdAsk         = "ask"
	cmdCompare     = "compare"
	cmdTopics      = "topics"
	cmdReload      = "reload"
	cmdUnanswered  = "unanswered"
	cmdExplainThis = "Explain this"

	optTopic    = "topic"
	optQuestion = "question"
	optPrivate  = "private"
	optMention  = "mention"
	optAspect   = "aspect"
	optTable    = "table"
)

// Discord's limits that shape the commands and their answers.
const (
	maxChoices       = 25   // choices and autocomplete results
	maxChoiceText    = 100  // a choice's name and value
	maxQuestionRunes = 300  // what /ask and /explain accept
	maxContent       = 2000 // message content
	maxTitle         = 256  // embed title and author name
	maxDescription   = 4096 // embed description
	maxFields        = 25   // fields per embed
	maxFieldName     = 256
	maxFieldValue    = 1024
	maxFooter        = 2048
	maxEmbedsTotal   = 6000 // all embeds of one message together
	maxEmbeds        = 10
	maxButtonLabel   = 80
)

// Commands is what the bot registers: the slash commands, the "Explain
// this" message command, and the teacher's /reload and /unanswered, which
// only members with Manage Server see. It depends on nothing loaded, so
// what is registered never goes stale on /reload: /explain's topics and
// /compare's aspects and tables are autocompleted from the index serving.
//
// Every command states where it lives. The app is installed to servers
// only (integration type 0): a class server is where its answers, the
// Dismiss moderators and the teacher's record belong, so it is not
// user-installable. Students may use it there and in a DM with the bot;
// the teacher's commands only in a server.
func (b *Bot) Commands() []*discordgo.ApplicationCommand {
	manageGuild := int64(discordgo.PermissionManageGuild)
	guildInstall := &[]discordgo.ApplicationIntegrationType{discordgo.ApplicationIntegrationGuildInstall}
	anywhere := &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild, discordgo.InteractionContextBotDM}
	guildOnly := &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild}
	minLen := 1
	private := &discordgo.ApplicationCommandOption{
		Type:        discordgo.ApplicationCommandOptionBoolean,
		Name:        optPrivate,
		Description: "Show the answer to you only",
	}
	mention := &discordgo.ApplicationCommandOption{
		Type:        discordgo.ApplicationCommandOptionUser,
		Name:        optMention,
		Description: "Address the answer to this student (pings only them)",
	}
	return []*discordgo.ApplicationCommand{
		{
			Name:             cmdExplain,
			Description:      "Explain a topic from the article",
			IntegrationTypes: guildInstall,
			Contexts:         anywhere,
			Options: []*discordgo.ApplicationCommandOption{
				{
					Type:         discordgo.ApplicationCommandOptionString,
					Name:         optTopic,
					Description:  "A topic, or any question",
					Required:     true,
					Autocomplete: true,
					MinLength:    &minLen,
					MaxLength:    maxQuestionRunes,
				},
				private, mention,
			},
		},
		{
			Name:             cmdAsk,
			Description:      "Ask any question about generative AI and LLMs",
			IntegrationTypes: guildInstall,
			Contexts:         anywhere,
			Options: []*discordgo.ApplicationCommandOption{
				{
					Type:        discordgo.ApplicationCommandOptionString,
					Name:        optQuestion,
					Description: "Your question",
					Required:    true,
					MinLength:   &minLen,
					MaxLength:   maxQuestionRunes,
				},
				private, mention,
			},
		},
		{
			Name:             cmdCompare,
			Description:      "Show the difference table, or one row of it",
			IntegrationTypes: guildInstall,
			Contexts:         anywhere,
			Options: []*discordgo.ApplicationCommandOption{
				{
					Type:         discordgo.ApplicationCommandOptionString,
					Name:         optAspect,
					Description:  "Only this row of the table",
					Autocomplete: true,
					MaxLength:    maxChoiceText,
				},
				{
					Type:         discordgo.ApplicationCommandOptionString,
					Name:         optTable,
					Description:  "Which table (the first one if left empty)",
					Autocomplete: true,
					MaxLength:    maxChoiceText,
				},
			},
		},
		{
			Name:             cmdTopics,
			Description:      "List what the bot knows, section by section",
			IntegrationTypes: guildInstall,
			Contexts:         anywhere,
		},
		{
			Type:             discordgo.MessageApplicationCommand,
			Name:             cmdExplainThis,
			IntegrationTypes: guildInstall,
			Contexts:         anywhere,
		},
		{
			Name:                     cmdReload,
			Description:              "Reload the notes and rebuild the index",
			DefaultMemberPermissions: &manageGuild,
			IntegrationTypes:         guildInstall,
			Contexts:                 guildOnly,
		},
		{
			Name:                     cmdUnanswered,
			Description:              "Show the questions the bot could not answer",
			DefaultMemberPermissions: &manageGuild,
			IntegrationTypes:         guildInstall,
			Contexts:                 guildOnly,
		},
	}
}

// located is a comparison with the article it stands in.
type located struct {
	article *knowledge.Article
	pos     int
}

func (l located) comparison() *knowledge.Comparison { return &l.article.Comparisons[l.pos] }

// comparisons lists every comparison of every article, in order.
func comparisons(articles []*knowledge.Article) []located {
	var out []located
	for _, a := range articles {
		for i := range a.Comparisons {
			out = append(out, located{a, i})
		}
	}
	return out
}
