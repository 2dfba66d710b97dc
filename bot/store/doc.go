// Package store keeps the classroom record a teacher reads to improve the
// material: questions the bot could not answer, answers it gave with low
// confidence, and the "Helpful"/"Not helpful" buttons students pressed.
//
// The record lives in one SQLite file, explainbot.sqlite, under the data
// directory, in WAL mode through modernc.org/sqlite (pure Go, no cgo). WAL
// lets readers run beside the writer, so `explainbot unanswered` reads the
// file while `explainbot serve` writes it.
//
// # Nothing slow on the reply path
//
// RecordUnanswered and RecordFeedback never wait for the disk: they put the
// record on a bounded queue that one background writer empties, committing
// whatever is waiting in one transaction. When the queue is full the record
// is dropped and counted (Stats), never the reply. Close drains the queue.
// A process killed with SIGKILL loses what was still queued: at most
// Options.QueueSize records, the ones accepted in the last moments.
//
// # Failing safe
//
// A file that cannot be opened or fails SQLite's quick_check, or whose
// tables or salt are missing while it holds records, is moved aside
// (explainbot.sqlite.damaged-<time>, named in the log) and a fresh one is
// started. A data directory that cannot be written turns the record off:
// answering goes on, records are dropped and counted, and a warning is
// logged at most once a minute.
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
