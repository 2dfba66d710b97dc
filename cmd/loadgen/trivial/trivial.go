// Package trivial is the yardstick explainbot's speed is measured against:
// an interactions endpoint that does what any Discord HTTP bot must (verify
// the Ed25519 signature, decode the interaction, encode a reply) and
// nothing else. It answers every command with one canned embed and every
// autocomplete with one canned choice, so that the load generator's ratio
// bot/trivial says what explainbot's own work costs on the same machine in
// the same run.
package trivial

import (
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"net/http"

	"github.com/bwmarrin/discordgo"
)

// maxBody bounds a request body, as explainbot's endpoint does.
const maxBody = 64 << 10

// Canned replies, encoded per request as a real bot encodes its own.
var (
	answer = &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{
			Embeds: []*discordgo.MessageEmbed{{
				Title:       "What Are Large Language Models (LLMs)?",
				Description: "Large language models are a kind of generative AI trained on text to predict and produce language.",
				Footer:      &discordgo.MessageEmbedFooter{Text: "Generative AI vs LLMs › What Are Large Language Models (LLMs)?"},
			}},
			AllowedMentions: &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}},
		},
	}
	choices = &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: []*discordgo.ApplicationCommandOptionChoice{
			{Name: "What Are Large Language Models (LLMs)?", Value: "What Are Large Language Models (LLMs)?"},
		}},
	}
)

// Handler serves POST of signed interactions for key: 401 for a bad
// signature, 400 for a body that is not an interaction, the canned reply
// otherwise (type 1 for a ping).
func Handler(key ed25519.PublicKey) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			http.Error(w, "POST only", http.StatusMethodNotAllowed)
			return
		}
		sig, err := hex.DecodeString(r.Header.Get("X-Signature-Ed25519"))
		ts := r.Header.Get("X-Signature-Timestamp")
		if err != nil || len(sig) != ed25519.SignatureSize || ts == "" {
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		var buf bytes.Buffer
		buf.WriteString(ts)
		if _, err := buf.ReadFrom(http.MaxBytesReader(w, r.Body, maxBody)); err != nil {
			http.Error(w, "bad body", http.StatusBadRequest)
			return
		}
		if !ed25519.Verify(key, buf.Bytes(), sig) {
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		var i discordgo.Interaction
		if err := json.Unmarshal(buf.Bytes()[len(ts):], &i); err != nil {
			http.Error(w, "bad interaction", http.StatusBadRequest)
			return
		}
		reply := answer
		switch i.Type {
		case discordgo.InteractionPing:
			reply = &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong}
		case discordgo.InteractionApplicationCommandAutocomplete:
			reply = choices
		}
		body, err := json.Marshal(reply)
		if err != nil {
			http.Error(w, "encode", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	})
}
