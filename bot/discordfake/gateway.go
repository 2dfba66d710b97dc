package discordfake

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// Gateway opcodes and close codes, from Discord's gateway documentation.
const (
	opDispatch       = 0
	opHeartbeat      = 1
	opIdentify       = 2
	opResume         = 6
	opInvalidSession = 9
	opHello          = 10
	opHeartbeatACK   = 11

	closeDecodeError          = 4002
	closeNotAuthenticated     = 4003
	closeAuthenticationFailed = 4004
	closeAlreadyAuthenticated = 4005
	closeInvalidShard         = 4010
	closeInvalidAPIVersion    = 4012
	closeDisallowedIntents    = 4014
)

// privilegedIntents need a switch in the developer portal; without it
// Discord refuses the Identify.
const privilegedIntents = discordgo.IntentGuildMembers | discordgo.IntentGuildPresences | discordgo.IntentMessageContent

// writeTimeout bounds a gateway write when the caller's context has no deadline.
const writeTimeout = 10 * time.Second

var upgrader = websocket.Upgrader{
	// discordgo's dialer sends no Origin; accept whatever comes.
	CheckOrigin: func(*http.Request) bool { return true },
}

// maxReplay bounds the dispatches a session keeps for replay on resume.
const maxReplay = 1000

// errRetired is returned when writing to a connection whose session has
// been resumed on another one.
var errRetired = errors.New("connection replaced by a resume")

// gatewaySession is what survives a dropped connection and lets a client
// resume: the session ID, the last sequence number and the dispatches sent,
// which a Resume replays from the client's sequence on, as Discord does.
// Replay matters with discordgo: when a reconnect races with its heartbeat
// goroutine, it closes a connection it has just resumed and discards what
// arrived on it.
type gatewaySession struct {
	id      string
	shard   *[2]int
	intents discordgo.Intent // what its Identify asked for

	mu     sync.Mutex // held across a dispatch's write, so seq order is wire order
	seq    int64
	events []sentEvent
}

type sentEvent struct {
	seq  int64
	t    string
	data json.RawMessage
}

// gatewayConn is one websocket. Its session is set, under Fake.mu, once
// Identify or Resume succeeded.
type gatewayConn struct {
	ws      *websocket.Conn
	wmu     sync.Mutex // gorilla allows one writer at a time
	session *gatewaySession
	dropped bool
	retired atomic.Bool // set before the session is resumed elsewhere
}

// frame is a gateway payload as Discord sends it.
type frame struct {
	Op int     `json:"op"`
	D  any     `json:"d"`
	S  *int64  `json:"s"`
	T  *string `json:"t"`
}

func (c *gatewayConn) write(deadline time.Time, fr frame) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	return c.writeLocked(deadline, fr)
}

func (c *gatewayConn) writeLocked(deadline time.Time, fr frame) error {
	if err := c.ws.SetWriteDeadline(deadline); err != nil {
		return fmt.Errorf("set write deadline: %w", err)
	}
	if err := c.ws.WriteJSON(fr); err != nil {
		return fmt.Errorf("write op %d: %w", fr.Op, err)
	}
	return nil
}

// dispatch sends an op 0 event with the session's next sequence number and
// keeps it for replay. A failed write uses up no number: the client cannot
// have read the event.
func (c *gatewayConn) dispatch(deadline time.Time, s *gatewaySession, eventType string, data json.RawMessage) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c.retired.Load() {
		return 0, errRetired
	}
	seq := s.seq + 1
	if err := c.write(deadline, frame{Op: opDispatch, D: data, S: &seq, T: &eventType}); err != nil {
		return 0, err
	}
	s.seq = seq
	if eventType != "READY" && eventType != "RESUMED" {
		s.events = append(s.events, sentEvent{seq: seq, t: eventType, data: data})
		if len(s.events) > maxReplay {
			s.events = s.events[len(s.events)-maxReplay:]
		}
	}
	return seq, nil
}

