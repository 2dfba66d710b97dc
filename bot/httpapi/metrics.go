package httpapi

import (
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// Outcomes of one interaction, the values of the outcome label of
// explainbot_interactions_total. They are fixed so that dashboards and alerts
// can name them.
const (
	OutcomeAnswered    = "answered"
	OutcomeNotCovered  = "not_covered"
	OutcomeRateLimited = "rate_limited"
	OutcomeError       = "error"
)

// Metrics is explainbot's whole set of Prometheus metrics. One value is shared
// by the HTTP layer (which records explainbot_http_requests_total) and the
// bot's core (which records everything else), so that each is counted once.
//
// A nil *Metrics records nothing, which lets tests of other packages skip it.
type Metrics struct {
	interactions *prometheus.CounterVec
	answer       *prometheus.HistogramVec
	indexDocs    prometheus.Gauge
	indexBuild   prometheus.Gauge
	reconnects   prometheus.Counter
	httpRequests *prometheus.CounterVec
	replays      prometheus.Counter
	openConns    prometheus.Gauge
	connsCapped  prometheus.Counter

	// known holds the command labels counted as themselves; any other is
	// "other", so that stale or unknown commands cannot grow the label set.
	known atomic.Pointer[map[string]bool]
}

// OtherCommand is the command label of every interaction whose command is
// not among Metrics.KnownCommands.
const OtherCommand = "other"

// NewRegistry returns a registry with the Go runtime, process and build
// collectors, for NewMetrics and /metrics.
func NewRegistry() *prometheus.Registry {
	reg := prometheus.NewRegistry()
	reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		collectors.NewBuildInfoCollector(),
		buildInfo(),
	)
	return reg
}

// buildInfo is explainbot_build_info, always 1, labelled with the module
// version, the VCS revision the binary was built from and the Go version.
func buildInfo() prometheus.Collector {
	version, revision, modified := "unknown", "unknown", "false"
	if bi, ok := debug.ReadBuildInfo(); ok {
		version = bi.Main.Version
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				revision = s.Value
			case "vcs.modified":
				modified = s.Value
			}
		}
	}
	g := prometheus.NewGauge(prometheus.GaugeOpts{
		Name:        "explainbot_build_info",
		Help:        "Always 1; the labels say which build is running.",
		ConstLabels: prometheus.Labels{"version": version, "revision": revision, "modified": modified, "goversion": runtime.Version()},
	})
	g.Set(1)
	return g
}

// NewMetrics creates the metrics and registers them with reg. A nil reg leaves
// them unregistered. Calling it twice with the same registry returns metrics
// backed by the same collectors rather than failing, so that the wiring and a
// test may both ask for them. Any other registration conflict is a
// programming error and panics, as prometheus.MustRegister does.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	return &Metrics{
		interactions: register(reg, prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "explainbot_interactions_total",
			Help: "Interactions handled, by command and outcome (answered, not_covered, rate_limited, error).",
		}, []string{"command", "outcome"})),
		answer: register(reg, prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "explainbot_answer_seconds",
			Help: "Time from receiving an interaction to having its answer, by command.",
			// Answers come from a local index in milliseconds; Discord's
			// deadline is 3 s, so the upper buckets show how close we get.
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2, 3, 5},
		}, []string{"command"})),
		indexDocs: register(reg, prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "explainbot_index_documents",
			Help: "Documents (sections) in the search index.",
		})),
		indexBuild: register(reg, prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "explainbot_index_build_seconds",
			Help: "How long the last index build took.",
		})),
		reconnects: register(reg, prometheus.NewCounter(prometheus.CounterOpts{
			Name: "explainbot_gateway_reconnects_total",
			Help: "Times the Discord gateway connection was re-established.",
		})),
		httpRequests: register(reg, prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "explainbot_http_requests_total",
			Help: "HTTP requests served, by route and status code.",
		}, []string{"path", "code"})),
		replays: register(reg, prometheus.NewCounter(prometheus.CounterOpts{
			Name: "explainbot_interaction_replays_total",
			Help: "Signed interactions refused because their ID was already received within the signature window.",
		})),
		openConns: register(reg, prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "explainbot_http_open_connections",
			Help: "HTTP connections open now.",
		})),
		connsCapped: register(reg, prometheus.NewCounter(prometheus.CounterOpts{
			Name: "explainbot_http_connection_cap_reached_total",
			Help: "Times a new connection had to wait because the connection cap was reached.",
		})),
	}
}

// KnownCommands sets the command labels that explainbot_interactions_total
// and explainbot_answer_seconds count as themselves; every other command is
// counted as "other". Until it is called every label is kept.
func (m *Metrics) KnownCommands(names ...string) {
	if m == nil {
		return
	}
	known := make(map[string]bool, len(names))
	for _, n := range names {
		known[n] = true
	}
	m.known.Store(&known)
}

// commandLabel bounds a command name to the known set.
func (m *Metrics) commandLabel(command string) string {
	if known := m.known.Load(); known != nil && !(*known)[command] {
		return OtherCommand
	}
	return command
}

// register registers c with reg, or returns the collector already registered
// under the same description.
func register[C prometheus.Collector](reg prometheus.Registerer, c C) C {
	if reg == nil {
		return c
	}
	if err := reg.Register(c); err != nil {
		var are prometheus.AlreadyRegisteredError
		if errors.As(err, &are) {
			if existing, ok := are.ExistingCollector.(C); ok {
				return existing
			}
		}
		panic(fmt.Sprintf("register explainbot metric: %v", err))
	}
	return c
}

// ObserveInteraction records one finished interaction: its command, its
// outcome (one of the Outcome constants) and how long answering took.
func (m *Metrics) ObserveInteraction(command, outcome string, d time.Duration) {
	if m == nil {
		return
	}
	command = m.commandLabel(command)
	m.interactions.WithLabelValues(command, outcome).Inc()
	m.answer.WithLabelValues(command).Observe(d.Seconds())
}

// SetIndex records the size of the index just built and how long building it
// took, so that a slow or empty build is visible without reading logs.
func (m *Metrics) SetIndex(docs int, build time.Duration) {
	if m == nil {
		return
	}
	m.indexDocs.Set(float64(docs))
	m.indexBuild.Set(build.Seconds())
}

// GatewayReconnect counts one re-established gateway connection.
func (m *Metrics) GatewayReconnect() {
	if m == nil {
		return
	}
	m.reconnects.Inc()
}

func (m *Metrics) replay() {
	if m != nil {
		m.replays.Inc()
	}
}

// connOpened and connClosed track open connections; capped counts a wait
// at the connection cap.
func (m *Metrics) connOpened() {
	if m != nil {
		m.openConns.Inc()
	}
}

func (m *Metrics) connClosed() {
	if m != nil {
		m.openConns.Dec()
	}
}

func (m *Metrics) capped() {
	if m != nil {
		m.connsCapped.Inc()
	}
}

// observeHTTP counts one served request. path must be a route label from
// routeLabel, never a raw URL path, to keep the label set bounded.
func (m *Metrics) observeHTTP(path string, code int) {
	if m == nil {
		return
	}
	m.httpRequests.WithLabelValues(path, strconv.Itoa(code)).Inc()
}
