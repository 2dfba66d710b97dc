// Package httpapi is explainbot's HTTP surface: Discord's signed
// interactions endpoint, liveness and readiness probes, and Prometheus
// metrics.
//
// It knows how Discord signs and times an interaction request and how an
// answer must come back (inline within three seconds, or deferred and sent
// later through a follow-up), but nothing about what the answer says: that
// is the Handler's business, implemented by the bot's core. Every reply that
// a client can provoke is one of a few fixed, small bodies; no stack, key or
// signature ever leaves the process or reaches the log.
package httpapi
