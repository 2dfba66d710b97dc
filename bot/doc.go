// Package bot turns the answer engine's answers into Discord messages: the
// slash commands a class uses (/explain, /ask, /compare, /topics, the
// "Explain this" message command and the teacher's /reload and /unanswered),
// the embeds and buttons of an answer, and the gateway adapter that runs it
// all on a discordgo session.
//
// The core is [Bot.Handle], a function from an interaction to a [Reply]:
// the response, whether it is deferred (only /reload is), and any work
// after the callback (deleting a dismissed answer). It touches no session,
// so tests need no Discord at all. A [Lifecycle] carries a Reply out
// through one transport, and is where the two modes agree: the inline and
// deferred deadlines, the apology when handling fails, overruns or is
// refused, the follow-up after a deferral, and a shutdown that waits for
// pending work. The gateway ([Bot.RunGateway]) sends the callback over
// REST; the HTTP endpoint (package httpapi) writes it as the HTTP
// response. Both send follow-ups and After work through the interaction's
// webhook.
//
// In gateway mode the bot also answers channel messages (Options.Messages):
// a mention of it or its managed role, a reply to one of its answers, a DM,
// and, in opt-in ask channels, every new message or forum post. A message
// is read by readMessage (from the event alone) and resolve (what only
// Discord can tell: a role, a forum post's parent, a reply the event left
// out, a thread's last answer), answered by the same ask as /ask, and
// replied to with the same embed and buttons (messagereply.go). A follow-up
// takes its context from Discord each time, the answer replied to or the
// thread's last one, never from memory; Bot.Intents asks for the privileged
// Message Content intent only when ask channels are set.
//
// Rendering depends on the answer alone: the positions and keys a reply's
// buttons carry come with the answer from the index that answered, so a
// reload between asking and rendering cannot make buttons vanish or point
// elsewhere.
//
// Buttons are stateless: their custom IDs name the article by a short hash
// of its path and the section by its position and a checksum of its ID, and
// the question is read back from the answer embed's author line. Any replica, before or after a
// restart, understands a button pressed on an older answer.
//
// Nothing a user types may ping anyone: every message sends allowed_mentions
// with an empty parse list, and quoted text gets a zero-width space after
// each "@" and is escaped for Markdown wherever Discord renders Markdown
// (not in an embed's author line, which shows text as typed).
package bot
