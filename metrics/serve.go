package metrics

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/explainbot/explainbot/bot/store"
	"github.com/explainbot/explainbot/index"
)

// Serve are the metrics of what main wires besides the bot and the HTTP
// server: the record, the answer cache and reloads. All but reloads read
// the parts' own counters when scraped.
type Serve struct {
	reloads *prometheus.CounterVec
}

// RegisterServe registers the metrics of the record st and the live index
// with reg.
func RegisterServe(reg prometheus.Registerer, st *store.Store, live *index.Live) *Serve {
	b2f := func(b bool) float64 {
		if b {
			return 1
		}
		return 0
	}
	m := &Serve{reloads: prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "explainbot_reloads_total",
		Help: "Knowledge reloads run, by result (ok, failed); coalesced requests count once.",
	}, []string{"result"})}
	m.reloads.WithLabelValues("ok")
	m.reloads.WithLabelValues("failed")
	reg.MustRegister(
		m.reloads,
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "explainbot_store_up",
			Help: "1 while unanswered questions and feedback are recorded, 0 while the record is off (DATA_DIR unusable).",
		}, func() float64 { return b2f(st.Stats().Off == "") }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "explainbot_store_queue_length",
			Help: "Records waiting for the store's writer.",
		}, func() float64 { return float64(st.Stats().Queued) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "explainbot_store_records_written_total",
			Help: "Records committed to the store.",
		}, func() float64 { return float64(st.Stats().Written) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "explainbot_store_records_dropped_total",
			Help: "Records dropped because the queue was full or the record off.",
		}, func() float64 { return float64(st.Stats().Dropped) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "explainbot_store_write_errors_total",
			Help: "Records lost to failed writes (a full disk, say).",
		}, func() float64 { return float64(st.Stats().Failed) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "explainbot_store_damaged_file_moved_aside",
			Help: "1 if a damaged store file was moved aside at start (the log names it).",
		}, func() float64 { return b2f(st.Stats().MovedAside != "") }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "explainbot_answer_cache_hits_total",
			Help: "Questions answered from the answer cache.",
		}, func() float64 { h, _ := live.CacheStats(); return float64(h) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "explainbot_answer_cache_misses_total",
			Help: "Questions the answer engine answered.",
		}, func() float64 { _, m := live.CacheStats(); return float64(m) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "explainbot_index_generation",
			Help: "The index being served: 1 at start, one more for each reload.",
		}, func() float64 { return float64(live.Generation()) }),
	)
	return m
}

// Reloaded counts one reload and how it went.
func (m *Serve) Reloaded(err error) {
	if err != nil {
		m.reloads.WithLabelValues("failed").Inc()
		return
	}
	m.reloads.WithLabelValues("ok").Inc()
}
