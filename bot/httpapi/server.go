package httpapi

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/explainbot/explainbot/metrics"
)

// Interactions carries out verified interactions; the bot's Lifecycle
// (bot.Lifecycle) implements it. The server knows how Discord signs a
// request and that the callback is the HTTP response; what the callback
// says, when to defer, the deadline and the apology are the Lifecycle's.
type Interactions interface {
	// Serve answers i, calling respond with the callback, which the server
	// writes as the HTTP response. respond may be called twice when the
	// first call fails (the second carries an apology); once it has
	// succeeded it refuses further calls.
	Serve(ctx context.Context, i *discordgo.Interaction, respond func(context.Context, *discordgo.InteractionResponse) error)
	// Close waits for the work Serve left running (follow-ups, a
	// dismissed answer's delete), cancelling it if ctx ends first.
	Close(ctx context.Context) error
}

// Options configures a Server. Zero values pick the defaults named below.
type Options struct {
	// PublicKey is the application's Ed25519 public key from the Developer
	// Portal. Nil serves no /interactions route (404): the bot then runs on
	// the gateway only.
	PublicKey ed25519.PublicKey
	// Interactions answers interactions; required when PublicKey is set.
	Interactions Interactions
	// Ready reports why the bot cannot serve yet (nil error: ready). It backs
	// /readyz; nil means always ready.
	Ready func() error
	// Healthy reports why the process should be restarted (nil error:
	// healthy), such as a gateway down for too long. It backs /healthz; nil
	// means healthy while it serves HTTP.
	Healthy func() error
	// Registry is what /metrics serves. Nil creates one with metrics.NewRegistry
	// (Go runtime, process and build collectors).
	Registry *prometheus.Registry
	// Metrics is where the server counts HTTP requests. Nil creates it on
	// Registry; when set, Registry must be the registry it was created on.
	Metrics *metrics.Metrics
	// Now is the clock against which request timestamps are checked;
	// time.Now when nil.
	Now func() time.Time
	// MaxBody bounds an interaction request's body (default 64 KiB); larger
	// ones get 413.
	MaxBody int64
	// ShutdownTimeout bounds graceful shutdown in Serve: in-flight requests
	// and the Interactions' pending work are cancelled when it passes
	// (default 10 s).
	ShutdownTimeout time.Duration
	// MaxConns caps the connections Serve serves at once (default
	// DefaultMaxConns); past it new connections wait to be accepted.
	MaxConns int
	// IdleTimeout closes a keep-alive connection idle this long (default
	// 30 s; Discord opens new connections freely).
	IdleTimeout time.Duration
	// ReplayMemory bounds the interaction IDs remembered against replay
	// (default DefaultReplayMemory).
	ReplayMemory int
}

const (
	defaultMaxBody         = 64 << 10
	defaultShutdownTimeout = 10 * time.Second
	defaultIdleTimeout     = 30 * time.Second
)

// Server serves explainbot's HTTP routes. Create it with New.
type Server struct {
	lg      *slog.Logger
	opts    Options
	metrics *metrics.Metrics
	handler http.Handler
	replays *replayGuard
}

