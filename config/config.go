// Package config reads explainbot's settings from the environment.
//
// It is the only package that knows variable names; everything below main
// receives plain values. Variables are declared with envconfig's tags,
// which also write the help text; Load reads them from any environment,
// so that a test can run the program beside another.
package config

import (
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/explainbot/explainbot/internal/snowflake"
	"github.com/kelseyhightower/envconfig"
)

// Config is every setting explainbot reads from its environment.
type Config struct {
	DiscordToken     string        `envconfig:"DISCORD_TOKEN" desc:"bot token; enables the gateway (never logged)"`
	DiscordAppID     string        `envconfig:"DISCORD_APP_ID" desc:"application ID; taken from READY when empty"`
	DiscordGuildID   string        `envconfig:"DISCORD_GUILD_ID" desc:"register commands to this guild (instant) instead of globally"`
	DiscordAPIURL    string        `envconfig:"DISCORD_API_URL" default:"https://discord.com" desc:"origin of Discord's REST API; the gateway URL follows from it"`
	DiscordPublicKey string        `envconfig:"DISCORD_PUBLIC_KEY" desc:"hex Ed25519 public key; enables POST /interactions"`
	ListenAddr       string        `envconfig:"LISTEN_ADDR" default:":8080" desc:"address of /interactions, /healthz, /readyz and /metrics"`
	ShardID          int           `envconfig:"SHARD_ID" default:"0" desc:"this process's gateway shard"`
	ShardCount       int           `envconfig:"SHARD_COUNT" default:"1" desc:"number of gateway shards"`
	AnswerMentions   bool          `envconfig:"ANSWER_MENTIONS" default:"true" desc:"gateway: answer messages that mention the bot, replies to its answers and DMs (no privileged intent)"`
	AskChannels      string        `envconfig:"ASK_CHANNELS" desc:"gateway: comma-separated IDs of text or forum channels whose every new message or post is a question; needs the privileged Message Content intent"`
	ReplyPing        bool          `envconfig:"REPLY_PING" default:"true" desc:"the bot's reply to a message pings its author"`
	CooldownAnswers  int           `envconfig:"COOLDOWN_ANSWERS" default:"5" desc:"answers a user may get per window"`
	CooldownWindow   time.Duration `envconfig:"COOLDOWN_WINDOW" default:"20s" desc:"the cooldown window"`
	KnowledgeDir     string        `envconfig:"KNOWLEDGE_DIR" desc:"directory of extra Markdown articles"`
	BuiltinArticle   bool          `envconfig:"BUILTIN_ARTICLE" default:"true" desc:"serve the built-in article"`
	DataDir          string        `envconfig:"DATA_DIR" default:"./data" desc:"where unanswered questions and feedback are kept"`
	IndexPath        string        `envconfig:"INDEX_PATH" desc:"keep the built index on disk here and reuse it while the articles are unchanged"`
	NoteMaxBytes     int64         `envconfig:"NOTE_MAX_BYTES" default:"1048576" desc:"largest note file read from KNOWLEDGE_DIR (bytes); larger ones fail the load"`
	NoteReadTimeout  time.Duration `envconfig:"NOTE_READ_TIMEOUT" default:"10s" desc:"how long reading KNOWLEDGE_DIR may take before a reload gives up (a hung mount)"`
	RecordQueue      int           `envconfig:"RECORD_QUEUE" default:"1024" desc:"records waiting for the store's writer; past it records are dropped and counted"`
	AnswerCacheSize  int           `envconfig:"ANSWER_CACHE_SIZE" default:"1024" desc:"answers cached per index (0 turns the cache off)"`
	GatewayDownLimit time.Duration `envconfig:"GATEWAY_DOWN_LIMIT" default:"2m" desc:"/healthz fails once the gateway has been down this long"`
	MaxConnections   int           `envconfig:"MAX_CONNECTIONS" default:"512" desc:"HTTP connections served at once; more wait"`
	HTTPIdleTimeout  time.Duration `envconfig:"HTTP_IDLE_TIMEOUT" default:"30s" desc:"closes keep-alive HTTP connections idle this long"`
	LogFormat        string        `envconfig:"LOG_FORMAT" default:"text" desc:"text or json"`
	LogLevel         string        `envconfig:"LOG_LEVEL" default:"info" desc:"debug, info, warn or error"`
}

// Load reads the configuration from the environment lookup finds
// (os.LookupEnv for the process's own) and validates it.
func Load(lookup Lookup) (Config, error) {
	var c Config
	if err := process(&c, lookup); err != nil {
		return Config{}, fmt.Errorf("read environment: %w", err)
	}
	return c, c.Validate()
}

