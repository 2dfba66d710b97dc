package trivial_test

import (
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/explainbot/explainbot/cmd/loadgen/trivial"
)

func TestHandler(t *testing.T) {
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	h := trivial.Handler(pub)
	post := func(body string, key ed25519.PrivateKey) (int, map[string]any) {
		r := httptest.NewRequest(http.MethodPost, "/interactions", bytes.NewBufferString(body))
		r.Header.Set("X-Signature-Timestamp", "1800000000")
		r.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(key, []byte("1800000000"+body))))
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		var m map[string]any
		json.Unmarshal(w.Body.Bytes(), &m)
		return w.Code, m
	}
	_, other, _ := ed25519.GenerateKey(nil)
	tests := []struct {
		name, body string
		key        ed25519.PrivateKey
		code       int
		replyType  float64
	}{
		{"command", `{"id":"1","type":2,"data":{"name":"ask","type":1}}`, priv, 200, 4},
		{"autocomplete", `{"id":"2","type":4,"data":{"name":"explain","type":1}}`, priv, 200, 8},
		{"ping", `{"id":"3","type":1}`, priv, 200, 1},
		{"wrong key", `{"id":"4","type":2}`, other, 401, 0},
		{"not JSON", `{"id":`, priv, 400, 0},
	}
	for _, tt := range tests {
		code, m := post(tt.body, tt.key)
		if code != tt.code || (tt.replyType != 0 && m["type"] != tt.replyType) {
			t.Errorf("%s: status %d, reply %v; want %d and type %v", tt.name, code, m, tt.code, tt.replyType)
		}
	}
}
