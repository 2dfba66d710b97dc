package discordfake

import (
	"log/slog"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Defaults for a fake built without options. The bot user shares the
// application's ID, as it does for every application created since 2019.
const (
	DefaultAppID             = "1100000000000000001"
	DefaultBotUserID         = DefaultAppID
	DefaultBotUsername       = "explainbot"
	DefaultToken             = "test-token"
	DefaultHeartbeatInterval = 45 * time.Second
)

// config holds what the options set; it is fixed once New returns.
type config struct {
	appID          string
	botUserID      string
	botUsername    string
	token          string
	heartbeat      time.Duration
	logger         *slog.Logger
	enabledIntents discordgo.Intent // privileged intents switched on in the portal
	allowUnknown   bool
	noResume       bool
	noReferenced   bool
}

func defaultConfig() config {
	return config{
		appID:       DefaultAppID,
		botUserID:   DefaultBotUserID,
		botUsername: DefaultBotUsername,
		token:       DefaultToken,
		heartbeat:   DefaultHeartbeatInterval,
	}
}

// Option changes how a Fake behaves; pass options to New.
type Option func(*config)

// WithAppID sets the application ID the fake reports in READY and accepts in
// command and webhook routes, so tests can check the bot uses the ID it was
// configured with rather than a hard-coded one.
func WithAppID(id string) Option { return func(c *config) { c.appID = id } }

// WithToken sets the bot token the fake accepts, without the "Bot " prefix.
// Identify and Resume with another token are closed with 4004, and REST routes
// that need a token answer 401, as Discord does.
func WithToken(token string) Option { return func(c *config) { c.token = token } }

// WithHeartbeatInterval sets the interval announced in Hello. Discord uses
// about 41 s; tests shorten it to exercise heartbeats and their ACKs.
// discordgo reconnects when no ACK arrives within five intervals, so very
// short intervals on a loaded machine cause spurious reconnects.
func WithHeartbeatInterval(d time.Duration) Option { return func(c *config) { c.heartbeat = d } }

// WithLogger sends the fake's log to lg instead of t.Log.
func WithLogger(lg *slog.Logger) Option { return func(c *config) { c.logger = lg } }

// AllowPrivilegedIntents accepts Identify payloads that ask for the
// GUILD_MEMBERS, GUILD_PRESENCES or MESSAGE_CONTENT intents. Without it the
// fake closes the gateway with 4014, as Discord does for an application
// whose privileged intents are not enabled in the developer portal.
func AllowPrivilegedIntents() Option { return WithEnabledIntents(privilegedIntents) }

// WithEnabledIntents switches on the given privileged intents, as the
// developer portal's toggles do; asking for any other privileged intent
// is closed with 4014. With MESSAGE_CONTENT enabled, REST reads of
// messages carry their content too (see PostMessage).
func WithEnabledIntents(intents discordgo.Intent) Option {
	return func(c *config) { c.enabledIntents |= intents & privilegedIntents }
}

// WithoutReferencedMessages makes the MESSAGE_CREATE of a reply carry only
// its message_reference, with referenced_message null, as Discord sends it
// when it could not include the message: the bot must fetch it.
func WithoutReferencedMessages() Option { return func(c *config) { c.noReferenced = true } }

// AllowUnknownRoutes stops Close from failing the test when the bot called a
// route the fake does not know. Use it only in tests that call one on purpose.
func AllowUnknownRoutes() Option { return func(c *config) { c.allowUnknown = true } }

// WithoutResume makes every Resume fail with op 9 Invalid Session, as Discord
// does when a session has expired, so the client must Identify again.
func WithoutResume() Option { return func(c *config) { c.noResume = true } }