// closeWith ends the connection with a gateway close code, as Discord does
// when it rejects a payload.
func (c *gatewayConn) closeWith(code int, reason string) {
	msg := websocket.FormatCloseMessage(code, reason)
	_ = c.ws.WriteControl(websocket.CloseMessage, msg, time.Now().Add(time.Second))
	c.ws.Close()
}

// serveGateway upgrades GET /gateway and runs the connection until it ends.
func (f *Fake) serveGateway(w http.ResponseWriter, r *http.Request) {
	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		f.lg.Warn("gateway upgrade failed", "err", err)
		return // Upgrade has already answered the request
	}
	c := &gatewayConn{ws: ws}
	f.mu.Lock()
	if f.closed {
		f.mu.Unlock()
		ws.Close()
		return
	}
	f.open[c] = struct{}{}
	f.conns.Add(1)
	f.mu.Unlock()
	defer f.conns.Done()
	defer f.forget(c)
	f.runGateway(c, r.URL.Query())
}

// forget removes a finished connection; if it was the live one, dispatches
// wait for the client to reconnect.
func (f *Fake) forget(c *gatewayConn) {
	f.mu.Lock()
	delete(f.open, c)
	if f.live == c {
		f.live = nil
		f.notifyLocked()
	}
	f.mu.Unlock()
	c.ws.Close()
}

func (f *Fake) runGateway(c *gatewayConn, q url.Values) {
	if v := q.Get("v"); v != discordgo.APIVersion {
		f.lg.Warn("gateway dialled with wrong API version", "v", v)
		c.closeWith(closeInvalidAPIVersion, "Invalid API version")
		return
	}
	if enc := q.Get("encoding"); enc != "" && enc != "json" {
		f.lg.Warn("gateway dialled with unsupported encoding", "encoding", enc)
		c.closeWith(closeDecodeError, "Error while decoding payload.")
		return
	}
	hello := map[string]int64{"heartbeat_interval": f.cfg.heartbeat.Milliseconds()}
	if err := c.write(time.Now().Add(writeTimeout), frame{Op: opHello, D: hello}); err != nil {
		f.lg.Warn("send hello", "err", err)
		return
	}
	for {
		_, msg, err := c.ws.ReadMessage()
		if err != nil {
			f.lg.Debug("gateway connection ended", "err", err)
			return
		}
		var p struct {
			Op int             `json:"op"`
			D  json.RawMessage `json:"d"`
		}
		if err := json.Unmarshal(msg, &p); err != nil {
			f.lg.Warn("gateway payload is not JSON", "err", err)
			c.closeWith(closeDecodeError, "Error while decoding payload.")
			return
		}
		var ok bool
		switch p.Op {
		case opHeartbeat:
			ok = f.heartbeat(c)
		case opIdentify:
			ok = f.identify(c, p.D)
		case opResume:
			ok = f.resume(c, p.D)
		default:
			f.mu.Lock()
			authed := c.session != nil
			f.mu.Unlock()
			if !authed {
				c.closeWith(closeNotAuthenticated, "Not authenticated.")
				return
			}
			f.lg.Debug("gateway op ignored", "op", p.Op)
			ok = true
		}
		if !ok {
			return
		}
	}
}

func (f *Fake) heartbeat(c *gatewayConn) bool {
	f.mu.Lock()
	f.heartbeats++
	f.notifyLocked()
	f.mu.Unlock()
	if err := c.write(time.Now().Add(writeTimeout), frame{Op: opHeartbeatACK}); err != nil {
		f.lg.Debug("send heartbeat ACK", "err", err)
		return false
	}
	return true
}

func (f *Fake) tokenOK(token string) bool {
	return strings.TrimPrefix(token, "Bot ") == f.cfg.token
}

// readyData is the READY payload; discordgo reads v, user, session_id,
// shard, application and guilds.
type readyData struct {
	Version          int                    `json:"v"`
	User             map[string]any         `json:"user"`
	SessionID        string                 `json:"session_id"`
	ResumeGatewayURL string                 `json:"resume_gateway_url"`
	Application      *discordgo.Application `json:"application"`
	Guilds           []*discordgo.Guild     `json:"guilds"`
	PrivateChannels  []*discordgo.Channel   `json:"private_channels"`
	Shard            *[2]int                `json:"shard,omitempty"`
}

