package httpapi

import (
	"crypto/ed25519"
	"encoding/hex"
	"net/http"
	"strconv"
	"time"
)

// Discord's signature headers.
const (
	headerSignature = "X-Signature-Ed25519"
	headerTimestamp = "X-Signature-Timestamp"
)

// signatureWindow is how far a request's timestamp may stray from our clock,
// either way. Discord's signature covers the timestamp, so the window is what
// stops a captured request from being replayed later.
const signatureWindow = 5 * time.Minute

// signatureHeaders reads and checks the two signature headers. On failure it
// returns a short reason for the debug log; the client is never told which
// check failed, and the reason never contains header values.
func signatureHeaders(h http.Header, now time.Time) (sig []byte, timestamp string, reason string) {
	sigHex := h.Get(headerSignature)
	if sigHex == "" {
		return nil, "", "missing signature"
	}
	if len(sigHex) != 2*ed25519.SignatureSize {
		return nil, "", "signature length"
	}
	sig, err := hex.DecodeString(sigHex)
	if err != nil {
		return nil, "", "signature not hex"
	}
	timestamp = h.Get(headerTimestamp)
	if timestamp == "" {
		return nil, "", "missing timestamp"
	}
	secs, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil {
		return nil, "", "timestamp not a number"
	}
	// Compare in seconds: time.Unix with an absurd value would overflow a
	// Duration, and now±300 cannot.
	nowSecs, window := now.Unix(), int64(signatureWindow/time.Second)
	if secs < nowSecs-window || secs > nowSecs+window {
		return nil, "", "timestamp outside window"
	}
	return sig, timestamp, ""
}
