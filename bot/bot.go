package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/explainbot/explainbot/bot/store"
	"github.com/explainbot/explainbot/index"
	"github.com/explainbot/explainbot/knowledge"
)

// Answerer is what the bot needs from the answer engine. *index.Index
// implements it; so does the holder that swaps indexes on reload
// (*index.Live). A reply is rendered from one call: an answer carries the
// positions its buttons need, and a press or a command reads the articles
// once, so no reply mixes two indexes.
type Answerer interface {
	Ask(ctx context.Context, question string) index.Answer
	// FollowUp answers a question asked in reply to an earlier answer,
	// given that answer's question and heading: one without a subject of
	// its own is read with the earlier one's.
	FollowUp(ctx context.Context, question, previousQuestion, previousHeading string) index.Answer
	Suggest(ctx context.Context, typed string, limit int) []index.Suggestion
	Articles() []*knowledge.Article
}

var (
	_ Answerer = (*index.Index)(nil)
	_ Answerer = (*index.Live)(nil)
)

// Observer is told how each interaction went, for metrics: its command
// (see commandName), its outcome and how long until its answer was ready.
type Observer interface {
	ObserveInteraction(command string, outcome Outcome, d time.Duration)
}

// Options configures a Bot. Zero values pick the defaults named below.
type Options struct {
	// AppID is the application's ID; empty in gateway mode means "take it
	// from READY".
	AppID string
	// GuildID registers the commands to one server (instant, for a class
	// server); empty registers them globally.
	GuildID string
	// CooldownAnswers answers per user are allowed in any CooldownWindow
	// (defaults 5 and 20 s); one more gets an ephemeral "slow down".
	CooldownAnswers int
	CooldownWindow  time.Duration
	// Store keeps unanswered questions and feedback. Nil records nothing,
	// and /unanswered says the record is off.
	Store *store.Store
	// Reload rebuilds the knowledge for /reload. Nil makes /reload say it is
	// not available.
	Reload func(ctx context.Context) error
	// Observer hears about every interaction; may be nil.
	Observer Observer
	// InlineTimeout bounds an answer sent as the callback (default
	// DefaultInlineTimeout), DeferredTimeout one sent after a placeholder
	// (default DefaultDeferredTimeout). Past either the user gets the
	// apology, in both modes.
	InlineTimeout, DeferredTimeout time.Duration

	// Messages says which channel messages the gateway answers (see
	// message.go); the zero value answers none, as in HTTP mode.
	Messages MessageOptions
}

// MessageOptions configures answering channel messages, which only the
// gateway receives. Asking for them changes the gateway's intents (see
// Bot.Intents).
type MessageOptions struct {
	// Mentions answers a message that mentions the bot (or its managed
	// role), a reply to one of its answers, and a DM to it. Discord shows
	// such messages' text without any privileged intent.
	Mentions bool
	// AskChannels are IDs of text channels whose every new message, and
	// forum channels whose every new post, is a question without a
	// mention. Reading them needs the privileged Message Content intent.
	AskChannels []string
	// ReplyPing lets a reply ping the author of the message it answers
	// (allowed_mentions.replied_user), as Discord's client does by default.
	ReplyPing bool
	// Observer hears how each message went; may be nil.
	Observer MessageObserver
	// Timeout bounds answering one message, its reads from Discord and
	// its reply included (default DefaultMessageTimeout).
	Timeout time.Duration
}

// Defaults for Options.
const (
	DefaultCooldownAnswers = 5
	DefaultCooldownWindow  = 20 * time.Second
)

// Bot answers Discord interactions from an Answerer. It is safe for
// concurrent use: the gateway runs each interaction in its own goroutine.
type Bot struct {
	lg       *slog.Logger
	answerer Answerer
	opts     Options
	cooldown *cooldown
	now      func() time.Time
	asks     map[string]bool // Options.Messages.AskChannels

	mu     sync.Mutex
	appID  string // from Options or READY
	selfID string // the bot user's ID, from READY
}

// New makes a Bot answering from a.
func New(lg *slog.Logger, a Answerer, opts Options) *Bot {
	if opts.CooldownAnswers <= 0 {
		opts.CooldownAnswers = DefaultCooldownAnswers
	}
	if opts.CooldownWindow <= 0 {
		opts.CooldownWindow = DefaultCooldownWindow
	}
	if opts.InlineTimeout <= 0 {
		opts.InlineTimeout = DefaultInlineTimeout
	}
	if opts.DeferredTimeout <= 0 {
		opts.DeferredTimeout = DefaultDeferredTimeout
	}
	if opts.Messages.Timeout <= 0 {
		opts.Messages.Timeout = DefaultMessageTimeout
	}
	asks := make(map[string]bool, len(opts.Messages.AskChannels))
	for _, id := range opts.Messages.AskChannels {
		asks[id] = true
	}
	return &Bot{
		lg:       lg,
		answerer: a,
		opts:     opts,
		cooldown: newCooldown(opts.CooldownAnswers, opts.CooldownWindow),
		now:      time.Now,
		asks:     asks,
		appID:    opts.AppID,
	}
}

