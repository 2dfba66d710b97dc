package discordfake

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"
)

// ErrNotDelivered is returned (wrapped) by PostMessage when the message was
// stored but Discord would not have dispatched it to the bot: the session
// did not ask for the intent that carries it (GUILD_MESSAGES in a server,
// DIRECT_MESSAGES in a DM).
var ErrNotDelivered = errors.New("discordfake: message not dispatched: the session lacks the intent")

// A Post is a message a user sends, as PostMessage takes it.
type Post struct {
	// ChannelID is where it is sent; GuildID is its server, "" for a DM.
	ChannelID, GuildID string
	// Author sent it; set Bot on a bot's message.
	Author *discordgo.User
	// Content is the text as typed, mentions as Discord writes them
	// ("<@id>", "<@&role>"). The fake lists the user and role mentions it
	// holds, as Discord does.
	Content string
	// ReplyTo is the ID of the message it replies to, in the same channel;
	// "" for none. ReplyPing leaves the reply's ping on, which lists the
	// replied-to author among the mentions (Discord's client default).
	ReplyTo   string
	ReplyPing bool
	// WebhookID marks a message a webhook sent.
	WebhookID string
	// Type is the message type; zero means DEFAULT, or REPLY with ReplyTo.
	Type discordgo.MessageType

	id string // set by PostForum: the starter message has the thread's ID
}

// mentionRE finds user (<@id>, <@!id>) and role (<@&id>) mentions.
var mentionRE = regexp.MustCompile(`<@([!&]?)(\d+)>`)

// PostMessage sends p as if a user had, and dispatches MESSAGE_CREATE to
// the bot (which also gets one for each message it sends itself), waiting until ctx ends for a live gateway connection. As on
// Discord, the event carries the message's content (and embeds,
// attachments, components) only if the session asked for MESSAGE_CONTENT,
// the bot is among its mentions, it is a DM, or the bot wrote it; a reply
// carries the message it replies to as referenced_message, read the same
// way (null with WithoutReferencedMessages). It returns the message as
// stored, content included, and ErrNotDelivered (wrapped) when the session
// lacks the intent to receive it at all.
func (f *Fake) PostMessage(ctx context.Context, p Post) (*discordgo.Message, error) {
	if p.ChannelID == "" || p.Author == nil || p.Author.ID == "" {
		return nil, errors.New("post message: need a channel and an author with an ID")
	}
	var intents discordgo.Intent
	if err := f.wait(ctx, func() bool {
		if f.live == nil {
			return false
		}
		intents = f.live.session.intents
		return true
	}); err != nil {
		return nil, fmt.Errorf("post message: wait for an identified gateway connection: %w", err)
	}

	f.mu.Lock()
	obj, err := f.storePostLocked(p)
	if err != nil {
		f.mu.Unlock()
		return nil, fmt.Errorf("post message: %w", err)
	}
	event := f.viewLocked(obj, intents&discordgo.IntentMessageContent != 0)
	if ref, ok := obj["referenced_message"].(map[string]any); ok {
		if f.cfg.noReferenced {
			event["referenced_message"] = nil
		} else {
			event["referenced_message"] = f.viewLocked(ref, intents&discordgo.IntentMessageContent != 0)
		}
	}
	stored, err := json.Marshal(obj)
	f.mu.Unlock()
	if err != nil {
		return nil, fmt.Errorf("post message: encode: %w", err)
	}
	var m discordgo.Message
	if err := json.Unmarshal(stored, &m); err != nil {
		return nil, fmt.Errorf("post message: decode: %w", err)
	}

	need := discordgo.IntentGuildMessages
	if p.GuildID == "" {
		need = discordgo.IntentDirectMessages
	}
	if intents&need == 0 {
		f.lg.Info("message not dispatched: the session lacks the intent", "message", m.ID, "intent", int64(need))
		return &m, fmt.Errorf("post message %s: %w (%d)", m.ID, ErrNotDelivered, need)
	}
	raw, err := json.Marshal(event)
	if err != nil {
		return nil, fmt.Errorf("post message: encode event: %w", err)
	}
	if err := f.Dispatch(ctx, "MESSAGE_CREATE", json.RawMessage(raw)); err != nil {
		return &m, fmt.Errorf("post message: %w", err)
	}
	return &m, nil
}

