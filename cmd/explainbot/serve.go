package main

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/explainbot/explainbot/bot"
	"github.com/explainbot/explainbot/bot/httpapi"
	"github.com/explainbot/explainbot/bot/store"
	"github.com/explainbot/explainbot/config"
	"github.com/explainbot/explainbot/index"
	"github.com/explainbot/explainbot/metrics"
)

func runDiscord(ctx context.Context, cmd string, cfg config.Config, lg *slog.Logger, stdout, stderr io.Writer) int {
	ix, err := buildIndex(ctx, cfg, lg)
	if err != nil {
		fmt.Fprintln(stderr, "explainbot:", err)
		return exitFail
	}
	cache := cfg.AnswerCacheSize
	if cache == 0 {
		cache = -1 // off
	}
	live := index.NewLive(ix, index.LiveOptions{CacheSize: cache})
	defer func() {
		cctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		live.Close(cctx)
	}()
	opts := bot.Options{AppID: cfg.DiscordAppID, GuildID: cfg.DiscordGuildID, CooldownAnswers: cfg.CooldownAnswers, CooldownWindow: cfg.CooldownWindow}

	switch cmd {
	case "commands":
		return printJSON(stdout, stderr, bot.New(lg, live, opts).Commands())
	case "register":
		if cfg.DiscordToken == "" {
			fmt.Fprintln(stderr, "explainbot: register needs DISCORD_TOKEN")
			return exitUsage
		}
		s, err := bot.NewSession(cfg.DiscordToken, cfg.DiscordAPIURL)
		if err != nil {
			fmt.Fprintln(stderr, "explainbot:", err)
			return exitFail
		}
		if err := bot.New(lg, live, opts).Register(ctx, s, cfg.DiscordAppID); err != nil {
			fmt.Fprintln(stderr, "explainbot: register:", err)
			return exitFail
		}
		fmt.Fprintln(stdout, "commands registered")
		return exitOK
	}

	if cfg.DiscordToken == "" && cfg.DiscordPublicKey == "" {
		fmt.Fprintln(stderr, "explainbot: serve needs DISCORD_TOKEN (gateway) or DISCORD_PUBLIC_KEY (HTTP endpoint)")
		return exitUsage
	}
	var key ed25519.PublicKey
	if cfg.DiscordPublicKey != "" {
		b, err := hex.DecodeString(cfg.DiscordPublicKey)
		if err != nil || len(b) != ed25519.PublicKeySize {
			fmt.Fprintln(stderr, "explainbot: DISCORD_PUBLIC_KEY is not 32 bytes of hex")
			return exitUsage
		}
		key = b
	}
	return serve(ctx, cfg, lg, live, opts, key, stderr)
}

// serve runs the bot until ctx ends: the record, reloads, the gateway (with
// a token) and the HTTP server. It stops in order: gateway and HTTP first
// (answers in flight finish), then a running reload, then the record's
// queue is drained; the caller closes the index last.
func serve(ctx context.Context, cfg config.Config, lg *slog.Logger, live *index.Live, opts bot.Options, key ed25519.PublicKey, stderr io.Writer) int {
	reg := metrics.NewRegistry()
	m := metrics.NewMetrics(reg)
	stats := live.Current().Stats()
	m.SetIndex(stats.Passages, stats.Build)

	// Open fails only for bad options or a done ctx: an unusable DATA_DIR
	// turns the record off and answering goes on.
	st, err := store.Open(ctx, lg, cfg.DataDir, store.Options{QueueSize: cfg.RecordQueue})
	if err != nil {
		fmt.Fprintln(stderr, "explainbot:", err)
		return exitFail
	}
	defer st.Close()
	rm := metrics.RegisterServe(reg, st, live)

	rl := newReloader(ctx, cfg, lg, live, func(s index.Stats, err error) {
		rm.Reloaded(err)
		if err == nil {
			m.SetIndex(s.Passages, s.Build)
		}
	})
	defer func() {
		wctx, cancel := context.WithTimeout(context.Background(), reloadTimeout)
		defer cancel()
		if err := rl.Wait(wctx); err != nil {
			lg.Warn("a reload was still running at exit", "err", err)
		}
	}()
	opts.Store, opts.Reload, opts.Observer = st, rl.Reload, m
	b := bot.New(lg, live, opts)
	m.KnownCommands(knownCommands(b)...)

	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-hup:
				rl.Trigger()
			}
		}
	}()

	gw := newGatewayHealth(cfg.DiscordToken != "", cfg.GatewayDownLimit, time.Now)
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	if cfg.DiscordToken != "" {
		s, err := bot.NewSession(cfg.DiscordToken, cfg.DiscordAPIURL)
		if err != nil {
			fmt.Fprintln(stderr, "explainbot:", err)
			return exitFail
		}
		s.ShardID, s.ShardCount = cfg.ShardID, cfg.ShardCount
		// discordgo runs the connect and disconnect handlers on goroutines of
		// their own: everything the callback touches is atomic or locked.
		var wasConnected atomic.Bool
		wg.Go(func() {
			errs <- b.RunGateway(ctx, s, func(up bool) {
				if up && wasConnected.Swap(true) {
					m.GatewayReconnect()
				}
				gw.set(up)
			})
		})
	}
	followUps, err := bot.NewSession("", cfg.DiscordAPIURL)
	if err != nil {
		fmt.Fprintln(stderr, "explainbot:", err)
		return exitFail
	}
	srv, err := httpapi.New(lg, httpapi.Options{
		PublicKey:    key,
		Interactions: b.NewLifecycle(followUps, httpapi.AfterDelay),
		Registry:     reg,
		Metrics:      m,
		Ready:        gw.ready,
		Healthy:      gw.healthy,
		MaxConns:     cfg.MaxConnections,
		IdleTimeout:  cfg.HTTPIdleTimeout,
	})
	if err != nil {
		fmt.Fprintln(stderr, "explainbot:", err)
		return exitFail
	}
	wg.Go(func() { errs <- srv.ListenAndServe(ctx, cfg.ListenAddr) })
	lg.Info("explainbot serving", "listen", cfg.ListenAddr, "gateway", cfg.DiscordToken != "", "http_interactions", key != nil,
		"record", recordState(st))

	wg.Wait()
	close(errs)
	code := exitOK
	for err := range errs {
		if err != nil {
			lg.Error("stopped with an error", "err", err)
			code = exitFail
		}
	}
	return code
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
