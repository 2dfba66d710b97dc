package main

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/explainbot/explainbot/bot"
	"github.com/explainbot/explainbot/bot/httpapi"
	"github.com/explainbot/explainbot/bot/store"
	"github.com/explainbot/explainbot/config"
	"github.com/explainbot/explainbot/index"
)

func runDiscord(ctx context.Context, cmd string, cfg config.Config, lg *slog.Logger, stdout, stderr io.Writer) int {
	ix, err := buildIndex(ctx, cfg, lg)
	if err != nil {
		fmt.Fprintln(stderr, "explainbot:", err)
		return exitFail
	}
	live := index.NewLive(ix, index.LiveOptions{})
	defer live.Close(context.Background())
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
	st, err := store.Open(ctx, lg, cfg.DataDir, store.Options{})
	if err != nil {
		fmt.Fprintln(stderr, "explainbot:", err)
		return exitFail
	}
	defer st.Close()

	reg := prometheus.NewRegistry()
	metrics := httpapi.NewMetrics(reg)
	stats := ix.Stats()
	metrics.SetIndex(stats.Passages, stats.Build)

	reload := reloader(cfg, lg, live, func(st index.Stats) { metrics.SetIndex(st.Passages, st.Build) })
	opts.Store, opts.Reload, opts.Observer = st, reload, metrics
	b := bot.New(lg, live, opts)

	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-hup:
				if err := reload(ctx); err != nil {
					lg.Error("reload failed; the old knowledge keeps serving", "err", err)
				}
			}
		}
	}()

	var connected atomic.Bool
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
		// their own: everything the callback touches is atomic.
		var wasConnected atomic.Bool
		wg.Go(func() {
			errs <- b.RunGateway(ctx, s, func(up bool) {
				if up && wasConnected.Swap(true) {
					metrics.GatewayReconnect()
				}
				connected.Store(up)
			})
		})
	}
	followUps, err := bot.NewSession("", cfg.DiscordAPIURL)
	if err != nil {
		fmt.Fprintln(stderr, "explainbot:", err)
		return exitFail
	}
	srv, err := httpapi.New(lg, httpapi.Options{
		PublicKey: key,
		Handler:   afterHandler{b: b, s: followUps, lg: lg},
		Registry:  reg,
		Metrics:   metrics,
		Ready: func() error {
			if cfg.DiscordToken != "" && !connected.Load() {
				return errors.New("gateway not connected")
			}
			return nil
		},
		Deferred: func(i *discordgo.Interaction) httpapi.Deferral {
			d, e := b.Defer(i)
			return httpapi.Deferral{Defer: d, Ephemeral: e}
		},
		FollowUp: func(ctx context.Context, i *discordgo.Interaction, resp *discordgo.InteractionResponse) error {
			return b.FollowUp(ctx, followUps, i, resp)
		},
	})
	if err != nil {
		fmt.Fprintln(stderr, "explainbot:", err)
		return exitFail
	}
	wg.Go(func() { errs <- srv.ListenAndServe(ctx, cfg.ListenAddr) })
	lg.Info("explainbot serving", "listen", cfg.ListenAddr, "gateway", cfg.DiscordToken != "", "http_interactions", key != nil)

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

// reloader rebuilds the knowledge and swaps it in; a broken article returns
// the error and leaves the serving index as it was. Reloads run one at a time.
func reloader(cfg config.Config, lg *slog.Logger, live *index.Live, built func(index.Stats)) func(context.Context) error {
	var mu sync.Mutex
	return func(ctx context.Context) error {
		mu.Lock()
		defer mu.Unlock()
		arts, err := loadArticles(cfg)
		if err != nil {
			return err
		}
		// Rebuilt in memory: the stored index is in use by the one serving.
		next, err := index.Build(ctx, lg, arts, index.Options{})
		if err != nil {
			return err
		}
		if err := live.Replace(ctx, next); err != nil {
			next.Close()
			return err
		}
		st := next.Stats()
		built(st)
		lg.Info("knowledge reloaded", "articles", st.Articles, "sections", st.Sections)
		return nil
	}
}

// afterHandler runs a response's after-work (Dismiss deleting the reply) in
// HTTP mode, where the reply is the HTTP response itself: the work waits
// afterDelay so Discord has the callback before the delete arrives.
type afterHandler struct {
	b  *bot.Bot
	s  *discordgo.Session
	lg *slog.Logger
}

const afterDelay = 500 * time.Millisecond

func (h afterHandler) Handle(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, error) {
	resp, err := h.b.Handle(ctx, i)
	if after := h.b.After(i); err == nil && after != nil {
		time.AfterFunc(afterDelay, func() {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			if err := after(ctx, h.s); err != nil {
				h.lg.Warn("after-work failed", "interaction", i.ID, "err", err)
			}
		})
	}
	return resp, err
}
