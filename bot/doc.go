// Package bot turns the answer engine's answers into Discord messages: the
// slash commands a class uses (/explain, /ask, /compare, /topics, the
// "Explain this" message command and the teacher's /reload and /unanswered),
// the embeds and buttons of an answer, and the gateway adapter that runs it
// all on a discordgo session.
//
// The core is [Bot.Handle], a pure function from an interaction to the
// response Discord should get. The gateway adapter ([Bot.RunGateway]) and
// the HTTP interactions endpoint (package httpapi) both call it, so the two
// modes answer alike and tests need no Discord at all. Only the adapters
// touch a session. The few replies that need a REST call after the callback
// (deleting a dismissed answer) say so through [Bot.After], which is decided
// from the interaction alone, so any replica can run it.
//
// Buttons are stateless: their custom IDs name the article by a short hash
// of its path and the section by its position, and the question is read back
// from the answer embed's author line. Any replica, before or after a
// restart, understands a button pressed on an older answer.
//
// Nothing a user types may ping anyone: every message sends allowed_mentions
// with an empty parse list, and quoted text is escaped for Markdown with a
// zero-width space after each "@".
package bot
