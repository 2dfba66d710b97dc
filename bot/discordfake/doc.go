// Package discordfake is a local stand-in for Discord that a real discordgo
// session talks to over real HTTP and a real websocket on 127.0.0.1.
//
// Tests of the bot use it instead of mocking discordgo: the bot's own session
// opens the gateway, receives READY and INTERACTION_CREATE dispatches, and
// answers through the same REST calls it makes in production. In HTTP mode
// the fake plays Discord the other way round: [Fake.Deliver] signs an
// interaction with the application's key ([Fake.PublicKey]) and posts it to
// the bot's endpoint, whose response is the callback.
//
// Messages work the same way: [Fake.PostMessage] sends a user's message
// (a mention, a reply, a DM) and dispatches MESSAGE_CREATE with its content
// only where Discord's intents would show it, [Fake.PostForum] opens a
// forum post (a thread whose first message shares its ID), and the bot
// replies, reads messages and channels and lists a channel's recent
// messages over the REST routes it uses against Discord. Identify is
// checked for privileged intents the application has not enabled
// ([WithEnabledIntents]) and closed with 4014 as Discord does.
//
// The fake records every request in order and refuses what Discord would:
// every callback, follow-up, edit and command set is checked by package
// discordspec, where Discord's rules (and our no-pings rule) live, and the
// fake itself keeps only the rules of state (acknowledge an interaction
// once, no follow-ups before the acknowledgement, no edit that leaves a
// message empty, no privileged intents). A test thus fails the way
// production would.
//
// A session is pointed at the fake with [Fake.HTTPClient]; the gateway URL
// the fake hands out then leads discordgo's websocket dialer to it as well:
//
//	f := discordfake.New(t)
//	s, _ := discordgo.New("Bot " + f.Token())
//	s.Client = f.HTTPClient()
//	err := s.Open()
package discordfake