// Identification is an Identify payload the gateway accepted. It is not
// discordgo.Identify because that type cannot decode what it encodes: its
// presence's created_at goes out as a time string and comes back as a number.
type Identification struct {
	Token          string           `json:"token"`
	Intents        discordgo.Intent `json:"intents"`
	Shard          *[2]int          `json:"shard"`
	Compress       bool             `json:"compress"`
	LargeThreshold int              `json:"large_threshold"`
	// Raw is the whole payload's d field, presence and properties included.
	Raw json.RawMessage `json:"-"`
}

func (f *Fake) identify(c *gatewayConn, raw json.RawMessage) bool {
	var id Identification
	id.Raw = raw
	if err := json.Unmarshal(raw, &id); err != nil {
		f.lg.Warn("identify is not valid JSON", "err", err)
		c.closeWith(closeDecodeError, "Error while decoding payload.")
		return false
	}
	f.mu.Lock()
	code, reason := 0, ""
	switch {
	case c.session != nil:
		code, reason = closeAlreadyAuthenticated, "Already authenticated."
	case !f.tokenOK(id.Token):
		code, reason = closeAuthenticationFailed, "Authentication failed."
	case id.Shard != nil && (id.Shard[1] < 1 || id.Shard[0] < 0 || id.Shard[0] >= id.Shard[1]):
		code, reason = closeInvalidShard, "Invalid shard."
	case id.Intents&privilegedIntents&^f.cfg.enabledIntents != 0:
		code, reason = closeDisallowedIntents, "Disallowed intent(s)."
	}
	if code != 0 {
		f.mu.Unlock()
		f.lg.Warn("identify rejected", "close_code", code, "reason", reason, "intents", int64(id.Intents))
		c.closeWith(code, reason)
		return false
	}
	s := &gatewaySession{id: "fake-session-" + f.snowflakeLocked(), shard: id.Shard, intents: id.Intents}
	f.sessions[s.id] = s
	f.identifies = append(f.identifies, id)
	f.notifyLocked()
	f.mu.Unlock()

	ready, err := json.Marshal(readyData{
		Version:          9,
		User:             f.botUser(),
		SessionID:        s.id,
		ResumeGatewayURL: f.GatewayURL(),
		Application:      &discordgo.Application{ID: f.cfg.appID},
		Guilds:           []*discordgo.Guild{},
		PrivateChannels:  []*discordgo.Channel{},
		Shard:            id.Shard,
	})
	if err != nil {
		f.lg.Error("encode READY", "err", err)
		return false
	}
	if _, err := c.dispatch(time.Now().Add(writeTimeout), s, "READY", ready); err != nil {
		f.lg.Warn("send READY", "err", err)
		return false
	}
	f.goLive(c, s)
	f.lg.Info("gateway identified", "session", s.id, "intents", int64(id.Intents))
	return true
}

