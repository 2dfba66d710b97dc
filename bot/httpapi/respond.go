package httpapi

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/bwmarrin/discordgo"
)

// apologyText is all a user learns when answering failed; the log has the
// detail.
const apologyText = "Sorry, something went wrong while answering. Please try again in a moment."

// apology is the answer given when the handler failed, panicked or ran out
// of time: visible to the asker only, and mentioning nobody.
func apology() *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{
			Content:         apologyText,
			Flags:           discordgo.MessageFlagsEphemeral,
			AllowedMentions: &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}},
		},
	}
}

// Fixed response bodies. Errors are deliberately terse: a client learns the
// class of its mistake and nothing about which check it failed.
var (
	bodyPong              = []byte(`{"type":1}`)
	bodyDeferred          = []byte(`{"type":5}`)
	bodyDeferredEphemeral = []byte(`{"type":5,"data":{"flags":64}}`)
	bodyUnauthorized      = []byte(`{"error":"invalid request signature"}`)
	bodyBadRequest        = []byte(`{"error":"bad request"}`)
	bodyTooLarge          = []byte(`{"error":"request body too large"}`)
	bodyInternal          = []byte(`{"error":"internal error"}`)
	bodyReplay            = []byte(`{"error":"interaction already received"}`)
	bodyApology           = mustJSON(apology())
)

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

func writeJSON(w http.ResponseWriter, code int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(code)
	_, _ = w.Write(body)
}