// storePostLocked stores p as a message and returns its object. The caller
// holds f.mu.
func (f *Fake) storePostLocked(p Post) (map[string]any, error) {
	ch := f.channelLocked(p.ChannelID, p.GuildID)
	author := map[string]any{"id": p.Author.ID, "username": p.Author.Username, "discriminator": "0", "bot": p.Author.Bot}
	id := p.id
	if id == "" {
		id = f.snowflakeLocked()
	}
	typ := p.Type
	obj := map[string]any{
		"id": id, "channel_id": p.ChannelID, "author": author, "content": p.Content,
		"timestamp": time.Now().UTC().Format(time.RFC3339Nano), "tts": false,
		"mention_everyone": false, "embeds": []any{}, "attachments": []any{}, "components": []any{},
		"pinned": false,
	}
	if ch.GuildID != "" {
		obj["guild_id"] = ch.GuildID
	}
	if p.WebhookID != "" {
		obj["webhook_id"] = p.WebhookID
	}
	users, roles := []any{}, []any{}
	seen := map[string]bool{}
	addUser := func(id string, user any) {
		if !seen[id] {
			seen[id] = true
			users = append(users, user)
		}
	}
	for _, m := range mentionRE.FindAllStringSubmatch(p.Content, -1) {
		switch {
		case m[1] == "&":
			roles = append(roles, m[2])
		case m[2] == f.cfg.botUserID:
			addUser(m[2], f.botUser())
		default:
			addUser(m[2], map[string]any{"id": m[2], "username": "user-" + m[2], "discriminator": "0"})
		}
	}
	if p.ReplyTo != "" {
		target := f.messages[p.ReplyTo]
		if target == nil || target.deleted || target.obj["channel_id"] != p.ChannelID {
			return nil, fmt.Errorf("reply to %s: no such message in channel %s", p.ReplyTo, p.ChannelID)
		}
		ref := map[string]any{"message_id": p.ReplyTo, "channel_id": p.ChannelID}
		if ch.GuildID != "" {
			ref["guild_id"] = ch.GuildID
		}
		obj["message_reference"] = ref
		obj["referenced_message"] = withoutReference(target.obj)
		if p.ReplyPing {
			if a, ok := target.obj["author"].(map[string]any); ok {
				id, _ := a["id"].(string)
				addUser(id, a)
			}
		}
		if typ == 0 {
			typ = discordgo.MessageTypeReply
		}
	}
	obj["mentions"], obj["mention_roles"], obj["type"] = users, roles, int(typ)
	f.messages[id] = &message{obj: obj}
	f.notifyLocked()
	return obj, nil
}

// withoutReference is a message as another's referenced_message shows it:
// Discord nests one level only.
func withoutReference(obj map[string]any) map[string]any {
	c := maps.Clone(obj)
	delete(c, "referenced_message")
	return c
}

// viewLocked is a message as the bot may read it: without content,
// embeds, attachments and components unless canRead (the Message Content
// intent), the bot wrote it, the bot is mentioned, or it is a DM. The
// caller holds f.mu.
func (f *Fake) viewLocked(obj map[string]any, canRead bool) map[string]any {
	v := maps.Clone(obj)
	if canRead || obj["guild_id"] == nil || obj["guild_id"] == "" {
		return v
	}
	if a, ok := obj["author"].(map[string]any); ok && a["id"] == f.cfg.botUserID {
		return v
	}
	mentions, _ := obj["mentions"].([]any)
	for _, m := range mentions {
		if u, ok := m.(map[string]any); ok && u["id"] == f.cfg.botUserID {
			return v
		}
	}
	v["content"], v["embeds"], v["attachments"], v["components"] = "", []any{}, []any{}, []any{}
	return v
}

// canReadREST is whether REST reads show other users' content: the app
// has the Message Content intent enabled.
func (f *Fake) canReadREST() bool { return f.cfg.enabledIntents&discordgo.IntentMessageContent != 0 }

