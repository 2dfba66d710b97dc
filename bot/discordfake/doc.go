// Package discordfake is a local stand-in for Discord that a real discordgo
// session talks to over real HTTP and a real websocket on 127.0.0.1.
//
// Tests of the bot use it instead of mocking discordgo: the bot's own session
// opens the gateway, receives READY and INTERACTION_CREATE dispatches, and
// answers through the same REST calls it makes in production. The fake
// records every request in order and enforces the Discord rules that catch
// real bugs (acknowledge an interaction once, no empty messages, no
// followups before the acknowledgement, no privileged intents), so a test
// fails the way production would.
//
// A session is pointed at the fake with [Fake.HTTPClient]; the gateway URL
// the fake hands out then leads discordgo's websocket dialer to it as well:
//
//	f := discordfake.New(t)
//	s, _ := discordgo.New("Bot " + f.Token())
//	s.Client = f.HTTPClient()
//	err := s.Open()
package discordfake
