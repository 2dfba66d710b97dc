// Package store keeps the classroom record a teacher reads to improve the
// material: questions the bot could not answer, answers it gave with low
// confidence, and the "Helpful"/"Not helpful" buttons students pressed.
//
// The record lives in one embedded bbolt file, explainbot.db, under the data
// directory: no server, no cgo, and a second process that tries to open the
// same file gets a clear "locked by another process" error instead of hanging.
//
// # Privacy
//
// Students ask questions to learn, not to be tracked, so the store never
// writes a Discord user ID. It keeps instead the first 16 hex
// digits (64 bits) of HMAC-SHA256(salt, userID). That is enough to count
// distinct askers and to let each student hold only one vote per answer,
// while a report, a backup or a copied file shows no ID that can be looked
// up on Discord.
//
// This is pseudonymisation, not anonymisation. Discord IDs are not secret, so
// anyone who holds both the salt and a list of candidate IDs (say, the class
// roster) can recompute the hashes. By default the salt is 32 random bytes
// created on first open and kept in the same file, which keeps hashes stable
// across restarts but protects only against people who see reports, not the
// file itself. Passing Options.Salt from a secret kept outside the data
// directory also protects a leaked file; changing that secret starts a fresh
// set of pseudonyms. Question text is kept as typed (capped at 500 runes)
// because a teacher needs to read it; the retention bound (Options.MaxEntries)
// limits how much of it accumulates.
package store
