package discordfake_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/explainbot/explainbot/bot/discordfake"
	"github.com/gorilla/websocket"
)

// rawClient speaks the gateway protocol by hand, to check what discordgo
// cannot show deterministically: sequence numbers, replay and close codes.
type rawClient struct {
	t  *testing.T
	ws *websocket.Conn
}

type payload struct {
	Op int             `json:"op"`
	D  json.RawMessage `json:"d"`
	S  *int64          `json:"s"`
	T  *string         `json:"t"`
}

func dialRaw(t *testing.T, f *discordfake.Fake, query string) *rawClient {
	t.Helper()
	ws, _, err := websocket.DefaultDialer.DialContext(waitCtx(t), f.GatewayURL()+"/"+query, nil)
	if err != nil {
		t.Fatalf("dial the gateway: %v", err)
	}
	t.Cleanup(func() { ws.Close() })
	return &rawClient{t: t, ws: ws}
}

func (c *rawClient) send(op int, d any) {
	c.t.Helper()
	if err := c.ws.WriteJSON(map[string]any{"op": op, "d": d}); err != nil {
		c.t.Fatalf("send op %d: %v", op, err)
	}
}

// read returns the next payload, or the error that ended the connection.
func (c *rawClient) read() (payload, error) {
	c.ws.SetReadDeadline(time.Now().Add(waitTimeout))
	var p payload
	err := c.ws.ReadJSON(&p)
	return p, err
}

func (c *rawClient) expect(op int, typ string, seq int64) payload {
	c.t.Helper()
	p, err := c.read()
	if err != nil {
		c.t.Fatalf("read op %d %s: %v", op, typ, err)
	}
	gotT, gotS := "", int64(0)
	if p.T != nil {
		gotT = *p.T
	}
	if p.S != nil {
		gotS = *p.S
	}
	if p.Op != op || gotT != typ || gotS != seq {
		c.t.Fatalf("got op %d t %q s %d (d %s), want op %d t %q s %d", p.Op, gotT, gotS, p.D, op, typ, seq)
	}
	return p
}

func (c *rawClient) expectClose(code int) {
	c.t.Helper()
	for {
		p, err := c.read()
		if err == nil {
			if p.Op == 10 {
				continue // Hello comes before any check on what the client sends
			}
			c.t.Fatalf("got op %d, want close %d", p.Op, code)
		}
		var ce *websocket.CloseError
		if !errors.As(err, &ce) || ce.Code != code {
			c.t.Fatalf("connection ended with %v, want close code %d", err, code)
		}
		return
	}
}

