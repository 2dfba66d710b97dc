package discordfake

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/bwmarrin/discordgo"
)

// putCommands is the bulk overwrite: the request's list replaces every
// command of the scope. A command that keeps its name and type keeps its ID,
// as on Discord, so re-registering at each start does not churn IDs.
func (f *Fake) putCommands(req *Request) reply {
	if req.Params["app"] != f.cfg.appID {
		return errMissingAccess
	}
	if rep, bad := refuse(f.spec.ValidateCommandsJSON(req.Body), 0); bad {
		return rep
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
	for i, c := range cmds {
		if c == nil {
			return invalidForm(fmt.Sprintf("%d", i), "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType")
		}
		if c.Type == 0 {
			c.Type = discordgo.ChatApplicationCommand
		}
		k := key{c.Type, c.Name}
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
