package discordspec_test

import (
	"fmt"

	"github.com/bwmarrin/discordgo"
	"github.com/explainbot/explainbot/bot/discordspec"
)

// A reply that forgets allowed_mentions and has a 101-rune custom_id.
func ExampleSpec_ValidateResponseFor() {
	spec, err := discordspec.Load()
	if err != nil {
		fmt.Println(err)
		return
	}
	reply := &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{
			Content: "An LLM is a large language model.",
			Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.Button{Label: "More", CustomID: fmt.Sprintf("%0101d", 0)},
			}}},
		},
	}
	fmt.Println(spec.ValidateResponseFor(discordgo.InteractionApplicationCommand, reply))
	// Output:
	// discordspec: interaction response breaks 2 rules:
	//   data.allowed_mentions: missing; no-pings rule (ours): nothing a user types may ping, so send allowed_mentions {"parse": []} [ours: no-pings]
	//   data.components[0].components[0].custom_id: 101 runes > 100 [schema: ButtonComponentForMessageRequest/properties/custom_id/maxLength; limits: message.components_legacy.custom_id_len]
}
