// Package testlog routes what code under test logs through slog to the
// test's own output ([testing.TB.Output]), so that each log line shows
// beside the test that wrote it, and keeps a copy for tests that check what
// was logged (an interaction ID, never a token).
//
// Lines written after the test has ended, by goroutines that outlive it
// (a discordgo session reconnecting, a background writer finishing), are
// kept in the copy but no longer sent to the test's output, where testing
// would panic on them.
package testlog
