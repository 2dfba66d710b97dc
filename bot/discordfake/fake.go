package discordfake

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/explainbot/explainbot/bot/discordspec"
	"github.com/explainbot/explainbot/internal/testlog"
)

// ErrClosed is returned by the waiting methods once the fake has been closed,
// so a test blocked on an event that will never come ends at once.
var ErrClosed = errors.New("discordfake: closed")

// discordEpoch is the first millisecond of 2015, the origin of Discord's
// snowflake IDs.
const discordEpoch = 1420070400000

// snowflakeBase makes the fake's IDs valid snowflakes that decode to
// 2025-01-01, and the same on every run, so golden files can hold them.
var snowflakeBase = uint64(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).UnixMilli()-discordEpoch) << 22

// Fake is a Discord API and gateway on a loopback port. All methods are safe
// for concurrent use.
type Fake struct {
	t      testing.TB
	cfg    config
	lg     *slog.Logger
	srv    *httptest.Server
	client *http.Client
	spec   *discordspec.Spec
	key    ed25519.PrivateKey // the application's, for Deliver

	closeOnce  sync.Once
	conns      sync.WaitGroup // one per gateway websocket
	background sync.WaitGroup // dispatches of the bot's own messages

	mu sync.Mutex
	// changed is closed and replaced whenever any recorded state changes,
	// which wakes every waiter to re-check its condition.
	changed      chan struct{}
	closed       bool
	lastID       uint64
	requests     []Request
	open         map[*gatewayConn]struct{}
	live         *gatewayConn
	sessions     map[string]*gatewaySession
	identifies   []Identification
	resumes      int
	heartbeats   int
	commands     map[string][]byte // guild ID ("" = global) to the stored JSON array
	interactions map[string]*interaction
	byToken      map[string]*interaction
	messages     map[string]*message
	channels     map[string]*discordgo.Channel
	botRoles     map[string]string // guild ID to the bot's managed role
}

// New starts a fake on 127.0.0.1 and closes it when the test ends. Its log
// goes to t.Log unless WithLogger says otherwise.
func New(t testing.TB, opts ...Option) *Fake {
	t.Helper()
	cfg := defaultConfig()
	for _, o := range opts {
		o(&cfg)
	}
	spec, err := discordspec.Load()
	if err != nil {
		t.Fatalf("discordfake: %v", err)
	}
	_, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatalf("discordfake: application key: %v", err)
	}
	f := &Fake{
		t:            t,
		cfg:          cfg,
		spec:         spec,
		key:          key,
		changed:      make(chan struct{}),
		open:         map[*gatewayConn]struct{}{},
		sessions:     map[string]*gatewaySession{},
		commands:     map[string][]byte{},
		interactions: map[string]*interaction{},
		byToken:      map[string]*interaction{},
		messages:     map[string]*message{},
		channels:     map[string]*discordgo.Channel{},
		botRoles:     map[string]string{},
	}
	f.lg = cfg.logger
	if f.lg == nil {
		f.lg = slog.New(slog.NewTextHandler(testlog.NewWriter(t), nil))
	}
	f.lg = f.lg.With("component", "discordfake")

	mux := http.NewServeMux()
	f.routes(mux)
	// Start only once f.srv is set, so handlers see it set.
	f.srv = httptest.NewUnstartedServer(mux)
	f.srv.Start()
	origin, err := url.Parse(f.srv.URL)
	if err != nil {
		f.srv.Close()
		t.Fatalf("discordfake: parse server URL %q: %v", f.srv.URL, err)
	}
	f.client = &http.Client{
		Transport: &rewriteTransport{origin: origin, base: f.srv.Client().Transport},
		Timeout:   10 * time.Second,
	}
	t.Cleanup(f.Close)
	f.lg.Info("listening", "url", f.srv.URL)
	return f
}

// Close stops the fake: it drops every gateway connection, shuts the HTTP
// server and ends every wait with ErrClosed. Unless AllowUnknownRoutes was
// given, it fails the test if the bot called a route the fake does not know,
// because such a call would fail against Discord too. Close is idempotent;
// New already registers it with t.Cleanup.
func (f *Fake) Close() {
	f.closeOnce.Do(func() {
		f.mu.Lock()
		f.closed = true
		f.live = nil
		conns := make([]*gatewayConn, 0, len(f.open))
		for c := range f.open {
			conns = append(conns, c)
		}
		var unknown []string
		for _, r := range f.requests {
			if r.Route == RouteUnknown {
				unknown = append(unknown, r.Method+" "+redactPath(r.Path))
			}
		}
		f.notifyLocked()
		f.mu.Unlock()

		for _, c := range conns {
			c.ws.Close()
		}
		f.srv.Close()
		f.conns.Wait()
		f.background.Wait()
		if len(unknown) > 0 && !f.cfg.allowUnknown {
			f.t.Errorf("discordfake: the bot called %d route(s) the fake does not know:\n\t%s",
				len(unknown), strings.Join(unknown, "\n\t"))
		}
	})
}

