package main

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"

	"github.com/bwmarrin/discordgo"
)

// discordgo has one process-wide logging hook, discordgo.Logger, which
// otherwise prints plain text through the standard log package, into the
// middle of LOG_FORMAT=json. bridgeDiscordgoLog sets it once, to a bridge
// that sends each line to the logger of the latest caller (the one run of
// the program in production; tests run several).
var (
	discordgoOnce   sync.Once
	discordgoLogger atomic.Pointer[slog.Logger]
)

// bridgeDiscordgoLog sends discordgo's log to lg from now on.
func bridgeDiscordgoLog(lg *slog.Logger) {
	discordgoLogger.Store(lg.With("component", "discordgo"))
	discordgoOnce.Do(func() { discordgo.Logger = discordgoLine })
}

// discordgoLine logs one discordgo line at the matching slog level.
// Debug lines are dropped whatever the sessions' levels say: at that
// level discordgo prints the identify payload and request headers, token
// included.
func discordgoLine(level, _ int, format string, args ...any) {
	var l slog.Level
	switch level {
	case discordgo.LogError:
		l = slog.LevelError
	case discordgo.LogWarning:
		l = slog.LevelWarn
	case discordgo.LogInformational:
		l = slog.LevelInfo
	default:
		return
	}
	if lg := discordgoLogger.Load(); lg != nil && lg.Enabled(context.Background(), l) {
		lg.Log(context.Background(), l, fmt.Sprintf(format, args...))
	}
}
