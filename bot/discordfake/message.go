package discordfake

import (
	"bytes"
	"encoding/json"
	"maps"
	"net/http"
	"time"
)

// flagLoading is set on a deferred response until it is edited.
const flagLoading = 1 << 7

// message is a message the bot created through an interaction. Its body is
// kept as generic JSON so an edit can replace exactly the fields it names.
type message struct {
	interactionID string
	obj           map[string]any
	deleted       bool
}

// notMessageFields are request fields that steer how a message is sent but
// are not part of the message Discord stores.
var notMessageFields = map[string]bool{
	"allowed_mentions": true, "username": true, "avatar_url": true,
	"thread_name": true, "applied_tags": true, "choices": true,
	"custom_id": true, "title": true,
}

// decodeObject decodes a JSON object keeping numbers exact; null or empty
// input gives a nil map.
func decodeObject(raw []byte) (map[string]any, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var obj map[string]any
	if err := dec.Decode(&obj); err != nil {
		return nil, err
	}
	return obj, nil
}

// intField reads a JSON number field; absent or malformed reads as 0.
func intField(obj map[string]any, key string) int64 {
	switch v := obj[key].(type) {
	case json.Number:
		n, _ := v.Int64()
		return n
	case float64:
		return int64(v)
	case int64:
		return v
	}
	return 0
}

func listLen(obj map[string]any, key string) int {
	l, _ := obj[key].([]any)
	return len(l)
}

func isEmpty(obj map[string]any) bool {
	content, _ := obj["content"].(string)
	return content == "" && obj["poll"] == nil &&
		listLen(obj, "embeds") == 0 && listLen(obj, "components") == 0 &&
		listLen(obj, "sticker_ids") == 0 && listLen(obj, "attachments") == 0
}

// newMessageLocked stores a message the bot sent for interaction it. The
// caller holds f.mu.
func (f *Fake) newMessageLocked(it *interaction, fields map[string]any, files []File) *message {
	obj := map[string]any{}
	for k, v := range fields {
		if !notMessageFields[k] {
			obj[k] = v
		}
	}
	id := f.snowflakeLocked()
	obj["id"] = id
	obj["channel_id"] = it.channelID
	obj["author"] = f.botUser()
	obj["application_id"] = f.cfg.appID
	obj["webhook_id"] = f.cfg.appID
	obj["type"] = it.messageType()
	obj["timestamp"] = time.Now().UTC().Format(time.RFC3339Nano)
	if len(files) > 0 {
		atts := make([]any, len(files))
		for i, file := range files {
			atts[i] = map[string]any{
				"id": f.snowflakeLocked(), "filename": file.Name,
				"content_type": file.ContentType, "size": len(file.Data),
			}
		}
		obj["attachments"] = atts
	}
	m := &message{interactionID: it.id, obj: obj}
	f.messages[id] = m
	return m
}

// encodeLocked snapshots the message for a reply; the map may change once
// f.mu is released.
func (m *message) encodeLocked() reply {
	raw, err := json.Marshal(m.obj)
	if err != nil {
		return fail(http.StatusInternalServerError, 0, "discordfake: encode message: "+err.Error())
	}
	return reply{http.StatusOK, json.RawMessage(raw)}
}

// webhookLocked finds the interaction whose token authorises a webhook
// route. Discord knows the webhook only once the interaction is acknowledged.
func (f *Fake) webhookLocked(req *Request) (*interaction, *reply) {
	if req.Params["app"] != f.cfg.appID {
		return nil, &errUnknownWebhook
	}
	it := f.byToken[req.Params["token"]]
	if it == nil {
		return nil, &errInvalidToken
	}
	if it.callback == nil {
		return nil, &errUnknownWebhook
	}
	return it, nil
}

// webhookMessageLocked finds a message of the interaction; "@original" is
// the callback's message.
func (f *Fake) webhookMessageLocked(req *Request) (*message, *reply) {
	it, rep := f.webhookLocked(req)
	if rep != nil {
		return nil, rep
	}
	id := req.Params["message"]
	if id == "@original" {
		id = it.originalID
	}
	m := f.messages[id]
	if m == nil || m.deleted || m.interactionID != it.id {
		return nil, &errUnknownMessage
	}
	return m, nil
}

// postFollowup creates a followup. Discord always waits for interaction
// followups, so the created message is answered whatever ?wait says.
func (f *Fake) postFollowup(req *Request) reply {
	it, rep := f.webhookLocked(req)
	if rep != nil {
		return *rep
	}
	obj, err := decodeObject(req.Body)
	if err != nil || obj == nil {
		return errInvalidJSON
	}
	if rep, bad := refuse(f.spec.ValidateFollowupJSON(req.Body), len(req.Files)); bad {
		return rep
	}
	m := f.newMessageLocked(it, obj, req.Files)
	it.followups = append(it.followups, m.obj["id"].(string))
	return m.encodeLocked()
}

func (f *Fake) getWebhookMessage(req *Request) reply {
	m, rep := f.webhookMessageLocked(req)
	if rep != nil {
		return *rep
	}
	return m.encodeLocked()
}

// patchWebhookMessage replaces the fields the edit names. An edit ends the
// loading state of a deferred response, and may not leave the message empty.
func (f *Fake) patchWebhookMessage(req *Request) reply {
	m, rep := f.webhookMessageLocked(req)
	if rep != nil {
		return *rep
	}
	edit, err := decodeObject(req.Body)
	if err != nil || edit == nil {
		return errInvalidJSON
	}
	if rep, bad := refuse(f.spec.ValidateEditJSON(req.Body), len(req.Files)); bad {
		return rep
	}
	next := maps.Clone(m.obj)
	for k, v := range edit {
		if !notMessageFields[k] {
			next[k] = v
		}
	}
	if flags := intField(next, "flags"); flags&flagLoading != 0 {
		next["flags"] = flags &^ flagLoading
	}
	if isEmpty(next) && len(req.Files) == 0 {
		return errEmptyMessage
	}
	next["edited_timestamp"] = time.Now().UTC().Format(time.RFC3339Nano)
	m.obj = next
	return m.encodeLocked()
}

func (f *Fake) deleteWebhookMessage(req *Request) reply {
	m, rep := f.webhookMessageLocked(req)
	if rep != nil {
		return *rep
	}
	m.deleted = true
	return reply{status: http.StatusNoContent}
}

// deleteChannelMessage answers 204 for any message, since the bot may delete
// messages the fake never saw; a message the fake stored is marked deleted.
func (f *Fake) deleteChannelMessage(req *Request) reply {
	if m := f.messages[req.Params["message"]]; m != nil && m.obj["channel_id"] == req.Params["channel"] {
		m.deleted = true
	}
	return reply{status: http.StatusNoContent}
}
