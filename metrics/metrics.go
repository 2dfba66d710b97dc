package metrics

import (
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/explainbot/explainbot/bot"
)

// Metrics is explainbot's whole set of Prometheus metrics but those main
// registers with RegisterServe. One value is shared by the HTTP server
// (requests, replays, connections), the bot's Lifecycle (interactions, as
// its bot.Observer), the bot's channel messages (as its
// bot.MessageObserver) and main (index, gateway), so that each is counted
// once.
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
	messages     messageMetrics

	// known holds the command labels counted as themselves; any other is
	// "other", so that stale or unknown commands cannot grow the label set.
	known atomic.Pointer[map[string]bool]
}

// OtherCommand is the command label of every interaction whose command is
// not among Metrics.KnownCommands.
const OtherCommand = "other"

// NewMetrics creates the metrics and registers them with reg. A nil reg leaves
// them unregistered. Calling it twice with the same registry returns metrics
// backed by the same collectors rather than failing, so that the wiring and a
// test may both ask for them. Any other registration conflict is a
// programming error and panics, as prometheus.MustRegister does.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	return &Metrics{
		interactions: register(reg, prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "explainbot_interactions_total",
			Help: "Interactions handled, by command and outcome (" + labelValues(bot.Outcomes) + ").",
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
		messages: newMessageMetrics(reg),
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

// ObserveInteraction records one finished interaction: its command, its
// outcome and how long until its answer was ready. It makes Metrics the
// bot's Observer.
func (m *Metrics) ObserveInteraction(command string, outcome bot.Outcome, d time.Duration) {
	if m == nil {
		return
	}
	command = m.commandLabel(command)
	m.interactions.WithLabelValues(command, string(outcome)).Inc()
	m.answer.WithLabelValues(command).Observe(d.Seconds())
}

var _ bot.Observer = (*Metrics)(nil)

// labelValues lists a label's values for its help text.
func labelValues[T ~string](values []T) string {
	names := make([]string, len(values))
	for i, v := range values {
		names[i] = string(v)
	}
	return strings.Join(names, ", ")
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

// Replay counts one signed interaction refused as a replay.
func (m *Metrics) Replay() {
	if m != nil {
		m.replays.Inc()
	}
}

// ConnOpened and ConnClosed track open HTTP connections; Capped counts a
// wait at the connection cap.
func (m *Metrics) ConnOpened() {
	if m != nil {
		m.openConns.Inc()
	}
}

// ConnClosed counts one HTTP connection closed.
func (m *Metrics) ConnClosed() {
	if m != nil {
		m.openConns.Dec()
	}
}

// Capped counts one wait at the HTTP connection cap.
func (m *Metrics) Capped() {
	if m != nil {
		m.connsCapped.Inc()
	}
}

// ObserveHTTP counts one served request. route must be one of a fixed set
// (the server's route patterns, or "other"), never a raw URL path, to keep
// the label set bounded.
func (m *Metrics) ObserveHTTP(route string, code int) {
	if m == nil {
		return
	}
	m.httpRequests.WithLabelValues(route, strconv.Itoa(code)).Inc()
}
