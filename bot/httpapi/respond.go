package httpapi

import (
	"net/http"
	"strconv"
)

// Fixed response bodies. Errors are deliberately terse: a client learns the
// class of its mistake and nothing about which check it failed.
var (
	bodyPong         = []byte(`{"type":1}`)
	bodyUnauthorized = []byte(`{"error":"invalid request signature"}`)
	bodyBadRequest   = []byte(`{"error":"bad request"}`)
	bodyTooLarge     = []byte(`{"error":"request body too large"}`)
	bodyInternal     = []byte(`{"error":"internal error"}`)
	bodyReplay       = []byte(`{"error":"interaction already received"}`)
)

func writeJSON(w http.ResponseWriter, code int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(code)
	_, _ = w.Write(body)
}