// postChannelMessage creates a message as the bot (POST
// /channels/{channel}/messages): checked by discordspec, into a channel the
// fake knows, replying to a message of that channel when message_reference
// names one. A reference to a message that is not there fails unless
// fail_if_not_exists is false, when the message goes without it, as on
// Discord.
func (f *Fake) postChannelMessage(req *Request) reply {
	ch := f.channels[req.Params["channel"]]
	if ch == nil {
		return errUnknownChannel
	}
	body, err := decodeObject(req.Body)
	if err != nil || body == nil {
		return errInvalidJSON
	}
	if rep, bad := refuse(f.spec.ValidateMessageCreateJSON(req.Body), len(req.Files)); bad {
		return rep
	}
	obj := map[string]any{}
	for k, v := range body {
		if !notMessageFields[k] && k != "message_reference" {
			obj[k] = v
		}
	}
	id := f.snowflakeLocked()
	obj["id"], obj["channel_id"], obj["author"] = id, ch.ID, f.botUser()
	obj["timestamp"] = time.Now().UTC().Format(time.RFC3339Nano)
	obj["type"] = int(discordgo.MessageTypeDefault)
	obj["mentions"], obj["mention_roles"] = []any{}, []any{}
	if ch.GuildID != "" {
		obj["guild_id"] = ch.GuildID
	}
	if ref, ok := body["message_reference"].(map[string]any); ok {
		mid, _ := ref["message_id"].(string)
		target := f.messages[mid]
		if target == nil || target.deleted || target.obj["channel_id"] != ch.ID {
			if failIfMissing, ok := ref["fail_if_not_exists"].(bool); !ok || failIfMissing {
				return invalidForm("message_reference", "MESSAGE_REFERENCE_UNKNOWN_MESSAGE", "Unknown message")
			}
		} else {
			r := map[string]any{"message_id": mid, "channel_id": ch.ID}
			if ch.GuildID != "" {
				r["guild_id"] = ch.GuildID
			}
			obj["message_reference"], obj["referenced_message"] = r, withoutReference(target.obj)
			obj["type"] = int(discordgo.MessageTypeReply)
			// Discord pings the replied-to author unless allowed_mentions
			// says replied_user false (its default once allowed_mentions is
			// sent).
			am, sent := body["allowed_mentions"].(map[string]any)
			if replied, _ := am["replied_user"].(bool); !sent || replied {
				if a, ok := target.obj["author"].(map[string]any); ok {
					obj["mentions"] = []any{a}
				}
			}
		}
	}
	if len(req.Files) > 0 {
		atts := make([]any, len(req.Files))
		for i, file := range req.Files {
			atts[i] = map[string]any{"id": f.snowflakeLocked(), "filename": file.Name, "content_type": file.ContentType, "size": len(file.Data)}
		}
		obj["attachments"] = atts
	}
	m := &message{obj: obj}
	f.messages[id] = m
	f.echoLocked(obj)
	return m.encodeLocked()
}

// echoLocked dispatches MESSAGE_CREATE for a message the bot just sent, as
// Discord does to a session with GUILD_MESSAGES (DIRECT_MESSAGES in a DM),
// after the REST call has been answered: Discord orders the two in no
// fixed way. The caller holds f.mu.
func (f *Fake) echoLocked(obj map[string]any) {
	if f.live == nil || f.closed {
		return
	}
	need := discordgo.IntentGuildMessages
	if g, _ := obj["guild_id"].(string); g == "" {
		need = discordgo.IntentDirectMessages
	}
	if f.live.session.intents&need == 0 {
		return
	}
	raw, err := json.Marshal(obj)
	if err != nil {
		f.lg.Error("encode the bot's message for MESSAGE_CREATE", "err", err)
		return
	}
	f.background.Add(1)
	go func() {
		defer f.background.Done()
		ctx, cancel := context.WithTimeout(context.Background(), writeTimeout)
		defer cancel()
		if err := f.Dispatch(ctx, "MESSAGE_CREATE", json.RawMessage(raw)); err != nil && !errors.Is(err, ErrClosed) {
			f.lg.Warn("dispatch the bot's own message", "err", err)
		}
	}()
}

