package config

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestLoadDefaults(t *testing.T) {
	t.Parallel()
	c, err := Load(Map(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.ListenAddr != ":8080" || c.ShardCount != 1 || c.CooldownAnswers != 5 || c.CooldownWindow != 20*time.Second || !c.BuiltinArticle || c.DiscordAPIURL != "https://discord.com" {
		t.Errorf("defaults: got %+v", c)
	}
	if c.NoteMaxBytes != 1<<20 || c.GatewayDownLimit != 2*time.Minute || c.RecordQueue != 1024 || c.MaxConnections != 512 || c.HTTPIdleTimeout != 30*time.Second {
		t.Errorf("defaults of the serving limits: got %+v", c)
	}
	if c.DiscordToken != "" || c.DataDir != "./data" || c.LogFormat != "text" {
		t.Errorf("defaults: got %+v", c)
	}
	if ids, err := c.AskChannelIDs(); !c.AnswerMentions || !c.ReplyPing || c.AskChannels != "" || len(ids) != 0 || err != nil {
		t.Errorf("message defaults: mentions %v, reply ping %v, ask channels %q (%v, %v); want mentions and pings on, no ask channels",
			c.AnswerMentions, c.ReplyPing, c.AskChannels, ids, err)
	}
}

// TestLoad reads values as envconfig does: a variable set, even to "",
// overrides its default; a value that does not parse names its variable.
func TestLoad(t *testing.T) {
	t.Parallel()
	c, err := Load(Map(map[string]string{
		"DATA_DIR": "", "BUILTIN_ARTICLE": "false", "COOLDOWN_WINDOW": "1m", "NOTE_MAX_BYTES": "0x400",
		"DISCORD_PUBLIC_KEY": strings.Repeat("ab", 32), "LOG_LEVEL": "debug",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if c.DataDir != "" || c.BuiltinArticle || c.CooldownWindow != time.Minute || c.NoteMaxBytes != 1024 || c.LogLevel != "debug" {
		t.Errorf("got %+v", c)
	}
	if key, err := c.PublicKey(); err != nil || len(key) != 32 || key[0] != 0xab {
		t.Errorf("PublicKey() = %x, %v", key, err)
	}
	for name, value := range map[string]string{"SHARD_ID": "one", "BUILTIN_ARTICLE": "maybe", "COOLDOWN_WINDOW": "20", "NOTE_MAX_BYTES": "1e6", "DISCORD_PUBLIC_KEY": strings.Repeat("zz", 32)} {
		if _, err := Load(Map(map[string]string{name: value})); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s=%s: err %v, want one naming the variable", name, value, err)
		}
	}
}

func TestAskChannels(t *testing.T) {
	t.Parallel()
	c, err := Load(Map(map[string]string{"ASK_CHANNELS": " 2200000000000000005, 2200000000000000006 ,", "ANSWER_MENTIONS": "false"}))
	if err != nil {
		t.Fatal(err)
	}
	ids, err := c.AskChannelIDs()
	if err != nil || len(ids) != 2 || ids[0] != "2200000000000000005" || ids[1] != "2200000000000000006" || c.AnswerMentions {
		t.Errorf("ASK_CHANNELS read as %q, %v; mentions %v", ids, err, c.AnswerMentions)
	}
	for _, bad := range []string{"#ai-help", "2200000000000000005;2200000000000000006", "123456789012345678901"} {
		if _, err := Load(Map(map[string]string{"ASK_CHANNELS": bad})); err == nil || !strings.Contains(err.Error(), "ASK_CHANNELS") {
			t.Errorf("ASK_CHANNELS=%q: err %v, want one naming the variable", bad, err)
		}
	}
}

func TestValidateRejects(t *testing.T) {
	base := Config{DiscordAPIURL: "https://discord.com", ShardCount: 1, CooldownAnswers: 5, CooldownWindow: time.Second, LogFormat: "text", LogLevel: "info",
		NoteMaxBytes: 1, NoteReadTimeout: time.Second, RecordQueue: 1, GatewayDownLimit: time.Minute, MaxConnections: 1, HTTPIdleTimeout: time.Second}
	if err := base.Validate(); err != nil {
		t.Fatalf("base config rejected: %v", err)
	}
	cases := map[string]func(*Config){
		"DISCORD_API_URL":    func(c *Config) { c.DiscordAPIURL = "discord.com" },
		"SHARD_COUNT":        func(c *Config) { c.ShardCount = 0 },
		"SHARD_ID":           func(c *Config) { c.ShardID = 1 },
		"COOLDOWN":           func(c *Config) { c.CooldownWindow = 0 },
		"LOG_FORMAT":         func(c *Config) { c.LogFormat = "xml" },
		"LOG_LEVEL":          func(c *Config) { c.LogLevel = "loud" },
		"DISCORD_PUBLIC_KEY": func(c *Config) { c.DiscordPublicKey = "abc" },
		"NOTE_MAX_BYTES":     func(c *Config) { c.NoteMaxBytes = 0 },
		"NOTE_READ_TIMEOUT":  func(c *Config) { c.NoteReadTimeout = 0 },
		"RECORD_QUEUE":       func(c *Config) { c.RecordQueue = 0 },
		"ANSWER_CACHE_SIZE":  func(c *Config) { c.AnswerCacheSize = -1 },
		"GATEWAY_DOWN_LIMIT": func(c *Config) { c.GatewayDownLimit = 0 },
		"MAX_CONNECTIONS":    func(c *Config) { c.MaxConnections = 0 },
		"HTTP_IDLE_TIMEOUT":  func(c *Config) { c.HTTPIdleTimeout = 0 },
	}
	for name, mutate := range cases {
		c := base
		mutate(&c)
		err := c.Validate()
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: got %v, want an error naming it", name, err)
		}
	}
}

func TestVars(t *testing.T) {
	vars := Vars()
	if len(vars) != reflect.TypeFor[Config]().NumField() {
		t.Errorf("Vars() has %d variables, Config has %d fields", len(vars), reflect.TypeFor[Config]().NumField())
	}
	for _, v := range vars {
		if v.Name == "" || v.Type == "" || v.Desc == "" {
			t.Errorf("incomplete %+v: want a name, a type and a description", v)
		}
	}
	want := map[string]Var{
		"LISTEN_ADDR":     {Name: "LISTEN_ADDR", Type: "String", Default: ":8080", Desc: "address of /interactions, /healthz, /readyz and /metrics"},
		"COOLDOWN_WINDOW": {Name: "COOLDOWN_WINDOW", Type: "Duration", Default: "20s", Desc: "the cooldown window"},
		"DISCORD_TOKEN":   {Name: "DISCORD_TOKEN", Type: "String", Desc: "bot token; enables the gateway (never logged)"},
	}
	for _, v := range vars {
		if w, ok := want[v.Name]; ok {
			if v != w {
				t.Errorf("got %+v, want %+v", v, w)
			}
			delete(want, v.Name)
		}
	}
	for name := range want {
		t.Errorf("Vars() lacks %s", name)
	}
	if names := Names(); len(names) != len(vars) || names[0] != vars[0].Name {
		t.Errorf("Names() = %v, want the names of Vars()", names)
	}
}
