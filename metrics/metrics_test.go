package metrics

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/explainbot/explainbot/bot"
)

// scrape is what /metrics would serve from reg.
func scrape(t *testing.T, reg *prometheus.Registry) string {
	t.Helper()
	w := httptest.NewRecorder()
	promhttp.HandlerFor(reg, promhttp.HandlerOpts{}).ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if w.Code != http.StatusOK {
		t.Fatalf("scrape: status %d: %s", w.Code, w.Body)
	}
	return w.Body.String()
}

func wantLines(t *testing.T, body string, lines ...string) {
	t.Helper()
	for _, want := range lines {
		if !strings.Contains(body, want+"\n") {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if t.Failed() {
		t.Logf("/metrics:\n%s", body)
	}
}

func TestMetrics(t *testing.T) {
	reg := prometheus.NewRegistry()
	m := NewMetrics(reg)
	m.ObserveInteraction("ask", bot.OutcomeAnswered, 30*time.Millisecond)
	m.ObserveInteraction("ask", bot.OutcomeAnswered, 2*time.Second)
	m.ObserveInteraction("ask", bot.OutcomeNotCovered, time.Millisecond)
	m.SetIndex(52, 1500*time.Millisecond)
	m.GatewayReconnect()
	// A second NewMetrics on the same registry shares the collectors.
	NewMetrics(reg).GatewayReconnect()
	m.ObserveHTTP("/healthz", 200)
	m.Replay()
	wantLines(t, scrape(t, reg),
		`explainbot_interactions_total{command="ask",outcome="answered"} 2`,
		`explainbot_interactions_total{command="ask",outcome="not_covered"} 1`,
		`explainbot_answer_seconds_count{command="ask"} 3`,
		`explainbot_answer_seconds_bucket{command="ask",le="0.05"} 2`,
		`explainbot_answer_seconds_bucket{command="ask",le="2"} 3`,
		`explainbot_index_documents 52`,
		`explainbot_index_build_seconds 1.5`,
		`explainbot_gateway_reconnects_total 2`,
		`explainbot_http_requests_total{code="200",path="/healthz"} 1`,
		`explainbot_interaction_replays_total 1`,
		`# HELP explainbot_interactions_total Interactions handled, by command and outcome (answered, not_covered, rate_limited, error).`,
	)
}

// TestMessageMetrics: channel messages are counted by trigger, follow-up
// and outcome, ignored ones by reason, and their reply time by trigger.
func TestMessageMetrics(t *testing.T) {
	reg := prometheus.NewRegistry()
	m := NewMetrics(reg)
	m.ObserveMessage(bot.MessageObservation{Trigger: bot.TriggerMention, Outcome: bot.OutcomeAnswered, Duration: 20 * time.Millisecond})
	m.ObserveMessage(bot.MessageObservation{Trigger: bot.TriggerReply, FollowUp: true, Outcome: bot.OutcomeAnswered, Duration: time.Second})
	m.ObserveMessage(bot.MessageObservation{Trigger: bot.TriggerMention, Outcome: bot.OutcomeRateLimited})
	m.ObserveMessage(bot.MessageObservation{Trigger: bot.TriggerMention, Ignored: bot.IgnoredCooldown})
	m.ObserveMessage(bot.MessageObservation{Ignored: bot.IgnoredNotAddressed})
	m.ObserveMessage(bot.MessageObservation{Ignored: bot.IgnoredNotAddressed})
	wantLines(t, scrape(t, reg),
		`explainbot_messages_total{follow_up="false",outcome="answered",trigger="mention"} 1`,
		`explainbot_messages_total{follow_up="true",outcome="answered",trigger="reply"} 1`,
		`explainbot_messages_total{follow_up="false",outcome="rate_limited",trigger="mention"} 1`,
		`explainbot_messages_ignored_total{reason="cooldown"} 1`,
		`explainbot_messages_ignored_total{reason="not_addressed"} 2`,
		`explainbot_message_reply_seconds_count{trigger="mention"} 2`,
		`explainbot_message_reply_seconds_bucket{trigger="reply",le="1"} 1`,
		`# HELP explainbot_messages_ignored_total Channel messages given no reply, by reason (self, bot, webhook, system, not_addressed, no_question, cooldown).`,
	)
}

// TestMetricsNil checks that a nil *Metrics is a usable no-op.
func TestMetricsNil(t *testing.T) {
	var m *Metrics
	m.ObserveInteraction("ask", bot.OutcomeError, time.Second)
	m.SetIndex(1, time.Second)
	m.GatewayReconnect()
	m.ObserveHTTP("/healthz", 200)
	m.Replay()
	m.ConnOpened()
	m.ConnClosed()
	m.Capped()
	m.KnownCommands("ask")
	m.ObserveMessage(bot.MessageObservation{Ignored: bot.IgnoredBot})
}

// TestUnknownCommandsBounded: once the known commands are set, any other
// command name is counted as "other".
func TestUnknownCommandsBounded(t *testing.T) {
	reg := prometheus.NewRegistry()
	m := NewMetrics(reg)
	m.KnownCommands("ask", "autocomplete:explain")
	m.ObserveInteraction("ask", bot.OutcomeAnswered, time.Millisecond)
	m.ObserveInteraction("autocomplete:explain", bot.OutcomeAnswered, time.Millisecond)
	for i := range 50 {
		m.ObserveInteraction(fmt.Sprintf("stale-command-%d", i), bot.OutcomeError, time.Millisecond)
	}
	body := scrape(t, reg)
	wantLines(t, body,
		`explainbot_interactions_total{command="ask",outcome="answered"} 1`,
		`explainbot_interactions_total{command="autocomplete:explain",outcome="answered"} 1`,
		`explainbot_interactions_total{command="other",outcome="error"} 50`,
	)
	if strings.Contains(body, "stale-command") {
		t.Error("an unknown command became a label value")
	}
}

// TestNewRegistry: the registry explainbot serves has the Go runtime,
// process and build-info metrics besides its own.
func TestNewRegistry(t *testing.T) {
	reg := NewRegistry()
	NewMetrics(reg).ConnOpened()
	body := scrape(t, reg)
	for _, want := range []string{"\ngo_goroutines ", "\ngo_memstats_heap_inuse_bytes ", "\nprocess_resident_memory_bytes ",
		"\ngo_build_info{", "\nexplainbot_build_info{", "\nexplainbot_http_open_connections 1"} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %q", strings.TrimSpace(want))
		}
	}
}
