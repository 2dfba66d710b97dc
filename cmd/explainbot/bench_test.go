package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/explainbot/explainbot/bot"
	"github.com/explainbot/explainbot/bot/httpapi"
	"github.com/explainbot/explainbot/bot/store"
	"github.com/explainbot/explainbot/cmd/loadgen/trivial"
	"github.com/explainbot/explainbot/index"
	"github.com/explainbot/explainbot/knowledge"
	"github.com/explainbot/explainbot/metrics"
)

// BenchmarkServe measures a signed interaction over loopback HTTP, 32
// clients at once (SetParallelism 16 on 2 cores), against the trivial
// endpoint and against explainbot wired as serve wires it (index, answer
// cache, record on disk, default cooldown, every request a new user), in
// one run, so that the ratio of ns/op is what to read.
func BenchmarkServe(b *testing.B) {
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		b.Fatal(err)
	}
	lg := slog.New(slog.DiscardHandler)
	ix, err := index.Build(context.Background(), lg, []*knowledge.Article{knowledge.Builtin()}, index.Options{})
	if err != nil {
		b.Fatal(err)
	}
	live := index.NewLive(ix, index.LiveOptions{})
	defer live.Close(context.Background())
	st, err := store.Open(context.Background(), lg, b.TempDir(), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	reg := metrics.NewRegistry()
	m := metrics.NewMetrics(reg)
	bt := bot.New(lg, live, bot.Options{Store: st, Observer: m})
	srv, err := httpapi.New(lg, httpapi.Options{PublicKey: pub, Interactions: bt.NewLifecycle(nil, httpapi.AfterDelay), Registry: reg, Metrics: m})
	if err != nil {
		b.Fatal(err)
	}
	explainbot := httptest.NewServer(srv.Handler())
	defer explainbot.Close()
	triv := httptest.NewServer(trivial.Handler(pub))
	defer triv.Close()

	var seq atomic.Int64
	base := time.Now().UnixMilli() << 22
	mixes := []struct {
		name         string
		questions    []string
		autocomplete bool
	}{
		{"answered", []string{"what is an llm", "how do llms work", "what is generative ai", "how do they differ in scope"}, false},
		{"half", []string{"what is an llm", "how do i cook pasta", "how do llms work", "what is the capital of peru"}, false},
		{"autocomplete", []string{"l", "ll", "gen", "how d", "eth", "sco"}, true},
	}
	for _, mix := range mixes {
		for _, target := range []struct{ name, url string }{{"trivial", triv.URL}, {"explainbot", explainbot.URL}} {
			b.Run(mix.name+"/"+target.name, func(b *testing.B) {
				client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
				defer client.CloseIdleConnections()
				b.SetParallelism(16)
				b.ResetTimer()
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						n := seq.Add(1)
						body := benchInteraction(base+n, mix.questions[n%int64(len(mix.questions))], mix.autocomplete)
						ts := strconv.FormatInt(time.Now().Unix(), 10)
						req, _ := http.NewRequest(http.MethodPost, target.url+"/interactions", bytes.NewReader(body))
						req.Header.Set("X-Signature-Timestamp", ts)
						req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(priv, append([]byte(ts), body...))))
						resp, err := client.Do(req)
						if err != nil {
							b.Error(err)
							return
						}
						var r struct{ Type int }
						err = json.NewDecoder(resp.Body).Decode(&r)
						resp.Body.Close()
						if err != nil || resp.StatusCode != http.StatusOK || (r.Type != 4 && r.Type != 8) {
							b.Errorf("status %d, type %d, err %v", resp.StatusCode, r.Type, err)
							return
						}
					}
				})
			})
		}
	}
}

func benchInteraction(id int64, q string, autocomplete bool) []byte {
	typ, name, opt := 2, "ask", map[string]any{"name": "question", "type": 3, "value": q}
	if autocomplete {
		typ, name, opt = 4, "explain", map[string]any{"name": "topic", "type": 3, "value": q, "focused": true}
	}
	sid := strconv.FormatInt(id, 10)
	body, _ := json.Marshal(map[string]any{
		"id": sid, "application_id": "1200000000000000001", "type": typ, "token": "t" + sid, "version": 1,
		"guild_id": "1100000000000000001", "channel_id": "1110000000000000001",
		"member": map[string]any{"user": map[string]any{"id": sid, "username": "bench"}},
		"data":   map[string]any{"id": "1250000000000000001", "name": name, "type": 1, "options": []map[string]any{opt}},
	})
	return body
}
