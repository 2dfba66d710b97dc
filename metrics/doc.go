// Package metrics is explainbot's whole set of Prometheus metrics, defined
// in one place: the registry /metrics serves (with the Go runtime, process
// and build collectors), what the bot's Lifecycle observes of each
// interaction, what the HTTP server counts of its requests and
// connections, and what main wires (the index, reloads, the answer cache,
// the record). Packages that record take a *Metrics; none defines a metric
// of its own.
package metrics
