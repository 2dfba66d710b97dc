package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/explainbot/explainbot/bot"
	"github.com/explainbot/explainbot/bot/httpapi"
	"github.com/explainbot/explainbot/bot/store"
	"github.com/explainbot/explainbot/config"
	"github.com/explainbot/explainbot/index"
	"github.com/explainbot/explainbot/metrics"
)

// runCommands prints the Discord commands (commands) or registers them and
// exits (register).
func runCommands(ctx context.Context, cmd string, cfg config.Config, lg *slog.Logger, stdout, stderr io.Writer) int {
	ix, err := buildIndex(ctx, cfg, quiet(lg))
	if err != nil {
		fmt.Fprintln(stderr, "explainbot:", err)
		return exitFail
	}
	defer ix.Close()
	b := bot.New(lg, ix, botOptions(cfg))
	if cmd == "commands" {
		return printJSON(stdout, stderr, b.Commands())
	}
	if cfg.DiscordToken == "" {
		fmt.Fprintln(stderr, "explainbot: register needs DISCORD_TOKEN")
		return exitUsage
	}
	bridgeDiscordgoLog(lg)
	s, err := bot.NewSession(cfg.DiscordToken, cfg.DiscordAPIURL)
	if err != nil {
		fmt.Fprintln(stderr, "explainbot:", err)
		return exitFail
	}
	if err := b.Register(ctx, s, cfg.DiscordAppID); err != nil {
		fmt.Fprintln(stderr, "explainbot: register:", err)
		return exitFail
	}
	fmt.Fprintln(stdout, "commands registered")
	return exitOK
}

// runServe is `explainbot serve`: a Main from the configuration, run on
// e's listener (or LISTEN_ADDR) until ctx ends, reloading on each hangup.
func runServe(ctx context.Context, cfg config.Config, lg *slog.Logger, e env) int {
	m, err := NewMain(ctx, cfg, lg)
	if err != nil {
		fmt.Fprintln(e.stderr, "explainbot:", err)
		if errors.As(err, new(usageError)) {
			return exitUsage
		}
		return exitFail
	}
	ln := e.listener
	if ln == nil {
		var lc net.ListenConfig
		if ln, err = lc.Listen(ctx, "tcp", cfg.ListenAddr); err != nil {
			fmt.Fprintf(e.stderr, "explainbot: listen on LISTEN_ADDR %s: %v\n", cfg.ListenAddr, err)
			m.Close()
			return exitFail
		}
	}
	m.Run(ln)
	if e.serving != nil {
		e.serving(m.Addr())
	}
	for running := true; running; {
		select {
		case <-ctx.Done():
			running = false
		case <-m.Done():
			running = false
		case <-e.hangup:
			m.Reload()
		}
	}
	if err := m.Close(); err != nil {
		lg.Error("stopped with an error", "err", err)
		return exitFail
	}
	return exitOK
}

// usageError is a configuration that cannot serve at all (exit 2).
type usageError struct{ error }

// Main is explainbot serving, wired as benbjohnson/wtf's cmd/wtfd wires
// its server: NewMain builds the parts from the configuration, Run starts
// the HTTP server and the gateway, Close stops them and closes the rest in
// reverse order. An end-to-end test runs it through `run` with its own
// environment and listener.
type Main struct {
	cfg     config.Config
	lg      *slog.Logger
	live    *index.Live
	store   *store.Store
	reload  *reloader
	metrics *metrics.Metrics
	bot     *bot.Bot
	http    *httpapi.Server
	gateway *discordgo.Session // nil without a token
	health  *gatewayHealth

	// stop ends the servers; stopReload a reload in progress.
	ctx        context.Context
	stop       context.CancelFunc
	stopReload context.CancelFunc
	servers    sync.WaitGroup
	errs       chan error    // what each server returned
	done       chan struct{} // closed when a server stops before Close
	doneOnce   sync.Once
	closeOnce  sync.Once
	closeErr   error
	addr       net.Addr
}