func (f *Fake) resume(c *gatewayConn, raw json.RawMessage) bool {
	var p struct {
		Token     string `json:"token"`
		SessionID string `json:"session_id"`
		Seq       int64  `json:"seq"`
	}
	if err := json.Unmarshal(raw, &p); err != nil {
		f.lg.Warn("resume is not valid JSON", "err", err)
		c.closeWith(closeDecodeError, "Error while decoding payload.")
		return false
	}
	f.mu.Lock()
	if c.session != nil {
		f.mu.Unlock()
		c.closeWith(closeAlreadyAuthenticated, "Already authenticated.")
		return false
	}
	if !f.tokenOK(p.Token) {
		f.mu.Unlock()
		c.closeWith(closeAuthenticationFailed, "Authentication failed.")
		return false
	}
	s := f.sessions[p.SessionID]
	if s == nil || f.cfg.noResume {
		f.mu.Unlock()
		f.lg.Info("resume refused with invalid session", "session", p.SessionID)
		if err := c.write(time.Now().Add(writeTimeout), frame{Op: opInvalidSession, D: false}); err != nil {
			f.lg.Debug("send invalid session", "err", err)
			return false
		}
		return true // the client may Identify on this connection
	}
	// The client has left any other connection of this session: stop
	// dispatching there, so every event is either replayed below or sent
	// again by Dispatch on this connection.
	if f.live != nil && f.live.session == s {
		f.live = nil
		f.notifyLocked()
	}
	for oc := range f.open {
		if oc != c && oc.session == s {
			oc.retired.Store(true)
		}
	}
	f.resumes++
	f.mu.Unlock()

	s.mu.Lock()
	defer s.mu.Unlock()
	deadline := time.Now().Add(writeTimeout)
	replayed := 0
	for _, ev := range s.events {
		if ev.seq <= p.Seq {
			continue
		}
		if err := c.write(deadline, frame{Op: opDispatch, D: ev.data, S: &ev.seq, T: &ev.t}); err != nil {
			f.lg.Warn("replay on resume", "err", err)
			return false
		}
		replayed++
	}
	seq, t := s.seq+1, "RESUMED"
	if err := c.write(deadline, frame{Op: opDispatch, D: json.RawMessage(`{}`), S: &seq, T: &t}); err != nil {
		f.lg.Warn("send RESUMED", "err", err)
		return false
	}
	s.seq = seq
	f.goLive(c, s)
	f.lg.Info("gateway resumed", "session", s.id, "client_seq", p.Seq, "replayed", replayed)
	return true
}

// goLive makes c the connection dispatches go to, unless it was dropped or
// the fake closed while READY or RESUMED was being written.
func (f *Fake) goLive(c *gatewayConn, s *gatewaySession) {
	f.mu.Lock()
	defer f.mu.Unlock()
	c.session = s
	if !c.dropped && !f.closed {
		f.live = c
	}
	f.notifyLocked()
}

// DropConnection closes every open gateway websocket without a close frame,
// as a network failure would, so discordgo reconnects and resumes.
func (f *Fake) DropConnection() {
	f.mu.Lock()
	conns := make([]*gatewayConn, 0, len(f.open))
	for c := range f.open {
		c.dropped = true
		conns = append(conns, c)
	}
	f.live = nil
	f.notifyLocked()
	f.mu.Unlock()
	for _, c := range conns {
		c.ws.Close()
	}
	f.lg.Info("gateway connections dropped", "count", len(conns))
}

// Dispatch sends an op 0 event of the given type on the live gateway
// connection, waiting until ctx ends for one to be identified or resumed.
// data is encoded with encoding/json; a json.RawMessage is sent as it is.
// If the connection drops while the event is written, Dispatch waits for the
// client to come back and sends it again.
func (f *Fake) Dispatch(ctx context.Context, eventType string, data any) error {
	raw, ok := data.(json.RawMessage)
	if !ok {
		var err error
		if raw, err = json.Marshal(data); err != nil {
			return fmt.Errorf("dispatch %s: encode data: %w", eventType, err)
		}
	}
	deadline, ok := ctx.Deadline()
	if !ok {
		deadline = time.Now().Add(writeTimeout)
	}
	for {
		var c *gatewayConn
		var s *gatewaySession
		err := f.wait(ctx, func() bool {
			if f.live == nil {
				return false
			}
			c, s = f.live, f.live.session
			return true
		})
		if err != nil {
			return fmt.Errorf("dispatch %s: wait for an identified gateway connection: %w", eventType, err)
		}
		seq, err := c.dispatch(deadline, s, eventType, raw)
		if err == nil {
			f.lg.Debug("dispatched", "t", eventType, "s", seq)
			return nil
		}
		f.mu.Lock()
		stillLive := f.live == c
		f.mu.Unlock()
		if stillLive {
			return fmt.Errorf("dispatch %s: %w", eventType, err)
		}
		f.lg.Debug("connection dropped during dispatch; waiting for the next", "t", eventType, "err", err)
	}
}