// AppID is the application ID in use: from Options, or from READY once the
// gateway is up.
func (b *Bot) AppID() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.appID
}

// self is the bot user's ID, known once READY came.
func (b *Bot) self() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.selfID
}

func (b *Bot) setSelf(id string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.selfID = id
}

func (b *Bot) setAppID(id string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.appID == "" {
		b.appID = id
	}
}

// errNoInteraction is Handle's answer to a nil interaction.
var errNoInteraction = errors.New("handle interaction: nil interaction")

// Handle decides the bot's reply to one interaction: the response, whether
// it is deferred, and any work after the callback. It is the bot's whole
// behaviour and touches no session, so both modes share it; a Lifecycle
// carries the reply out. A panic inside is recovered: the reply is the
// apology and the log gets the interaction ID. An error means there is no
// sensible reply (a nil or unknown kind of interaction); a Lifecycle then
// sends the apology.
func (b *Bot) Handle(ctx context.Context, i *discordgo.Interaction) (r Reply, err error) {
	if i == nil {
		return Reply{}, errNoInteraction
	}
	command := commandName(i)
	defer func() {
		if p := recover(); p != nil {
			b.lg.Error("interaction handler panicked", "interaction", i.ID, "command", command,
				"panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			r, err = apologize(i), nil
		}
	}()
	r, err = b.route(ctx, i)
	if err != nil {
		return Reply{}, fmt.Errorf("handle interaction %s (%s): %w", i.ID, command, err)
	}
	r.Defer, r.Ephemeral = deferral(i)
	return r, nil
}

// route picks the handler for the interaction's type and name.
func (b *Bot) route(ctx context.Context, i *discordgo.Interaction) (Reply, error) {
	switch i.Type {
	case discordgo.InteractionPing:
		return answered(&discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong}), nil
	case discordgo.InteractionApplicationCommand:
		data, ok := i.Data.(discordgo.ApplicationCommandInteractionData)
		if !ok {
			return Reply{}, fmt.Errorf("command data of type %T", i.Data)
		}
		return b.command(ctx, i, data), nil
	case discordgo.InteractionApplicationCommandAutocomplete:
		data, ok := i.Data.(discordgo.ApplicationCommandInteractionData)
		if !ok {
			return Reply{}, fmt.Errorf("autocomplete data of type %T", i.Data)
		}
		return answered(b.autocomplete(ctx, data)), nil
	case discordgo.InteractionMessageComponent:
		data, ok := i.Data.(discordgo.MessageComponentInteractionData)
		if !ok {
			return Reply{}, fmt.Errorf("component data of type %T", i.Data)
		}
		return b.button(ctx, i, data), nil
	}
	return Reply{}, fmt.Errorf("unsupported interaction type %d", i.Type)
}

// command answers a slash or message command.
func (b *Bot) command(ctx context.Context, i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData) Reply {
	if data.CommandType == discordgo.MessageApplicationCommand {
		if data.Name != cmdExplainThis {
			return outcome(ephemeral("I don't know that command; it may be from an older version of me."), OutcomeError)
		}
		return b.explainThis(ctx, i, data)
	}
	switch data.Name {
	case cmdExplain:
		return b.question(ctx, i, data, optTopic)
	case cmdAsk:
		return b.question(ctx, i, data, optQuestion)
	case cmdCompare:
		return b.compare(ctx, i, data)
	case cmdTopics:
		return answered(b.topics())
	case cmdReload:
		return b.reload(ctx)
	case cmdUnanswered:
		return b.unanswered(ctx)
	}
	return outcome(ephemeral("I don't know that command; it may be from an older version of me."), OutcomeError)
}

// commandName names an interaction for logs and metrics: the command's
// name, "autocomplete:<command>" or "button:<action>".
func commandName(i *discordgo.Interaction) string {
	switch d := i.Data.(type) {
	case discordgo.ApplicationCommandInteractionData:
		if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
			return "autocomplete:" + d.Name
		}
		if d.Name == cmdExplainThis {
			return "explain_this"
		}
		return d.Name
	case discordgo.MessageComponentInteractionData:
		if id, err := parseButtonID(d.CustomID); err == nil {
			return "button:" + id.action
		}
		return "button:unknown"
	}
	if i.Type == discordgo.InteractionPing {
		return "ping"
	}
	return "unknown"
}

// userOf is who acted: the member's user in a server, the user in a DM.
func userOf(i *discordgo.Interaction) *discordgo.User {
	if i.Member != nil && i.Member.User != nil {
		return i.Member.User
	}
	return i.User
}

func userID(i *discordgo.Interaction) string {
	if u := userOf(i); u != nil {
		return u.ID
	}
	return ""
}

// stringOption reads a string option, tolerating a missing or mistyped one.
func stringOption(data discordgo.ApplicationCommandInteractionData, name string) string {
	if o := data.GetOption(name); o != nil {
		if s, ok := o.Value.(string); ok {
			return s
		}
	}
	return ""
}

func boolOption(data discordgo.ApplicationCommandInteractionData, name string) bool {
	if o := data.GetOption(name); o != nil {
		if v, ok := o.Value.(bool); ok {
			return v
		}
	}
	return false
}
