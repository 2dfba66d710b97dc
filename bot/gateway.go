package bot

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// shutdownTimeout bounds how long RunGateway waits, once ctx is done, for
// deferred answers and After work before closing the session.
const shutdownTimeout = 10 * time.Second

// NewSession makes a discordgo session whose REST calls, and so the gateway
// URL it asks for, go to apiURL: Discord's own origin
// ("https://discord.com"), a REST proxy, or a test's fake. It rewrites only
// the scheme and host of each request in its own http.Client, so no
// discordgo globals change. It asks for the Guilds intent only, which slash
// commands need; RunGateway asks for the bot's own (Bot.Intents). Set
// ShardID and ShardCount on the result before opening it. The token is
// never part of an error.
func NewSession(token, apiURL string) (*discordgo.Session, error) {
	origin, err := url.Parse(apiURL)
	if err != nil || (origin.Scheme != "http" && origin.Scheme != "https") || origin.Host == "" {
		return nil, fmt.Errorf("new discord session: API URL %q must be an http(s) origin such as https://discord.com", apiURL)
	}
	auth := ""
	if token != "" {
		auth = "Bot " + strings.TrimPrefix(token, "Bot ")
	}
	s, err := discordgo.New(auth)
	if err != nil {
		return nil, errors.New("new discord session: discordgo refused the token")
	}
	s.Client = &http.Client{
		Timeout:   20 * time.Second,
		Transport: &originTransport{origin: origin, base: http.DefaultTransport},
	}
	s.Identify.Intents = discordgo.IntentsGuilds
	s.StateEnabled = false
	// Warnings show reconnects. discordgo's debug level (and s.Debug)
	// print the identify payload and request headers, token included.
	s.LogLevel = discordgo.LogWarning
	return s, nil
}

// originTransport sends every request to origin, keeping path and query,
// with origin's path (if any) put in front, as a REST proxy needs.
type originTransport struct {
	origin *url.URL
	base   http.RoundTripper
}

func (t *originTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r2 := r.Clone(r.Context())
	r2.URL.Scheme = t.origin.Scheme
	r2.URL.Host = t.origin.Host
	if p := strings.TrimSuffix(t.origin.Path, "/"); p != "" {
		r2.URL.Path = p + r.URL.Path
		r2.URL.RawPath = ""
	}
	r2.Host = t.origin.Host
	return t.base.RoundTrip(r2)
}

// Register replaces the application's commands with Commands in one bulk
// overwrite: in Options.GuildID when set (instant, for a class server),
// else globally. appID empty means the bot's own (from Options or READY).
func (b *Bot) Register(ctx context.Context, s *discordgo.Session, appID string) error {
	if appID == "" {
		appID = b.AppID()
	}
	if appID == "" {
		return errors.New("register commands: no application ID (set DISCORD_APP_ID or connect to the gateway first)")
	}
	cmds := b.Commands()
	scope := "globally"
	if b.opts.GuildID != "" {
		scope = "in guild " + b.opts.GuildID
	}
	if _, err := s.ApplicationCommandBulkOverwrite(appID, b.opts.GuildID, cmds, discordgo.WithContext(ctx)); err != nil {
		return fmt.Errorf("register %d commands %s: %w", len(cmds), scope, err)
	}
	b.lg.Info("registered commands", "count", len(cmds), "scope", scope)
	return nil
}

// Retry is how RunGatewayRetry retries a gateway it cannot open: the first
// retry after First, each later one after twice the wait before, at most
// Max. discordgo itself reconnects forever once a connection was up, but
// not a first connection that fails.
type Retry struct {
	First, Max time.Duration
}

// DefaultRetry is RunGateway's: 1 s, 2 s, 4 s, … up to a minute.
var DefaultRetry = Retry{First: time.Second, Max: time.Minute}

// RunGateway is RunGatewayRetry with DefaultRetry.
func (b *Bot) RunGateway(ctx context.Context, s *discordgo.Session, ready func(connected bool)) error {
	return b.RunGatewayRetry(ctx, s, ready, DefaultRetry)
}