// getChannelMessage reads one message of a channel (GET
// /channels/{channel}/messages/{message}).
func (f *Fake) getChannelMessage(req *Request) reply {
	if f.channels[req.Params["channel"]] == nil {
		return errUnknownChannel
	}
	m := f.messages[req.Params["message"]]
	if m == nil || m.deleted || m.obj["channel_id"] != req.Params["channel"] {
		return errUnknownMessage
	}
	return (&message{obj: f.viewLocked(m.obj, f.canReadREST())}).encodeLocked()
}

// getChannelMessages lists a channel's messages newest first (GET
// /channels/{channel}/messages), at most limit (1 to 100, default 50),
// before or after a message ID as the query says. (Discord's around is
// not served.)
func (f *Fake) getChannelMessages(req *Request) reply {
	ch := f.channels[req.Params["channel"]]
	if ch == nil {
		return errUnknownChannel
	}
	limit := 50
	if v := req.Query.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			return invalidForm("limit", "NUMBER_TYPE_MAX", "int value should be between 1 and 100")
		}
		limit = n
	}
	if req.Query.Get("around") != "" {
		return fail(http.StatusBadRequest, 0, "discordfake: around is not supported; use before or after")
	}
	before, after := snowflake(req.Query.Get("before")), snowflake(req.Query.Get("after"))
	var all []*message
	for _, m := range f.messages {
		if !m.deleted && m.obj["channel_id"] == ch.ID {
			all = append(all, m)
		}
	}
	slices.SortFunc(all, func(a, b *message) int { return -cmpID(a, b) })
	var out []any
	for _, m := range all {
		id := idOf(m)
		if (before > 0 && id >= before) || (after > 0 && id <= after) || len(out) == limit {
			continue
		}
		out = append(out, f.viewLocked(m.obj, f.canReadREST()))
	}
	if out == nil {
		out = []any{}
	}
	return reply{http.StatusOK, out}
}

func snowflake(s string) uint64 {
	n, _ := strconv.ParseUint(s, 10, 64)
	return n
}

func idOf(m *message) uint64 {
	id, _ := m.obj["id"].(string)
	return snowflake(id)
}

func cmpID(a, b *message) int {
	x, y := idOf(a), idOf(b)
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

// ChannelMessages returns the messages of a channel that were not deleted,
// oldest first, content included, as they stand after any edits.
func (f *Fake) ChannelMessages(channelID string) ([]*discordgo.Message, error) {
	out, err := f.copies(func() []*message {
		var all []*message
		for _, m := range f.messages {
			if !m.deleted && m.obj["channel_id"] == channelID {
				all = append(all, m)
			}
		}
		slices.SortFunc(all, cmpID)
		return all
	})
	if err != nil {
		return nil, fmt.Errorf("messages of channel %s: %w", channelID, err)
	}
	return out, nil
}

// copies returns, as a client would read them, the messages pick chooses
// while f.mu is held: they are encoded under the lock, as they stand, and
// decoded after it is let go.
func (f *Fake) copies(pick func() []*message) ([]*discordgo.Message, error) {
	f.mu.Lock()
	ms := pick()
	raws := make([][]byte, 0, len(ms))
	for _, m := range ms {
		raw, err := json.Marshal(m.obj)
		if err != nil {
			f.mu.Unlock()
			return nil, fmt.Errorf("encode message: %w", err)
		}
		raws = append(raws, raw)
	}
	f.mu.Unlock()
	out := make([]*discordgo.Message, 0, len(raws))
	for _, raw := range raws {
		var m discordgo.Message
		if err := json.Unmarshal(raw, &m); err != nil {
			return nil, fmt.Errorf("decode message: %w", err)
		}
		out = append(out, &m)
	}
	return out, nil
}

// Message returns a message the fake holds, content included, or an error
// if there is none or it was deleted.
func (f *Fake) Message(id string) (*discordgo.Message, error) {
	f.mu.Lock()
	var raw []byte
	var err error
	if m := f.messages[id]; m != nil && !m.deleted {
		raw, err = json.Marshal(m.obj)
	}
	f.mu.Unlock()
	if err != nil {
		return nil, fmt.Errorf("encode message %s: %w", id, err)
	}
	if raw == nil {
		return nil, fmt.Errorf("no message %s", id)
	}
	var m discordgo.Message
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("decode message %s: %w", id, err)
	}
	return &m, nil
}
