package discordfake

import (
	"encoding/json"
	"net/http"
)

// reply is what a route handler answers; handle writes it.
type reply struct {
	status int
	body   any // nil for no body; json.RawMessage is written as it is
}

// apiError is Discord's JSON error body. discordgo reads code and message;
// errors carries the field-level detail of a 50035 Invalid Form Body.
type apiError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
	Errors  any    `json:"errors,omitempty"`
}

func fail(status, code int, message string) reply {
	return reply{status, apiError{Code: code, Message: message}}
}

// invalidForm is Discord's 50035 answer naming the offending field.
func invalidForm(field, code, detail string) reply {
	return reply{http.StatusBadRequest, apiError{
		Code:    50035,
		Message: "Invalid Form Body",
		Errors:  map[string]any{field: map[string]any{"_errors": []map[string]string{{"code": code, "message": detail}}}},
	}}
}

// Discord's JSON error codes the fake answers with.
var (
	errNotFound           = fail(http.StatusNotFound, 0, "404: Not Found")
	errUnauthorized       = fail(http.StatusUnauthorized, 0, "401: Unauthorized")
	errMissingAccess      = fail(http.StatusForbidden, 50001, "Missing Access")
	errUnknownWebhook     = fail(http.StatusNotFound, 10015, "Unknown Webhook")
	errUnknownMessage     = fail(http.StatusNotFound, 10008, "Unknown Message")
	errUnknownInteraction = fail(http.StatusNotFound, 10062, "Unknown interaction")
	errInvalidToken       = fail(http.StatusUnauthorized, 50027, "Invalid Webhook Token")
	errAlreadyAcked       = fail(http.StatusBadRequest, 40060, "Interaction has already been acknowledged.")
	errEmptyMessage       = fail(http.StatusBadRequest, 50006, "Cannot send an empty message")
	errInvalidJSON        = fail(http.StatusBadRequest, 50109, "The request body contains invalid JSON.")
)

// routes registers every endpoint. Patterns are matched on the path the
// client sent, which HTTPClient keeps as discordgo built it.
func (f *Fake) routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /gateway", f.serveGateway)
	mux.HandleFunc("GET /gateway/{$}", f.serveGateway) // discordgo appends a slash

	const api = "/api/v9"
	f.handle(mux, "GET "+api+"/gateway", RouteGateway, false, f.getGateway)
	f.handle(mux, "GET "+api+"/gateway/bot", RouteGatewayBot, true, f.getGatewayBot)
	f.handle(mux, "GET "+api+"/users/@me", RouteCurrentUser, true, f.getCurrentUser)
	f.handle(mux, "PUT "+api+"/applications/{app}/commands", RouteCommandsOverwrite, true, f.putCommands)
	f.handle(mux, "PUT "+api+"/applications/{app}/guilds/{guild}/commands", RouteCommandsOverwrite, true, f.putCommands)
	f.handle(mux, "GET "+api+"/applications/{app}/commands", RouteCommandsList, true, f.getCommands)
	f.handle(mux, "GET "+api+"/applications/{app}/guilds/{guild}/commands", RouteCommandsList, true, f.getCommands)
	// Interaction tokens authorise these four; Discord ignores Authorization.
	f.handle(mux, "POST "+api+"/interactions/{interaction}/{token}/callback", RouteInteractionCallback, false, f.postCallback)
	f.handle(mux, "POST "+api+"/webhooks/{app}/{token}", RouteFollowupCreate, false, f.postFollowup)
	f.handle(mux, "GET "+api+"/webhooks/{app}/{token}/messages/{message}", RouteWebhookMessageGet, false, f.getWebhookMessage)
	f.handle(mux, "PATCH "+api+"/webhooks/{app}/{token}/messages/{message}", RouteWebhookMessageEdit, false, f.patchWebhookMessage)
	f.handle(mux, "DELETE "+api+"/webhooks/{app}/{token}/messages/{message}", RouteWebhookMessageDelete, false, f.deleteWebhookMessage)
	f.handle(mux, "DELETE "+api+"/channels/{channel}/messages/{message}", RouteChannelMessageDelete, true, f.deleteChannelMessage)
	f.handle(mux, "POST "+api+"/channels/{channel}/messages", RouteChannelMessageCreate, true, f.postChannelMessage)
	f.handle(mux, "GET "+api+"/channels/{channel}/messages/{message}", RouteChannelMessageGet, true, f.getChannelMessage)
	f.handle(mux, "GET "+api+"/channels/{channel}/messages", RouteChannelMessagesList, true, f.getChannelMessages)
	f.handle(mux, "GET "+api+"/channels/{channel}", RouteChannelGet, true, f.getChannel)
	f.handle(mux, "GET "+api+"/guilds/{guild}/roles", RouteGuildRoles, true, f.getGuildRoles)
	f.handle(mux, "/", RouteUnknown, false, func(*Request) reply { return errNotFound })
}

// handle serves one route: it reads and records the request and runs h with
// f.mu held, so what h changes and the request record appear together to
// waiters. h must not block.
func (f *Fake) handle(mux *http.ServeMux, pattern string, route Route, needsAuth bool, h func(*Request) reply) {
	mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		req, readErr := readRequest(r, route, f.cfg.token)
		f.mu.Lock()
		var rep reply
		switch {
		case readErr != nil:
			rep = errInvalidJSON
		case needsAuth && !req.BotAuth:
			rep = errUnauthorized
		default:
			rep = h(req)
		}
		req.Seq = len(f.requests) + 1
		req.Status = rep.status
		f.requests = append(f.requests, *req)
		f.notifyLocked()
		f.mu.Unlock()

		attrs := []any{"route", string(route), "status", rep.status}
		for _, name := range []string{"app", "guild", "interaction", "message", "channel"} {
			if v := req.Params[name]; v != "" {
				attrs = append(attrs, name, v)
			}
		}
		if route == RouteUnknown {
			attrs = append(attrs, "method", r.Method, "path", redactPath(r.URL.Path))
		}
		switch {
		case readErr != nil:
			f.lg.Warn("unreadable request", append(attrs, "err", readErr)...)
		case route == RouteUnknown || rep.status >= 400:
			if e, ok := rep.body.(apiError); ok {
				attrs = append(attrs, "code", e.Code, "message", e.Message)
			}
			f.lg.Warn("request refused", attrs...)
		default:
			f.lg.Debug("request", attrs...)
		}
		writeReply(w, rep)
	})
}

func writeReply(w http.ResponseWriter, rep reply) {
	if rep.body == nil {
		w.WriteHeader(rep.status)
		return
	}
	raw, ok := rep.body.(json.RawMessage)
	if !ok {
		var err error
		if raw, err = json.Marshal(rep.body); err != nil {
			http.Error(w, "discordfake: encode reply: "+err.Error(), http.StatusInternalServerError)
			return
		}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(rep.status)
	w.Write(raw)
}

func (f *Fake) getGateway(*Request) reply {
	return reply{http.StatusOK, map[string]string{"url": f.GatewayURL()}}
}

func (f *Fake) getGatewayBot(*Request) reply {
	return reply{http.StatusOK, map[string]any{
		"url":    f.GatewayURL(),
		"shards": 1,
		"session_start_limit": map[string]int{
			"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1,
		},
	}}
}

func (f *Fake) getCurrentUser(*Request) reply {
	return reply{http.StatusOK, f.botUser()}
}

func (f *Fake) botUser() map[string]any {
	return map[string]any{"id": f.cfg.botUserID, "username": f.cfg.botUsername, "discriminator": "0", "bot": true}
}