// New checks opts, fills in defaults and builds the routes.
func New(lg *slog.Logger, opts Options) (*Server, error) {
	if lg == nil {
		return nil, errors.New("new http server: nil logger")
	}
	if opts.PublicKey != nil {
		if len(opts.PublicKey) != ed25519.PublicKeySize {
			return nil, fmt.Errorf("new http server: public key is %d bytes, want %d", len(opts.PublicKey), ed25519.PublicKeySize)
		}
		if opts.Interactions == nil {
			return nil, errors.New("new http server: a public key needs Interactions to answer them")
		}
	}
	if opts.Metrics != nil && opts.Registry == nil {
		return nil, errors.New("new http server: Metrics needs the Registry it was created on")
	}
	if opts.Registry == nil {
		opts.Registry = metrics.NewRegistry()
	}
	if opts.Metrics == nil {
		opts.Metrics = metrics.NewMetrics(opts.Registry)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.MaxBody <= 0 {
		opts.MaxBody = defaultMaxBody
	}
	if opts.ShutdownTimeout <= 0 {
		opts.ShutdownTimeout = defaultShutdownTimeout
	}
	if opts.MaxConns <= 0 {
		opts.MaxConns = DefaultMaxConns
	}
	if opts.IdleTimeout <= 0 {
		opts.IdleTimeout = defaultIdleTimeout
	}
	if opts.ReplayMemory <= 0 {
		opts.ReplayMemory = DefaultReplayMemory
	}

	s := &Server{lg: lg, opts: opts, metrics: opts.Metrics, replays: newReplayGuard(opts.ReplayMemory)}

	// Our own mux: importing bleve registers expvar on http.DefaultServeMux,
	// which must not become reachable. Method patterns give 405 with an
	// Allow header for free.
	mux := http.NewServeMux()
	if opts.PublicKey != nil {
		mux.HandleFunc("POST /interactions", s.serveInteraction)
	}
	mux.HandleFunc("GET /healthz", s.serveHealth)
	mux.HandleFunc("GET /readyz", s.serveReady)
	mux.Handle("GET /metrics", promhttp.HandlerFor(opts.Registry, promhttp.HandlerOpts{
		ErrorLog: slog.NewLogLogger(lg.Handler(), slog.LevelWarn),
	}))
	s.handler = s.instrument(mux)
	return s, nil
}

// Handler returns every route, instrumented and guarded against panics. It
// is what Serve serves; tests and embedders may mount it themselves.
func (s *Server) Handler() http.Handler { return s.handler }

// ListenAndServe listens on addr (host:port) and serves until ctx is done;
// see Serve.
func (s *Server) ListenAndServe(ctx context.Context, addr string) error {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	return s.Serve(ctx, ln)
}

// Serve serves on ln until ctx is done, then shuts down gracefully: it stops
// accepting, lets in-flight requests and deferred answers finish, and cancels
// whatever is left after ShutdownTimeout. It returns nil after a clean
// shutdown. Serve closes ln.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		// Long enough for the slowest inline answer (under Discord's 3 s)
		// to be written.
		WriteTimeout:   10 * time.Second,
		IdleTimeout:    s.opts.IdleTimeout,
		MaxHeaderBytes: 16 << 10,
		// net/http's own complaints (TLS noise, bad clients) are debug detail.
		ErrorLog: slog.NewLogLogger(s.lg.Handler(), slog.LevelDebug),
	}
	s.lg.Info("http server listening", "addr", ln.Addr().String(), "interactions", s.opts.PublicKey != nil)

	served := make(chan error, 1)
	go func() { served <- srv.Serve(newLimitListener(ln, s.opts.MaxConns, s.metrics)) }()
	select {
	case err := <-served:
		return fmt.Errorf("serve http on %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}

	s.lg.Info("http server shutting down", "timeout", s.opts.ShutdownTimeout)
	sctx, cancel := context.WithTimeout(context.Background(), s.opts.ShutdownTimeout)
	defer cancel()
	var errs []error
	if err := srv.Shutdown(sctx); err != nil {
		errs = append(errs, fmt.Errorf("shut down http server: %w", err))
		_ = srv.Close()
	}
	<-served // http.ErrServerClosed, returned as soon as Shutdown starts
	if err := s.Drain(sctx); err != nil {
		errs = append(errs, err)
	}
	s.lg.Info("http server stopped")
	return errors.Join(errs...)
}

// Drain waits for the work the Interactions left running (deferred
// answers, a dismissed answer's delete) to finish; if ctx ends first that
// work is cancelled and Drain returns an error. Serve calls it once no
// request is in flight; code that mounts Handler itself calls it when done.
func (s *Server) Drain(ctx context.Context) error {
	if s.opts.Interactions == nil {
		return nil
	}
	if err := s.opts.Interactions.Close(ctx); err != nil {
		return fmt.Errorf("drain interactions: %w", err)
	}
	return nil
}

// Paths lists every route the server serves, so deployment files can be
// checked against it.
var Paths = []string{"/interactions", "/healthz", "/readyz", "/metrics"}
