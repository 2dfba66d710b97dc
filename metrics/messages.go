package metrics

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/explainbot/explainbot/bot"
)

// messageMetrics count the channel messages the gateway answers and
// ignores, the way interactions are counted.
type messageMetrics struct {
	answered *prometheus.CounterVec
	ignored  *prometheus.CounterVec
	seconds  *prometheus.HistogramVec
}

func newMessageMetrics(reg prometheus.Registerer) messageMetrics {
	return messageMetrics{
		answered: register(reg, prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "explainbot_messages_total",
			Help: "Channel messages taken as questions, by trigger (" + labelValues(bot.Triggers) + "), whether read as a follow-up of an earlier answer, and outcome (" + labelValues(bot.Outcomes) + ").",
		}, []string{"trigger", "follow_up", "outcome"})),
		ignored: register(reg, prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "explainbot_messages_ignored_total",
			Help: "Channel messages given no reply, by reason (" + labelValues(bot.IgnoreReasons) + ").",
		}, []string{"reason"})),
		seconds: register(reg, prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "explainbot_message_reply_seconds",
			Help:    "Time from receiving a channel message to its reply being sent, by trigger.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"trigger"})),
	}
}

// ObserveMessage records how one channel message went. It makes Metrics
// the bot's MessageObserver.
func (m *Metrics) ObserveMessage(o bot.MessageObservation) {
	if m == nil {
		return
	}
	if o.Ignored != "" {
		m.messages.ignored.WithLabelValues(string(o.Ignored)).Inc()
		return
	}
	followUp := "false"
	if o.FollowUp {
		followUp = "true"
	}
	m.messages.answered.WithLabelValues(string(o.Trigger), followUp, string(o.Outcome)).Inc()
	m.messages.seconds.WithLabelValues(string(o.Trigger)).Observe(o.Duration.Seconds())
}

var _ bot.MessageObserver = (*Metrics)(nil)
