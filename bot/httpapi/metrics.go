package httpapi

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
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
	}
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

// observeHTTP counts one served request. path must be a route label from
// routeLabel, never a raw URL path, to keep the label set bounded.
func (m *Metrics) observeHTTP(path string, code int) {
	if m == nil {
		return
	}
	m.httpRequests.WithLabelValues(path, strconv.Itoa(code)).Inc()
}
