// Package discordspec checks what the bot sends to Discord against Discord's
// own rules, so a reply Discord would reject (or a reply that would ping
// people) fails a test instead of failing in a classroom.
//
// Two sources are combined, both carried in discord-spec/ beside this file
// (its README names where they came from and their licence). The JSON
// Schemas in interactions-schemas.json and message-schemas.json (the body
// of Create Message, merged into the first) are extracts of Discord's
// OpenAPI spec; each entry point under "x-roots" is compiled by JSON pointer
// and the marshalled payload is validated against it. The rules the schemas cannot
// express (rune limits that depend on several fields, name patterns,
// uniqueness, ordering, which callback type fits which interaction) come from
// limits.json and are checked in Go. Where the docs and the spec disagree the
// stricter docs value is used, as limits.json asks.
//
// One rule is ours rather than Discord's: every message the bot creates must
// send allowed_mentions with an empty parse list, because answers quote text
// that users typed and nothing a user types may ping anyone. The one ping
// allowed is of a user the message addresses: "<@id>" in its content and
// that ID in allowed_mentions.users.
//
// Every check works on the JSON that goes over the wire, so the typed
// functions (ValidateResponse, ValidateCommands, ...) marshal discordgo values
// first and the *JSON functions accept raw bodies, as an HTTP endpoint's test
// sees them. A failure is an *Error listing every violation with a path such
// as "data.embeds[0].description".
package discordspec