// URL returns the fake's origin, such as "http://127.0.0.1:41234".
func (f *Fake) URL() string { return f.srv.URL }

// GatewayURL returns the websocket URL the fake hands out from GET /gateway.
func (f *Fake) GatewayURL() string {
	return "ws" + strings.TrimPrefix(f.srv.URL, "http") + "/gateway"
}

// HTTPClient returns a client that sends every request to the fake whatever
// its URL says. discordgo builds its endpoint URLs from package variables
// pointing at discord.com, so assigning this client to Session.Client is the
// one change that points a session here without touching those globals.
func (f *Fake) HTTPClient() *http.Client { return f.client }

// Token returns the bot token the fake accepts, without the "Bot " prefix.
func (f *Fake) Token() string { return f.cfg.token }

// AppID returns the application ID the fake answers for.
func (f *Fake) AppID() string { return f.cfg.appID }

// BotUserID returns the ID of the bot user reported in READY.
func (f *Fake) BotUserID() string { return f.cfg.botUserID }

// rewriteTransport sends each request to origin, keeping its path and query.
type rewriteTransport struct {
	origin *url.URL
	base   http.RoundTripper
}

func (rt *rewriteTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	// A RoundTripper must not modify the request it was given.
	r2 := r.Clone(r.Context())
	r2.URL.Scheme = rt.origin.Scheme
	r2.URL.Host = rt.origin.Host
	r2.Host = ""
	return rt.base.RoundTrip(r2)
}

// notifyLocked wakes every waiter. The caller holds f.mu.
func (f *Fake) notifyLocked() {
	close(f.changed)
	f.changed = make(chan struct{})
}

// wait blocks until ready, called with f.mu held, returns true, or until ctx
// ends or the fake closes. ready may copy what it found into its closure.
func (f *Fake) wait(ctx context.Context, ready func() bool) error {
	for {
		f.mu.Lock()
		ok, closed, changed := ready(), f.closed, f.changed
		f.mu.Unlock()
		if ok {
			return nil
		}
		if closed {
			return ErrClosed
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return context.Cause(ctx)
		}
	}
}

// snowflakeLocked returns a new unique ID. The caller holds f.mu.
func (f *Fake) snowflakeLocked() string {
	f.lastID++
	return fmt.Sprint(snowflakeBase + f.lastID)
}

// Identifies returns how many Identify payloads the gateway accepted.
func (f *Fake) Identifies() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.identifies)
}

// Identifications returns every accepted Identify payload in order, token
// included, so tests can check intents, shard and token.
func (f *Fake) Identifications() []Identification {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]Identification, len(f.identifies))
	copy(out, f.identifies)
	for i := range out {
		if s := out[i].Shard; s != nil {
			c := *s
			out[i].Shard = &c
		}
		out[i].Raw = slices.Clone(out[i].Raw)
	}
	return out
}

// Resumes returns how many Resume payloads the gateway answered with RESUMED.
func (f *Fake) Resumes() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.resumes
}

// Heartbeats returns how many heartbeats the gateway has acknowledged.
func (f *Fake) Heartbeats() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.heartbeats
}

// WaitHeartbeats blocks until the gateway has acknowledged at least n
// heartbeats in total.
func (f *Fake) WaitHeartbeats(ctx context.Context, n int) error {
	err := f.wait(ctx, func() bool { return f.heartbeats >= n })
	if err != nil {
		return fmt.Errorf("wait for %d heartbeats: %w", n, err)
	}
	return nil
}

// WaitConnected blocks until a gateway connection has been identified or
// resumed and not dropped since, which is when dispatches can be delivered.
func (f *Fake) WaitConnected(ctx context.Context) error {
	if err := f.wait(ctx, func() bool { return f.live != nil }); err != nil {
		return fmt.Errorf("wait for a gateway connection: %w", err)
	}
	return nil
}
