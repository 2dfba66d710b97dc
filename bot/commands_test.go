package bot

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/explainbot/explainbot/bot/discordspec"
)

func validateCommands(t *testing.T, cmds []*discordgo.ApplicationCommand) {
	t.Helper()
	if err := discordspec.MustLoad(t).ValidateCommands(cmds); err != nil {
		t.Errorf("commands break Discord's rules: %v", err)
	}
}

func TestCommands(t *testing.T) {
	b, _ := newBot(t, nil, Options{})
	cmds := b.Commands()
	validateCommands(t, cmds)
	checkGolden(t, "commands", cmds)

	byName := map[string]*discordgo.ApplicationCommand{}
	for _, c := range cmds {
		byName[c.Name] = c
	}
	for _, name := range []string{cmdExplain, cmdAsk, cmdCompare, cmdTopics, cmdExplainThis, cmdReload, cmdUnanswered} {
		if byName[name] == nil {
			t.Errorf("no command %q", name)
		}
	}
	if c := byName[cmdExplainThis]; c != nil && c.Type != discordgo.MessageApplicationCommand {
		t.Errorf("Explain this has type %d, want a message command", c.Type)
	}
	if o := byName[cmdExplain].Options[0]; !o.Autocomplete || !o.Required {
		t.Errorf("explain topic %+v: want required with autocomplete", o)
	}
	for _, name := range []string{cmdExplain, cmdAsk} {
		var got []string
		for _, o := range byName[name].Options {
			got = append(got, o.Name+":"+o.Type.String())
		}
		if strings.Join(got[1:], ",") != "private:Boolean,mention:User" {
			t.Errorf("%s options %v, want private and mention", name, got)
		}
	}
	var aspects []string
	for _, c := range byName[cmdCompare].Options[0].Choices {
		aspects = append(aspects, c.Name)
	}
	if strings.Join(aspects, ",") != "scope,purpose,technology,examples,applications" {
		t.Errorf("aspect choices %v", aspects)
	}
	if len(byName[cmdCompare].Options) != 1 {
		t.Errorf("one comparison, yet /compare has options %+v", byName[cmdCompare].Options)
	}

	// The teacher's commands: Manage Server only, in servers only, as
	// Discord receives them (discordgo writes the permission as a string).
	raw, err := json.Marshal(cmds)
	if err != nil {
		t.Fatal(err)
	}
	var wire []map[string]any
	if err := json.Unmarshal(raw, &wire); err != nil {
		t.Fatal(err)
	}
	for _, c := range wire {
		name := c["name"].(string)
		teacher := name == cmdReload || name == cmdUnanswered
		perm, has := c["default_member_permissions"]
		switch {
		case teacher && (perm != "32" || c["dm_permission"] != false || len(c["contexts"].([]any)) != 1 || c["contexts"].([]any)[0] != float64(0)):
			t.Errorf("%s: permissions %v, dm %v, contexts %v; want Manage Server (32), no DMs, guild only", name, perm, c["dm_permission"], c["contexts"])
		case !teacher && has:
			t.Errorf("%s is restricted to %v", name, perm)
		}
	}
}