// TestGatewayReplaysOnResume checks the handshake payloads, per-session
// sequence numbers, and that a Resume replays what the client missed.
func TestGatewayReplaysOnResume(t *testing.T) {
	t.Parallel()
	f := discordfake.New(t)
	ctx := waitCtx(t)

	c := dialRaw(t, f, "?v=9&encoding=json")
	var hello struct {
		HeartbeatInterval int64 `json:"heartbeat_interval"`
	}
	if err := json.Unmarshal(c.expect(10, "", 0).D, &hello); err != nil || hello.HeartbeatInterval != 45000 {
		t.Errorf("hello = %+v (%v), want heartbeat_interval 45000", hello, err)
	}
	c.send(1, nil)
	c.expect(11, "", 0)
	c.send(2, map[string]any{"token": "Bot " + f.Token(), "intents": 1, "properties": map[string]string{"os": "linux"}})
	var ready struct {
		V                int    `json:"v"`
		SessionID        string `json:"session_id"`
		ResumeGatewayURL string `json:"resume_gateway_url"`
		User             struct {
			ID  string `json:"id"`
			Bot bool   `json:"bot"`
		} `json:"user"`
		Application struct {
			ID string `json:"id"`
		} `json:"application"`
		Guilds []any `json:"guilds"`
	}
	if err := json.Unmarshal(c.expect(0, "READY", 1).D, &ready); err != nil {
		t.Fatal(err)
	}
	if ready.V != 9 || ready.SessionID == "" || ready.ResumeGatewayURL != f.GatewayURL() ||
		ready.User.ID != f.BotUserID() || !ready.User.Bot || ready.Application.ID != f.AppID() || ready.Guilds == nil {
		t.Errorf("READY = %+v", ready)
	}
	if err := f.WaitConnected(ctx); err != nil {
		t.Fatal(err)
	}

	if err := f.Dispatch(ctx, "MESSAGE_CREATE", map[string]string{"id": "1"}); err != nil {
		t.Fatal(err)
	}
	c.expect(0, "MESSAGE_CREATE", 2)
	// Sent but never read: the client goes away with it in flight.
	if err := f.Dispatch(ctx, "MESSAGE_CREATE", map[string]string{"id": "2"}); err != nil {
		t.Fatal(err)
	}
	c.ws.Close()

	c2 := dialRaw(t, f, "?v=9&encoding=json")
	c2.expect(10, "", 0)
	c2.send(6, map[string]any{"token": "Bot " + f.Token(), "session_id": ready.SessionID, "seq": 2})
	replayed := c2.expect(0, "MESSAGE_CREATE", 3)
	if string(replayed.D) != `{"id":"2"}` {
		t.Errorf("replayed d = %s, want the missed event", replayed.D)
	}
	c2.expect(0, "RESUMED", 4)
	if err := f.Dispatch(ctx, "MESSAGE_CREATE", map[string]string{"id": "3"}); err != nil {
		t.Fatal(err)
	}
	c2.expect(0, "MESSAGE_CREATE", 5)
	if f.Identifies() != 1 || f.Resumes() != 1 || f.Heartbeats() != 1 {
		t.Errorf("identifies %d resumes %d heartbeats %d, want 1 1 1", f.Identifies(), f.Resumes(), f.Heartbeats())
	}

	// A session the fake never issued cannot be resumed.
	c3 := dialRaw(t, f, "?v=9&encoding=json")
	c3.expect(10, "", 0)
	c3.send(6, map[string]any{"token": "Bot " + f.Token(), "session_id": "nope", "seq": 1})
	if p := c3.expect(9, "", 0); string(p.D) != "false" {
		t.Errorf("invalid session d = %s, want false", p.D)
	}
}

// TestGatewayCloseCodes checks the gateway refuses bad clients with
// Discord's close codes.
func TestGatewayCloseCodes(t *testing.T) {
	t.Parallel()
	identify := map[string]any{"token": "Bot " + discordfake.DefaultToken, "intents": 1}
	tests := []struct {
		name  string
		query string
		send  func(*rawClient)
		code  int
	}{
		{"wrong version", "?v=8&encoding=json", func(*rawClient) {}, 4012},
		{"etf encoding", "?v=9&encoding=etf", func(*rawClient) {}, 4002},
		{"not JSON", "?v=9&encoding=json", func(c *rawClient) { c.ws.WriteMessage(websocket.TextMessage, []byte("{")) }, 4002},
		{"op before identify", "?v=9&encoding=json", func(c *rawClient) { c.send(3, map[string]any{"status": "online"}) }, 4003},
		{"identify twice", "?v=9&encoding=json", func(c *rawClient) {
			c.send(2, identify)
			c.expect(10, "", 0)
			c.expect(0, "READY", 1)
			c.send(2, identify)
		}, 4005},
		{"bad shard", "?v=9&encoding=json", func(c *rawClient) {
			c.send(2, map[string]any{"token": "Bot " + discordfake.DefaultToken, "shard": []int{1, 1}})
		}, 4010},
		{"privileged intent", "?v=9&encoding=json", func(c *rawClient) {
			c.send(2, map[string]any{"token": "Bot " + discordfake.DefaultToken, "intents": 1 << 15})
		}, 4014},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := discordfake.New(t)
			c := dialRaw(t, f, tt.query)
			tt.send(c)
			c.expectClose(tt.code)
		})
	}
}