// Validate reports the first setting that cannot work.
func (c Config) Validate() error {
	u, err := url.Parse(c.DiscordAPIURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("DISCORD_API_URL must be an http(s) origin, got %q", c.DiscordAPIURL)
	}
	if c.ShardCount < 1 {
		return fmt.Errorf("SHARD_COUNT must be at least 1, got %d", c.ShardCount)
	}
	if c.ShardID < 0 || c.ShardID >= c.ShardCount {
		return fmt.Errorf("SHARD_ID must be in [0, SHARD_COUNT), got %d of %d", c.ShardID, c.ShardCount)
	}
	if c.CooldownAnswers < 1 || c.CooldownWindow <= 0 {
		return fmt.Errorf("COOLDOWN_ANSWERS and COOLDOWN_WINDOW must be positive")
	}
	switch c.LogFormat {
	case "text", "json":
	default:
		return fmt.Errorf("LOG_FORMAT must be text or json, got %q", c.LogFormat)
	}
	switch strings.ToLower(c.LogLevel) {
	case "debug", "info", "warn", "error":
	default:
		return fmt.Errorf("LOG_LEVEL must be debug, info, warn or error, got %q", c.LogLevel)
	}
	switch {
	case c.NoteMaxBytes < 1:
		return fmt.Errorf("NOTE_MAX_BYTES must be positive, got %d", c.NoteMaxBytes)
	case c.NoteReadTimeout <= 0:
		return fmt.Errorf("NOTE_READ_TIMEOUT must be positive, got %v", c.NoteReadTimeout)
	case c.RecordQueue < 1:
		return fmt.Errorf("RECORD_QUEUE must be at least 1, got %d", c.RecordQueue)
	case c.AnswerCacheSize < 0:
		return fmt.Errorf("ANSWER_CACHE_SIZE must not be negative, got %d", c.AnswerCacheSize)
	case c.GatewayDownLimit <= 0:
		return fmt.Errorf("GATEWAY_DOWN_LIMIT must be positive, got %v", c.GatewayDownLimit)
	case c.MaxConnections < 1:
		return fmt.Errorf("MAX_CONNECTIONS must be at least 1, got %d", c.MaxConnections)
	case c.HTTPIdleTimeout <= 0:
		return fmt.Errorf("HTTP_IDLE_TIMEOUT must be positive, got %v", c.HTTPIdleTimeout)
	}
	if _, err := c.PublicKey(); err != nil {
		return err
	}
	if _, err := c.AskChannelIDs(); err != nil {
		return err
	}
	return nil
}

// AskChannelIDs is ASK_CHANNELS as a list of channel IDs, separated by
// commas or spaces; none when it is empty.
func (c Config) AskChannelIDs() ([]string, error) {
	ids := strings.FieldsFunc(c.AskChannels, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' })
	for _, id := range ids {
		if !snowflake.Valid(id) {
			return nil, fmt.Errorf("ASK_CHANNELS must be channel IDs (digits) separated by commas, got %q", id)
		}
	}
	return ids, nil
}

// PublicKey is DISCORD_PUBLIC_KEY decoded, or nil when it is empty (no
// HTTP interactions endpoint). It is the one place the key is parsed.
func (c Config) PublicKey() (ed25519.PublicKey, error) {
	if c.DiscordPublicKey == "" {
		return nil, nil
	}
	b, err := hex.DecodeString(c.DiscordPublicKey)
	if err != nil || len(b) != ed25519.PublicKeySize {
		return nil, errors.New("DISCORD_PUBLIC_KEY must be 64 hex characters (32 bytes), as the Developer Portal shows it")
	}
	return b, nil
}

// Var describes one environment variable for help text.
type Var struct {
	// Name is the variable, such as LISTEN_ADDR.
	Name string
	// Type is envconfig's name for its type, such as "Duration".
	Type string
	// Default is the value used when the variable is unset; may be empty.
	Default string
	// Desc says what the variable does.
	Desc string
}

// varsFormat has envconfig write one variable a line, its fields split by
// the unit separator, which no name or description contains.
const varsFormat = "{{range .}}{{usage_key .}}\x1f{{usage_type .}}\x1f{{usage_default .}}\x1f{{usage_description .}}\n{{end}}"

// Vars lists every variable explainbot reads, in the order Config declares
// them, for a caller to lay out (explainbot help fits them to the terminal).
func Vars() []Var {
	var b strings.Builder
	var c Config
	// The template is a constant and Config's tags are fixed, so an error
	// here is a programming mistake that TestVars catches.
	_ = envconfig.Usagef("", &c, &b, varsFormat)
	var vars []Var
	for line := range strings.Lines(b.String()) {
		f := strings.Split(strings.TrimSuffix(line, "\n"), "\x1f")
		if len(f) != 4 {
			continue
		}
		vars = append(vars, Var{Name: f[0], Type: f[1], Default: f[2], Desc: f[3]})
	}
	return vars
}

// Names lists every environment variable explainbot reads.
func Names() []string {
	vars := Vars()
	names := make([]string, len(vars))
	for i, v := range vars {
		names[i] = v.Name
	}
	return names
}