// NewMain builds everything serve runs: the index, the record, reloads,
// the bot, the gateway session (with a token) and the HTTP server (whose
// interactions route needs the public key). It fails with a usageError
// when neither credential is set.
func NewMain(ctx context.Context, cfg config.Config, lg *slog.Logger) (m *Main, err error) {
	if cfg.DiscordToken == "" && cfg.DiscordPublicKey == "" {
		return nil, usageError{errors.New("serve needs DISCORD_TOKEN (gateway) or DISCORD_PUBLIC_KEY (HTTP endpoint)")}
	}
	key, err := cfg.PublicKey()
	if err != nil {
		return nil, usageError{err}
	}
	if cfg.DiscordToken != "" {
		bridgeDiscordgoLog(lg)
	}
	m = &Main{cfg: cfg, lg: lg, errs: make(chan error, 2), done: make(chan struct{})}
	m.ctx, m.stop = context.WithCancel(context.Background())
	defer func() {
		if err != nil {
			m.Close()
		}
	}()

	ix, err := buildIndex(ctx, cfg, lg)
	if err != nil {
		return nil, err
	}
	cache := cfg.AnswerCacheSize
	if cache == 0 {
		cache = -1 // off
	}
	m.live = index.NewLive(ix, index.LiveOptions{CacheSize: cache})

	reg := metrics.NewRegistry()
	m.metrics = metrics.NewMetrics(reg)
	stats := ix.Stats()
	m.metrics.SetIndex(stats.Passages, stats.Build)
	// Open fails only for bad options or a done ctx: an unusable DATA_DIR
	// turns the record off and answering goes on.
	if m.store, err = store.Open(ctx, lg, cfg.DataDir, store.Options{QueueSize: cfg.RecordQueue}); err != nil {
		return nil, err
	}
	sm := metrics.RegisterServe(reg, m.store, m.live)
	var reloadCtx context.Context
	reloadCtx, m.stopReload = context.WithCancel(context.Background())
	m.reload = newReloader(reloadCtx, cfg, lg, m.live, func(s index.Stats, err error) {
		sm.Reloaded(err)
		if err == nil {
			m.metrics.SetIndex(s.Passages, s.Build)
		}
	})

	opts := botOptions(cfg)
	opts.Store, opts.Reload, opts.Observer, opts.Messages.Observer = m.store, m.reload.Reload, m.metrics, m.metrics
	m.bot = bot.New(lg, m.live, opts)
	m.metrics.KnownCommands(knownCommands(m.bot)...)

	logMessageSettings(lg, cfg, m.bot)

	m.health = newGatewayHealth(cfg.DiscordToken != "", cfg.GatewayDownLimit, time.Now)
	if cfg.DiscordToken != "" {
		if m.gateway, err = bot.NewSession(cfg.DiscordToken, cfg.DiscordAPIURL); err != nil {
			return nil, err
		}
		m.gateway.ShardID, m.gateway.ShardCount = cfg.ShardID, cfg.ShardCount
	}
	// Follow-ups and deletes in HTTP mode go through the interaction's
	// webhook, which needs no token.
	rest, err := bot.NewSession("", cfg.DiscordAPIURL)
	if err != nil {
		return nil, err
	}
	m.http, err = httpapi.New(lg, httpapi.Options{
		PublicKey:    key,
		Interactions: m.bot.NewLifecycle(rest, httpapi.AfterDelay),
		Registry:     reg,
		Metrics:      m.metrics,
		Ready:        m.health.ready,
		Healthy:      m.health.healthy,
		MaxConns:     cfg.MaxConnections,
		IdleTimeout:  cfg.HTTPIdleTimeout,
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// botOptions are the bot's settings from the configuration. Channel
// messages reach only a gateway: without a token the bot answers none.
func botOptions(cfg config.Config) bot.Options {
	opts := bot.Options{AppID: cfg.DiscordAppID, GuildID: cfg.DiscordGuildID, CooldownAnswers: cfg.CooldownAnswers, CooldownWindow: cfg.CooldownWindow}
	if cfg.DiscordToken != "" {
		asks, _ := cfg.AskChannelIDs() // Validate checked them
		opts.Messages = bot.MessageOptions{Mentions: cfg.AnswerMentions, AskChannels: asks, ReplyPing: cfg.ReplyPing}
	}
	return opts
}

// Run starts serving HTTP on ln and, with a token, the gateway, and returns
// at once. Done is closed if either stops before Close.
func (m *Main) Run(ln net.Listener) {
	m.addr = ln.Addr()
	m.start(func() error { return m.http.Serve(m.ctx, ln) })
	if m.gateway != nil {
		// discordgo runs the connect and disconnect handlers on goroutines
		// of their own: everything the callback touches is atomic or locked.
		var wasConnected atomic.Bool
		m.start(func() error {
			err := m.bot.RunGateway(m.ctx, m.gateway, func(up bool) {
				if up && wasConnected.Swap(true) {
					m.metrics.GatewayReconnect()
				}
				m.health.set(up)
			})
			return explainRefusal(err, m.cfg)
		})
	}
	m.lg.Info("explainbot serving", "addr", m.addr.String(), "gateway", m.gateway != nil,
		"http_interactions", m.cfg.DiscordPublicKey != "", "record", recordState(m.store))
}

func (m *Main) start(serve func() error) {
	m.servers.Go(func() {
		err := serve()
		m.errs <- err
		if m.ctx.Err() == nil {
			m.doneOnce.Do(func() { close(m.done) })
		}
	})
}

// Addr is the HTTP address Run serves on, such as 127.0.0.1:41234 when
// LISTEN_ADDR asked for port 0.
func (m *Main) Addr() net.Addr { return m.addr }

// Done is closed when a server stopped by itself (the listener failed, say).
func (m *Main) Done() <-chan struct{} { return m.done }

// Reload asks for a reload of the knowledge without waiting for it.
func (m *Main) Reload() { m.reload.Trigger() }

// Close stops serving and closes everything in reverse order: the gateway
// and the HTTP server first (answers in flight and their pending work
// finish), then a running reload, then the record's queue is written,
// and the index is closed last.
func (m *Main) Close() error {
	m.closeOnce.Do(func() { m.closeErr = m.close() })
	return m.closeErr
}

func (m *Main) close() error {
	m.stop()
	m.servers.Wait()
	close(m.errs)
	var errs []error
	for err := range m.errs {
		if err != nil {
			errs = append(errs, err)
		}
	}
	if m.reload != nil {
		wctx, cancel := context.WithTimeout(context.Background(), reloadTimeout)
		if err := m.reload.Wait(wctx); err != nil {
			m.lg.Warn("a reload was still running at exit", "err", err)
		}
		cancel()
		m.stopReload()
	}
	if m.store != nil {
		if err := m.store.Close(); err != nil {
			errs = append(errs, fmt.Errorf("close the record: %w", err))
		}
	}
	if m.live != nil {
		cctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		if err := m.live.Close(cctx); err != nil {
			errs = append(errs, err)
		}
		cancel()
	}
	return errors.Join(errs...)
}

// logMessageSettings says at start-up which channel messages the bot
// answers, and what that needs: ask channels need the privileged Message
// Content intent, which an application has only once it is switched on in
// the Developer Portal; and no message reaches an instance without a
// gateway.
func logMessageSettings(lg *slog.Logger, cfg config.Config, b *bot.Bot) {
	asks, _ := cfg.AskChannelIDs()
	if cfg.DiscordToken == "" {
		if len(asks) > 0 {
			lg.Warn("ASK_CHANNELS is set but there is no DISCORD_TOKEN: the HTTP endpoint receives no messages; mentions and ask channels need gateway mode")
		}
		return
	}
	lg.Info("channel messages", "mentions", cfg.AnswerMentions, "ask_channels", len(asks), "intents", int64(b.Intents()))
	if len(asks) > 0 {
		lg.Info("ASK_CHANNELS needs the privileged Message Content intent: switch it on in the Developer Portal (Bot → Privileged Gateway Intents → Message Content Intent), or Discord refuses the gateway (close 4014) and the bot stops")
	}
}

// explainRefusal names the setting behind a gateway Discord refused for
// its intents: ASK_CHANNELS is what asks for Message Content.
func explainRefusal(err error, cfg config.Config) error {
	var gr *bot.GatewayRefusedError
	if asks, _ := cfg.AskChannelIDs(); len(asks) > 0 && errors.As(err, &gr) && gr.Code == bot.CloseDisallowedIntents {
		return fmt.Errorf("ASK_CHANNELS asks for the Message Content intent (unset it to run without ask channels): %w", err)
	}
	return err
}

// recordState is "on" or why the record is off, for the start-up log line.
func recordState(st *store.Store) string {
	if off := st.Stats().Off; off != "" {
		return "off: " + off
	}
	return "on"
}

// knownCommands are the command labels the bot reports to its Observer:
// each registered command and its autocomplete, the message command as
// "explain_this", the buttons, ping and unknown. Anything else is counted
// as "other". TestKnownCommandsCoverFixtures keeps this in step with the bot.
func knownCommands(b *bot.Bot) []string {
	names := []string{"ping", "unknown", "button:full", "button:tbl", "button:fb", "button:dis", "button:unknown"}
	for _, c := range b.Commands() {
		n := c.Name
		if c.Type == discordgo.MessageApplicationCommand {
			n = strings.ToLower(strings.ReplaceAll(n, " ", "_"))
		}
		names = append(names, n, "autocomplete:"+n)
	}
	return names
}
