// Package httpapi is explainbot's HTTP surface: Discord's signed
// interactions endpoint, liveness and readiness probes, and Prometheus
// metrics.
//
// It is the HTTP transport of the bot's Lifecycle: it knows how Discord
// signs an interaction request and that the callback is the HTTP response,
// and it hands each verified interaction to Options.Interactions with a
// callback that writes that response. What the answer says, when to defer,
// the three-second deadline and the apology belong to the Lifecycle, which
// the gateway shares. Every reply that a client can provoke without a valid
// signature is one of a few fixed, small bodies; no stack, key or signature
// ever leaves the process or reaches the log.
package httpapi
