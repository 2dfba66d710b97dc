package main

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/explainbot/explainbot/bot/store"
	"github.com/explainbot/explainbot/index"
)

// serveMetrics are the metrics of what main wires: the record, the answer
// cache and reloads. They read the parts' own counters when scraped.
type serveMetrics struct {
	reloads *prometheus.CounterVec
}

func registerServeMetrics(reg prometheus.Registerer, st *store.Store, live *index.Live) *serveMetrics {
	b2f := func(b bool) float64 {
		if b {
			return 1
		}
		return 0
	}
	m := &serveMetrics{reloads: prometheus.NewCounterVec(prometheus.CounterOpts{
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

func (m *serveMetrics) reloaded(err error) {
	if err != nil {
		m.reloads.WithLabelValues("failed").Inc()
		return
	}
	m.reloads.WithLabelValues("ok").Inc()
}
