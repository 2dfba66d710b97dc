package discordfake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

// maxCommandsPerType is Discord's cap on commands of one type in one scope.
const maxCommandsPerType = 100

// putCommands is the bulk overwrite: the request's list replaces every
// command of the scope. A command that keeps its name and type keeps its ID,
// as on Discord, so re-registering at each start does not churn IDs.
func (f *Fake) putCommands(req *Request) reply {
	if req.Params["app"] != f.cfg.appID {
		return errMissingAccess
	}
	var cmds []*discordgo.ApplicationCommand
	if err := json.Unmarshal(req.Body, &cmds); err != nil {
		return invalidForm("_root", "ARRAY_TYPE_CONVERT", "Only iterables may be used in a ListType: "+err.Error())
	}
	guild := req.Params["guild"]
	var old []*discordgo.ApplicationCommand
	if raw := f.commands[guild]; raw != nil {
		_ = json.Unmarshal(raw, &old) // the fake wrote it
	}
	type key struct {
		t    discordgo.ApplicationCommandType
		name string
	}
	oldIDs := map[key]string{}
	for _, c := range old {
		oldIDs[key{c.Type, c.Name}] = c.ID
	}
	seen := map[key]bool{}
	perType := map[discordgo.ApplicationCommandType]int{}
	for i, c := range cmds {
		if c == nil {
			return invalidForm(fmt.Sprintf("%d", i), "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType")
		}
		if c.Type == 0 {
			c.Type = discordgo.ChatApplicationCommand
		}
		if rep, bad := checkCommand(i, c); bad {
			return rep
		}
		k := key{c.Type, c.Name}
		if seen[k] {
			return invalidForm(fmt.Sprintf("%d.name", i), "APPLICATION_COMMANDS_DUPLICATE_NAME", "Application command names must be unique")
		}
		seen[k] = true
		if perType[c.Type]++; perType[c.Type] > maxCommandsPerType {
			return fail(http.StatusBadRequest, 30032, "Maximum number of application commands reached (100)")
		}
		c.ID = oldIDs[k]
		if c.ID == "" {
			c.ID = f.snowflakeLocked()
		}
		c.ApplicationID = f.cfg.appID
		c.GuildID = guild
		c.Version = f.snowflakeLocked()
	}
	if cmds == nil {
		cmds = []*discordgo.ApplicationCommand{}
	}
	raw, err := json.Marshal(cmds)
	if err != nil {
		return fail(http.StatusInternalServerError, 0, "discordfake: encode commands: "+err.Error())
	}
	f.commands[guild] = raw
	return reply{http.StatusOK, json.RawMessage(raw)}
}

// checkCommand applies the rules Discord enforces on every command that a
// bot is likely to break; the full rules live in bot/discordspec.
func checkCommand(i int, c *discordgo.ApplicationCommand) (reply, bool) {
	field := func(name string) string { return fmt.Sprintf("%d.%s", i, name) }
	n := utf8.RuneCountInString(c.Name)
	switch {
	case n == 0:
		return invalidForm(field("name"), "BASE_TYPE_REQUIRED", "This field is required"), true
	case n > 32:
		return invalidForm(field("name"), "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 32 in length."), true
	}
	d := utf8.RuneCountInString(c.Description)
	switch c.Type {
	case discordgo.ChatApplicationCommand:
		if d == 0 {
			return invalidForm(field("description"), "BASE_TYPE_REQUIRED", "This field is required"), true
		}
		if d > 100 {
			return invalidForm(field("description"), "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length."), true
		}
	case discordgo.UserApplicationCommand, discordgo.MessageApplicationCommand:
		if d != 0 {
			return invalidForm(field("description"), "APPLICATION_COMMAND_DESCRIPTION_NOT_ALLOWED", "Context menu commands cannot have description"), true
		}
	}
	return reply{}, false
}

func (f *Fake) getCommands(req *Request) reply {
	if req.Params["app"] != f.cfg.appID {
		return errMissingAccess
	}
	raw := f.commands[req.Params["guild"]]
	if raw == nil {
		raw = []byte("[]")
	}
	return reply{http.StatusOK, json.RawMessage(raw)}
}

// Commands returns the commands registered for a guild, or the global ones
// when guildID is "". The result is a fresh copy each call.
func (f *Fake) Commands(guildID string) []*discordgo.ApplicationCommand {
	f.mu.Lock()
	raw := f.commands[guildID]
	f.mu.Unlock()
	cmds := []*discordgo.ApplicationCommand{}
	if raw != nil {
		if err := json.Unmarshal(raw, &cmds); err != nil {
			// The fake encoded raw itself from the same type.
			panic(fmt.Sprintf("discordfake: decode stored commands: %v", err))
		}
	}
	return cmds
}
