package bot

import (
	"encoding/json"
	"fmt"
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
	// Nothing registered comes from the index, so nothing goes stale on
	// /reload: /compare's aspect and table are autocompleted.
	for _, o := range byName[cmdCompare].Options {
		if !o.Autocomplete || len(o.Choices) != 0 || o.Required {
			t.Errorf("compare option %q: autocomplete %v, %d choices, required %v; want optional with autocomplete", o.Name, o.Autocomplete, len(o.Choices), o.Required)
		}
	}
	if other, _ := newBot(t, twoArticleIndex(t), Options{}); mustJSON(t, other.Commands()) != mustJSON(t, cmds) {
		t.Error("the commands depend on the articles loaded")
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
		contexts := "guild, bot DM"
		if teacher {
			contexts = "guild"
		}
		if got := fmt.Sprint(c["integration_types"]); got != "[0]" {
			t.Errorf("%s: integration types %s, want [0] (installed to servers only)", name, got)
		}
		if got, want := fmt.Sprint(c["contexts"]), map[string]string{"guild": "[0]", "guild, bot DM": "[0 1]"}[contexts]; got != want {
			t.Errorf("%s: contexts %s, want %s (%s)", name, got, want, contexts)
		}
		if _, ok := c["dm_permission"]; ok {
			t.Errorf("%s states the deprecated dm_permission", name)
		}
		switch {
		case teacher && perm != "32":
			t.Errorf("%s: permissions %v, want Manage Server (32)", name, perm)
		case !teacher && has:
			t.Errorf("%s is restricted to %v", name, perm)
		}
	}
}
