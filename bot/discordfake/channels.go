package discordfake

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/bwmarrin/discordgo"
)

// Discord's answers about channels and roles.
var errUnknownChannel = fail(http.StatusNotFound, 10003, "Unknown Channel")

// AddChannel makes a channel known to the fake: a text, forum or DM
// channel, or a thread (give its ParentID). GET /channels/{id} answers it
// and messages may be posted in it. Adding a known ID again replaces it.
// PostMessage adds the channels it is given without one.
func (f *Fake) AddChannel(ch *discordgo.Channel) error {
	if ch == nil || ch.ID == "" {
		return errors.New("add channel: no channel ID")
	}
	c := *ch
	f.mu.Lock()
	f.channels[c.ID] = &c
	f.notifyLocked()
	f.mu.Unlock()
	return nil
}

// channelLocked finds a known channel, adding a text channel of guild (or a
// DM when guild is "") for an ID never seen. The caller holds f.mu.
func (f *Fake) channelLocked(id, guild string) *discordgo.Channel {
	if c := f.channels[id]; c != nil {
		return c
	}
	c := &discordgo.Channel{ID: id, GuildID: guild, Type: discordgo.ChannelTypeGuildText}
	if guild == "" {
		c.Type = discordgo.ChannelTypeDM
	}
	f.channels[id] = c
	return c
}

func (f *Fake) getChannel(req *Request) reply {
	c := f.channels[req.Params["channel"]]
	if c == nil {
		return errUnknownChannel
	}
	raw, err := json.Marshal(c)
	if err != nil {
		return fail(http.StatusInternalServerError, 0, "discordfake: encode channel: "+err.Error())
	}
	return reply{http.StatusOK, json.RawMessage(raw)}
}

// PostForum opens a new post in forum channel forumID, as a user does: a
// thread named title whose first message, with the thread's own ID, is p
// (p.ChannelID is ignored). The fake dispatches THREAD_CREATE, then the
// message as PostMessage does, and returns the message.
func (f *Fake) PostForum(ctx context.Context, forumID, title string, p Post) (*discordgo.Message, error) {
	f.mu.Lock()
	forum := f.channels[forumID]
	if forum == nil || (forum.Type != discordgo.ChannelTypeGuildForum && forum.Type != discordgo.ChannelTypeGuildMedia) {
		f.mu.Unlock()
		return nil, fmt.Errorf("post forum: %s is not a forum channel the fake knows (AddChannel it first)", forumID)
	}
	thread := &discordgo.Channel{ID: f.snowflakeLocked(), GuildID: forum.GuildID, ParentID: forumID,
		Type: discordgo.ChannelTypeGuildPublicThread, Name: title, OwnerID: authorID(p.Author)}
	f.channels[thread.ID] = thread
	f.notifyLocked()
	f.mu.Unlock()

	created := struct {
		*discordgo.Channel
		NewlyCreated bool `json:"newly_created"`
	}{thread, true}
	if err := f.Dispatch(ctx, "THREAD_CREATE", created); err != nil {
		return nil, fmt.Errorf("post forum: %w", err)
	}
	p.ChannelID, p.GuildID = thread.ID, forum.GuildID
	p.id = thread.ID
	return f.PostMessage(ctx, p)
}

func authorID(u *discordgo.User) string {
	if u == nil {
		return ""
	}
	return u.ID
}

// BotRole returns the ID of the role Discord manages for the bot in guild,
// the one a user picks when they type "@explainbot" and choose the role.
// GET /guilds/{guild}/roles lists it with tags.bot_id set.
func (f *Fake) BotRole(guild string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.botRoleLocked(guild)
}

func (f *Fake) botRoleLocked(guild string) string {
	id := f.botRoles[guild]
	if id == "" {
		id = f.snowflakeLocked()
		f.botRoles[guild] = id
	}
	return id
}

// getGuildRoles lists @everyone and the bot's managed role.
func (f *Fake) getGuildRoles(req *Request) reply {
	guild := req.Params["guild"]
	return reply{http.StatusOK, []map[string]any{
		{"id": guild, "name": "@everyone", "managed": false, "position": 0, "permissions": "0"},
		{"id": f.botRoleLocked(guild), "name": f.cfg.botUsername, "managed": true, "position": 1, "permissions": "0",
			"tags": map[string]any{"bot_id": f.cfg.botUserID}},
	}}
}