// RunGatewayRetry serves interactions, and the channel messages
// Options.Messages asks for, over s's gateway until ctx is done. It asks
// for Bot.Intents and opens the gateway, retrying with capped exponential
// backoff (r) and logging each failed attempt, until it succeeds or ctx
// ends; a close no retry can get past (such as 4014, a privileged intent
// the application lacks) ends it at once with a *GatewayRefusedError. On
// each READY it takes the application ID if none was given and the bot
// user's ID, and registers the commands (once per run); each
// INTERACTION_CREATE is answered by a Lifecycle whose callback is
// InteractionRespond on s, and whose REST session is s; each MESSAGE_CREATE
// by serveMessage, replying over s. ready, if not nil, hears of each
// connect and disconnect, for readiness and liveness probes. When ctx is
// done it stops taking interactions and messages, waits for those in
// flight and their pending work (at most shutdownTimeout), closes the
// session and returns nil.
func (b *Bot) RunGatewayRetry(ctx context.Context, s *discordgo.Session, ready func(connected bool), r Retry) error {
	if ready == nil {
		ready = func(bool) {}
	}
	// Handlers get a context that survives ctx so answers in flight
	// finish; each is still bounded by the Lifecycle's deadlines.
	work := context.WithoutCancel(ctx)
	lc := b.NewLifecycle(s, 0)
	s.Identify.Intents = b.Intents()
	var (
		mu         sync.Mutex
		stopping   bool
		registered bool
		inflight   sync.WaitGroup
	)
	track := func() bool {
		mu.Lock()
		defer mu.Unlock()
		if stopping {
			return false
		}
		inflight.Add(1)
		return true
	}
	removers := []func(){
		s.AddHandler(func(s *discordgo.Session, r *discordgo.Ready) {
			if r.Application != nil {
				b.setAppID(r.Application.ID)
			}
			if r.User != nil {
				b.setSelf(r.User.ID)
			}
			mu.Lock()
			again := registered
			mu.Unlock()
			if again || !track() {
				return
			}
			defer inflight.Done()
			rctx, cancel := context.WithTimeout(work, time.Minute)
			defer cancel()
			if err := b.Register(rctx, s, ""); err != nil {
				b.lg.Error("register commands on READY", "err", err)
				return
			}
			mu.Lock()
			registered = true
			mu.Unlock()
		}),
		s.AddHandler(func(*discordgo.Session, *discordgo.Connect) {
			b.lg.Info("gateway connected", "shard", s.ShardID, "shards", s.ShardCount)
			ready(true)
		}),
		s.AddHandler(func(*discordgo.Session, *discordgo.Disconnect) {
			b.lg.Warn("gateway disconnected", "shard", s.ShardID)
			ready(false)
		}),
		s.AddHandler(func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
			if !track() {
				return
			}
			defer inflight.Done()
			i := ic.Interaction
			lc.Serve(work, i, func(ctx context.Context, resp *discordgo.InteractionResponse) error {
				return s.InteractionRespond(i, resp, discordgo.WithContext(ctx))
			})
		}),
		s.AddHandler(func(s *discordgo.Session, mc *discordgo.MessageCreate) {
			if !track() {
				return
			}
			defer inflight.Done()
			b.serveMessage(work, sessionReader{s}, sessionSender(s), mc.Message)
		}),
	}
	if ok, err := b.openRetrying(ctx, s, r); !ok {
		for _, remove := range removers {
			remove()
		}
		return err
	}
	<-ctx.Done()
	mu.Lock()
	stopping = true
	mu.Unlock()
	b.lg.Info("gateway stopping: finishing interactions in flight")
	inflight.Wait()
	cctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	if err := lc.Close(cctx); err != nil {
		b.lg.Warn("gateway stopping", "err", err)
	}
	cancel()
	for _, remove := range removers {
		remove()
	}
	err := s.Close()
	ready(false)
	if err != nil {
		b.lg.Warn("close discord gateway", "err", err)
	}
	return nil
}

// openRetrying opens s's gateway, waiting r.First, then twice as long each
// time up to r.Max, between failed attempts. It reports false if ctx ended
// first (with a nil error) or Discord refused the connection in a way no
// retry gets past (with that error). Each failure is logged: discordgo's
// errors name the URL and the HTTP status, never the token.
func (b *Bot) openRetrying(ctx context.Context, s *discordgo.Session, r Retry) (bool, error) {
	wait := max(r.First, time.Millisecond)
	for attempt := 1; ; attempt++ {
		err := s.Open()
		if err == nil {
			if attempt > 1 {
				b.lg.Info("gateway opened after retries", "attempts", attempt)
			}
			return true, nil
		}
		if gr := refused(err, s.Identify.Intents); gr != nil {
			b.lg.Error("open discord gateway refused", "attempt", attempt, "close_code", gr.Code, "err", gr)
			return false, fmt.Errorf("open discord gateway: %w", gr)
		}
		b.lg.Warn("open discord gateway failed; retrying", "attempt", attempt, "retry_in", wait, "err", err)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			b.lg.Info("gateway never opened; stopping", "attempts", attempt)
			return false, nil
		case <-t.C:
		}
		wait = min(2*wait, max(r.Max, r.First))
	}
}
