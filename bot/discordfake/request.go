package discordfake

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// Route names a REST endpoint the fake serves, so tests can match requests
// without parsing paths.
type Route string

// The routes the fake knows. Commands routes serve both the global and the
// guild scope; Request.Params["guild"] tells them apart.
const (
	RouteGateway              Route = "GET /gateway"
	RouteGatewayBot           Route = "GET /gateway/bot"
	RouteCurrentUser          Route = "GET /users/@me"
	RouteCommandsOverwrite    Route = "PUT commands"
	RouteCommandsList         Route = "GET commands"
	RouteInteractionCallback  Route = "POST interaction callback"
	RouteFollowupCreate       Route = "POST followup"
	RouteWebhookMessageGet    Route = "GET webhook message"
	RouteWebhookMessageEdit   Route = "PATCH webhook message"
	RouteWebhookMessageDelete Route = "DELETE webhook message"
	RouteChannelMessageDelete Route = "DELETE channel message"
	RouteChannelMessageCreate Route = "POST channel message"
	RouteChannelMessageGet    Route = "GET channel message"
	RouteChannelMessagesList  Route = "GET channel messages"
	RouteChannelGet           Route = "GET channel"
	RouteGuildRoles           Route = "GET guild roles"
	// RouteEndpointResponse is not a REST call but the response of an HTTP
	// interactions endpoint to Deliver, which is that interaction's
	// callback.
	RouteEndpointResponse Route = "endpoint response"
	// RouteUnknown marks a request no route matched. It was answered 404,
	// and Close fails the test for it unless AllowUnknownRoutes was given.
	RouteUnknown Route = "unknown"
)

// Request is one REST request as the fake received it.
type Request struct {
	// Seq numbers requests from 1 in the order the fake answered them.
	Seq    int
	Route  Route
	Method string
	Path   string
	Query  url.Values
	// Params holds the path's variable parts by name: app, guild,
	// interaction, token, message, channel.
	Params map[string]string
	// Header is the request's header without Authorization, so a test that
	// prints a request cannot leak the token.
	Header http.Header
	// BotAuth reports whether Authorization was "Bot <token>" with the
	// fake's token.
	BotAuth     bool
	ContentType string
	// Body is the JSON body; for a multipart request, its payload_json part.
	Body []byte
	// Files are the attachments of a multipart request.
	Files []File
	// Status is the HTTP status the fake answered.
	Status int
}

// File is an attachment sent in a multipart request.
type File struct {
	Field       string
	Name        string
	ContentType string
	Data        []byte
}

// Decode unmarshals the request's JSON body into v.
func (r Request) Decode(v any) error {
	if err := json.Unmarshal(r.Body, v); err != nil {
		return fmt.Errorf("decode body of %s %s: %w", r.Method, redactPath(r.Path), err)
	}
	return nil
}

func (r Request) clone() Request {
	r.Query = maps.Clone(r.Query)
	r.Params = maps.Clone(r.Params)
	r.Header = r.Header.Clone()
	r.Body = slices.Clone(r.Body)
	r.Files = slices.Clone(r.Files)
	for i := range r.Files {
		r.Files[i].Data = slices.Clone(r.Files[i].Data)
	}
	return r
}

// maxBody bounds what the fake reads; Discord's own limit is 25 MiB of files.
const maxBody = 32 << 20

// pathParams are the wildcard names the routes use.
var pathParams = []string{"app", "guild", "interaction", "token", "message", "channel"}

// readRequest records r. A malformed multipart body is an error.
func readRequest(r *http.Request, route Route, token string) (*Request, error) {
	req := &Request{
		Route:       route,
		Method:      r.Method,
		Path:        r.URL.Path,
		Query:       r.URL.Query(),
		Params:      map[string]string{},
		Header:      r.Header.Clone(),
		BotAuth:     r.Header.Get("Authorization") == "Bot "+token,
		ContentType: r.Header.Get("Content-Type"),
	}
	req.Header.Del("Authorization")
	for _, name := range pathParams {
		if v := r.PathValue(name); v != "" {
			req.Params[name] = v
		}
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
	if err != nil {
		return req, fmt.Errorf("read body: %w", err)
	}
	req.Body = body
	mediaType, params, _ := mime.ParseMediaType(req.ContentType)
	if mediaType == "multipart/form-data" {
		if err := req.readMultipart(params["boundary"]); err != nil {
			return req, fmt.Errorf("read multipart body: %w", err)
		}
	}
	return req, nil
}

// readMultipart replaces Body with the payload_json part and collects the
// files, which is how discordgo sends messages with attachments.
func (req *Request) readMultipart(boundary string) error {
	mr := multipart.NewReader(bytes.NewReader(req.Body), boundary)
	var payload []byte
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		data, err := io.ReadAll(p)
		if err != nil {
			return err
		}
		if p.FormName() == "payload_json" {
			payload = data
			continue
		}
		req.Files = append(req.Files, File{
			Field:       p.FormName(),
			Name:        p.FileName(),
			ContentType: p.Header.Get("Content-Type"),
			Data:        data,
		})
	}
	req.Body = payload
	return nil
}

// redactPath hides the token segment of interaction and webhook paths so
// logs and failure messages never show one.
func redactPath(p string) string {
	parts := strings.Split(p, "/")
	for i := 0; i+2 < len(parts); i++ {
		if parts[i] == "interactions" || parts[i] == "webhooks" {
			parts[i+2] = "<token>"
		}
	}
	return strings.Join(parts, "/")
}

// Requests returns a copy of every REST request so far, in order.
func (f *Fake) Requests() []Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]Request, len(f.requests))
	for i, r := range f.requests {
		out[i] = r.clone()
	}
	return out
}

// WaitRequest returns the first recorded request, past or future, for which
// match is true, waiting until ctx ends. match runs with the fake's lock held
// and must not call the fake. To wait for a later request than one already
// seen, match on Seq.
func (f *Fake) WaitRequest(ctx context.Context, match func(Request) bool) (Request, error) {
	var found Request
	checked := 0
	err := f.wait(ctx, func() bool {
		for ; checked < len(f.requests); checked++ {
			if r := f.requests[checked].clone(); match(r) {
				found = r
				return true
			}
		}
		return false
	})
	if err != nil {
		return Request{}, fmt.Errorf("wait for a matching request: %w", err)
	}
	return found, nil
}
